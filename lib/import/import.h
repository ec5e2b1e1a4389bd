// `collab import csv` as data (issue 17): a CSV table in, the record files it would write and
// the problems found out, before anything touches the disk. Columns map to fields by header
// through the field tables (model/schema.cpp), cells are converted by the field's type,
// references resolved by id or by name (contract v2, "Look-up by name"), ids made from the
// label field, and the whole store with the new records validated (store/validate.h).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/csv.h"
#include "model/kind.h"
#include "model/values.h"
#include "store/store.h"

namespace collab {

struct ImportOptions {
    Kind kind = Kind::Agreement;
    // --map HEADER=FIELD: the header's text (or its normalized form) to a dotted field path.
    std::vector<std::pair<std::string, std::string>> map;
    std::vector<std::string> ignore;  // --ignore-column: headers left out
    std::string id_column;            // --id-column: ids from this column, not made
    char list_sep = ';';              // --list-sep: between the items of a list cell
    // --date-format: "" (ISO 8601 only), "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y" or "excel"
    // (serial day numbers of Excel's 1900 date system). ISO dates are always accepted.
    std::string date_format;
    bool create_partners = false;  // a partner name that matches none makes a minimal partner
    std::string country;           // --country: the created partners' country
    std::string country_column;    // --country-column: the same, per row (wins over --country)
    bool update = false;           // rows whose id exists change that record through `set`
};

// One file the import would write.
struct ImportWrite {
    std::string file;              // store-relative: "agreements/x.yaml"
    std::string text;              // the whole new content
    int row = 0;                   // the spreadsheet row it comes from
    bool update = false;           // replaces an existing file (--update)
    bool created_partner = false;  // made by --create-partners
};

struct ImportPlan {
    std::vector<ImportWrite> writes;      // new files first (in row order), then updates
    std::size_t rows = 0;                 // data rows read
    std::size_t unchanged = 0;            // rows whose record already says the same
    std::vector<ImportProblem> problems;  // sorted by row; any error: write nothing

    bool has_errors() const;
};

// A header as it is compared with field names: lower-case ASCII, without spaces, `_` and `-`
// ("Renewal Notice" and "renewal_notice" are both "renewalnotice"; dots stay).
std::string normalize_header(std::string_view header);

// An id made from a title or name: ASCII transliteration of Latin letters (ICU's
// "Latin-ASCII": é -> e, ß -> ss), lower-case, every other run of characters one `-`, at most
// 64 characters cut at a `-` (the contract's id form, model/values.h is_id). Empty when the text
// holds no Latin letter or digit (a CJK-only name: the caller says to give --id-column).
std::string make_id(std::string_view text);

// A date cell in `format` (see ImportOptions::date_format) as ISO 8601; nullopt with `why`
// set when it is not one.
std::optional<std::string> convert_date(std::string_view cell, std::string_view format,
                                        std::string& why);

// A yes/no cell (yes, no, true, false, 1, 0, any case) as `true` or `false`.
std::optional<std::string> convert_bool(std::string_view cell);

// Reads an existing record file's text (for --update), or nullopt when it cannot.
using ReadRecordFile = std::function<std::optional<std::string>(const std::string& file)>;

// The plan for importing `table` (read from the CSV file) into `store`: every row converted,
// the store with the new records validated as of `today`. Problems are data problems; an
// option that cannot work (--map to an unknown field, a bad --date-format) is a UsageError.
ImportPlan plan_import(const CsvTable& table, const ImportOptions& options, const Store& store,
                       Date today, const ReadRecordFile& read_record);

}  // namespace collab
