// The command line as data, read from the CLI11 definitions themselves, for what describes
// it elsewhere: shell completions (completion.cpp) and the man page (man.cpp). One source
// of truth: a new option shows up in both without another edit.
#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace collab::cli {

// What a value or positional argument completes to.
enum class Completer {
    None,
    Files,
    Dirs,
    Kinds,
    SchemaKinds,
    Ids,
    AgreementIds,
    Reports,
    Shells,
    Codes,
    Revisions,
    Choices
};

struct OptionModel {
    std::vector<std::string> names;  // "-o", "--output"
    std::string value;               // "" for a flag, else e.g. "TEXT" or "FILE"
    std::string help;
    Completer completer = Completer::None;
    std::vector<std::string> choices;  // Completer::Choices
};

struct PositionalModel {
    std::string name;
    std::string help;
    bool repeats = false;  // takes every remaining word
    bool required = false;
    Completer completer = Completer::None;
};

struct CommandModel {
    std::string name;
    std::string help;
    std::vector<OptionModel> options;  // without -h/--help
    std::vector<PositionalModel> positionals;
};

struct CliModel {
    std::string name;  // "collab"
    std::string help;
    std::string version;
    std::vector<OptionModel> global;
    std::vector<CommandModel> commands;  // visible ones, in table order
};

CliModel cli_model(const CLI::App& root);

// The words a completer offers that are known without a store: kinds, report names, shells,
// check codes.
std::vector<std::string> static_words(Completer completer);

}  // namespace collab::cli
