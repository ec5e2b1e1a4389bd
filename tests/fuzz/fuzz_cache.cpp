// Fuzz target: the cache readers (store/snapshot.h), on bytes as found in .collab/cache and
// .collab/checks and .collab/index. The first byte picks what the rest is: 0 a whole file as
// on disk (the checksum must match by chance), 1 a snapshot payload, 2 a checks payload and
// 4 a stamp index payload, sealed with a header whose checksum matches, so crafted offsets,
// counts and lengths reach the decoders; 3 an entry's blob alone, decoded against a small
// fixed string table (so string indexes, line differences and column codes are fuzzed
// without a table in front of them).
// Properties: no crash, hang, leak or UB; a snapshot either decodes or is refused as a whole;
// decoded checks results encode and decode back to the same.
#include <cstdint>
#include <string>
#include <string_view>

#include "store/snapshot.h"

using namespace collab;

namespace {

constexpr std::string_view version = "fuzz";

void snapshot(std::string_view bytes) {
    const auto index = read_snapshot(bytes, version);
    if (!index) return;
    for (const auto& item : index->items) {
        // decode_entry must refuse or decode, whatever the path, blob and string table;
        // every string index it is given is checked against the table, so also none.
        (void)decode_entry(item.file, item.blob, index->tables);
        (void)decode_entry("agreements/x.yaml", item.blob, index->tables);
        (void)decode_entry("agreements/x.yaml", item.blob, {});
    }
}

void across(std::string_view bytes) {
    const auto results = decode_across(bytes, version);
    if (!results) return;
    const auto again = decode_across(encode_across(*results, version), version);
    if (!again || again->key != results->key || again->probes != results->probes ||
        again->diagnostics.size() != results->diagnostics.size() ||
        again->file_diagnostics.size() != results->file_diagnostics.size() ||
        again->has_record != results->has_record || again->dated != results->dated)
        __builtin_trap();
    snapshot(results->dated);  // the dated facts are a snapshot of their own
}

void stamps(std::string_view bytes) {
    const auto rows = decode_stamps(bytes, version);
    if (!rows) return;
    const auto again = decode_stamps(encode_stamps(*rows, version), version);
    if (!again || again->size() != rows->size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 5) {
        case 0:
            snapshot(rest);
            across(rest);
            stamps(rest);
            break;
        case 1:
            snapshot(seal_snapshot(rest, version));
            break;
        case 2:
            across(seal_across(rest, version));
            break;
        case 3: {
            // A small table, with keys predicted under the root and after "name" (contexts
            // as in snapshot.cpp: 2 * slot + first, slot = index + 1, 0 for the root).
            static const SnapshotTables tables = [] {
                SnapshotTables t;
                t.strings = {"name", "type", "partners/", ".yaml"};
                t.next_key.assign(2050, ~0u);
                t.next_key[1] = 0;
                t.next_key[2] = 1;
                return t;
            }();
            (void)decode_entry("partners/x.yaml", rest, tables);
            (void)decode_entry("partners/x.yaml", rest, {});
            break;
        }
        default:
            stamps(seal_stamps(rest, version));
            break;
    }
    return 0;
}
