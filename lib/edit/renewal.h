// The rules of `collab renew` (contract, "agreement": supersedes and status): the successor's
// id, and what the successor and its predecessor change. Pure: cmd/renew.cpp reads the files,
// applies these with set_fields and writes the results.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/index.h"
#include "model/node.h"
#include "model/record.h"
#include "model/values.h"

namespace collab {

// The successor's dates as the user wrote them (already checked to be dates); empty: not given.
struct RenewalDates {
    std::string signed_on;
    std::string effective;
    std::string expires;
};

// The year the successor's id carries: the signing date's, else the effective date's, else
// today's.
int successor_year(const RenewalDates& dates, Date today);

// The old id with the year of the new term: hkust-zju-mou-2021 -> hkust-zju-mou-2026 (a
// trailing -YYYY is replaced; the rest is cut to 58 characters so the id stays within the
// format's 64), made unique among the agreements of `index` with -2, -3 ...
std::string successor_id(const std::string& old, int year, const Index& index);

// The agreements among `records` whose `supersedes` names `old_id`, in store order: renewing
// again would make a second successor (contract v2, `superseded-twice`), so `renew` refuses
// while this is not empty, unless forced.
std::vector<std::string> successors_of(const std::string& old_id, std::span<const Record> records);

// What the successor's text changes in a copy of the old one.
struct RenewalPlan {
    std::string status;              // active once signed, else draft
    std::vector<Entry> changes;      // status, supersedes, and the dates given, in that order
    std::vector<std::string> unset;  // what belongs to the old term: id, documents, signatories,
                                     // witnesses, and the dates not given
    bool supersedes_old = false;     // signed: the old agreement's status becomes `superseded`
};
RenewalPlan plan_renewal(const std::string& old_id, const RenewalDates& dates);

// The predecessor's change once the successor is signed.
std::vector<Entry> predecessor_changes();

}  // namespace collab
