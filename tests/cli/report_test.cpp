// Reports and graphs through the real binary: json and csv parse back and agree, record
// text is escaped in html and md, DOT renders with Graphviz, --output is atomic.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "csv_reader.h"
#include "find_program.h"
#include "run_process.h"

using namespace collab::testing;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

ProcessResult run_collab(std::vector<std::string> args,
                         std::map<std::string, std::string> env = {}) {
    ProcessSpec spec;
    spec.argv = {COLLAB_BINARY};
    for (auto& a : args) spec.argv.push_back(a);
    spec.env = clean_env();
    spec.env["COLLAB_TODAY"] = "2026-01-15";
    for (auto& [k, v] : env) spec.env[k] = v;
    return run_process(spec);
}

std::string ok(std::vector<std::string> args) {
    const auto r = run_collab(std::move(args));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return r.out;
}

const json& table(const json& report, const std::string& key) {
    for (const auto& s : report["sections"]) {
        for (const auto& t : s["tables"]) {
            if (t["key"] == key) return t;
        }
    }
    FAIL("no table " << key);
    static json none;
    return none;
}

// A JSON v2 value as the csv writes it for the reports before register: null empty, booleans
// yes/no, records by id, lists joined with ", ".
std::string text(const json& v) {
    if (v.is_null()) return "";
    if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object()) return v.at("id").get<std::string>();
    if (v.is_array()) {
        std::string out;
        for (const auto& item : v) out += (out.empty() ? "" : ", ") + text(item);
        return out;
    }
    return v.dump();
}

// The csv rows equal the json table's rows, cell for cell, after the header.
void same_rows(const std::vector<std::vector<std::string>>& csv, std::size_t first, const json& t,
               std::size_t skip_columns = 0) {
    REQUIRE(t["rows"].size() + first <= csv.size());
    for (std::size_t i = 0; i < t["rows"].size(); ++i) {
        const auto& row = t["rows"][i];
        std::size_t c = skip_columns;
        for (const auto& column : t["columns"]) {
            CHECK(csv[first + i][c++] == text(row[column["key"].get<std::string>()]));
        }
    }
}

const std::vector<std::string> stores = {DATA_STORE, CONSORTIUM_STORE, EXPIRING_STORE};

// Every report, as `collab report --help` lists them (from the report registry), so a new
// report is tested here without editing this file.
std::vector<std::string> report_names() {
    const std::string help = ok({"report", "--help"});
    const std::string marker = "Reports: ";
    const auto at = help.find(marker);
    REQUIRE_MESSAGE(at != std::string::npos, help);
    std::stringstream list(
        help.substr(at + marker.size(), help.find('\n', at) - at - marker.size()));
    std::vector<std::string> names;
    for (std::string name; std::getline(list, name, ',');)
        names.push_back(name.substr(name.find_first_not_of(' ')));
    return names;
}

}  // namespace

TEST_CASE("json of every report parses, and csv agrees with it where there is one") {
    for (const auto& store : stores) {
        CAPTURE(store);
        const auto names = report_names();
        REQUIRE(names.size() >= 6);
        for (const std::string& name : names) {
            // partner needs a partner's id first: its own tests below.
            if (name == "partner") continue;
            CAPTURE(name);
            const json report =
                json::parse(ok({"--store", store, "report", name, "--format", "json"}));
            CHECK(report["report"] == name);
            CHECK(report["today"] == "2026-01-15");
            if (name == "summary") {
                CHECK(run_collab({"--store", store, "report", name, "--format", "csv"}).status ==
                      2);
                continue;
            }
            const auto csv = parse_csv(ok({"--store", store, "report", name, "--format", "csv"}));
            REQUIRE(!csv.empty());
            if (name == "timeline") same_rows(csv, 1, table(report, "timeline"));
            if (name == "mobility") same_rows(csv, 1, table(report, "per_partner"));
            // register_test.py compares register's csv and json with a table of its own.
            if (name == "register")
                CHECK(csv.size() == 1 + table(report, "register")["rows"].size());
            if (name == "expiring") {
                const auto& due = table(report, "expiring");
                same_rows(csv, 1, due, 1);
                CHECK(csv.size() ==
                      1 + due["rows"].size() + table(report, "lapsed")["rows"].size());
            }
            if (name == "areas") {
                // The long csv and the two matrices hold the same counts.
                long csv_agreements = 0, json_agreements = 0;
                for (std::size_t i = 1; i < csv.size(); ++i) csv_agreements += std::stol(csv[i][2]);
                for (const auto& row : table(report, "agreements")["rows"])
                    json_agreements += row["total"].get<long>();
                CHECK(csv_agreements == json_agreements);
            }
        }
    }
}

TEST_CASE("the summary's counts agree with list") {
    for (const auto& store : stores) {
        const json report =
            json::parse(ok({"--store", store, "report", "summary", "--format", "json"}));
        const json& facts = report["sections"][0]["facts"];
        for (const std::string kind : {"partners", "people", "agreements", "projects", "events"}) {
            CHECK(std::to_string(facts[kind].get<long>()) + "\n" ==
                  ok({"--store", store, "list", kind, "--count"}));
        }
    }
}

