// Building records from YAML text for unit tests: no files involved.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store/store.h"
#include "store/validate.h"
#include "yaml/parse_yaml.h"

// So that a failed comparison of where() results prints both lists.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& lines) {
        std::string out = "{";
        for (const auto& l : lines) out += "\n  " + l;
        return (out + " }").c_str();
    }
};
}  // namespace doctest

namespace collab::testing {

inline Record record(Kind kind, const std::string& id, std::string_view yaml) {
    ParsedYaml p = parse_yaml(yaml);
    REQUIRE_MESSAGE(p.root, "fixture YAML must parse: " << yaml);
    std::vector<Diagnostic> ignored;
    return make_record(kind, std::string(kind_folder(kind)) + "/" + id + ".yaml",
                       std::move(*p.root), ignored);
}

// The diagnostics of every check, with documents taken to exist unless named "missing...".
inline std::vector<Diagnostic> check(const std::vector<Record>& records, Config config = {},
                                     Date today = Date{2026, 1, 15}) {
    const DocumentProbe probe = [](std::string_view path) -> std::optional<std::string> {
        if (path.starts_with("missing")) return "does not exist";
        return std::nullopt;
    };
    return check_records(records, config, today, probe);
}

// "file:line:col code" of each diagnostic: compact to compare whole results.
inline std::vector<std::string> where(const std::vector<Diagnostic>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) {
        out.push_back(d.file + ":" + std::to_string(d.mark.line) + ":" +
                      std::to_string(d.mark.column) + " " + d.code);
    }
    return out;
}

// A minimal valid record of each kind, to which a test adds the fields it is about.
inline Record partner(const std::string& id, const std::string& extra = {}) {
    return record(Kind::Partner, id, "name: " + id + "\ntype: university\ncountry: HK\n" + extra);
}
inline Record person(const std::string& id, const std::string& extra = {}) {
    return record(Kind::Person, id, "name: " + id + "\n" + extra);
}

}  // namespace collab::testing
