#include "edit/renewal.h"

#include <fmt/format.h>

#include <algorithm>

#include "edit/emit.h"

namespace collab {

int successor_year(const RenewalDates& dates, Date today) {
    for (const std::string* text : {&dates.signed_on, &dates.effective}) {
        if (const auto d = parse_date(*text)) return d->year;
    }
    return today.year;
}

std::string successor_id(const std::string& old, int year, const Index& index) {
    std::string base = old;
    if (base.size() > 5 && base[base.size() - 5] == '-' &&
        std::all_of(base.end() - 4, base.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        base.resize(base.size() - 5);
    }
    base = fmt::format("{}-{}", base.substr(0, 58), year);
    std::string id = base;
    for (int n = 2; index.find(Kind::Agreement, id) || id == old; ++n)
        id = fmt::format("{}-{}", base, n);
    return id;
}

RenewalPlan plan_renewal(const std::string& old_id, const RenewalDates& dates) {
    RenewalPlan plan;
    plan.supersedes_old = !dates.signed_on.empty();
    plan.status = plan.supersedes_old ? "active" : "draft";
    plan.changes = {{"status", {}, scalar_node(plan.status)},
                    {"supersedes", {}, scalar_node(old_id)}};
    plan.unset = {"id", "documents", "signatories", "witnesses"};
    const auto date_change = [&](const char* field, const std::string& text) {
        if (!text.empty()) {
            plan.changes.push_back({field, {}, scalar_node(text)});
        } else {
            plan.unset.emplace_back(field);
        }
    };
    date_change("signed", dates.signed_on);
    date_change("effective", dates.effective);
    date_change("expires", dates.expires);
    return plan;
}

std::vector<Entry> predecessor_changes() {
    return {{"status", {}, scalar_node("superseded")}};
}

std::vector<std::string> successors_of(const std::string& old_id, std::span<const Record> records) {
    std::vector<std::string> out;
    for (const Record& r : records) {
        if (r.kind == Kind::Agreement && r.root.scalar("supersedes") == old_id) out.push_back(r.id);
    }
    return out;
}

}  // namespace collab
