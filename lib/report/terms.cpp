#include "report/terms.h"

#include "model/index.h"
#include "model/renewal.h"

namespace collab {

std::optional<Date> record_day(const Record& record, std::string_view field) {
    const std::string_view text = record.root.scalar(field);
    if (text.empty()) return std::nullopt;
    const auto d = parse_date(text);
    if (!d) return std::nullopt;
    return day_of(*d, field);
}

Term term_of(const Record& record) {
    if (record.kind == Kind::Agreement) {
        auto start = record_day(record, "effective");
        // The kind table's default: effective <- signed.
        const FieldDefault* fallback = field_default(record.kind, "effective");
        if (!start && fallback) start = record_day(record, fallback->from);
        return {start, record_day(record, "expires")};
    }
    if (record.kind == Kind::Project)
        return {record_day(record, "start"), record_day(record, "end")};
    if (record.kind == Kind::Event) return {record_day(record, "date"), record_day(record, "end")};
    return {};
}

std::optional<Date> notice_date(const Record& agreement, Date today) {
    return renewal_notice_date(agreement, today);
}

namespace {

bool in_force_status(const Record& agreement) {
    return status_meaning(agreement.kind, agreement.root.scalar("status")) ==
           StatusMeaning::InForce;
}

}  // namespace

bool needs_attention(const Record& agreement, Date today, const Duration& window) {
    if (agreement.kind != Kind::Agreement || !in_force_status(agreement)) return false;
    if (const auto t = terminated_on(agreement); t && *t <= today) return false;
    const auto end = term_end(agreement, today);
    const auto notice = notice_date(agreement, today);
    return end && notice && *end >= today && *notice <= add(today, window);
}

std::optional<Date> lapsed_on(const Record& agreement, Date today) {
    if (agreement.kind != Kind::Agreement || !in_force_status(agreement)) return std::nullopt;
    if (const auto t = terminated_on(agreement); t && *t <= today) return t;
    const auto end = term_end(agreement, today);
    if (end && *end < today) return end;
    return std::nullopt;
}

bool lapsed(const Record& agreement, Date today) {
    return lapsed_on(agreement, today).has_value();
}

std::string top_level(const Index& index, const std::string& partner) {
    return index.top_level(Kind::Partner, partner);
}

}  // namespace collab
