#include "output/formats.h"

#include <cctype>
#include <stdexcept>
#include <string>

namespace collab {

namespace {

constexpr std::string_view htm[] = {"htm"};
constexpr std::string_view markdown[] = {"markdown"};
constexpr std::string_view txt[] = {"txt"};
constexpr std::string_view gv[] = {"gv"};
constexpr std::string_view mmd[] = {"mmd"};
constexpr std::string_view yml[] = {"yml"};
constexpr std::string_view xml[] = {"xml"};
constexpr std::string_view sqlite_files[] = {"sqlite3", "db"};
constexpr std::string_view ical[] = {"ical", "ifb"};

// Formats without extensions of their own are selected by their name only (`.json`, `.csv`).
const OutputFormat formats[] = {
    {"text", txt},
    {"table", {}},
    {"md", markdown},
    {"html", htm},
    {"json", {}},
    {"jsonl", {}},
    {"csv", {}},
    {"tsv", {}},
    {"yaml", yml},
    {"ids", {}},
    {"dot", gv},
    {"mermaid", mmd},
    {"sqlite", sqlite_files},
    {"github", {}},
    {"junit", xml},
    {"sarif", {}},
    {"gitlab", {}},
    {"xlsx", {}},
    {"ics", ical},
};

constexpr std::string_view list_formats[] = {"table", "json", "jsonl", "csv",
                                             "tsv",   "yaml", "ids",   "xlsx"};
constexpr std::string_view show_formats[] = {"text", "json", "yaml"};
constexpr std::string_view report_formats[] = {"text", "md", "csv", "json", "html", "xlsx"};
constexpr std::string_view graph_formats[] = {"dot", "mermaid", "json"};
constexpr std::string_view diff_formats[] = {"text", "md", "json"};
constexpr std::string_view export_formats[] = {"json", "csv", "sqlite", "xlsx"};
constexpr std::string_view calendar_formats[] = {"ics"};
constexpr std::string_view validate_formats[] = {"text",  "json",  "github",
                                                 "junit", "sarif", "gitlab"};

const CommandFormats commands[] = {
    {"list", list_formats, "table"},        {"show", show_formats, "text"},
    {"report", report_formats, "text"},     {"graph", graph_formats, "dot"},
    {"diff", diff_formats, "text"},         {"export", export_formats, "json"},
    {"validate", validate_formats, "text"}, {"calendar", calendar_formats, "ics"},
};

}  // namespace

std::span<const OutputFormat> output_formats() {
    return formats;
}

std::span<const CommandFormats> command_formats() {
    return commands;
}

const CommandFormats& formats_of(std::string_view command) {
    for (const CommandFormats& c : commands) {
        if (c.command == command) return c;
    }
    throw std::logic_error("no formats registered for command " + std::string(command));
}

std::string format_list(std::string_view command) {
    const auto names = formats_of(command).formats;
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
        out += names[i];
    }
    return out;
}

std::optional<std::string_view> format_of_extension(std::string_view extension_as_given,
                                                    std::span<const std::string_view> offered) {
    // Case-insensitive: Windows and its users write REPORT.XLSX and Office.ICS.
    std::string lower(extension_as_given);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string_view extension = lower;
    for (std::string_view name : offered) {
        if (name == extension) return name;
        for (const OutputFormat& f : formats) {
            if (f.name != name) continue;
            for (std::string_view e : f.extensions) {
                if (e == extension) return name;
            }
        }
    }
    return std::nullopt;
}

}  // namespace collab
