// Every reference a record makes, found through the field tables.
#pragma once
#include <functional>
#include <string>

#include "model/record.h"
#include "model/schema.h"

namespace collab {

struct RefUse {
    const Node& value;      // the scalar naming the id
    const FieldSpec& spec;  // spec.target is the kind it points to
    std::string path;       // dotted field path, e.g. "signatories.partner"
};

// Calls `fn` for every well-formed reference (a present scalar) in the record, in file order.
void for_each_ref(const Record& record, const std::function<void(const RefUse&)>& fn);

}  // namespace collab
