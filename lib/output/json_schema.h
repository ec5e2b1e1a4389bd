// JSON Schema (draft 2020-12) for each kind and for collab.yaml, generated from the field
// tables the validator reads, so editors (yaml-language-server and others) complete and
// check records by the same rules. The schema can say what one file may hold; the checks
// that need the whole store (references, dates against each other, roles) stay collab's.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "model/config.h"
#include "model/kind.h"

namespace collab {

// `config` supplies the areas vocabulary when the store declares one; nullptr: any slug.
nlohmann::ordered_json record_schema(Kind kind, const Config* config);
nlohmann::ordered_json config_schema();

// The file name each schema is written to by `collab schema --out DIR`.
std::string schema_file_name(Kind kind);
inline constexpr const char* config_schema_file_name = "collab.schema.json";

}  // namespace collab
