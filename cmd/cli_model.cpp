#include "cli_model.h"

#include <map>

#include "core/diagnostic.h"
#include "model/kind.h"
#include "report/registry.h"

namespace collab::cli {

namespace {

// What CLI11 cannot know: which positional takes a record id, a kind or a revision.
const std::map<std::pair<std::string, std::string>, Completer>& positional_completers() {
    static const std::map<std::pair<std::string, std::string>, Completer> table = {
        {{"validate", "paths"}, Completer::Files},
        {{"fmt", "paths"}, Completer::Files},
        {{"init", "dir"}, Completer::Dirs},
        {{"list", "kind"}, Completer::Kinds},
        {{"new", "kind"}, Completer::Kinds},
        {{"schema", "kind"}, Completer::SchemaKinds},
        {{"show", "record"}, Completer::Ids},
        {{"set", "record"}, Completer::Ids},
        {{"renew", "agreement"}, Completer::AgreementIds},
        {{"mv", "old"}, Completer::Ids},
        {{"import", "file"}, Completer::Files},
        {{"report", "name"}, Completer::Reports},
        {{"diff", "revisions"}, Completer::Revisions},
        {{"completion", "shell"}, Completer::Shells},
    };
    return table;
}

// "TEXT:{text,json}" -> {"text", "json"}
std::vector<std::string> choices_of(const std::string& type_name) {
    std::vector<std::string> out;
    const auto open = type_name.find('{');
    const auto close = type_name.rfind('}');
    if (open == std::string::npos || close == std::string::npos || close < open) return out;
    std::string item;
    for (char c : type_name.substr(open + 1, close - open - 1)) {
        if (c == ',') {
            out.push_back(item);
            item.clear();
        } else {
            item += c;
        }
    }
    if (!item.empty()) out.push_back(item);
    return out;
}

OptionModel option_model(const CLI::Option& o) {
    OptionModel m;
    for (const auto& s : o.get_snames()) m.names.push_back("-" + s);
    for (const auto& l : o.get_lnames()) m.names.push_back("--" + l);
    m.help = o.get_description();
    if (o.get_type_size() == 0) return m;  // a flag
    const std::string type = o.get_type_name();
    m.value = type.substr(0, type.find(':'));
    m.choices = choices_of(type);
    const auto has = [&](std::string_view name) {
        for (const auto& l : o.get_lnames()) {
            if (l == name) return true;
        }
        return false;
    };
    if (!m.choices.empty()) {
        m.completer = Completer::Choices;
    } else if (has("output") || has("out")) {
        // A folder when the help speaks only of one (schema --out DIR).
        const bool dir =
            m.help.find("DIR") != std::string::npos && m.help.find("FILE") == std::string::npos;
        m.completer = dir ? Completer::Dirs : Completer::Files;
        m.value = dir ? "DIR" : "FILE";
    } else if (has("store")) {
        m.completer = Completer::Dirs;
        m.value = "DIR";
    } else if (has("only") || has("ignore")) {
        m.completer = Completer::Codes;
        m.value = "CODE";
    }
    return m;
}

}  // namespace

CliModel cli_model(const CLI::App& root) {
    CliModel model;
    model.name = root.get_name();
    model.help = root.get_description();
    model.version = COLLAB_VERSION;
    for (const CLI::Option* o : root.get_options()) {
        if (o->get_lnames().empty() || o->get_lnames().front() == "help") continue;
        model.global.push_back(option_model(*o));
    }
    for (const CLI::App* sub : root.get_subcommands({})) {
        if (sub->get_group().empty()) continue;  // hidden
        CommandModel c;
        c.name = sub->get_name();
        c.help = sub->get_description();
        for (const CLI::Option* o : sub->get_options()) {
            if (o->get_positional()) {
                PositionalModel p;
                p.name = o->get_name(true, false);
                p.help = o->get_description();
                p.repeats = o->get_items_expected_max() > 1;
                p.required = o->get_required();
                const auto it = positional_completers().find({c.name, p.name});
                if (it != positional_completers().end()) p.completer = it->second;
                c.positionals.push_back(std::move(p));
            } else if (o->get_lnames().empty() || o->get_lnames().front() != "help") {
                c.options.push_back(option_model(*o));
            }
        }
        model.commands.push_back(std::move(c));
    }
    return model;
}

std::vector<std::string> static_words(Completer completer) {
    switch (completer) {
        case Completer::Kinds: {
            std::vector<std::string> kinds;
            for (Kind k : all_kinds) kinds.emplace_back(kind_folder(k));
            return kinds;
        }
        case Completer::SchemaKinds: {
            std::vector<std::string> kinds;
            for (Kind k : all_kinds) kinds.emplace_back(kind_name(k));
            kinds.emplace_back("config");
            return kinds;
        }
        case Completer::Reports: {
            std::vector<std::string> names;
            for (const ReportInfo& r : all_reports()) names.emplace_back(r.name);
            return names;
        }
        case Completer::Shells:
            return {"bash", "zsh", "fish"};
        case Completer::Codes: {
            std::vector<std::string> codes;
            for (const auto& c : all_checks()) codes.emplace_back(c.code);
            return codes;
        }
        default:
            return {};
    }
}

}  // namespace collab::cli
