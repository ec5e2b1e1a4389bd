#include "report/terms.h"

#include "model/index.h"

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
        if (!start) start = record_day(record, "signed");
        return {start, record_day(record, "expires")};
    }
    if (record.kind == Kind::Project)
        return {record_day(record, "start"), record_day(record, "end")};
    if (record.kind == Kind::Event) return {record_day(record, "date"), record_day(record, "end")};
    return {};
}

std::optional<Date> notice_date(const Record& agreement) {
    const auto expires = record_day(agreement, "expires");
    if (!expires) return std::nullopt;
    const Node* renewal = agreement.root.get("renewal");
    if (renewal && renewal->is_mapping()) {
        if (const auto notice = parse_duration(renewal->scalar("notice")))
            return add(*expires, *notice, -1);
    }
    return expires;
}

namespace {

bool in_force_status(const Record& agreement) {
    const std::string_view status = agreement.root.scalar("status");
    return status == "active" || status == "signed";
}

}  // namespace

bool needs_attention(const Record& agreement, Date today, const Duration& window) {
    if (agreement.kind != Kind::Agreement || !in_force_status(agreement)) return false;
    const auto expires = record_day(agreement, "expires");
    const auto notice = notice_date(agreement);
    return expires && notice && *expires >= today && *notice <= add(today, window);
}

bool lapsed(const Record& agreement, Date today) {
    if (agreement.kind != Kind::Agreement || !in_force_status(agreement)) return false;
    const auto expires = record_day(agreement, "expires");
    return expires && *expires < today;
}

std::string top_level(const Index& index, const std::string& partner) {
    return index.top_level(Kind::Partner, partner);
}

}  // namespace collab
