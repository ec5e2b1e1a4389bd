// Findings of the hostile review of the merged round-2 work, each pinned by a test.
#include <doctest/doctest.h>

#include "edit/emit.h"
#include "escape/escape.h"
#include "model/values.h"
#include "output/ci_formats.h"
#include "output/graph_render.h"

using namespace collab;

TEST_CASE("negative numbers are numbers to filters and sorting (days_to_notice once passed)") {
    CHECK(is_signed_number("-137"));
    CHECK(is_signed_number("-0.5"));
    CHECK(is_signed_number("44"));
    CHECK_FALSE(is_signed_number("-"));
    CHECK_FALSE(is_signed_number("--1"));
    CHECK_FALSE(is_signed_number("1-"));
    CHECK_FALSE(is_number("-137"));  // stored numbers (funding, head-counts) stay >= 0
}

TEST_CASE("Mermaid node ids from bad file names cannot reach the diagram's syntax") {
    Graph g;
    g.title = "t";
    g.nodes.push_back({"q\"];click q call alert(1);%%x", "Q", "university", "g"});
    g.nodes.push_back({"ok-id", "OK", "university", "ok-id"});
    const std::string out = graph_mermaid(g);
    CHECK(out.find("\"];click") == std::string::npos);
    CHECK(out.find("%%") == std::string::npos);
    CHECK(out.find("p_q_x22_x5D_x3Bclick_x20q") != std::string::npos);
    CHECK(out.find("p_ok_id[") != std::string::npos);  // valid ids keep their form
}

TEST_CASE("GitHub annotations carry no control byte from a file name") {
    Diagnostic d = make_diagnostic("bad-id", Mark{1, 1}, "message", "");
    d.file = "partners/x\x1b[2J\a.yaml";
    const std::string out = render_github(std::vector{d}, ValidationSummary{"store", 1, 1, 0});
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\a') == std::string::npos);
    CHECK(out.find("file=store/partners/x") != std::string::npos);
}

TEST_CASE("collab.yaml's canonical order is its field table's: name, home, areas, expiring") {
    CHECK(config_rank("name") < config_rank("home"));
    CHECK(config_rank("home") < config_rank("areas"));
    CHECK(config_rank("areas") < config_rank("expiring"));
    CHECK(config_rank("expiring") < config_rank("x-own"));
    CHECK(config_rank("x-own") < config_rank("unknown"));
}

TEST_CASE("shell words for hints the user pastes") {
    CHECK(shell_word("my-store") == "my-store");
    CHECK(shell_word("data/2026") == "data/2026");
    CHECK(shell_word("My Store") == "'My Store'");
    CHECK(shell_word("it's") == "'it'\\''s'");
    CHECK(shell_word("$(touch x)") == "'$(touch x)'");
    CHECK(shell_word("") == "''");
}
