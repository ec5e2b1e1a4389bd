// Running another program (git) without a shell: arguments are never spliced into a command
// line, so no file name or revision can inject anything.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace collab {

struct SubprocessResult {
    std::string out;
    std::string err;
    int status = -1;  // exit status, or 128 + signal; -1 when it could not be started
};

// Runs argv[0] (looked up in PATH) in `cwd` with `input` on its standard input, and waits.
// Output is collected in memory files rather than pipes, so a large output cannot deadlock
// against a large input.
SubprocessResult run_subprocess(const std::vector<std::string>& argv,
                                const std::filesystem::path& cwd, const std::string& input = {});

}  // namespace collab
