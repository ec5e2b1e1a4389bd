#include "import/render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "escape/escape.h"

namespace collab {

namespace {

struct Counts {
    std::size_t created = 0, partners = 0, updated = 0, errors = 0, warnings = 0;
};

Counts count(const ImportPlan& plan) {
    Counts n;
    for (const auto& w : plan.writes) {
        if (w.update)
            ++n.updated;
        else if (w.created_partner)
            ++n.partners;
        else
            ++n.created;
    }
    for (const auto& p : plan.problems) (p.warning ? n.warnings : n.errors)++;
    return n;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string render_import_text(const ImportOutcome& o) {
    const ImportPlan& plan = *o.plan;
    std::string out;
    const std::string source = terminal_text(o.source == "-" ? "<stdin>" : o.source);
    for (const auto& p : plan.problems) {
        out += fmt::format("{}:{}:{}: {}[{}]: {}\n", source, p.row, terminal_text(p.column),
                           p.warning ? "warning" : "error", p.code, terminal_text(p.message));
        if (!p.hint.empty()) out += fmt::format("  hint: {}\n", terminal_text(p.hint));
    }
    const Counts n = count(plan);
    std::string what = fmt::format("{}, {}, {}", plural(n.created, "new record", "new records"),
                                   plural(n.updated, "updated", "updated"),
                                   plural(plan.unchanged, "unchanged", "unchanged"));
    if (n.partners)
        what += fmt::format(", {}", plural(n.partners, "partner created", "partners created"));
    if (n.errors) {
        out += fmt::format("{}: {} in {}: nothing written\n", source,
                           plural(n.errors, "error", "errors"), plural(plan.rows, "row", "rows"));
    } else if (o.dry_run) {
        out += fmt::format("{}: {}: {} (dry run: nothing written)\n", source,
                           plural(plan.rows, "row", "rows"), what);
    } else {
        out += fmt::format("{}: {}: {}\n", source, plural(plan.rows, "row", "rows"), what);
    }
    return out;
}

std::string render_import_json(const ImportOutcome& o) {
    const ImportPlan& plan = *o.plan;
    const Counts n = count(plan);
    nlohmann::ordered_json j;
    j["file"] = o.source;
    j["rows"] = plan.rows;
    j["dry_run"] = o.dry_run;
    j["written"] = o.written;
    j["created"] = nlohmann::json::array();
    j["updated"] = nlohmann::json::array();
    for (const auto& w : plan.writes) (w.update ? j["updated"] : j["created"]).push_back(w.file);
    j["unchanged"] = plan.unchanged;
    j["errors"] = n.errors;
    j["warnings"] = n.warnings;
    j["problems"] = nlohmann::json::array();
    for (const auto& p : plan.problems) {
        j["problems"].push_back({{"row", p.row},
                                 {"column", p.column},
                                 {"severity", p.warning ? "warning" : "error"},
                                 {"code", p.code},
                                 {"message", p.message},
                                 {"hint", p.hint}});
    }
    // Cells need not be valid UTF-8 in every path (a header cut by a limit): replace, not throw.
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace collab
