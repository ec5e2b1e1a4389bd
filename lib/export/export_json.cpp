#include <nlohmann/json.hpp>

#include "export/export.h"
#include "output/record_json.h"
#include "output/table.h"
#include "output/xlsx.h"

namespace collab {

std::string export_json(std::span<const Record* const> records, const Config& config) {
    nlohmann::ordered_json doc;
    doc["store"] = config.name;
    for (Kind k : all_kinds) doc[std::string(kind_folder(k))] = nlohmann::ordered_json::array();
    for (const Record* r : records)
        doc[std::string(kind_folder(r->kind))].push_back(record_json(*r));
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::vector<std::pair<std::string, std::string>> export_csv(const std::vector<DataTable>& tables,
                                                            bool formula_guard) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const DataTable& t : tables) {
        Table plain;
        for (const Column& c : t.columns) plain.headers.push_back(c.name);
        for (const auto& row : t.rows) {
            std::vector<std::string> cells;
            for (const TableValue& c : row) cells.push_back(c.text.value_or(""));
            plain.rows.push_back(std::move(cells));
        }
        TableStyle style;
        style.formula_guard = formula_guard;
        files.emplace_back(t.name + ".csv", render_tabular("csv", plain, style));
    }
    return files;
}

std::string export_xlsx(std::vector<DataTable> tables,
                        const std::function<void(const std::string&)>& warn) {
    std::vector<Table> plain(tables.size());
    std::vector<XlsxSheet> sheets;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        DataTable& t = tables[i];
        XlsxSheet sheet{t.name, &plain[i], {}};
        for (const Column& c : t.columns) {
            plain[i].headers.push_back(c.name);
            const bool id = c.name == "id" || !c.references.empty();
            sheet.types.push_back(c.type != ColumnType::Text ? ColumnKind::Number
                                  : id                       ? ColumnKind::Text
                                                             : ColumnKind::Auto);
        }
        plain[i].rows.reserve(t.rows.size());
        for (auto& row : t.rows) {
            std::vector<std::string> cells;
            cells.reserve(row.size());
            for (TableValue& c : row) cells.push_back(c.text ? std::move(*c.text) : std::string());
            plain[i].rows.push_back(std::move(cells));
        }
        std::vector<std::vector<TableValue>>().swap(t.rows);  // freed, not kept beside the copy
        sheets.push_back(std::move(sheet));
    }
    return render_xlsx(sheets, warn);
}

}  // namespace collab
