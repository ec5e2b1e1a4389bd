// Golden-output tests: `golden COLLAB CASE_DIR` runs collab as the case says and compares
// stdout, stderr and the exit status with CASE_DIR/expected, whole.
//
// A case folder holds:
//   cmd       the arguments, on one line (words split at spaces; '...' or "..." keep spaces)
//   env       optional KEY=VALUE lines added to a clean environment (COLLAB_TODAY defaults
//             to 2026-01-15 so date checks are stable)
//   store/    optional fixture store the cmd names, e.g. `--store store validate`
//   expected  stdout, then `--- stderr` and its text when not empty, then `--- exit N`
//   after     optional: commands that write run in a temporary copy of the case folder, and
//             the files listed here (one path a line) are shown after the run, whole
// A cmd of several lines runs each line in turn; each output starts with `$ collab ARGS`.
// With COLLAB_UPDATE_GOLDEN=1 the expected file is rewritten instead (review the diff!).
//
// `golden --coverage CASES_DIR` checks that every diagnostic code appears in some case.
// `golden --docs COLLAB REPO` runs every ```console block of README.md and docs/*.md: each
// `$ collab ...` or `$ ./scripts/collab ...` line from the repository root, its output
// compared with the lines below it. As a newcomer runs them (issue 13): no COLLAB_TODAY and
// no store but what the line names (--store, --today are spelled out in the docs); a
// `./scripts/collab` line gets only what that script adds, the example store data/ as the
// fallback (COLLAB_DEFAULT_STORE=data).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include <unistd.h>
#include <sstream>

#include "core/diagnostic.h"
#include "run_process.h"

namespace fs = std::filesystem;
using namespace collab::testing;

