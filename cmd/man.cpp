// collab man: the manual page collab.1 (roff), built from the same help texts as --help
// (cli_model.cpp). CMake runs it after building collab and installs the page.
#include <fmt/format.h>

#include "cli.h"
#include "cli_model.h"

namespace collab::cli {

namespace {

// roff text: a backslash is \e, '-' is \- (a real minus, so options can be searched and
// copied), and a line may not start with '.' or '\''.
std::string roff(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\') {
            out += "\\e";
        } else if (c == '-') {
            out += "\\-";
        } else {
            out += c;
        }
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
    return out;
}

std::string option_tag(const OptionModel& o) {
    std::vector<std::string> names;
    for (const auto& n : o.names) names.push_back("\\fB" + roff(n) + "\\fR");
    std::string tag = fmt::format("{}", fmt::join(names, ", "));
    if (!o.value.empty()) {
        const std::string value =
            o.choices.empty() ? o.value : fmt::format("{}", fmt::join(o.choices, "|"));
        tag += " \\fI" + roff(value) + "\\fR";
    }
    return tag;
}

std::string usage(const CommandModel& c) {
    std::string u = "\\fBcollab\\fR [\\fIGLOBAL OPTIONS\\fR] \\fB" + roff(c.name) + "\\fR";
    if (!c.options.empty()) u += " [\\fIOPTIONS\\fR]";
    for (const auto& p : c.positionals) {
        std::string name = "\\fI" + roff(p.name) + "\\fR" + (p.repeats ? "..." : "");
        u += p.required ? " " + name : " [" + name + "]";
    }
    return u;
}

std::string man_page(const CliModel& m) {
    std::string out;
    out += fmt::format(".TH COLLAB 1 \"\" \"collab {}\" \"User Commands\"\n", roff(m.version));
    out += ".SH NAME\ncollab \\- " + roff(m.help.substr(m.help.find(": ") + 2)) + "\n";
    out += ".SH SYNOPSIS\n\\fBcollab\\fR [\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n";
    out +=
        ".SH DESCRIPTION\n"
        "\\fBcollab\\fR validates, queries and reports on a store of collaboration records: " +
        kind_folder_list("and") +
        " kept as one YAML file each in a "
        "git repository. The store is the folder holding \\fIcollab.yaml\\fR: given with "
        "\\fB\\-\\-store\\fR or \\fBCOLLAB_STORE\\fR, else the nearest such folder upwards "
        "from the working directory.\n";
    out += ".SH GLOBAL OPTIONS\nAccepted before or after the command.\n";
    for (const auto& o : m.global) out += ".TP\n" + option_tag(o) + "\n" + roff(o.help) + "\n";
    out += ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nPrint help (also after a command) and exit.\n";
    out += ".SH COMMANDS\n";
    for (const auto& c : m.commands) {
        out += ".SS " + roff(c.name) + "\n" + usage(c) + "\n.PP\n" + roff(c.help) + ".\n";
        for (const auto& p : c.positionals) {
            out += ".TP\n\\fI" + roff(p.name) + "\\fR" + (p.repeats ? "..." : "") + "\n" +
                   roff(p.help) + "\n";
        }
        for (const auto& o : c.options) out += ".TP\n" + option_tag(o) + "\n" + roff(o.help) + "\n";
    }
    out +=
        ".SH EXIT STATUS\n"
        ".TP\n0\nSuccess (validate: no errors; warnings allowed unless \\fB\\-\\-strict\\fR).\n"
        ".TP\n1\nThe data failed a check (validate, fmt \\-\\-check, new/set with errors), or "
        "\\fBdiff \\-\\-exit\\-code\\fR found changes.\n"
        ".TP\n2\nUsage or environment error: bad arguments, no store, unknown revision.\n"
        ".TP\n3\nInternal error: a bug in collab.\n";
    out +=
        ".SH ENVIRONMENT\n"
        ".TP\n\\fBCOLLAB_STORE\\fR\nThe store folder, when \\fB\\-\\-store\\fR is not given.\n"
        ".TP\n\\fBCOLLAB_TODAY\\fR\nThe date taken as today (YYYY\\-MM\\-DD), when "
        "\\fB\\-\\-today\\fR is not given.\n"
        ".TP\n\\fBCOLLAB_MAX_FILE_SIZE\\fR\nThe largest record file read (default 10M).\n"
        ".TP\n\\fBNO_COLOR\\fR\nNo colour, unless \\fB\\-\\-color\\fR says otherwise.\n"
        ".TP\n\\fBGITHUB_ACTIONS\\fR, \\fBGITHUB_STEP_SUMMARY\\fR\n\\fBvalidate \\-\\-format "
        "auto\\fR annotates for GitHub when the first is \\fBtrue\\fR; \\fB\\-\\-format "
        "github\\fR appends a table of findings to the second.\n"
        ".TP\n\\fBVISUAL\\fR, \\fBEDITOR\\fR\nThe editor of \\fBnew \\-\\-edit\\fR.\n";
    out +=
        ".SH FILES\n.TP\n\\fIcollab.yaml\\fR\nThe store's settings; marks its root.\n"
        ".TP\n\\fIpartners/\\fR, \\fIpeople/\\fR, \\fIagreements/\\fR, \\fIprojects/\\fR, "
        "\\fIevents/\\fR\nOne record per \\fI.yaml\\fR file; the file name is the id.\n";
    out +=
        ".SH SEE ALSO\n\\fBgit\\fR(1). The record format, every check and the filter "
        "language are described in docs/format.md, docs/validate.md and docs/query.md.\n";
    return out;
}

struct ManOptions {
    std::string output;
};

}  // namespace

Run setup_man(CLI::App& sub, const GlobalOptions&) {
    auto o = std::make_shared<ManOptions>();
    sub.add_option("-o,--output", o->output, "Write to FILE (atomically) instead of stdout");
    const CLI::App* root = sub.get_parent();
    return [o, root] {
        emit(man_page(cli_model(*root)), o->output);
        return 0;
    };
}

}  // namespace collab::cli
