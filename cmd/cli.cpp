#include "cli.h"

#include "store_access.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>

#include <sys/ioctl.h>
#include <sys/wait.h>

#include "core/suggest.h"
#include "output/diagnostics.h"
#include "output/formats.h"
#include "store/store_paths.h"
#include "store/validate.h"
#include "util/atomic_write.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

std::optional<std::string> env(const char* name) {
    const char* v = std::getenv(name);
    if (!v) return std::nullopt;
    return std::string(v);
}

Date parse_today(const std::string& text, const char* source) {
    std::string why;
    const auto d = parse_date(text, &why);
    if (!d || !d->is_full()) {
        throw UsageError(fmt::format("{} '{}' is not a date: {}", source, text,
                                     why.empty() ? "give a full date" : why),
                         "write it as YYYY-MM-DD, e.g. 2026-01-31");
    }
    return d->first_day();
}

}  // namespace

namespace {

// The store, and whether it is the example store: reached only through the fallback
// (COLLAB_DEFAULT_STORE, which scripts/collab sets to data/) because --store, COLLAB_STORE
// and a collab.yaml above the working directory all failed.
std::pair<StoreLocation, bool> locate(const GlobalOptions& global) {
    StoreRequest request;
    if (!global.store.empty()) request.flag = global.store;
    request.env = env("COLLAB_STORE");
    request.cwd = std::filesystem::current_path();
    try {
        return {locate_store(request), false};
    } catch (const UsageError&) {
        request.fallback = env("COLLAB_DEFAULT_STORE");
        if (!request.fallback || request.fallback->empty()) throw;
        return {locate_store(request), true};
    }
}

}  // namespace

StoreLocation find_store(const GlobalOptions& global) {
    auto [location, example] = locate(global);
    // Said once, so a newcomer never believes their own records are being read.
    static bool noted = false;
    if (example && !noted) {
        noted = true;
        fmt::print(stderr,
                   "collab: no collab.yaml here or above; reading the example store {}/ "
                   "(create your own with `collab init DIR`)\n",
                   location.display);
    }
    return location;
}

StoreLocation find_writable_store(const GlobalOptions& global) {
    auto [location, example] = locate(global);
    if (example) {
        throw UsageError(
            fmt::format("no store here: {}/ is collab's example store, which commands that "
                        "write leave alone",
                        location.display),
            fmt::format("create your own store with `collab init DIR` and work inside DIR; to "
                        "change the example anyway, name it: --store {}",
                        location.display));
    }
    return location;
}

std::size_t file_size_limit() {
    std::size_t limit = default_max_file_size;
    if (const auto v = env("COLLAB_MAX_FILE_SIZE"); v && !v->empty()) {
        char* end = nullptr;
        const unsigned long long n = std::strtoull(v->c_str(), &end, 10);
        const std::string unit = end ? std::string(end) : std::string();
        const unsigned long long scale = unit.empty()  ? 1
                                         : unit == "K" ? 1ULL << 10
                                         : unit == "M" ? 1ULL << 20
                                         : unit == "G" ? 1ULL << 30
                                                       : 0;
        if (end == v->c_str() || scale == 0 || n == 0) {
            throw UsageError(fmt::format("COLLAB_MAX_FILE_SIZE '{}' is not a size", *v),
                             "e.g. 10M, 500K or 1048576");
        }
        limit = static_cast<std::size_t>(n * scale);
    }
    return limit;
}

LoadOptions load_options(unsigned jobs, bool use_cache) {
    LoadOptions options;
    options.max_file_size = file_size_limit();
    options.jobs = jobs;
    const auto no_cache = env("COLLAB_NO_CACHE");
    options.use_cache = use_cache && !(no_cache && !no_cache->empty() && *no_cache != "0");
    return options;
}

Store load_store(const StoreLocation& location, unsigned jobs, bool use_cache) {
    return Store::load(location, load_options(jobs, use_cache));
}

OpenStore::OpenStore(const GlobalOptions& global)
    : location(find_store(global)),
      today(cli::today(global)),
      store(load_store(location, global.jobs, !global.no_cache)),
      index(store.records, store.config.home) {}

