// The store as relational tables, derived from the field tables: one table per kind (its
// scalar fields, objects flattened as `renewal_notice`), and one per list field
// (`agreement_parties`, `agreement_signatories`, `project_funding` ...) with the owner's id
// and the entry's position. Nested lists become rows, never JSON in a cell. CSV and SQLite
// exports render this one model.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/record.h"

namespace collab {

enum class ColumnType : unsigned char { Text, Integer, Real };

struct Column {
    std::string name;
    ColumnType type = ColumnType::Text;
    std::string references;  // the table this column's ids point into, if any
    std::string description;
};

// NULL when absent. A value that does not fit the column's type (a record with errors) is
// kept as the text written.
struct TableValue {
    std::optional<std::string> text;
    ColumnType type = ColumnType::Text;  // how `text` reads: Integer and Real are numbers
};

struct DataTable {
    std::string name;   // partners, agreement_parties ...
    std::string owner;  // for link tables: the kind table its first column points into
    std::vector<Column> columns;
    std::vector<std::vector<TableValue>> rows;
};

// The records in the order every export writes them: by kind, then id (as `list` sorts).
std::vector<const Record*> export_order(std::span<const Record* const> records);

// Every table, in a fixed order (kinds, then each kind's list fields in field-table order),
// including empty ones, so the shape never depends on the data. Records are taken in the
// order given; a second record of a kind with an id already seen is left out (duplicate-id).
std::vector<DataTable> export_tables(std::span<const Record* const> records);

}  // namespace collab
