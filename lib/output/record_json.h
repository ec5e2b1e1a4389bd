// A record as JSON: kind, id, file, then its fields as written in the file (no defaults),
// numbers and booleans typed by the field tables, dates as the strings written.
#pragma once
#include <nlohmann/json.hpp>

#include "model/record.h"

namespace collab {

nlohmann::ordered_json record_json(const Record& record);

}  // namespace collab