Date today(const GlobalOptions& global) {
    if (!global.today.empty()) return parse_today(global.today, "--today");
    if (const auto v = env("COLLAB_TODAY"); v && !v->empty())
        return parse_today(*v, "COLLAB_TODAY");
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

bool use_color(const GlobalOptions& global, int fd) {
    if (global.color == "always") return true;
    if (global.color == "never") return false;
    const auto no_color = env("NO_COLOR");
    if (no_color && !no_color->empty()) return false;
    return ::isatty(fd) != 0;
}

std::optional<std::size_t> table_width(int requested) {
    if (requested > 0) return static_cast<std::size_t>(requested);
    if (::isatty(1) == 0) return std::nullopt;
    winsize ws{};
    if (::ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    if (const auto columns = env("COLUMNS")) {
        const int n = std::atoi(columns->c_str());
        if (n > 0) return static_cast<std::size_t>(n);
    }
    return 80;
}

Kind parse_kind_argument(const std::string& word) {
    if (const auto kind = parse_kind(word)) return *kind;
    std::vector<std::string> names;
    for (Kind k : all_kinds) {
        names.emplace_back(kind_name(k));
        names.emplace_back(kind_folder(k));
    }
    throw UsageError(fmt::format("unknown kind '{}'{}", word, did_you_mean(word, names)),
                     "kinds are " + kind_folder_list("and"));
}

void warn_if_invalid(const Store& store, Date today) {
    warn_if_invalid(validate(store, today));
}

void warn_if_invalid(const std::vector<Diagnostic>& diagnostics) {
    const Tally t = tally(diagnostics);
    if (t.errors == 0) return;
    fmt::print(stderr,
               "collab: warning: the store has {} error{}; results may be incomplete (run `collab "
               "validate`)\n",
               t.errors, t.errors == 1 ? "" : "s");
}

std::string format_for(const std::string& format, const std::string& output,
                       std::span<const std::string_view> allowed, const std::string& fallback) {
    if (!format.empty()) return format;
    if (output.empty() || output == "-") return fallback;
    std::string ext = std::filesystem::path(output).extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    if (const auto chosen = format_of_extension(ext, allowed)) return std::string(*chosen);
    std::string names;
    for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
    throw UsageError(fmt::format("cannot tell the format of '{}' from its extension", output),
                     fmt::format("give --format ({})", names));
}

void emit(const std::string& text, const std::string& output) {
    if (output.empty() || output == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    write_file_atomically(checked_output_path(output), text);
}

void refuse_binary_on_terminal(std::string_view format, const std::string& output) {
    if (format != "xlsx" || !(output.empty() || output == "-") || !isatty(STDOUT_FILENO)) return;
    throw UsageError(
        fmt::format("--format {} is a binary workbook, not text for a terminal", format),
        fmt::format("write it to a file: -o FILE.{0} (or redirect: > FILE.{0})", format));
}

void print_warning(const std::string& message) {
    fmt::print(stderr, "collab: warning: {}\n", message);
}

std::vector<std::filesystem::path> emit_files(
    const std::filesystem::path& dir,
    const std::vector<std::pair<std::string, std::string>>& files) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw UsageError(fmt::format("cannot create '{}': {}", dir.string(), ec.message()));
    std::vector<std::filesystem::path> written;
    for (const auto& [name, text] : files) {
        written.push_back(dir / name);
        write_file_atomically(checked_output_path(written.back()), text);
    }
    return written;
}

std::vector<std::string> store_selection(const std::vector<std::string>& paths,
                                         const StoreLocation& store) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    std::error_code ec;
    const fs::path root = fs::canonical(store.root, ec);
    for (const auto& p : paths) {
        const fs::path real = fs::canonical(fs::current_path() / p, ec);
        if (ec) throw UsageError(fmt::format("'{}' does not exist", p));
        const fs::path rel = real.lexically_relative(root);
        if (rel.empty() || *rel.begin() == "..") {
            throw UsageError(
                fmt::format("'{}' is outside the store {}", p, store.display),
                "name files or folders inside the store, or choose another with --store");
        }
        out.push_back(rel == "." ? std::string() : rel.generic_string());
    }
    return out;
}

bool selected(const std::string& file, const std::vector<std::string>& prefixes) {
    if (prefixes.empty()) return true;
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
        return p.empty() || file == p || file.starts_with(p + "/");
    });
}

bool report_candidate(const std::vector<Diagnostic>& diagnostics, const StoreLocation& store,
                      const std::string& text, const GlobalOptions& global) {
    if (diagnostics.empty()) return false;
    TextStyle style{use_color(global, 1), false};
    const std::string out = render_text(diagnostics, ValidationSummary{store.display, 0, 0},
                                        lines_of_text(text), style);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return tally(diagnostics).errors > 0;
}

int run_editor(const std::filesystem::path& path) {
    std::string editor = env("VISUAL").value_or("");
    if (editor.empty()) editor = env("EDITOR").value_or("");
    if (editor.empty()) editor = "vi";
    std::fflush(stdout);
    const pid_t pid = ::fork();
    if (pid < 0) throw UsageError("cannot start the editor: fork failed");
    if (pid == 0) {
        // The editor setting may hold arguments ("code --wait"); the file goes in as "$1",
        // never spliced into the command line.
        const std::string command = editor + " \"$1\"";
        ::execl("/bin/sh", "sh", "-c", command.c_str(), "sh", path.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

}  // namespace collab::cli
