// Reading whole files, with errors as messages rather than exceptions.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace collab {

// The file's bytes, or nullopt with `error` saying why (permission denied, a folder ...).
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error);

}  // namespace collab
