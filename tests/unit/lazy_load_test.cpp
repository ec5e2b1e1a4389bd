// Decoding only some kinds (LoadOptions::decode, issue 20): placeholders keep every id, a
// record of another kind is never decoded from the cache, and any change decodes everything.
#include <doctest/doctest.h>

#include <stdlib.h>
#include <sys/stat.h>
#include <chrono>
#include <thread>

#include <fstream>

#include "check/checks.h"
#include "model/index.h"
#include "query/filter.h"
#include "store/cache.h"
#include "store/digest.h"
#include "store/store.h"
#include "store/validate.h"

using namespace collab;
namespace fs = std::filesystem;

namespace {

struct TempStore {
    StoreLocation location;
    TempStore() {
        std::string t = (fs::temp_directory_path() / "collab-lazy-XXXXXX").string();
        location.root = ::mkdtemp(t.data());
        location.display = location.root.string();
        write("collab.yaml", "name: Lazy\nhome: home-u\n");
        write("partners/home-u.yaml", "name: Home University\ncountry: DE\n");
        write("partners/acme.yaml", "name: Acme\ncountry: FR\n");
        write("people/ada.yaml", "name: Ada\n");
        write("people/broken.yaml", "name: [unclosed\n");  // no record: a YAML error
        write("agreements/x.yaml",
              "title: X\ntype: mou\nstatus: active\nparties: [home-u, acme]\n"
              "signatories:\n  - {person: ada, partner: acme}\n");
        settle();
    }
    // The stamp index vouches only for files changed before the run began, by more than
    // the clock's tick (git's racy case, store/cache.h `settled`): wait that long.
    static void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(60)); }
    ~TempStore() {
        std::error_code ec;
        fs::remove_all(location.root, ec);
    }
    void write(const std::string& file, const std::string& text) const {
        fs::create_directories((location.root / file).parent_path());
        std::ofstream(location.root / file) << text;
    }
    fs::path cache() const { return location.root / ".collab" / "cache"; }
};

LoadOptions cached(KindSet decode = KindSet::all()) {
    LoadOptions o;
    o.use_cache = true;
    o.jobs = 2;
    o.decode = decode;
    return o;
}

KindSet only(Kind k) {
    KindSet s;
    s.add(k);
    return s;
}

const Record* find(const Store& s, const std::string& file) {
    for (const Record& r : s.records) {
        if (r.file == file) return &r;
    }
    return nullptr;
}

std::pair<ino_t, std::int64_t> stat_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return {st.st_ino, st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec};
}

// The cache the loader would write, except that people/ada.yaml's entry holds a tree nested
// deeper than the decoder accepts: decoding it fails (and makes a full load parse the file
// again and rewrite the cache), so a load that leaves the cache alone never decoded it.
void plant_undecodable_person(const TempStore& t, const Store& full) {
    std::vector<SnapshotEntry> entries;
    for (const std::string& file : full.files) {
        SnapshotEntry e;
        e.file = file;
        std::ifstream in(t.location.root / file);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        e.digest = digest_of(bytes);
        e.loaded = parse_record_file(*record_file_kind(file), file, bytes);
        if (e.loaded.record) e.loaded.checks = check_file(*e.loaded.record, full.config);
        if (file == "people/ada.yaml") {
            Node deep;
            deep.type = Node::Type::Mapping;
            Node* at = &deep;
            const std::string key = "k";  // a copy, not a literal: g++ 12's bogus -Wrestrict
            for (int i = 0; i < 200; ++i) {
                at->entries.emplace_back();
                at->entries.back().key = key;
                at->entries.back().value.type = Node::Type::Mapping;
                at = &at->entries.back().value;
            }
            e.loaded.record->root = deep;
        }
        entries.push_back(std::move(e));
    }
    std::vector<const SnapshotEntry*> ptrs;
    for (const auto& e : entries) ptrs.push_back(&e);
    save_cache(t.location.root, ptrs, COLLAB_VERSION, check_file_context(full.config));
}

}  // namespace

