// Colour: on a terminal only, never with NO_COLOR, unless --color says otherwise. Runs the
// real binary on a pseudo-terminal.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <sstream>

#include "run_process.h"
#include "util/utf8.h"

using namespace collab::testing;

namespace {

ProcessResult validate(bool terminal, std::map<std::string, std::string> extra_env = {},
                       std::vector<std::string> extra_args = {}) {
    ProcessSpec spec;
    spec.argv = {COLLAB_BINARY, "--store", FIXTURES "/validate/ambiguous-scalar/store", "validate"};
    for (auto& a : extra_args) spec.argv.push_back(a);
    spec.env = clean_env();
    spec.env["TERM"] = "xterm";
    for (auto& [k, v] : extra_env) spec.env[k] = v;
    spec.terminal = terminal;
    return run_process(spec);
}

bool coloured(const ProcessResult& r) {
    return r.out.find("\033[") != std::string::npos;
}

}  // namespace

TEST_CASE("colour on a terminal") {
    const auto r = validate(true);
    CHECK(r.status == 0);
    CHECK(coloured(r));
    CHECK(r.out.find("warning[ambiguous-scalar]") != std::string::npos);
}

TEST_CASE("no colour when NO_COLOR is set, even on a terminal") {
    const auto r = validate(true, {{"NO_COLOR", "1"}});
    CHECK(r.status == 0);
    CHECK_FALSE(coloured(r));
    CHECK(r.out.find("warning[ambiguous-scalar]") != std::string::npos);
}

TEST_CASE("an empty NO_COLOR does not count as set") {
    CHECK(coloured(validate(true, {{"NO_COLOR", ""}})));
}

TEST_CASE("no colour when piped") {
    const auto r = validate(false);
    CHECK(r.status == 0);
    CHECK_FALSE(coloured(r));
}

TEST_CASE("--color overrides both") {
    CHECK(coloured(validate(false, {}, {"--color", "always"})));
    CHECK_FALSE(coloured(validate(true, {}, {"--color", "never"})));
}

TEST_CASE("list fits the terminal's width on a terminal, and never cuts when piped") {
    ProcessSpec spec;
    spec.argv = {COLLAB_BINARY, "--store", CONSORTIUM_STORE, "list",
                 "agreements",  "--color", "never"};
    spec.env = clean_env();
    spec.terminal = true;
    spec.terminal_columns = 60;
    const auto on_terminal = run_process(spec);
    CHECK(on_terminal.status == 0);
    CHECK(on_terminal.out.find("…") != std::string::npos);
    std::istringstream lines(on_terminal.out);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();  // the pty's line discipline
        CHECK(collab::display_width(line) <= 60);
    }
    spec.terminal = false;
    const auto piped = run_process(spec);
    CHECK(piped.out.find("…") == std::string::npos);
    CHECK(piped.out.find("Framework agreement between HKUST and Zhejiang University") !=
          std::string::npos);
}

TEST_CASE("json never has colour") {
    CHECK_FALSE(coloured(validate(true, {}, {"--format", "json"})));
}
