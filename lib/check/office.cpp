// The checks of contract v2 that need the whole store: `home` names a partner ("The home
// institution"), and `superseded-twice` ("One more check").
#include <fmt/format.h>

#include <map>

#include "check/checks.h"
#include "core/suggest.h"

namespace collab {

void check_home(const Config& config, const Index& index, std::vector<Diagnostic>& out) {
    if (config.home.empty() || index.find(Kind::Partner, config.home)) return;
    Diagnostic d = make_diagnostic("config", config.home_mark,
                                   fmt::format("`home` names no partner '{}'{}", config.home,
                                               did_you_mean(config.home, index.ids(Kind::Partner))),
                                   "home");
    d.file = "collab.yaml";
    out.push_back(std::move(d));
}

void check_supersedes(std::span<const Record> records, std::vector<Diagnostic>& out) {
    // Successors of each agreement, in record order: one pass, then one diagnostic per
    // successor when there are two or more (a map: n log n).
    std::map<std::string, std::vector<const Record*>> successors;
    for (const Record& r : records) {
        if (r.kind != Kind::Agreement) continue;
        const std::string_view target = r.root.scalar("supersedes");
        if (!target.empty()) successors[std::string(target)].push_back(&r);
    }
    for (const auto& [target, group] : successors) {
        if (group.size() < 2) continue;
        for (const Record* r : group) {
            std::string others;
            for (const Record* o : group) {
                if (o != r) others += (others.empty() ? "" : ", ") + o->id;
            }
            const std::size_t first = out.size();
            out.push_back(make_diagnostic(
                "superseded-twice", r->root.get("supersedes")->mark,
                fmt::format("'{}' is also superseded by {}; an agreement has one successor: "
                            "point the later one at its predecessor's successor, or remove one",
                            target, others),
                "supersedes"));
            attribute(out, first, *r);
        }
    }
}

}  // namespace collab