TEST_CASE("lazy load: agreements only never decode a person, and every id stays") {
    TempStore t;
    const Store full = Store::load(t.location, cached());
    REQUIRE_FALSE(full.partial);
    plant_undecodable_person(t, full);
    const auto before = stat_of(t.cache());

    const Store lazy = Store::load(t.location, cached(only(Kind::Agreement)));
    CHECK(lazy.partial);
    CHECK(lazy.decoded == only(Kind::Agreement));
    // The cache was not rewritten: the undecodable entry was never decoded.
    CHECK(stat_of(t.cache()) == before);
    CHECK(lazy.files == full.files);
    REQUIRE(lazy.records.size() == full.records.size());
    for (std::size_t i = 0; i < lazy.records.size(); ++i) {
        CHECK(lazy.records[i].file == full.records[i].file);
        CHECK(lazy.records[i].id == full.records[i].id);
        CHECK(lazy.records[i].kind == full.records[i].kind);
    }
    // Placeholders: an empty mapping; the agreement in full; a file that was no record none.
    CHECK(find(lazy, "people/ada.yaml")->root.entries.empty());
    CHECK(find(lazy, "partners/acme.yaml")->root.entries.empty());
    CHECK(find(lazy, "agreements/x.yaml")->root.scalar("title") == "X");
    CHECK(find(lazy, "people/broken.yaml") == nullptr);
    const Index index(lazy.records, lazy.config.home);
    CHECK(index.find(Kind::Person, "ada") != nullptr);
    CHECK(index.ids(Kind::Partner) == Index(full.records).ids(Kind::Partner));
    // Nothing that reads every record may take it.
    CHECK_THROWS_AS(validate(lazy, Date{2026, 1, 15}), std::logic_error);

    // A full load decodes the planted entry, fails, parses the file and rewrites the cache.
    const Store again = Store::load(t.location, cached());
    CHECK_FALSE(again.partial);
    CHECK(find(again, "people/ada.yaml")->root.scalar("name") == "Ada");
    CHECK(stat_of(t.cache()) != before);
}

TEST_CASE("lazy load: a changed file, a cold cache or no cache decode everything") {
    TempStore t;
    // Cold: nothing to take from the cache, every file parsed.
    CHECK_FALSE(Store::load(t.location, cached(only(Kind::Agreement))).partial);
    CHECK(Store::load(t.location, cached(only(Kind::Agreement))).partial);
    LoadOptions no_cache = cached(only(Kind::Agreement));
    no_cache.use_cache = false;
    CHECK_FALSE(Store::load(t.location, no_cache).partial);
    // A changed file rewrites the cache: then every entry is decoded, as without `decode`.
    t.write("agreements/x.yaml", "title: Y\ntype: mou\nstatus: active\nparties: [acme]\n");
    TempStore::settle();
    const Store changed = Store::load(t.location, cached(only(Kind::Agreement)));
    CHECK_FALSE(changed.partial);
    CHECK(find(changed, "people/ada.yaml")->root.scalar("name") == "Ada");
    CHECK(find(changed, "agreements/x.yaml")->root.scalar("title") == "Y");
    // And the cache written then serves the next lazy load, which matches a full one.
    const Store lazy = Store::load(t.location, cached(only(Kind::Agreement)));
    CHECK(lazy.partial);
    CHECK(find(lazy, "agreements/x.yaml")->root.scalar("title") == "Y");
}

TEST_CASE("kinds reached by field paths and filters") {
    const QueryContext query{nullptr, Date{2026, 1, 15}};
    const auto reached = [&](Kind kind, std::string_view path) {
        return kinds_reached(*resolve_field(kind, path, nullptr, nullptr, &query));
    };
    CHECK(reached(Kind::Agreement, "status") == KindSet{});
    CHECK(reached(Kind::Agreement, "parties") == KindSet{});  // ids only
    CHECK(reached(Kind::Agreement, "term_end") == KindSet{});
    CHECK(reached(Kind::Agreement, "parties.country") == only(Kind::Partner));
    CHECK(reached(Kind::Agreement, "counterparties") == only(Kind::Partner));
    CHECK(reached(Kind::Partner, "top_level") == only(Kind::Partner));
    KindSet both = only(Kind::Person);
    both.add(Kind::Partner);
    CHECK(reached(Kind::Agreement, "signatories.person.name") == only(Kind::Person));
    CHECK(reached(Kind::Project, "leads.person.roles.partner.country") == both);

    const auto filter = [&](std::vector<std::string> args) {
        return Filter::parse(args, Kind::Agreement, FilterContext{query.today, nullptr})
            .kinds_reached();
    };
    CHECK(filter({}) == KindSet{});
    CHECK(filter({"status=active", "parties=acme"}) == KindSet{});
    CHECK(filter({"parties under acme"}) == only(Kind::Partner));
    CHECK(filter({"not (status=draft or signatories.person.name~a)"}) == only(Kind::Person));
    CHECK(KindSet::all().is_all());
    CHECK_FALSE(both.is_all());
}
