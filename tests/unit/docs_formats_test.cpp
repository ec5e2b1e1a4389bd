// The docs against the format registry (output/formats.cpp): every command's synopsis lists
// exactly its formats, and every table of formats in docs/ has one row per format, so a new
// format cannot be registered without being documented (issue 12).
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "output/formats.h"

using namespace collab;

namespace {

std::string doc(const std::string& name) {
    std::ifstream in(std::string(DOCS_DIR) + "/" + name);
    REQUIRE_MESSAGE(in, "cannot read docs/" << name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Synopsis {
    std::string file;
    std::string anchor;  // where the command's `--format a|b|c` list begins to be looked for
};

// Where each command's formats are listed; a command missing here fails the test below.
Synopsis synopsis_of(std::string_view command) {
    const std::string own = "collab " + std::string(command) + " ";
    if (command == "list" || command == "show") return {"query.md", own};
    if (command == "report" || command == "graph" || command == "calendar")
        return {"reports.md", own};
    if (command == "diff") return {"diff.md", own};
    if (command == "export") return {"export.md", own};
    // validate's synopsis says FORMAT; its option list spells them out.
    if (command == "validate") return {"validate.md", "- `--format "};
    return {};
}

// The first `--format a|b|c` after `anchor` (before the next command's synopsis).
std::vector<std::string> synopsis_formats(const std::string& text, const std::string& anchor) {
    const auto start = text.find(anchor);
    REQUIRE_MESSAGE(start != std::string::npos, "no synopsis: " << anchor);
    const auto at = text.find("--format ", start);
    REQUIRE(at != std::string::npos);
    REQUIRE_MESSAGE(text.find("\ncollab ", start) > at, "no --format in the synopsis");
    const auto end = text.find_first_of("] \n`", at + 9);
    std::vector<std::string> names;
    std::stringstream list(text.substr(at + 9, end - at - 9));
    for (std::string name; std::getline(list, name, '|');) names.push_back(name);
    return names;
}

// The first-column names of the table whose header's first cell is `format` or `--format`.
std::set<std::string> table_formats(const std::string& text) {
    std::set<std::string> names;
    std::stringstream in(text);
    bool inside = false;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("| format |") || line.starts_with("| `--format` |")) {
            inside = true;
            continue;
        }
        if (!inside) continue;
        if (!line.starts_with("|")) break;
        const auto open = line.find('`');
        if (line.starts_with("|---") || open == std::string::npos) continue;
        names.insert(line.substr(open + 1, line.find('`', open + 1) - open - 1));
    }
    return names;
}

// `validate --format auto` picks one of the formats; it is documented but no format itself.
const std::set<std::string> not_formats = {"auto"};

}  // namespace

TEST_CASE("docs: every command's synopsis lists exactly its registered formats") {
    for (const CommandFormats& c : command_formats()) {
        CAPTURE(c.command);
        const Synopsis where = synopsis_of(c.command);
        REQUIRE_MESSAGE(!where.file.empty(), "say in which doc the command's synopsis is");
        std::vector<std::string> documented;
        for (auto& name : synopsis_formats(doc(where.file), where.anchor)) {
            if (!not_formats.contains(name)) documented.push_back(name);
        }
        CHECK(documented == std::vector<std::string>(c.formats.begin(), c.formats.end()));
    }
}

TEST_CASE("docs: every table of formats has one row per registered format") {
    struct FormatTable {
        std::string file;
        std::string_view command;
        std::set<std::string> own_sections;  // formats the doc describes in sections instead
    };
    // validate.md's table is of the CI formats; text and json have sections of their own
    // ("## Text output", "## JSON output").
    const std::vector<FormatTable> tables = {{"query.md", "list", {}},
                                             {"reports.md", "report", {}},
                                             {"export.md", "export", {}},
                                             {"validate.md", "validate", {"text", "json"}}};
    for (const FormatTable& t : tables) {
        CAPTURE(t.file);
        const std::string text = doc(t.file);
        std::set<std::string> documented;
        for (const auto& name : table_formats(text)) {
            if (!not_formats.contains(name)) documented.insert(name);
        }
        std::set<std::string> registered;
        for (std::string_view name : formats_of(t.command).formats) {
            if (!t.own_sections.contains(std::string(name))) registered.emplace(name);
        }
        CHECK(documented == registered);
    }
}
