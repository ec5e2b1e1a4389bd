#include "store/git.h"

#include <fmt/format.h>

#include "store/scan.h"
#include "util/errors.h"
#include "util/subprocess.h"

namespace fs = std::filesystem;

namespace collab {

namespace {

SubprocessResult git(const fs::path& cwd, std::vector<std::string> args,
                     const std::string& input = {}) {
    args.insert(args.begin(), "git");
    SubprocessResult r = run_subprocess(args, cwd, input);
    if (r.status == -1) {
        throw UsageError(r.err, "collab diff reads revisions with the git command: install git");
    }
    return r;
}

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

struct TreeEntry {
    std::string oid;
    std::string path;  // relative to the repository root
    std::uint64_t size = 0;
};

// `git ls-tree -r -z -l` lines: "<mode> SP <type> SP <oid> SP+ <size> TAB <path> NUL".
std::vector<TreeEntry> regular_files(const std::string& listing) {
    std::vector<TreeEntry> out;
    std::size_t start = 0;
    while (start < listing.size()) {
        std::size_t end = listing.find('\0', start);
        if (end == std::string::npos) end = listing.size();
        const std::string_view line(listing.data() + start, end - start);
        start = end + 1;
        const auto tab = line.find('\t');
        if (tab == std::string_view::npos) continue;
        const std::string_view meta = line.substr(0, tab);
        // 100644 and 100755 are files; 120000 links and 160000 submodules are not records.
        if (!meta.starts_with("100644 blob ") && !meta.starts_with("100755 blob ")) continue;
        const std::string_view rest = meta.substr(12);
        const auto space = rest.find(' ');
        if (space == std::string_view::npos) continue;
        std::uint64_t size = 0;
        for (char c : rest.substr(space + 1)) {
            if (c >= '0' && c <= '9') size = size * 10 + static_cast<std::uint64_t>(c - '0');
        }
        out.push_back(
            {std::string(rest.substr(0, space)), std::string(line.substr(tab + 1)), size});
    }
    return out;
}

// `git cat-file --batch` answers each "<oid>\n" with "<oid> SP <type> SP <size> LF <bytes> LF".
std::vector<std::string> blob_contents(const GitRepository& repo,
                                       const std::vector<TreeEntry>& entries) {
    std::string request;
    for (const auto& e : entries) request += e.oid + "\n";
    const SubprocessResult r = git(repo.top, {"cat-file", "--batch"}, request);
    if (r.status != 0) throw UsageError("git cat-file failed: " + first_line(r.err));
    std::vector<std::string> out;
    std::size_t at = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::size_t header_end = r.out.find('\n', at);
        if (header_end == std::string::npos) throw UsageError("git cat-file: output cut short");
        const std::string header = r.out.substr(at, header_end - at);
        const auto space = header.rfind(' ');
        if (space == std::string::npos || header.ends_with(" missing")) {
            throw UsageError("git cat-file: cannot read " + entries[i].path);
        }
        const std::size_t size = std::stoull(header.substr(space + 1));
        if (header_end + 1 + size > r.out.size())
            throw UsageError("git cat-file: output cut short");
        out.push_back(r.out.substr(header_end + 1, size));
        at = header_end + 1 + size + 1;
    }
    return out;
}

}  // namespace

GitRepository find_git_repository(const fs::path& store_root) {
    const SubprocessResult r = git(store_root, {"rev-parse", "--show-toplevel", "--show-prefix"});
    if (r.status != 0) {
        throw UsageError(
            fmt::format("the store {} is not inside a git repository", store_root.string()),
            "collab diff compares git revisions of the store; `git init` and commit it first");
    }
    GitRepository repo;
    const auto nl = r.out.find('\n');
    repo.top = r.out.substr(0, nl);
    const std::string rest = nl == std::string::npos ? std::string() : r.out.substr(nl + 1);
    repo.prefix = first_line(rest);
    return repo;
}

std::string resolve_revision(const GitRepository& repo, const std::string& revision) {
    if (revision.empty() || revision.starts_with("-")) {
        throw UsageError(fmt::format("'{}' is not a revision", revision),
                         "give a commit, branch or tag, e.g. HEAD~1 or main");
    }
    const SubprocessResult r = git(
        repo.top, {"rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"});
    if (r.status != 0) {
        throw UsageError(fmt::format("unknown revision '{}'", revision),
                         "give a commit, branch or tag that exists (see `git log --oneline`)");
    }
    return first_line(r.out);
}

Store load_store_at(const GitRepository& repo, const std::string& commit,
                    const StoreLocation& location, std::size_t max_file_size) {
    std::vector<std::string> args = {"ls-tree", "-r", "-z", "-l", "--full-tree", commit};
    if (!repo.prefix.empty()) {
        args.push_back("--");
        args.push_back(repo.prefix);
    }
    const SubprocessResult listing = git(repo.top, args);
    if (listing.status != 0) throw UsageError("git ls-tree failed: " + first_line(listing.err));
    // Only collab.yaml and the files the scan would take as records are read, and none over
    // the store's size limit (issue 15: a 100 MB blob cost 11 s and 650 MB): those become
    // `too-large`, as in the working tree, and their bytes never leave git.
    std::vector<TreeEntry> wanted;
    std::vector<Store::Source> sources;
    std::optional<std::string> config;
    bool config_too_large = false;
    for (TreeEntry& e : regular_files(listing.out)) {
        const std::string file = e.path.substr(repo.prefix.size());
        if (file != "collab.yaml" && !record_file_kind(file)) continue;
        if (e.size > max_file_size) {
            if (file == "collab.yaml") {
                config_too_large = true;
            } else {
                sources.push_back({file, {}, e.size});
            }
            continue;
        }
        wanted.push_back(std::move(e));
    }
    const std::vector<std::string> contents = blob_contents(repo, wanted);
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        std::string file = wanted[i].path.substr(repo.prefix.size());
        if (file == "collab.yaml") {
            config = contents[i];
        } else {
            sources.push_back({std::move(file), contents[i]});
        }
    }
    Store store = Store::from_sources(location, config, sources);
    if (config_too_large) {
        store.diagnostics.push_back(make_diagnostic(
            "config", Mark{},
            fmt::format("collab.yaml is larger than the limit of {} bytes and was not read",
                        max_file_size)));
        store.diagnostics.back().file = "collab.yaml";
    }
    return store;
}

}  // namespace collab
