// The format registry: every output format collab writes, the `-o FILE` extensions that select
// it, and which commands offer it. `--format`'s choices, `-o` inference, --help, the man page
// and the completions (both generated from the options) all read this one table.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace collab {

// One format: its --format name and the file extensions (without the dot) besides the name
// itself that `-o FILE` maps to it (`.htm` -> html, `.xml` -> junit).
struct OutputFormat {
    std::string_view name;
    std::span<const std::string_view> extensions;
};

// One command's formats, in the order its --help lists them, and the one used when neither
// --format nor an -o extension says.
struct CommandFormats {
    std::string_view command;
    std::span<const std::string_view> formats;
    std::string_view fallback;
};

std::span<const OutputFormat> output_formats();
std::span<const CommandFormats> command_formats();

// The formats `command` offers, in --help's order. An unknown command is a bug in collab:
// std::logic_error.
const CommandFormats& formats_of(std::string_view command);

// "text, md, csv, json or html": a command's formats for its --help.
std::string format_list(std::string_view command);

// The format among `offered` that a file extension (without the dot) selects: the format of
// that name, or the one listing it among its extensions, compared without regard to ASCII
// case (a.XLSX is xlsx); nullopt when none does.
std::optional<std::string_view> format_of_extension(std::string_view extension,
                                                    std::span<const std::string_view> offered);

}  // namespace collab
