// What a report looks at: the store's records narrowed by a filter. One filter applies to
// every kind it can speak about; records of kinds it cannot (a field that kind lacks) are
// left out, and a filter no kind accepts is a usage error, so typos still fail loudly.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/config.h"
#include "model/index.h"

namespace collab {

struct Scope {
    const Config& config;
    std::span<const Record> all;  // every record, for resolving references
    const Index& index;
    Date today;
    std::vector<const Record*> selected;  // the records the filter keeps, in store order
    std::string filter;                   // the filter explained, empty when there is none
    Tally validation;                     // the store's errors and warnings

    std::vector<const Record*> of(Kind kind) const;
};

Scope make_scope(const Config& config, std::span<const Record> records, const Index& index,
                 Date today, std::span<const std::string> filter_args, Tally validation);

}  // namespace collab
