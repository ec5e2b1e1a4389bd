// Writing JSON-shaped data as block-style YAML that any YAML reader loads back to the
// same values: strings that could read as something else are quoted.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace collab {

std::string to_yaml(const nlohmann::ordered_json& value);

}  // namespace collab
