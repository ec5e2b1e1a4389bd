#include "report/common.h"

#include "model/renewal.h"
#include "query/related.h"
#include "report/terms.h"

namespace collab {

std::vector<std::string> list_values(const Record& record, std::string_view field) {
    return record.root.values(field);
}

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
    return out;
}

Ref ref_to(const Index& index, Kind kind, const std::string& id) {
    const Record* rec = index.find(kind, id);
    return {id, rec ? label_of(*rec) : std::string()};
}

Cell partners_cell(const Index& index, const std::vector<std::string>& ids) {
    std::vector<Ref> refs;
    for (const auto& id : ids) refs.push_back(ref_to(index, Kind::Partner, id));
    return Cell::ref_list(std::move(refs), joined(ids));
}

Cell person_cell(const Index& index, std::string_view id) {
    return Cell::ref(ref_to(index, Kind::Person, std::string(id)));
}

long days_between(Date from, Date to) {
    return to.days_since_epoch() - from.days_since_epoch();
}

std::optional<Span> span_of(const Record& record, Date today) {
    const Term term = term_of(record);
    if (!term.start) return std::nullopt;
    Span s;
    s.kind = record.kind;
    s.id = record.id;
    s.label = label_of(record);
    s.status = std::string(record.root.scalar("status"));
    s.start = *term.start;
    s.end = term.end;
    if (record.kind == Kind::Agreement) {
        if (s.end) s.end = term_end(record, today);
        if (const auto t = terminated_on(record); t && (!s.end || *t < *s.end)) s.end = t;
        const auto notice = notice_date(record, today);
        if (notice && s.end && *notice != *s.end) s.marker = notice;
    }
    return s;
}

}  // namespace collab
