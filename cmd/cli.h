// What every subcommand shares: global options, finding the store, today's date, colour.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "model/values.h"
#include "store/locate.h"

namespace collab::cli {

struct GlobalOptions {
    std::string store;  // --store DIR
    std::string today;  // --today YYYY-MM-DD
    std::string color = "auto";
};

// Runs the parsed subcommand; returns the exit status.
using Run = std::function<int()>;

// One entry of the command table: declares its options on `sub`, returns how to run it.
struct Command {
    const char* name;
    const char* help;
    Run (*setup)(CLI::App& sub, const GlobalOptions& global);
};

Run setup_validate(CLI::App& sub, const GlobalOptions& global);

StoreLocation find_store(const GlobalOptions& global);
// --today, else COLLAB_TODAY, else the local date; a malformed date is a usage error.
Date today(const GlobalOptions& global);
// Colour on a terminal only, never when NO_COLOR is set, unless --color says otherwise.
bool use_color(const GlobalOptions& global, int fd);

}  // namespace collab::cli
