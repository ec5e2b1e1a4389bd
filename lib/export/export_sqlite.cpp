// The SQLite export: built in memory, then serialised, so the command can write the file
// atomically like every other output.
#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "export/export.h"

namespace collab {

namespace {

std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string_view sql_type(ColumnType type) {
    switch (type) {
        case ColumnType::Integer:
            return "INTEGER";
        case ColumnType::Real:
            return "REAL";
        default:
            return "TEXT";
    }
}

struct Db {
    sqlite3* db = nullptr;
    ~Db() { sqlite3_close(db); }
    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string what = error ? error : "unknown error";
            sqlite3_free(error);
            throw std::runtime_error("sqlite: " + what + " in: " + sql);
        }
    }
    void check(int rc, const char* what) {
        if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
            throw std::runtime_error(fmt::format("sqlite: {}: {}", what, sqlite3_errmsg(db)));
        }
    }
};

std::string create_table(const DataTable& t) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        const Column& c = t.columns[i];
        std::string def = fmt::format("{} {}", quoted(c.name), sql_type(c.type));
        const bool is_link = !t.owner.empty();
        if (!is_link && c.name == "id") def += " PRIMARY KEY";
        if (i < 2) def += " NOT NULL";
        if (!c.references.empty()) {
            def += fmt::format(" REFERENCES {}(\"id\")", quoted(c.references));
            if (is_link && i == 0) def += " ON DELETE CASCADE";
        }
        parts.push_back(std::move(def));
    }
    if (!t.owner.empty()) {
        parts.push_back(fmt::format("PRIMARY KEY ({}, {})", quoted(t.columns[0].name),
                                    quoted(t.columns[1].name)));
    }
    std::string sql =
        fmt::format("CREATE TABLE {} (\n  {}\n);\n", quoted(t.name), fmt::join(parts, ",\n  "));
    // Joins go through the reference columns: index them.
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        if (t.columns[i].references.empty() || (t.owner.empty() && i == 0)) continue;
        if (!t.owner.empty() && i == 0) continue;  // the primary key's first column
        sql += fmt::format("CREATE INDEX {} ON {}({});\n", quoted(t.name + "_" + t.columns[i].name),
                           quoted(t.name), quoted(t.columns[i].name));
    }
    return sql;
}

void insert_rows(Db& db, const DataTable& t) {
    std::vector<std::string> marks(t.columns.size(), "?");
    const std::string sql =
        fmt::format("INSERT INTO {} VALUES ({})", quoted(t.name), fmt::join(marks, ", "));
    sqlite3_stmt* raw = nullptr;
    db.check(sqlite3_prepare_v2(db.db, sql.c_str(), -1, &raw, nullptr), "prepare");
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw, sqlite3_finalize);
    for (const auto& row : t.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            const TableValue& c = row[i];
            const int n = static_cast<int>(i + 1);
            if (!c.text) {
                sqlite3_bind_null(raw, n);
            } else if (c.type == ColumnType::Integer) {
                sqlite3_bind_int64(raw, n, std::strtoll(c.text->c_str(), nullptr, 10));
            } else if (c.type == ColumnType::Real) {
                sqlite3_bind_double(raw, n, std::strtod(c.text->c_str(), nullptr));
            } else {
                sqlite3_bind_text(raw, n, c.text->data(), static_cast<int>(c.text->size()),
                                  SQLITE_TRANSIENT);
            }
        }
        db.check(sqlite3_step(raw), "insert");
        sqlite3_reset(raw);
    }
}

// Each partner with the organisation at the top of its `parent` chain (itself when it has
// no parent). UNION, not UNION ALL, so a `parent` cycle ends instead of recursing forever;
// partners in a cycle have no top-level organisation and are left out.
constexpr const char* top_level_view = R"(CREATE VIEW "partner_top_level" AS
WITH RECURSIVE up("partner", "ancestor") AS (
  SELECT "id", "id" FROM "partners"
  UNION
  SELECT up."partner", p."parent" FROM up JOIN "partners" p ON p."id" = up."ancestor"
  WHERE p."parent" IS NOT NULL AND p."parent" IN (SELECT "id" FROM "partners")
)
SELECT up."partner" AS "partner", up."ancestor" AS "top_level"
FROM up JOIN "partners" a ON a."id" = up."ancestor"
WHERE a."parent" IS NULL OR a."parent" NOT IN (SELECT "id" FROM "partners");
)";

}  // namespace

std::string export_sqlite(const std::vector<DataTable>& tables) {
    Db db;
    if (sqlite3_open(":memory:", &db.db) != SQLITE_OK) {
        throw std::runtime_error("sqlite: cannot open an in-memory database");
    }
    db.exec("BEGIN");
    for (const DataTable& t : tables) db.exec(create_table(t));
    db.exec(top_level_view);
    for (const DataTable& t : tables) insert_rows(db, t);
    db.exec("COMMIT");
    sqlite3_int64 size = 0;
    unsigned char* image = sqlite3_serialize(db.db, "main", &size, 0);
    if (!image) throw std::runtime_error("sqlite: cannot serialise the database");
    std::string bytes(reinterpret_cast<const char*>(image), static_cast<std::size_t>(size));
    sqlite3_free(image);
    return bytes;
}

}  // namespace collab
