// too-few-parties, status-needs-date, signatory-not-party, and the path-or-url rule of
// documents.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "check/checks.h"
#include "util/utf8.h"

namespace collab {

namespace {

std::set<std::string> scalar_items(const Node* list) {
    std::set<std::string> out;
    if (!list || !list->is_sequence()) return out;
    for (const Node& item : list->items) {
        if (item.is_scalar() && !item.is_absent()) out.insert(item.text);
    }
    return out;
}

std::string join(const std::set<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + shorten(w);
    return out;
}

void documents(const Node& root, std::vector<Diagnostic>& out) {
    const Node* docs = root.get("documents");
    if (!docs || !docs->is_sequence()) return;
    for (const Node& doc : docs->items) {
        if (!doc.is_mapping()) continue;
        const Node* path = doc.get("path");
        const Node* url = doc.get("url");
        const bool has_path = path && !path->is_absent();
        const bool has_url = url && !url->is_absent();
        if (has_path && has_url) {
            // Point at whichever of the two comes second in the file.
            const Entry* second = nullptr;
            for (const Entry& e : doc.entries) {
                if (e.key == "path" || e.key == "url") second = &e;
            }
            out.push_back(make_diagnostic("bad-value", second->key_mark,
                                          "a document has either a `path` or a `url`, not both",
                                          "documents." + second->key));
        } else if (!has_path && !has_url) {
            out.push_back(make_diagnostic(
                "missing-field", doc.mark,
                "a document needs a `path` (relative to the store) or a `url`", "documents"));
        }
    }
}

}  // namespace

void check_agreement(const Record& record, std::vector<Diagnostic>& out) {
    if (record.kind != Kind::Agreement) return;
    const Node& r = record.root;

    const Node* parties_node = r.get("parties");
    const std::set<std::string> parties = scalar_items(parties_node);
    if (parties_node && parties_node->is_sequence() && !parties_node->is_absent() &&
        parties.size() < 2) {
        out.push_back(make_diagnostic(
            "too-few-parties", parties_node->mark,
            fmt::format("an agreement needs at least two distinct parties; found {}{}",
                        parties.size(), parties.empty() ? "" : " (" + join(parties) + ")"),
            "parties"));
    }

    static constexpr std::string_view needs_date[] = {"signed", "active", "expired", "terminated",
                                                      "superseded"};
    const std::string_view status = r.scalar("status");
    if (std::find(std::begin(needs_date), std::end(needs_date), status) != std::end(needs_date) &&
        r.scalar("signed").empty()) {
        out.push_back(make_diagnostic(
            "status-needs-date", r.get("status")->mark,
            fmt::format("status '{}' needs a `signed` date (YYYY-MM-DD, YYYY-MM or YYYY)", status),
            "status"));
    }

    if (const Node* sigs = r.get("signatories"); sigs && sigs->is_sequence() && !parties.empty()) {
        for (const Node& sig : sigs->items) {
            if (!sig.is_mapping()) continue;
            const Node* partner = sig.get("partner");
            if (!partner || !partner->is_scalar() || partner->is_absent()) continue;
            if (!parties.contains(partner->text)) {
                out.push_back(make_diagnostic(
                    "signatory-not-party", partner->mark,
                    fmt::format("signatory's partner '{}' is not among the parties ({}); add it "
                                "to `parties` or correct the partner",
                                shorten(partner->text), join(parties)),
                    "signatories.partner"));
            }
        }
    }
    documents(r, out);
}

}  // namespace collab
