// Running the collab binary from tests: arguments, environment and working directory in;
// stdout, stderr and exit status out. Optionally on a pseudo-terminal, to test colour.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace collab::testing {

struct ProcessResult {
    std::string out;
    std::string err;
    int status = -1;  // exit status, or 128 + signal
};

struct ProcessSpec {
    std::vector<std::string> argv;
    std::map<std::string, std::string> env;  // the whole environment of the child
    std::string cwd;
    bool terminal = false;  // stdout on a pseudo-terminal (stderr then joins it)
    unsigned short terminal_columns = 80;
};

ProcessResult run_process(const ProcessSpec& spec);

// The environment tests run collab in: PATH and HOME only, so no COLLAB_* or NO_COLOR
// of the developer's leaks in.
std::map<std::string, std::string> clean_env();

// `binary --store STORE ARGS...` in clean_env() with COLLAB_TODAY=2026-01-15 (the date the
// fixtures are written for), plus `env`: how the CLI test programs run collab on a store.
ProcessResult run_collab_on(const std::string& binary, const std::filesystem::path& store,
                            const std::vector<std::string>& args,
                            const std::map<std::string, std::string>& env = {});

// A whole file's bytes ("" when it cannot be read).
std::string slurp(const std::filesystem::path& path);

}  // namespace collab::testing
