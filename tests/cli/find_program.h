// The test programs (headless Chromium, Graphviz's dot) are looked up on PATH when a test
// runs, never at configure time: `./scripts/collab validate` configures the build before
// `./scripts/test` installs them (issue 13), and a cached NOTFOUND must not outlive that.
#pragma once
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace collab::testing {

// The absolute path of the executable `name` in PATH's folders, in order; throws, naming the
// program and how to install it, when there is none.
inline std::string find_program(const std::string& name, std::string_view package) {
    const char* path = std::getenv("PATH");
    std::string_view folders = path ? path : "";
    while (true) {
        const auto colon = folders.find(':');
        const std::string folder(folders.substr(0, colon));
        if (!folder.empty()) {
            const std::filesystem::path candidate = std::filesystem::path(folder) / name;
            if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate))
                return candidate.string();
        }
        if (colon == std::string_view::npos) break;
        folders.remove_prefix(colon + 1);
    }
    throw std::runtime_error("'" + name + "' is not on PATH; install it with `apt-get install " +
                             std::string(package) + "` or run ./scripts/setup --test");
}

}  // namespace collab::testing