namespace {

std::vector<std::string> split_words(const std::string& line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (char c : line) {
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else {
                word += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (in_word) words.push_back(word);
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) words.push_back(word);
    return words;
}

std::string render(const ProcessResult& r) {
    std::string out = r.out;
    if (!out.empty() && out.back() != '\n') out += "\n--- no newline at end\n";
    if (!r.err.empty()) out += "--- stderr\n" + r.err;
    if (!r.err.empty() && r.err.back() != '\n') out += "\n";
    return out + "--- exit " + std::to_string(r.status) + "\n";
}

int coverage(const fs::path& cases) {
    std::string all;
    for (const auto& e : fs::recursive_directory_iterator(cases)) {
        if (e.path().filename() == "expected") all += slurp(e.path());
    }
    int missing = 0;
    for (const auto& check : collab::all_checks()) {
        const std::string needle = "[" + std::string(check.code) + "]";
        const std::string json_needle = "\"code\":\"" + std::string(check.code) + "\"";
        if (all.find(needle) == std::string::npos && all.find(json_needle) == std::string::npos) {
            std::cerr << "no golden case produces " << check.code << "\n";
            ++missing;
        }
    }
    return missing ? 1 : 0;
}

struct DocExample {
    std::string where;
    std::string command;
    std::string expected;
};

std::vector<DocExample> doc_examples(const fs::path& file) {
    std::vector<DocExample> out;
    std::istringstream lines(slurp(file));
    bool in_console = false;
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        if (!in_console) {
            in_console = line == "```console";
            continue;
        }
        if (line == "```") {
            in_console = false;
        } else if (line.starts_with("$ ")) {
            out.push_back(
                {file.filename().string() + ":" + std::to_string(number), line.substr(2), ""});
        } else if (!out.empty()) {
            out.back().expected += line + "\n";
        }
    }
    return out;
}

int docs(const fs::path& binary, const fs::path& repo) {
    std::vector<fs::path> files = {repo / "README.md"};
    for (const auto& e : fs::directory_iterator(repo / "docs")) {
        if (e.path().extension() == ".md") files.push_back(e.path());
    }
    int failures = 0;
    int count = 0;
    for (const auto& file : files) {
        for (const auto& example : doc_examples(file)) {
            auto words = split_words(example.command);
            if (words.empty() || (words[0] != "collab" && words[0] != "./scripts/collab")) continue;
            ++count;
            ProcessSpec spec;
            spec.argv = {binary.string()};
            spec.argv.insert(spec.argv.end(), words.begin() + 1, words.end());
            spec.env = clean_env();
            if (words[0] == "./scripts/collab") spec.env["COLLAB_DEFAULT_STORE"] = "data";
            spec.cwd = repo.string();
            auto result = run_process(spec);
            // Docs are LF-only; CSV output ends its lines with CRLF.
            for (std::size_t p; (p = result.out.find("\r\n")) != std::string::npos;)
                result.out.erase(p, 1);
            if (result.out != example.expected) {
                ++failures;
                std::cerr << example.where << ": `" << example.command << "` printed:\n"
                          << result.out << result.err << "--- but the docs say:\n"
                          << example.expected;
            }
        }
    }
    std::cout << count << " documented examples run, " << failures << " differ\n";
    return failures || count == 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--coverage") return coverage(argv[2]);
    if (argc == 4 && std::string(argv[1]) == "--docs")
        return docs(fs::absolute(argv[2]), fs::absolute(argv[3]));
    if (argc != 3) {
        std::cerr << "usage: golden COLLAB CASE_DIR | golden --coverage CASES_DIR\n";
        return 2;
    }
    const fs::path binary = fs::absolute(argv[1]);
    const fs::path dir = fs::absolute(argv[2]);
    std::map<std::string, std::string> env = clean_env();
    env["COLLAB_TODAY"] = "2026-01-15";
    if (fs::exists(dir / "env")) {
        std::istringstream lines(slurp(dir / "env"));
        for (std::string line; std::getline(lines, line);) {
            const auto eq = line.find('=');
            if (eq == std::string::npos || line.starts_with("#")) continue;
            env[line.substr(0, eq)] = line.substr(eq + 1);
        }
    }
    // Cases that write run in a copy, so the fixture itself never changes.
    fs::path work = dir;
    const bool sandboxed = fs::exists(dir / "after");
    if (sandboxed) {
        work = fs::temp_directory_path() /
               ("collab-golden-work-" + dir.filename().string() + "-" + std::to_string(::getpid()));
        fs::remove_all(work);
        fs::copy(dir, work, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    }
    std::vector<std::string> commands;
    {
        std::istringstream lines(slurp(dir / "cmd"));
        for (std::string line; std::getline(lines, line);) {
            if (!line.empty()) commands.push_back(line);
        }
    }
    std::string actual;
    for (const auto& command : commands) {
        ProcessSpec spec;
        spec.argv.push_back(binary.string());
        for (auto& w : split_words(command)) spec.argv.push_back(w);
        spec.env = env;
        spec.cwd = work.string();
        if (commands.size() > 1) actual += "$ collab " + command + "\n";
        actual += render(run_process(spec));
    }
    if (sandboxed) {
        std::istringstream lines(slurp(dir / "after"));
        for (std::string line; std::getline(lines, line);) {
            if (line.empty()) continue;
            actual += fs::exists(work / line) ? "--- file " + line + "\n" + slurp(work / line)
                                              : "--- file " + line + " (none)\n";
        }
        fs::remove_all(work);
    }
    const fs::path expected_file = dir / "expected";
    if (const char* update = std::getenv("COLLAB_UPDATE_GOLDEN"); update && *update == '1') {
        std::ofstream(expected_file, std::ios::binary) << actual;
        return 0;
    }
    const std::string expected = fs::exists(expected_file) ? slurp(expected_file) : std::string();
    if (actual == expected) return 0;
    const fs::path actual_file =
        fs::temp_directory_path() / ("collab-golden-" + dir.filename().string());
    std::ofstream(actual_file, std::ios::binary) << actual;
    std::cerr << "golden mismatch for " << dir << "\n--- expected\n"
              << expected << "--- actual\n"
              << actual << "(actual output saved as " << actual_file << "; diff -u "
              << expected_file << " " << actual_file << ")\n";
    return 1;
}
