// The checks of the record format. Each family lives in its own file; all are pure
// functions of records, settings and today's date.
#pragma once
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "model/config.h"
#include "model/index.h"
#include "model/record.h"
#include "model/values.h"

namespace collab {

// Says why a document path cannot be used (missing, leaves the store), or nothing when fine.
using DocumentProbe = std::function<std::optional<std::string>(std::string_view path)>;

struct CheckContext {
    const Config& config;
    const Index& index;
    Date today;
    DocumentProbe probe_document;
};

// Checks that need only the record and the settings. Diagnostics come without file, kind
// and id; the caller adds them.
void check_fields(const Record& record, const Config& config, std::vector<Diagnostic>& out);
void check_dates(const Record& record, std::vector<Diagnostic>& out);
void check_agreement(const Record& record, std::vector<Diagnostic>& out);

// The checks one record file decides alone with the settings (fields, dates within the
// record, agreement rules), with file, kind and id set: run where a file is loaded, on
// every core, and cached with it.
std::vector<Diagnostic> check_file(const Record& record, const Config& config);
// What of the settings check_file reads (the areas vocabulary): cached results of check_file
// hold only while this is unchanged.
std::string check_file_context(const Config& config);

// Checks across records, or against today; these add file, kind and id themselves.
void check_ids(std::span<const Record> records, std::vector<Diagnostic>& out);
void check_refs(std::span<const Record> records, const Index& index, std::vector<Diagnostic>& out);
void check_cycles(std::span<const Record> records, const Index& index,
                  std::vector<Diagnostic>& out);
void check_relations(std::span<const Record> records, const CheckContext& context,
                     std::vector<Diagnostic>& out);
void check_today(std::span<const Record> records, Date today, std::vector<Diagnostic>& out);
// The part of an agreement or project that check_today reads (the record with only those
// top-level fields, positions kept), so a warm run can keep it instead of the whole record
// (store/verdict.h); nullopt for the other kinds, which check_today never reports on.
std::optional<Record> today_facts(const Record& record);
// `config` when collab.yaml's `home` names no partner (file "collab.yaml").
void check_home(const Config& config, const Index& index, std::vector<Diagnostic>& out);
// superseded-twice: every agreement naming the same `supersedes` as another one.
void check_supersedes(std::span<const Record> records, std::vector<Diagnostic>& out);

// A present, non-empty scalar value of a field, parsed as a date.
std::optional<PartialDate> date_field(const Node& mapping, std::string_view field);

// Sets file, kind and id of out[from..] from the record.
void attribute(std::vector<Diagnostic>& out, std::size_t from, const Record& record);

}  // namespace collab
