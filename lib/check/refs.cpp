// duplicate-id, dangling-ref and cycle: the checks that need every record's id.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "check/checks.h"
#include "core/suggest.h"
#include "model/refs.h"
#include "model/values.h"

namespace collab {

void attribute(std::vector<Diagnostic>& out, std::size_t from, const Record& record) {
    for (std::size_t i = from; i < out.size(); ++i) {
        out[i].file = record.file;
        out[i].kind = std::string(kind_name(record.kind));
        out[i].id = record.id;
    }
}

void check_ids(std::span<const Record> records, std::vector<Diagnostic>& out) {
    std::map<std::pair<Kind, std::string>, std::vector<const Record*>> by_id;
    for (const Record& r : records) by_id[{r.kind, r.id}].push_back(&r);
    for (const auto& [key, group] : by_id) {
        if (group.size() < 2) continue;
        for (const Record* r : group) {
            std::string others;
            for (const Record* o : group) {
                if (o != r) others += (others.empty() ? "" : ", ") + o->file;
            }
            const std::size_t first = out.size();
            out.push_back(make_diagnostic(
                "duplicate-id", Mark{},
                fmt::format("another {} has the id '{}': {}; ids must be unique within a kind",
                            kind_name(key.first), key.second, others)));
            attribute(out, first, *r);
        }
    }
}

void check_refs(std::span<const Record> records, const Index& index, std::vector<Diagnostic>& out) {
    for (const Record& r : records) {
        const std::size_t first = out.size();
        for_each_ref(r, [&](const RefUse& use) {
            // A malformed id is already a bad-value; looking it up would only repeat that.
            if (!is_id(use.value.text) || index.find(use.spec.target, use.value.text)) return;
            out.push_back(make_diagnostic(
                "dangling-ref", use.value.mark,
                fmt::format("no {} '{}'{}", kind_name(use.spec.target), use.value.text,
                            did_you_mean(use.value.text, index.ids(use.spec.target))),
                use.path));
        });
        attribute(out, first, r);
    }
}

void check_cycles(std::span<const Record> records, const Index& index,
                  std::vector<Diagnostic>& out) {
    // How many ids of a loop a message names: a loop of 100,000 partners would otherwise
    // make 100,000 messages of 100,000 ids each.
    constexpr std::size_t shown_ids = 12;
    for (const Record& r : records) {
        if (r.kind != Kind::Partner && r.kind != Kind::Agreement) continue;
        const Node* parent = r.root.get("parent");
        if (!parent || !parent->is_scalar() || parent->is_absent()) continue;
        // A loop runs through r when r is above its own parent; the index answers that in
        // constant time, so a long chain costs linear time, not cubic (issue 15).
        // A loop above r that does not pass through r is reported for its own members.
        if (!index.reaches(r.kind, parent->text, r.id)) continue;
        std::string path = r.id;
        std::string current = parent->text;
        for (std::size_t n = 0; current != r.id; ++n) {
            if (n == shown_ids) {
                path += " -> ...";
                break;
            }
            path += " -> " + current;
            const Record* next = index.find(r.kind, current);
            current = next ? std::string(next->root.scalar("parent")) : r.id;
        }
        path += " -> " + r.id;
        const std::size_t first = out.size();
        out.push_back(make_diagnostic(
            "cycle", parent->mark,
            fmt::format("the parent chain loops: {}; one of these parents is wrong", path),
            "parent"));
        attribute(out, first, r);
    }
}

}  // namespace collab
