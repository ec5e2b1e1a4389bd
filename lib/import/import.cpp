#include "import/import.h"

#include <fmt/format.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>

#include "core/suggest.h"
#include "edit/edits.h"
#include "edit/emit.h"
#include "model/index.h"
#include "model/refs.h"
#include "model/schema.h"
#include "query/names.h"
#include "store/validate.h"
#include "util/errors.h"
#include "util/utf8.h"
#include "yaml/parse_yaml.h"

namespace collab {

bool ImportPlan::has_errors() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](const ImportProblem& p) { return !p.warning; });
}

std::string normalize_header(std::string_view header) {
    std::string out;
    for (char c : header) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t') continue;
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

namespace {

// ICU transliterators are expensive to build and not thread-safe to share; one per process,
// used under a mutex (imports are single-threaded anyway).
std::string latin_ascii(std::string_view text) {
    static std::mutex mutex;
    static std::unique_ptr<icu::Transliterator> translit = [] {
        UErrorCode error = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(
            icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, error));
        if (U_FAILURE(error)) t.reset();
        return t;
    }();
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (translit) {
        const std::lock_guard lock(mutex);
        translit->transliterate(u);
    }
    std::string out;
    u.toUTF8String(out);
    return out;
}

bool ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

}  // namespace

std::string make_id(std::string_view text) {
    const std::string ascii = lower_ascii(latin_ascii(text));
    std::string id;
    for (char c : ascii) {
        if (ascii_alnum(c)) {
            id.push_back(c);
        } else if (!id.empty() && id.back() != '-') {
            id.push_back('-');
        }
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    if (id.size() > 64) {
        id.resize(64);
        const auto dash = id.rfind('-');
        if (dash != std::string::npos && dash >= 32) id.resize(dash);
        while (!id.empty() && id.back() == '-') id.pop_back();
    }
    if (!is_id(id)) return {};
    return id;
}

std::optional<std::string> convert_bool(std::string_view cell) {
    const std::string v = lower_ascii(trim(cell));
    if (v == "yes" || v == "true" || v == "1") return "true";
    if (v == "no" || v == "false" || v == "0") return "false";
    return std::nullopt;
}

std::optional<std::string> convert_date(std::string_view cell, std::string_view format,
                                        std::string& why) {
    cell = trim(cell);
    if (parse_date(cell)) return std::string(cell);
    if (format.empty()) {
        why = "not an ISO 8601 date (YYYY-MM-DD)";
        return std::nullopt;
    }
    auto number = [](std::string_view s, std::size_t min_len, std::size_t max_len) -> int {
        if (s.size() < min_len || s.size() > max_len) return -1;
        int n = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    };
    Date d;
    if (format == "excel") {
        // Excel's 1900 date system: day 1 is 1900-01-01 and day 60 the 29 February 1900 that
        // never was (Lotus 1-2-3's bug, kept by Excel); from day 61 on, serial n is
        // 1899-12-30 + n days. Time of day (a fraction) is dropped.
        std::string_view whole = cell.substr(0, cell.find('.'));
        const int serial = number(whole, 1, 7);
        if (serial < 61 || serial > 2958465) {
            why = "not an Excel date serial number from 61 (1900-03-01) to 2958465 (9999-12-31)";
            return std::nullopt;
        }
        d = Date::from_days(Date{1899, 12, 30}.days_since_epoch() + serial);
        return d.str();
    }
    const char sep = format == "%d.%m.%Y" ? '.' : '/';
    const bool month_first = format == "%m/%d/%Y";
    const auto a = cell.find(sep);
    const auto b = a == std::string_view::npos ? a : cell.find(sep, a + 1);
    if (b == std::string_view::npos) {
        why = fmt::format("not a date in the form {}", format);
        return std::nullopt;
    }
    const int first = number(cell.substr(0, a), 1, 2);
    const int second = number(cell.substr(a + 1, b - a - 1), 1, 2);
    const int year = number(cell.substr(b + 1), 4, 4);
    d.year = year;
    d.month = month_first ? first : second;
    d.day = month_first ? second : first;
    if (first < 0 || second < 0 || year < 0 || d.month < 1 || d.month > 12 || d.day < 1 ||
        d.day > days_in_month(d.year, d.month)) {
        why = fmt::format("not a date in the form {}", format);
        return std::nullopt;
    }
    return d.str();
}

namespace {

constexpr std::string_view date_formats[] = {"%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "excel"};

// Where a column's cells go.
struct Column {
    enum class Role { Field, Id, Ignored, Country, Extension } role = Role::Ignored;
    std::string header;
    std::string path;                 // dotted field path, or the x- key
    const FieldSpec* top = nullptr;   // the top-level field
    const FieldSpec* spec = nullptr;  // the field the cell fills (top, or a sub-field)
};

struct Context {
    const ImportOptions& options;
    const Store& store;
    const Index& index;
    std::vector<ImportProblem>& problems;
    // Folded names of records of each kind -> their ids (built once: n log n, not n x m).
    std::map<Kind, std::unordered_map<std::string, std::vector<std::string>>> names;
    std::map<Kind, std::vector<std::string>> spelled;  // the names as written, for did-you-mean
    std::map<Kind, std::set<std::string>> ids;         // existing and imported ids per kind
    // Partners made by --create-partners: folded name -> id, and their writes.
    std::unordered_map<std::string, std::string> created;
    std::vector<ImportWrite> created_writes;
    const std::vector<CsvRow>* rows = nullptr;  // the table's rows

    void error(int row, const std::string& column, std::string code, std::string message,
               std::string hint = {}) {
        problems.push_back(
            {row, column, std::move(code), std::move(message), std::move(hint), false});
    }
};

std::vector<std::string> split_list(std::string_view cell, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= cell.size()) {
        auto end = cell.find(sep, start);
        if (end == std::string_view::npos) end = cell.size();
        const auto item = trim(cell.substr(start, end - start));
        if (!item.empty()) out.emplace_back(item);
        start = end + 1;
    }
    return out;
}

// The id a reference cell names: an id of `target`, else the one record whose name it is,
// else (partners, --create-partners) a new minimal partner.
std::optional<std::string> resolve_ref(Context& c, Kind target, std::string_view value, int row,
                                       const std::string& column,
                                       const std::vector<std::string>& cells,
                                       const std::vector<Column>& columns) {
    if (c.ids[target].count(std::string(value))) return std::string(value);
    const std::string folded = fold_case(value);
    if (auto it = c.names[target].find(folded); it != c.names[target].end()) {
        if (it->second.size() == 1) return it->second.front();
        c.error(row, column, "ambiguous-reference",
                fmt::format("'{}' is the name of {} {}s: {}", shorten(value), it->second.size(),
                            kind_name(target), fmt::join(it->second, ", ")),
                "write the id instead of the name");
        return std::nullopt;
    }
    if (target == Kind::Partner && c.options.create_partners) {
        if (auto it = c.created.find(folded); it != c.created.end()) return it->second;
        std::string country = c.options.country;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (columns[i].role == Column::Role::Country && !trim(cells[i]).empty()) {
                country = std::string(trim(cells[i]));
            }
        }
        for (char& ch : country) {
            if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        }
        if (country.empty()) {
            c.error(row, column, "unknown-reference",
                    fmt::format("no partner is named '{}', and no country is given to create it",
                                shorten(value)),
                    "give --country CC or --country-column NAME with --create-partners");
            return std::nullopt;
        }
        std::string id = make_id(value);
        if (id.empty()) {
            c.error(row, column, "no-id",
                    fmt::format("cannot make a partner id from '{}' (no Latin letters)",
                                shorten(value)),
                    "create the partner first with `collab new partner ID name=...`");
            return std::nullopt;
        }
        const std::string base = id;
        for (int n = 2; c.ids[Kind::Partner].count(id); ++n) {
            const std::string suffix = fmt::format("-{}", n);
            id = base.substr(0, 64 - suffix.size()) + suffix;
        }
        c.ids[Kind::Partner].insert(id);
        c.created.emplace(folded, id);
        std::vector<Entry> entries;
        entries.push_back({"name", {}, scalar_node(std::string(value))});
        entries.push_back({"type", {}, scalar_node("other")});
        entries.push_back({"country", {}, scalar_node(country)});
        c.created_writes.push_back({fmt::format("{}/{}.yaml", kind_folder(Kind::Partner), id),
                                    new_record_text(Kind::Partner, std::move(entries)), row, false,
                                    true});
        return id;
    }
    const auto near = nearest(value, c.spelled[target]);
    c.error(row, column, "unknown-reference",
            fmt::format("no {} has the id or the name '{}'{}", kind_name(target), shorten(value),
                        near ? fmt::format("; did you mean '{}'?", shorten(*near)) : ""),
            target == Kind::Partner
                ? "check the spelling, add the name as an alias, or give --create-partners"
                : fmt::format("create the {} first, or check the spelling", kind_name(target)));
    return std::nullopt;
}

// A cell as the value of `spec` (a scalar), or nullopt after reporting why not.
std::optional<std::string> convert_scalar(Context& c, const FieldSpec& spec, std::string_view cell,
                                          int row, const std::string& column,
                                          const std::vector<std::string>& cells,
                                          const std::vector<Column>& columns) {
    std::string why;
    switch (spec.type) {
        case ValueType::Bool:
            if (auto b = convert_bool(cell)) return b;
            c.error(row, column, "bad-cell", fmt::format("'{}' is not yes or no", shorten(cell)),
                    "write yes, no, true, false, 1 or 0");
            return std::nullopt;
        case ValueType::Date:
            if (auto d = convert_date(cell, c.options.date_format, why)) return d;
            c.error(row, column, "bad-cell", fmt::format("'{}' is {}", shorten(cell), why),
                    c.options.date_format.empty()
                        ? "give --date-format %d/%m/%Y (or %m/%d/%Y, %d.%m.%Y, excel)"
                        : "");
            return std::nullopt;
        case ValueType::Ref:
            return resolve_ref(c, spec.target, trim(cell), row, column, cells, columns);
        case ValueType::Enum: {
            const std::string lower = lower_ascii(trim(cell));
            for (auto choice : spec.choices) {
                if (choice == lower) return lower;
            }
            return std::string(trim(cell));  // validation names the choices
        }
        case ValueType::Country:
        case ValueType::Currency: {
            std::string upper(trim(cell));
            for (char& ch : upper) {
                if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
            }
            return upper;
        }
        case ValueType::Text: {
            // Spreadsheets end lines inside a cell with CRLF in a CRLF file; records use LF.
            std::string text;
            for (std::size_t i = 0; i < cell.size(); ++i) {
                if (cell[i] == '\r' && i + 1 < cell.size() && cell[i + 1] == '\n') continue;
                text.push_back(cell[i]);
            }
            return text;
        }
        default:
            return std::string(trim(cell));
    }
}

// The columns of `header`, or problems.
std::vector<Column> map_columns(Context& c, const std::vector<std::string>& header) {
    const auto fields = fields_of(c.options.kind);
    std::map<std::string, std::string> known;  // normalized -> dotted path
    std::vector<std::string> paths;
    for (const FieldSpec& f : fields) {
        known.emplace(normalize_header(f.name), std::string(f.name));
        // The field's label: the title `show` gives it ("Implements" for parent, "Looked
        // after by" for owner); a field's own name wins a clash (emplace keeps the first).
        if (!f.show_title.empty())
            known.emplace(normalize_header(f.show_title), std::string(f.name));
        paths.emplace_back(f.name);
        if (f.shape == Shape::Object || f.shape == Shape::ObjectList) {
            for (const FieldSpec& sub : f.fields) {
                const std::string path = fmt::format("{}.{}", f.name, sub.name);
                known.emplace(normalize_header(path), path);
                // "Renewal notice" as well as "renewal.notice".
                known.emplace(normalize_header(fmt::format("{}{}", f.name, sub.name)), path);
                paths.push_back(path);
            }
        }
    }
    auto matches = [](const std::string& header, const std::string& name) {
        return header == name || normalize_header(header) == normalize_header(name);
    };
    std::vector<Column> columns;
    std::map<std::string, std::size_t> seen_header, seen_path;
    for (std::size_t i = 0; i < header.size(); ++i) {
        Column col;
        col.header = header[i];
        const std::string norm = normalize_header(header[i]);
        const bool ignored =
            std::any_of(c.options.ignore.begin(), c.options.ignore.end(),
                        [&](const std::string& n) { return matches(header[i], n); });
        const auto mapped =
            std::find_if(c.options.map.begin(), c.options.map.end(),
                         [&](const auto& m) { return matches(header[i], m.first); });
        // A column without a header and without a value (the trailing `;` some spreadsheets
        // write) is nothing to import.
        const bool blank = trim(header[i]).empty() &&
                           std::all_of(c.rows->begin(), c.rows->end(), [&](const CsvRow& r) {
                               return i >= r.cells.size() || trim(r.cells[i]).empty();
                           });
        if (ignored || blank) {
            col.role = Column::Role::Ignored;
        } else if (!c.options.id_column.empty() && matches(header[i], c.options.id_column)) {
            col.role = Column::Role::Id;
        } else if (!c.options.country_column.empty() &&
                   matches(header[i], c.options.country_column)) {
            col.role = Column::Role::Country;
        } else if (mapped != c.options.map.end()) {
            col.path = mapped->second;
        } else if (lower_ascii(trim(header[i])).starts_with("x-")) {
            col.role = Column::Role::Extension;
            col.path = lower_ascii(trim(header[i]));
        } else if (auto k = known.find(norm); k != known.end()) {
            col.path = k->second;
        } else {
            c.error(1, header[i], "unknown-column",
                    header[i].empty() ? std::string("a column has no header")
                                      : fmt::format("no field of {} is called '{}'{}",
                                                    kind_with_article(c.options.kind),
                                                    shorten(header[i]), did_you_mean(norm, paths)),
                    fmt::format("map it with --map '{}=FIELD', or leave it out with "
                                "--ignore-column '{}'",
                                shorten(header[i]), shorten(header[i])));
        }
        if (!col.path.empty() && col.role != Column::Role::Extension) {
            if (col.path == "id") {
                col.role = Column::Role::Id;
            } else {
                const auto dot = col.path.find('.');
                col.top = find_field(fields, col.path.substr(0, dot));
                col.spec = find_field_path(fields, col.path);
                if (is_extension_key(col.path)) {
                    col.role = Column::Role::Extension;
                } else if (!col.top || !col.spec ||
                           (dot == std::string::npos && (col.top->shape == Shape::Object ||
                                                         col.top->shape == Shape::ObjectList))) {
                    throw UsageError(
                        fmt::format("--map '{}={}': {} has no field '{}' that a cell can fill",
                                    header[i], col.path, kind_with_article(c.options.kind),
                                    col.path),
                        fmt::format("fields: {}", fmt::join(paths, ", ")));
                } else {
                    col.role = Column::Role::Field;
                }
            }
        }
        if (auto [it, fresh] = seen_header.emplace(norm, i);
            !fresh && col.role != Column::Role::Ignored) {
            c.error(
                1, header[i], "duplicate-column",
                fmt::format("column {} has the same header as column {}", i + 1, it->second + 1),
                "rename or remove one of them");
        } else if (col.role == Column::Role::Field || col.role == Column::Role::Id ||
                   col.role == Column::Role::Extension) {
            const std::string key = col.role == Column::Role::Id ? "id" : col.path;
            if (auto [it2, fresh2] = seen_path.emplace(key, i); !fresh2) {
                c.error(1, header[i], "duplicate-column",
                        fmt::format("columns '{}' and '{}' both fill '{}'",
                                    shorten(header[it2->second]), shorten(header[i]), key),
                        "leave one out with --ignore-column");
            }
        }
        columns.push_back(std::move(col));
    }
    return columns;
}

// Sub-entries of an object in its field table's order.
void order_entries(Node& map, const FieldSpec& spec) {
    std::stable_sort(map.entries.begin(), map.entries.end(), [&](const Entry& a, const Entry& b) {
        auto rank = [&](const std::string& k) {
            for (std::size_t i = 0; i < spec.fields.size(); ++i) {
                if (spec.fields[i].name == k) return i;
            }
            return spec.fields.size();
        };
        return rank(a.key) < rank(b.key);
    });
}

Node& entry_of(std::vector<Entry>& entries, const std::string& key, Node::Type type) {
    for (Entry& e : entries) {
        if (e.key == key) return e.value;
    }
    entries.push_back({key, {}, Node{}});
    entries.back().value.type = type;
    return entries.back().value;
}

}  // namespace

