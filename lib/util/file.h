// Reading whole files, with errors as messages rather than exceptions.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace collab {

// The file's bytes, or nullopt with `error` saying why (permission denied, a folder, a
// FIFO or device, which are never opened for reading so they cannot block ...).
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error);

// Like read_file, but refuses files larger than `max_bytes` (setting `too_large`). With
// `follow_final_link` false a path that is itself a symbolic link is refused (O_NOFOLLOW),
// so a link swapped in after a check cannot lead the read elsewhere.
std::optional<std::string> read_file_limited(const std::filesystem::path& path,
                                             std::size_t max_bytes, std::string& error,
                                             bool& too_large, bool follow_final_link = true);

}  // namespace collab