TEST_CASE("the expiring report lists exactly the expected agreements with their notice dates") {
    const json report =
        json::parse(ok({"--store", EXPIRING_STORE, "report", "expiring", "--format", "json"}));
    std::vector<std::string> got;
    for (const auto& row : table(report, "expiring")["rows"]) {
        got.push_back(row["id"].get<std::string>() + " " + row["notice_date"].get<std::string>() +
                      " " + std::to_string(row["days_to_notice"].get<long>()));
    }
    CHECK(got == std::vector<std::string>{"long-notice 2025-12-31 -15", "today 2026-01-15 0",
                                          "soon 2026-01-25 10", "clamp 2026-02-28 44",
                                          "horizon 2026-05-15 120"});
    const auto& lapsed = table(report, "lapsed")["rows"];
    REQUIRE(lapsed.size() == 1);
    CHECK(lapsed[0]["id"] == "yesterday");
    // A wider window takes in the partial May date and the three-month notice of December.
    const auto wide = parse_csv(
        ok({"--store", EXPIRING_STORE, "report", "expiring", "--within", "9m", "--format", "csv"}));
    std::vector<std::string> ids;
    for (std::size_t i = 1; i < wide.size(); ++i) ids.push_back(wide[i][0] + ":" + wide[i][6]);
    CHECK(ids == std::vector<std::string>{"expiring:long-notice", "expiring:today", "expiring:soon",
                                          "expiring:clamp", "expiring:horizon", "expiring:partial",
                                          "expiring:short-notice", "lapsed:yesterday"});
}

TEST_CASE("record text is escaped in html and markdown") {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"report", "summary"},
                                                 {"report", "partner", "evil"},
                                                 {"report", "timeline"},
                                                 {"report", "expiring"},
                                                 {"report", "areas"}}) {
        for (const std::string format : {"html", "md"}) {
            std::vector<std::string> full = {"--store", HOSTILE_STORE};
            full.insert(full.end(), args.begin(), args.end());
            full.push_back("--format");
            full.push_back(format);
            const std::string out = ok(full);
            CAPTURE(args[1]);
            CAPTURE(format);
            CHECK(out.find("<script") == std::string::npos);
            CHECK(out.find("<img") == std::string::npos);
            CHECK(out.find("<b>Hostile") == std::string::npos);
            CHECK(out.find("<i>area") == std::string::npos);
            if (args[1] == "partner")
                CHECK(out.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
            if (format == "html") {
                // Scripts could not run even if one slipped through.
                CHECK(out.find("Content-Security-Policy\" content=\"default-src 'none'") !=
                      std::string::npos);
                CHECK(out.find("http://") == std::string::npos);
                CHECK(out.find("https://") == std::string::npos);
            }
        }
    }
}

TEST_CASE("graph: DOT renders with Graphviz, mermaid is a flowchart, json parses") {
    const fs::path dir = fs::temp_directory_path() / ("collab-graph-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const auto& store :
         {std::string(DATA_STORE), std::string(CONSORTIUM_STORE), std::string(HOSTILE_STORE)}) {
        CAPTURE(store);
        const fs::path dot_file = dir / "graph.dot";
        std::ofstream(dot_file) << ok({"--store", store, "graph", "--format", "dot"});
        ProcessSpec dot;
        dot.argv = {find_program("dot", "graphviz"), "-Tsvg", dot_file.string(), "-o",
                    (dir / "graph.svg").string()};
        dot.env = clean_env();
        const auto rendered = run_process(dot);
        CHECK_MESSAGE(rendered.status == 0, rendered.err);
        CHECK(slurp(dir / "graph.svg").find("<svg") != std::string::npos);

        const std::string mermaid = ok({"--store", store, "graph", "--format", "mermaid"});
        CHECK(mermaid.find("\nflowchart LR\n") != std::string::npos);
        const json g = json::parse(ok({"--store", store, "graph", "--format", "json"}));
        CHECK(!g["nodes"].empty());
    }
    fs::remove_all(dir);
}

TEST_CASE("--output writes atomically, keeps the mode, and survives a kill before the rename") {
    const fs::path dir =
        fs::temp_directory_path() / ("collab-output-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path out = dir / "report.html";
    std::ofstream(out) << "the old report\n";
    ::chmod(out.c_str(), 0640);

    ok({"--store", DATA_STORE, "report", "summary", "-o", out.string()});
    CHECK(slurp(out).starts_with("<!DOCTYPE html>"));  // the format comes from the extension
    struct stat st {};
    ::stat(out.c_str(), &st);
    CHECK((st.st_mode & 0777) == 0640);
    const std::string good = slurp(out);

    const auto crashed =
        run_collab({"--store", CONSORTIUM_STORE, "report", "summary", "-o", out.string()},
                   {{"COLLAB_TEST_CRASH_BEFORE_RENAME", "1"}});
    CHECK(crashed.status == 128 + 9);
    CHECK(slurp(out) == good);  // the original is intact
    int leftovers = 0;
    for (const auto& e : fs::directory_iterator(dir))
        leftovers += e.path().filename().string().starts_with(".report.html.") ? 1 : 0;
    CHECK(leftovers == 1);

    ok({"--store", CONSORTIUM_STORE, "report", "summary", "-o", out.string()});
    CHECK(slurp(out).find("Consortium fixture") != std::string::npos);
    leftovers = 0;
    for (const auto& e : fs::directory_iterator(dir))
        leftovers += e.path().filename().string().starts_with(".report.html.") ? 1 : 0;
    CHECK(leftovers == 0);  // the next run cleaned up

    // An unwritable target: exit 2, a clear message, nothing changed.
    const auto refused = run_collab(
        {"--store", DATA_STORE, "report", "summary", "-o", (dir / "missing" / "r.md").string()});
    CHECK(refused.status == 2);
    CHECK(refused.err.find("cannot write") != std::string::npos);
    fs::remove_all(dir);
}