ImportPlan plan_import(const CsvTable& table, const ImportOptions& options, const Store& store,
                       Date today, const ReadRecordFile& read_record) {
    if (!options.date_format.empty() && std::find(std::begin(date_formats), std::end(date_formats),
                                                  options.date_format) == std::end(date_formats)) {
        throw UsageError(
            fmt::format("--date-format '{}' is not one collab knows", options.date_format),
            "give %d/%m/%Y, %m/%d/%Y, %d.%m.%Y or excel");
    }
    ImportPlan plan;
    plan.rows = std::max(table.rows_read, table.rows.size());
    const Index index(store.records, store.config.home);
    Context c{options, store, index, plan.problems, {}, {}, {}, {}, {}, &table.rows};
    for (const Record& r : store.records) {
        c.ids[r.kind].insert(r.id);
        for (const auto& name : lookup_names(r)) {
            c.names[r.kind][fold_case(name)].push_back(r.id);
            c.spelled[r.kind].push_back(name);
        }
    }
    for (auto& [kind, by_name] : c.names) {
        for (auto& [name, ids] : by_name) {
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        }
    }
    const Kind kind = options.kind;
    const auto fields = fields_of(kind);
    const std::vector<Column> columns = map_columns(c, table.header);
    if (!plan.problems.empty()) return plan;

    // Pass 1: each row's id, so rows may name each other (a partner's parent).
    const std::string label(kind_info(kind).label_field);
    std::optional<std::size_t> id_col, label_col;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].role == Column::Role::Id) id_col = i;
        if (columns[i].role == Column::Role::Field && columns[i].path == label) label_col = i;
    }
    if (!options.id_column.empty() && !id_col) {
        throw UsageError(
            fmt::format("--id-column '{}': no column has that header", options.id_column));
    }
    std::vector<std::string> row_ids(table.rows.size());
    std::map<std::string, int> row_of_id;  // id -> the first row that has it
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const CsvRow& row = table.rows[r];
        std::string id;
        if (id_col) {
            id = std::string(trim(row.cells[*id_col]));
            if (!is_id(id)) {
                c.error(row.row, table.header[*id_col], "bad-cell",
                        id.empty() ? std::string("the id is empty")
                                   : fmt::format("'{}' is not a valid id", shorten(id)),
                        "ids are lower-case letters, digits and '-', at most 64 characters");
                continue;
            }
            if (auto [it, fresh] = row_of_id.emplace(id, row.row); !fresh) {
                c.error(row.row, table.header[*id_col], "id-clash",
                        fmt::format("the id '{}' is also row {}'s", id, it->second),
                        "give each row its own id");
                continue;
            }
        } else {
            const std::string source = label_col ? std::string(trim(row.cells[*label_col])) : "";
            const std::string column = label_col ? table.header[*label_col] : label;
            if (source.empty()) {
                c.error(row.row, column, "no-id", fmt::format("no {} to make an id from", label),
                        "give the column or --id-column");
                continue;
            }
            const std::string base = make_id(source);
            if (base.empty()) {
                c.error(row.row, column, "no-id",
                        fmt::format("cannot make an id from '{}': it has no Latin letters or "
                                    "digits",
                                    shorten(source)),
                        "add a column of ids and give --id-column NAME (CJK-only names need one)");
                continue;
            }
            // A partner or person is looked up by name (contract v2, "Look-up by name"): a
            // second one of the same name would make every later reference to it ambiguous,
            // so a row whose name is an earlier row's or another record's is refused. The
            // record whose id the name makes is that record (re-running changes nothing).
            if (kind == Kind::Partner || kind == Kind::Person) {
                const auto it = c.names[kind].find(fold_case(source));
                if (it != c.names[kind].end() && !it->second.empty()) {
                    const std::string& other = it->second.front();
                    auto earlier = row_of_id.end();
                    for (const std::string& i : it->second) {
                        if (earlier == row_of_id.end()) earlier = row_of_id.find(i);
                    }
                    if (earlier != row_of_id.end()) {
                        c.error(row.row, column, "id-clash",
                                fmt::format("row {} has the same {} '{}'", earlier->second, label,
                                            shorten(source)),
                                "remove the repeated row, or give each row an id with "
                                "--id-column to keep both");
                        continue;
                    }
                    if (it->second.size() > 1 || other != base) {
                        const Record* r = index.find(kind, other);
                        c.error(row.row, column, "id-clash",
                                fmt::format("{} '{}' ({}) is already called '{}'", kind_name(kind),
                                            other, r ? r->file : "", shorten(source)),
                                fmt::format("leave the row out, or give it the id '{}' in a "
                                            "column named by --id-column to update that record",
                                            other));
                        continue;
                    }
                }
            }
            // A made id clashing with another row's gets a numeric suffix; one equal to an
            // existing record's id is that record (re-running an import changes nothing).
            id = base;
            for (int n = 2; row_of_id.count(id); ++n) {
                const std::string suffix = fmt::format("-{}", n);
                id = base.substr(0, 64 - suffix.size()) + suffix;
                while (id.size() > suffix.size() && id[id.size() - suffix.size() - 1] == '-') {
                    id.erase(id.size() - suffix.size() - 1, 1);
                }
            }
            row_of_id.emplace(id, row.row);
        }
        row_ids[r] = id;
        c.ids[kind].insert(id);
        if (label_col && !trim(row.cells[*label_col]).empty()) {
            auto& ids = c.names[kind][fold_case(trim(row.cells[*label_col]))];
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
    }

    // Pass 2: the cells.
    struct Built {
        int row;
        std::string file;
        std::vector<Entry> entries;
    };
    std::vector<Built> built;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (row_ids[r].empty()) continue;
        const CsvRow& row = table.rows[r];
        std::vector<Entry> entries;
        bool row_ok = true;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const Column& col = columns[i];
            if (col.role != Column::Role::Field && col.role != Column::Role::Extension) continue;
            const std::string_view cell = row.cells[i];
            if (trim(cell).empty()) continue;
            if (trim(cell).starts_with('=')) {
                c.error(row.row, col.header, "formula",
                        fmt::format("the cell holds the formula '{}', not a value",
                                    shorten(trim(cell))),
                        "export the values: copy the column and paste it as values, then save "
                        "as CSV again");
                row_ok = false;
                continue;
            }
            if (col.role == Column::Role::Extension) {
                entries.push_back({col.path, {}, scalar_node(std::string(trim(cell)))});
                continue;
            }
            const FieldSpec& spec = *col.spec;
            const bool list = col.spec == col.top ? col.top->shape == Shape::List
                                                  : col.top->shape == Shape::ObjectList;
            std::vector<std::string> values;
            if (list) {
                for (auto& item : split_list(cell, options.list_sep)) {
                    auto v = convert_scalar(c, spec, item, row.row, col.header, row.cells, columns);
                    if (v)
                        values.push_back(std::move(*v));
                    else
                        row_ok = false;
                }
            } else if (auto v =
                           convert_scalar(c, spec, cell, row.row, col.header, row.cells, columns)) {
                values.push_back(std::move(*v));
            } else {
                row_ok = false;
            }
            if (values.empty()) continue;
            if (col.spec == col.top) {
                Node v;
                if (list) {
                    v.type = Node::Type::Sequence;
                    for (auto& s : values) v.items.push_back(scalar_node(std::move(s)));
                } else {
                    v = scalar_node(std::move(values.front()));
                }
                entries.push_back({col.path, {}, std::move(v)});
            } else if (col.top->shape == Shape::Object) {
                Node& obj = entry_of(entries, std::string(col.top->name), Node::Type::Mapping);
                obj.entries.push_back({std::string(spec.name), {}, scalar_node(values.front())});
            } else {
                // A list of entries: the n-th item of each column fills the n-th entry.
                Node& seq = entry_of(entries, std::string(col.top->name), Node::Type::Sequence);
                for (std::size_t k = 0; k < values.size(); ++k) {
                    if (seq.items.size() <= k) {
                        seq.items.emplace_back();
                        seq.items.back().type = Node::Type::Mapping;
                    }
                    seq.items[k].entries.push_back(
                        {std::string(spec.name), {}, scalar_node(values[k])});
                }
            }
        }
        for (Entry& e : entries) {
            const FieldSpec* top = find_field(fields, e.key);
            if (!top) continue;
            if (e.value.is_mapping()) order_entries(e.value, *top);
            for (Node& item : e.value.items) {
                if (item.is_mapping()) order_entries(item, *top);
            }
        }
        if (row_ok) {
            built.push_back({row.row, fmt::format("{}/{}.yaml", kind_folder(kind), row_ids[r]),
                             std::move(entries)});
        }
    }
    // Rows with errors are left out; the others are still converted and validated, so that
    // one run reports every problem.

    // The texts: new records as `new` writes them; existing ones through `set`'s edit.
    std::map<std::string, int> row_of_file;
    std::vector<ImportWrite> updates;
    for (Built& b : built) {
        const std::string id =
            b.file.substr(b.file.find('/') + 1, b.file.size() - 5 - b.file.find('/') - 1);
        const Record* existing = index.find(kind, id);
        row_of_file[b.file] = b.row;
        if (!existing) {
            plan.writes.push_back(
                {b.file, new_record_text(kind, std::move(b.entries)), b.row, false, false});
            continue;
        }
        const auto before = read_record(existing->file);
        if (!before) {
            c.error(b.row, "", "id-clash",
                    fmt::format("{} '{}' exists ({}) and cannot be read", kind_name(kind), id,
                                existing->file));
            continue;
        }
        // Only the fields whose value differs go to set_fields, which rewrites each field it
        // is given in the canonical layout: a flow list's spacing or a comment after a value
        // the row does not change would otherwise be lost, and a re-run would see a change.
        const ParsedYaml parsed_before = parse_yaml(*before);
        std::vector<Entry> differing;
        for (Entry& e : b.entries) {
            const Node* now = parsed_before.root ? parsed_before.root->get(e.key) : nullptr;
            // A nested field the spreadsheet has no column for stays: a `Renewal notice`
            // column changes renewal.notice, not the record's renewal.automatic.
            if (const FieldSpec* top = find_field(fields_of(kind), e.key); now && top) {
                const auto keep_missing = [&](Node& row_map, const Node& record_map) {
                    if (!row_map.is_mapping() || !record_map.is_mapping()) return;
                    for (const Entry& old : record_map.entries) {
                        if (!row_map.get(old.key)) row_map.entries.push_back(old);
                    }
                    order_entries(row_map, *top);
                };
                keep_missing(e.value, *now);
                if (e.value.is_sequence() && now->is_sequence()) {
                    for (std::size_t i = 0; i < e.value.items.size() && i < now->items.size();
                         ++i) {
                        keep_missing(e.value.items[i], now->items[i]);
                    }
                }
            }
            if (now && same_data(*now, e.value)) continue;
            differing.push_back(std::move(e));
        }
        const EditResult edit = set_fields(*before, kind, differing, {});
        if (edit.problem) {
            c.error(b.row, "", "id-clash",
                    fmt::format("{} '{}' exists ({}) and cannot be changed: {}", kind_name(kind),
                                id, existing->file, *edit.problem));
            continue;
        }
        if (edit.text == *before) {
            ++plan.unchanged;
            continue;
        }
        if (!options.update) {
            c.error(b.row,
                    id_col ? table.header[*id_col] : (label_col ? table.header[*label_col] : ""),
                    "id-clash",
                    fmt::format("{} '{}' exists already ({}) and says something else",
                                kind_name(kind), id, existing->file),
                    "--update changes its fields to the row's; or give the row another id");
            continue;
        }
        row_of_file[existing->file] = b.row;
        updates.push_back({existing->file, edit.text, b.row, true, false});
    }
    // Created partners first: the rows that name them come after.
    plan.writes.insert(plan.writes.begin(), std::make_move_iterator(c.created_writes.begin()),
                       std::make_move_iterator(c.created_writes.end()));
    for (auto& w : updates) plan.writes.push_back(std::move(w));

    // The whole store as it would be, validated; what the new texts cause is reported at
    // their rows, in the column that filled the field.
    std::vector<Record> records;
    std::set<std::string> replaced;
    for (const auto& w : plan.writes) {
        if (w.update) replaced.insert(w.file);
    }
    for (const Record& r : store.records) {
        if (!replaced.count(r.file)) records.push_back(r);
    }
    std::vector<Diagnostic> found;
    std::map<std::string, const ImportWrite*> write_of;
    for (const auto& w : plan.writes) {
        write_of[w.file] = &w;
        const Kind k = w.created_partner ? Kind::Partner : kind;
        ParsedYaml parsed = parse_yaml(w.text);
        for (auto& d : parsed.diagnostics) {
            d.file = w.file;
            found.push_back(std::move(d));
        }
        if (parsed.root) records.push_back(make_record(k, w.file, std::move(*parsed.root), found));
    }
    for (auto& d :
         check_records(records, store.config, today, document_probe(store.location.root))) {
        if (write_of.count(d.file)) found.push_back(std::move(d));
    }
    for (const Diagnostic& d : found) {
        const ImportWrite& w = *write_of.at(d.file);
        const std::string top = d.field.substr(0, d.field.find('.'));
        std::string column = d.field.empty() ? "" : d.field;
        if (!w.created_partner) {
            for (const Column& col : columns) {
                if (col.role == Column::Role::Field && col.top && col.top->name == top) {
                    column = col.header;
                    break;
                }
            }
        }
        plan.problems.push_back({w.row, column, d.code,
                                 w.created_partner
                                     ? fmt::format("the new partner {}: {}", d.file, d.message)
                                     : d.message,
                                 "", d.severity == Severity::Warning});
    }
    // The order of writing: a new record after the new records it names, so that a killed
    // import leaves only records whose references exist (a cycle is reported above).
    std::map<std::string, std::vector<std::string>> needs;  // file -> new files it names
    std::map<std::pair<Kind, std::string>, std::string> new_file_of;
    for (const auto& w : plan.writes) {
        if (w.update) continue;
        const Kind k = w.created_partner ? Kind::Partner : kind;
        const auto slash = w.file.find('/');
        new_file_of[{k, w.file.substr(slash + 1, w.file.size() - slash - 6)}] = w.file;
    }
    for (const Record& r : records) {
        if (!write_of.count(r.file)) continue;
        for_each_ref(r, [&](const RefUse& use) {
            auto it = new_file_of.find({use.spec.target, use.value.text});
            if (it != new_file_of.end() && it->second != r.file)
                needs[r.file].push_back(it->second);
        });
    }
    std::vector<ImportWrite> ordered;
    std::set<std::string> placed, visiting;
    std::map<std::string, ImportWrite*> by_file;
    for (auto& w : plan.writes) by_file[w.file] = &w;
    std::function<void(const std::string&)> place = [&](const std::string& file) {
        if (placed.count(file) || !visiting.insert(file).second) return;
        for (const auto& dep : needs[file]) place(dep);
        placed.insert(file);
        ordered.push_back(std::move(*by_file.at(file)));
    };
    std::vector<std::string> new_files;
    for (const auto& w : plan.writes) {
        if (!w.update) new_files.push_back(w.file);
    }
    for (const auto& file : new_files) place(file);
    for (auto& w : plan.writes) {
        if (w.update) ordered.push_back(std::move(w));
    }
    plan.writes = std::move(ordered);
    std::stable_sort(plan.problems.begin(), plan.problems.end(),
                     [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
    return plan;
}

}  // namespace collab
