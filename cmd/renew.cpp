// collab renew AGREEMENT: the successor agreement, a copy that supersedes the old one.
#include <fmt/format.h>

#include "cli.h"
#include "edit/edits.h"
#include "edit/emit.h"
#include "edit/renewal.h"
#include "query/related.h"
#include "store/lock.h"
#include "store/store_paths.h"
#include "store/validate.h"
#include "store_access.h"
#include "util/atomic_write.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

struct RenewOptions {
    std::string ref;
    std::string id;
    std::string signed_on;
    std::string effective;
    std::string expires;
    bool force = false;
};

std::optional<PartialDate> date_option(const std::string& text, const char* option) {
    if (text.empty()) return std::nullopt;
    std::string why;
    auto d = parse_date(text, &why);
    if (!d) throw UsageError(fmt::format("{} '{}' is not a date: {}", option, text, why));
    return d;
}

int run_renew(const RenewOptions& o, const GlobalOptions& global) {
    // Refuses the example store, then holds the lock from before the read until after the
    // last rename (issue 15).
    const StoreLock lock(find_writable_store(global).root);
    const OpenStore opened(global);
    const auto& [location, today, store, index] = opened;
    const Record& old = resolve_record(o.ref, index);
    if (old.kind != Kind::Agreement) {
        throw UsageError(fmt::format("'{}' is {}, and only agreements are renewed", o.ref,
                                     kind_with_article(old.kind)));
    }
    // A second renewal would make two agreements that both supersede this one.
    const std::vector<std::string> successors = successors_of(old.id, store.records);
    if (!successors.empty() && !o.force) {
        std::string named;
        for (const auto& s : successors) named += (named.empty() ? "'" : ", '") + s + "'";
        throw UsageError(
            fmt::format("agreement '{}' already has a successor: {} supersedes it", old.id, named),
            fmt::format("change that one with `collab set {} ...`, or renew again with --force",
                        successors.front()));
    }
    // Bad dates are usage errors before anything is read; the plan takes them as written.
    date_option(o.signed_on, "--signed");
    date_option(o.effective, "--effective");
    date_option(o.expires, "--expires");
    const RenewalDates dates{o.signed_on, o.effective, o.expires};
    const int year = successor_year(dates, today);
    std::string id = o.id;
    if (id.empty()) {
        id = successor_id(old.id, year, index);
    } else if (!is_id(id)) {
        throw UsageError(fmt::format("'{}' is not a valid id", id),
                         "ids are lower-case letters, digits and '-'");
    } else if (index.find(Kind::Agreement, id)) {
        throw UsageError(fmt::format("agreement '{}' exists already", id),
                         "choose another with --id");
    }

    // A copy of the old text, comments and all, with what belongs to the old term removed.
    std::string error;
    bool too_large = false;
    const auto old_text =
        read_store_file(location.root, old.file, file_size_limit(), error, too_large);
    if (!old_text) throw UsageError(fmt::format("cannot read {}: {}", old.file, error));
    const RenewalPlan plan = plan_renewal(old.id, dates);
    const EditResult successor = set_fields(*old_text, Kind::Agreement, plan.changes, plan.unset);
    if (successor.problem) throw UsageError(fmt::format("{}: {}", old.file, *successor.problem));

    const std::string file = std::string(kind_folder(Kind::Agreement)) + "/" + id + ".yaml";
    bool errors =
        report_candidate(validate_candidate(store, Kind::Agreement, file, successor.text, today),
                         location, successor.text, global);
    // The old agreement is superseded once the new one is signed.
    std::optional<EditResult> old_update;
    if (plan.supersedes_old) {
        old_update = set_fields(*old_text, Kind::Agreement, predecessor_changes(), {});
        if (old_update->problem)
            throw UsageError(fmt::format("{}: {}", old.file, *old_update->problem));
        errors = report_candidate(
                     validate_candidate(store, Kind::Agreement, old.file, old_update->text, today),
                     location, old_update->text, global) ||
                 errors;
    }
    if (errors && !o.force) {
        fmt::print(
            stderr,
            "collab: nothing written: the renewal would leave errors (--force writes it anyway)\n");
        return 1;
    }
    write_file_atomically(store_write_path(location.root, file), successor.text,
                          /*replace=*/false);
    fmt::print("created {} (supersedes {}, status {})\n", file, old.id, plan.status);
    if (old_update) {
        write_file_atomically(store_write_path(location.root, old.file), old_update->text);
        fmt::print("updated {} (status superseded)\n", old.file);
    }
    return 0;
}

}  // namespace

Run setup_renew(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<RenewOptions>();
    sub.add_option("agreement", o->ref, "The agreement to renew")->required();
    sub.add_option("--id", o->id,
                   "The successor's id (default: the old id with the year of the new term)");
    sub.add_option("--signed", o->signed_on,
                   "Signing date of the successor: it becomes active, the old one superseded");
    sub.add_option("--effective", o->effective, "When the successor takes effect");
    sub.add_option("--expires", o->expires, "The successor's last day in force");
    sub.add_flag(
        "--force", o->force,
        "Write even when the result has errors, or when the agreement already has a successor");
    return [o, &global] { return run_renew(*o, global); };
}

}  // namespace collab::cli
