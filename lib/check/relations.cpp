// signatory-without-role, project-outside-agreement and missing-document: checks that follow
// references to other records or to files.
#include <fmt/format.h>

#include <algorithm>

#include "check/checks.h"
#include "util/utf8.h"

namespace collab {

namespace {

// Whether any role of `person` at `partner` (or an organisation it belongs to) overlaps the
// days first..last.
bool holds_role(const Record& person, std::string_view partner, const Index& index, Date first,
                Date last) {
    const Node* roles = person.root.get("roles");
    if (!roles || !roles->is_sequence()) return false;
    for (const Node& role : roles->items) {
        if (!role.is_mapping()) continue;
        const std::string_view at = role.scalar("partner");
        if (at.empty() || !index.belongs_to(partner, at)) continue;
        const auto from = date_field(role, "from");
        const auto until = date_field(role, "until");
        const bool started = !from || from->first_day() <= last;
        const bool not_ended = !until || until->last_day() >= first;
        if (started && not_ended) return true;
    }
    return false;
}

void signatories_hold_roles(const Record& agreement, const Index& index,
                            std::vector<Diagnostic>& out) {
    const auto signed_on = date_field(agreement.root, "signed");
    const Node* sigs = agreement.root.get("signatories");
    if (!signed_on || !sigs || !sigs->is_sequence()) return;
    for (const Node& sig : sigs->items) {
        if (!sig.is_mapping()) continue;
        const Node* person_node = sig.get("person");
        const std::string_view partner = sig.scalar("partner");
        if (!person_node || !person_node->is_scalar() || partner.empty()) continue;
        const Record* person = index.find(Kind::Person, person_node->text);
        if (!person) continue;  // a dangling-ref already
        if (holds_role(*person, partner, index, signed_on->first_day(), signed_on->last_day())) {
            continue;
        }
        out.push_back(make_diagnostic(
            "signatory-without-role", person_node->mark,
            fmt::format("{} held no role at {} (or an organisation it belongs to) on {}; add the "
                        "role to {}",
                        person->id, partner, signed_on->str(), person->file),
            "signatories.person"));
    }
}

void project_within_agreements(const Record& project, const Index& index,
                               std::vector<Diagnostic>& out) {
    const Node* agreements = project.root.get("agreements");
    const Node* partners = project.root.get("partners");
    if (!agreements || !agreements->is_sequence() || !partners || !partners->is_sequence()) return;
    std::vector<std::string> parties;
    std::string names;
    for (const Node& a : agreements->items) {
        const Record* agreement = a.is_scalar() ? index.find(Kind::Agreement, a.text) : nullptr;
        if (!agreement) continue;
        names += (names.empty() ? "" : ", ") + agreement->id;
        if (const Node* ps = agreement->root.get("parties"); ps && ps->is_sequence()) {
            for (const Node& p : ps->items) {
                if (p.is_scalar()) parties.push_back(p.text);
            }
        }
    }
    if (names.empty()) return;  // nothing resolved: dangling refs say why
    for (const Node& partner : partners->items) {
        if (!partner.is_scalar() || partner.is_absent()) continue;
        const bool covered = std::any_of(parties.begin(), parties.end(), [&](const auto& party) {
            return index.belongs_to(partner.text, party);
        });
        if (covered) continue;
        out.push_back(make_diagnostic(
            "project-outside-agreement", partner.mark,
            fmt::format("partner '{}' is not a party of {} and belongs to none of their parties",
                        shorten(partner.text), names),
            "partners"));
    }
}

void documents_exist(const Record& agreement, const DocumentProbe& probe,
                     std::vector<Diagnostic>& out) {
    const Node* docs = agreement.root.get("documents");
    if (!docs || !docs->is_sequence() || !probe) return;
    for (const Node& doc : docs->items) {
        const Node* path = doc.is_mapping() ? doc.get("path") : nullptr;
        if (!path || !path->is_scalar() || path->is_absent()) continue;
        if (const auto problem = probe(path->text)) {
            out.push_back(make_diagnostic("missing-document", path->mark,
                                          fmt::format("document '{}' {}", path->text, *problem),
                                          "documents.path"));
        }
    }
}

}  // namespace

void check_relations(std::span<const Record> records, const CheckContext& context,
                     std::vector<Diagnostic>& out) {
    for (const Record& r : records) {
        const std::size_t first = out.size();
        if (r.kind == Kind::Agreement) {
            signatories_hold_roles(r, context.index, out);
            documents_exist(r, context.probe_document, out);
        } else if (r.kind == Kind::Project) {
            project_within_agreements(r, context.index, out);
        }
        attribute(out, first, r);
    }
}

}  // namespace collab
