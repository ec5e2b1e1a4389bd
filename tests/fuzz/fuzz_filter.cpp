// Fuzz target: filter expression text, parsed for every kind and evaluated on a small store.
// Properties: only FilterError (a usage error with a caret) may escape; explain never fails.
#include <cstdint>
#include <memory>
#include <string>

#include "query/filter.h"
#include "store/store.h"
#include "yaml/parse_yaml.h"

using namespace collab;

namespace {

Record make(Kind kind, const std::string& id, const char* yaml) {
    ParsedYaml p = parse_yaml(yaml);
    std::vector<Diagnostic> ignored;
    return make_record(kind, std::string(kind_folder(kind)) + "/" + id + ".yaml",
                       std::move(*p.root), ignored);
}

struct FuzzStore {
    std::vector<Record> records;
    std::unique_ptr<Index> index;
    FuzzStore() {
        records.push_back(make(
            Kind::Partner, "zju",
            "name: Zhejiang University\nnative_name: 浙江大学\ntype: university\ncountry: CN\n"));
        records.push_back(
            make(Kind::Partner, "zju-fah",
                 "name: FAH\naliases: [Zheyi]\ntype: hospital\nparent: zju\ncountry: CN\n"));
        records.push_back(
            make(Kind::Partner, "hkust", "name: HKUST\ntype: university\ncountry: HK\n"));
        records.push_back(
            make(Kind::Person, "nancy-ip",
                 "name: Nancy Ip\nroles: [{partner: hkust, title: President, from: 2022-10}]\n"));
        records.push_back(
            make(Kind::Agreement, "mou",
                 "title: MoU\ntype: mou\nstatus: active\nparties: [hkust, zju-fah]\nsigned: 2025\n"
                 "expires: 2026-06\nrenewal: {notice: 6m, automatic: true}\n"
                 "signatories: [{person: nancy-ip, partner: hkust}]\n"));
        records.push_back(
            make(Kind::Project, "lab",
                 "title: Lab\ntype: joint-lab\nstatus: active\npartners: [hkust, zju]\n"
                 "funding: [{source: RGC, amount: 1500000.5, currency: HKD, year: 2025}]\n"
                 "milestones: [{title: Kick-off, due: 2025-03}]\n"
                 "mobility: [{year: 2025, direction: inbound, category: student, count: 3}]\n"));
        records.push_back(
            make(Kind::Event, "visit",
                 "title: Visit\ntype: visit\ndate: 2025-04-14\npartners: [hkust, zju]\n"));
        index = std::make_unique<Index>(records);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const FuzzStore store;
    const std::string text(reinterpret_cast<const char*>(data), size);
    for (Kind kind : all_kinds) {
        try {
            const std::vector<std::string> args = {text};
            const Filter f =
                Filter::parse(args, kind, FilterContext{Date{2026, 1, 15}, store.index.get()});
            (void)f.explain();
            for (const Record& r : store.records) {
                if (r.kind == kind) (void)f.matches(r, *store.index);
            }
        } catch (const FilterError& e) {
            if (std::string_view(e.what()).find('^') == std::string_view::npos)
                __builtin_trap();  // always a caret
        }
    }
    return 0;
}
