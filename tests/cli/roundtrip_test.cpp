// Every list format parses back with an independent parser and holds the same records:
// json, jsonl (nlohmann), yaml (yaml-cpp), csv (an RFC 4180 reader), tsv and ids.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "csv_reader.h"
#include "run_process.h"

using namespace collab::testing;
using json = nlohmann::json;

namespace {

std::string list(const std::string& store, const std::string& kind, const std::string& format,
                 std::vector<std::string> extra = {}) {
    ProcessSpec spec;
    spec.argv = {COLLAB_BINARY, "--store", store, "list", kind, "--format", format};
    for (auto& e : extra) spec.argv.push_back(e);
    spec.env = clean_env();
    spec.env["COLLAB_TODAY"] = "2026-01-15";
    const auto r = run_process(spec);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return r.out;
}

// A YAML node as JSON with every scalar as a string: YAML readers type `2025` as a number.
json yaml_to_json(const YAML::Node& n) {
    if (n.IsSequence()) {
        json out = json::array();
        for (const auto& item : n) out.push_back(yaml_to_json(item));
        return out;
    }
    if (n.IsMap()) {
        json out = json::object();
        for (const auto& kv : n) out[kv.first.as<std::string>()] = yaml_to_json(kv.second);
        return out;
    }
    if (n.IsNull()) return nullptr;
    return n.as<std::string>();
}

// The same JSON with numbers and booleans as their text, to compare with yaml_to_json.
json stringify(const json& j) {
    if (j.is_array()) {
        json out = json::array();
        for (const auto& item : j) out.push_back(stringify(item));
        return out;
    }
    if (j.is_object()) {
        json out = json::object();
        for (const auto& [k, v] : j.items()) out[k] = stringify(v);
        return out;
    }
    if (j.is_string() || j.is_null()) return j;
    return j.dump();
}

std::vector<std::vector<std::string>> parse_tsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> row(1);
        for (char c : line) {
            if (c == '\t') {
                row.emplace_back();
            } else {
                row.back() += c;
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string join(const json& value) {
    if (!value.is_array()) return value.is_string() ? value.get<std::string>() : value.dump();
    std::string out;
    for (const auto& v : value)
        out += (out.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

void check_store(const std::string& store) {
    for (const char* kind : {"partners", "people", "agreements", "projects", "events"}) {
        CAPTURE(store);
        CAPTURE(std::string(kind));
        const json records = json::parse(list(store, kind, "json"));
        REQUIRE(records.is_array());
        REQUIRE(!records.empty());

        json lines = json::array();
        std::istringstream jsonl(list(store, kind, "jsonl"));
        for (std::string line; std::getline(jsonl, line);) lines.push_back(json::parse(line));
        CHECK(lines == records);

        CHECK(yaml_to_json(YAML::Load(list(store, kind, "yaml"))) == stringify(records));

        std::vector<std::string> ids;
        std::istringstream id_lines(list(store, kind, "ids"));
        for (std::string line; std::getline(id_lines, line);) ids.push_back(line);
        REQUIRE(ids.size() == records.size());
        for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == records[i]["id"]);

        // Scalar and list fields, the same in csv and tsv as in json.
        const std::map<std::string, std::vector<std::string>> per_kind = {
            {"partners", {"id", "name", "type", "aliases", "native_name"}},
            {"people", {"id", "name", "honorific", "email", "native_name"}},
            {"agreements", {"id", "title", "type", "parties", "areas", "expires"}},
            {"projects", {"id", "title", "type", "partners", "areas", "notes"}},
            {"events", {"id", "title", "type", "partners", "participants", "notes"}},
        };
        const auto& columns = per_kind.at(kind);
        std::string fields;
        for (const auto& c : columns) fields += (fields.empty() ? "" : ",") + c;
        for (const char* format : {"csv", "tsv"}) {
            const std::string text = list(store, kind, format, {"--fields", fields});
            const auto rows = std::string(format) == "csv" ? parse_csv(text) : parse_tsv(text);
            REQUIRE(rows.size() == records.size() + 1);
            CHECK(rows[0] == columns);
            for (std::size_t i = 0; i < records.size(); ++i) {
                for (std::size_t c = 0; c < columns.size(); ++c) {
                    const auto& r = records[i];
                    std::string expected =
                        r.contains(columns[c]) ? join(r[columns[c]]) : std::string();
                    // TSV cannot hold tabs or line breaks in a cell: they become spaces.
                    if (std::string(format) == "tsv") {
                        for (char& ch : expected) {
                            if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
                        }
                    }
                    CHECK(rows[i + 1][c] == expected);
                }
            }
        }
    }
}

}  // namespace

TEST_CASE("every format holds the same records: the example store") {
    check_store(DATA_STORE);
}
TEST_CASE("every format holds the same records: the consortium fixture") {
    check_store(CONSORTIUM_STORE);
}

TEST_CASE("csv quotes commas, quotes and line breaks") {
    const auto rows =
        parse_csv(list(CONSORTIUM_STORE, "partners", "csv", {"--fields", "id,name", "id=zju-fah"}));
    REQUIRE(rows.size() == 2);
    CHECK(rows[1][1] == "The First Affiliated Hospital, Zhejiang University School of Medicine");
    const auto notes = parse_csv(list(DATA_STORE, "events", "csv", {"--fields", "id,notes"}));
    REQUIRE(notes.size() == 2);
    CHECK(notes[1][1].find('\n') != std::string::npos);
}
