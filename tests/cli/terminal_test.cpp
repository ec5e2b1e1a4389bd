// Colour: on a terminal only, never with NO_COLOR, unless --color says otherwise. Runs the
// real binary on a pseudo-terminal.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "run_process.h"

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

TEST_CASE("json never has colour") {
    CHECK_FALSE(coloured(validate(true, {}, {"--format", "json"})));
}
