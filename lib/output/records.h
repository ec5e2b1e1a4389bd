// `list` output: matching records, or counts per value, in every format.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "output/table.h"
#include "query/select.h"

namespace collab {

// `format`: one of formats_of("list") (output/formats.h).
// json, jsonl and yaml carry every field of each record; table, csv and tsv the columns;
// ids one id per line, valid ids only (a record whose file name is no valid id is left out).
std::string render_records(std::string_view format, std::span<const Record* const> records,
                           std::span<const FieldPath> columns, const TableStyle& style);

// Each value with its count, under the field's name and `count`.
std::string render_groups(std::string_view format, const FieldPath& field,
                          std::span<const GroupCount> groups, const TableStyle& style);

}  // namespace collab
