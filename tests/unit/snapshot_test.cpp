#include <doctest/doctest.h>

#include <random>

#include "check/checks.h"
#include "record_helpers.h"
#include "store/snapshot.h"

using namespace collab;
using namespace collab::testing;

namespace {

bool same_tree(const Node& a, const Node& b) {
    if (a.type != b.type || a.plain != b.plain || !(a.mark == b.mark) || a.text != b.text ||
        a.items.size() != b.items.size() || a.entries.size() != b.entries.size())
        return false;
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (!same_tree(a.items[i], b.items[i])) return false;
    }
    for (std::size_t i = 0; i < a.entries.size(); ++i) {
        if (a.entries[i].key != b.entries[i].key ||
            !(a.entries[i].key_mark == b.entries[i].key_mark) ||
            !same_tree(a.entries[i].value, b.entries[i].value))
            return false;
    }
    return true;
}

std::vector<SnapshotEntry> sample() {
    std::vector<SnapshotEntry> out;
    SnapshotEntry a;
    a.file = "agreements/2025/x.yaml";
    a.digest = digest_of("a");
    a.loaded = parse_record_file(
        Kind::Agreement, a.file,
        "title: \"Q\" # c\ntype: mou\nstatus: active\nparties: [a, 'b']\n"
        "signatories:\n  - {person: p, partner: a}\nnotes: |\n  两行\n  text\nempty:\n");
    a.loaded.checks = check_file(*a.loaded.record, Config{});  // unknown-field, too-few...
    out.push_back(std::move(a));
    SnapshotEntry b;  // a file with a YAML error: no record, diagnostics only
    b.file = "partners/bad.yaml";
    b.digest = digest_of("b");
    b.loaded = parse_record_file(Kind::Partner, b.file, "name: [unclosed\n");
    out.push_back(std::move(b));
    SnapshotEntry c;  // a bad id: diagnostics and a record
    c.file = "people/Bad_Id.yaml";
    c.loaded = parse_record_file(Kind::Person, c.file, "name: X\n");
    out.push_back(std::move(c));
    return out;
}

std::string encoded(const std::vector<SnapshotEntry>& entries, std::string_view version = "1.0") {
    std::vector<const SnapshotEntry*> ptrs;
    for (const auto& e : entries) ptrs.push_back(&e);
    return encode_snapshot(ptrs, version);
}

}  // namespace

TEST_CASE("snapshot: records and diagnostics come back exactly") {
    const auto entries = sample();
    REQUIRE(entries[1].loaded.diagnostics.size() >= 1);
    REQUIRE_FALSE(entries[1].loaded.record);
    REQUIRE(entries[2].loaded.diagnostics.size() == 1);
    REQUIRE(entries[0].loaded.checks.size() >= 2);
    std::vector<const SnapshotEntry*> ptrs;
    for (const auto& e : entries) ptrs.push_back(&e);
    const std::string bytes = encode_snapshot(ptrs, "1.0", "areas:\nresearch");
    const auto index = read_snapshot(bytes, "1.0");
    REQUIRE(index);
    CHECK(index->context == "areas:\nresearch");
    REQUIRE(index->items.size() == entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& item = index->items[i];
        CHECK(item.file == entries[i].file);
        CHECK(item.digest == entries[i].digest);
        const auto back = decode_entry(item.file, item.blob);
        REQUIRE(back);
        const LoadedFile& want = entries[i].loaded;
        REQUIRE(back->record.has_value() == want.record.has_value());
        if (want.record) {
            CHECK(back->record->kind == want.record->kind);
            CHECK(back->record->id == want.record->id);
            CHECK(back->record->file == want.record->file);
            CHECK(same_tree(back->record->root, want.record->root));
        }
        for (const auto& [got, expected] : {std::pair{&back->diagnostics, &want.diagnostics},
                                            std::pair{&back->checks, &want.checks}}) {
            REQUIRE(got->size() == expected->size());
            for (std::size_t d = 0; d < expected->size(); ++d) {
                const auto& x = (*got)[d];
                const auto& y = (*expected)[d];
                CHECK(std::tie(x.file, x.mark, x.severity, x.code, x.message, x.field, x.kind,
                               x.id) == std::tie(y.file, y.mark, y.severity, y.code, y.message,
                                                 y.field, y.kind, y.id));
            }
        }
    }
}

TEST_CASE("snapshot: another version, any truncation and any flipped byte are refused") {
    const std::string bytes = encoded(sample());
    CHECK_FALSE(read_snapshot(bytes, "1.1"));
    CHECK_FALSE(read_snapshot("", "1.0"));
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        CHECK_FALSE(read_snapshot(std::string_view(bytes).substr(0, n), "1.0"));
    }
    CHECK_FALSE(read_snapshot(bytes + "x", "1.0"));
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::string flipped = bytes;
        flipped[i] = static_cast<char>(flipped[i] ^ 0x10);
        const auto index = read_snapshot(flipped, "1.0");
        // The header's own fields may survive a flip in the version string only by being
        // refused for it; everything else is caught by the checksum or the table checks.
        CHECK_FALSE(index);
    }
}

TEST_CASE("snapshot: decoding a blob of random bytes never crashes") {
    std::mt19937 rng(7);
    const auto entries = sample();
    // The index's blobs are views into these bytes: they must outlive it.
    const std::string bytes = encoded(entries);
    const auto index = read_snapshot(bytes, "1.0");
    REQUIRE(index);
    const std::string blob(index->items[0].blob);
    int decoded = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string b = blob;
        const int changes = 1 + static_cast<int>(rng() % 4);
        for (int c = 0; c < changes; ++c) b[rng() % b.size()] = static_cast<char>(rng());
        if (rng() % 3 == 0) b.resize(rng() % b.size());
        decoded += decode_entry("agreements/x.yaml", b).has_value() ? 1 : 0;
    }
    // Some changes only alter text or marks and still decode; none may crash or hang.
    CHECK(decoded < 3000);
    std::string noise(5000, '\0');
    for (auto& ch : noise) ch = static_cast<char>(rng());
    CHECK_FALSE(read_snapshot(noise, "1.0"));
    CHECK_FALSE(decode_entry("not-a-kind/x.yaml", blob));
}

namespace {

// A payload of hand-written varints and strings, to craft hostile tables behind a checksum
// that matches (seal_snapshot / seal_across).
struct Bytes {
    std::string out;
    Bytes& varint(std::uint64_t v) {
        while (v >= 0x80) {
            out += static_cast<char>((v & 0x7F) | 0x80);
            v >>= 7;
        }
        out += static_cast<char>(v);
        return *this;
    }
    Bytes& u8(unsigned char c) {
        out += static_cast<char>(c);
        return *this;
    }
    Bytes& str(std::string_view s) {
        varint(s.size());
        out += s;
        return *this;
    }
    Bytes& fixed64(std::uint64_t v) {
        out.append(reinterpret_cast<const char*>(&v), 8);
        return *this;
    }
};

AcrossResults sample_across() {
    AcrossResults r;
    r.key = "0123456789abcdef0123456789abcdef";
    r.probes = {{"scans/a.pdf", std::nullopt}, {"../x.pdf", std::string("leaves the store")}};
    Diagnostic d = make_diagnostic("dangling-ref", Mark{3, 10}, "no partner 'x'", "parties");
    d.file = "agreements/a.yaml";
    d.kind = "agreement";
    d.id = "a";
    r.diagnostics.push_back(d);
    Diagnostic w = make_diagnostic("config", Mark{}, "home names no partner");
    w.file = "collab.yaml";
    w.severity = Severity::Warning;  // kept as written, whatever the table says
    r.diagnostics.push_back(w);
    Diagnostic f = make_diagnostic("yaml-syntax", Mark{1, 1}, "bad YAML");
    f.file = "partners/b.yaml";
    r.file_diagnostics.push_back(f);
    r.has_record = {1, 0, 1};
    r.dated = std::string("snapshot\0bytes", 14);
    return r;
}

}  // namespace

TEST_CASE("checks cache: the results, probes and key come back exactly") {
    const AcrossResults want = sample_across();
    const std::string bytes = encode_across(want, "1.0");
    const auto back = decode_across(bytes, "1.0");
    REQUIRE(back);
    CHECK(back->key == want.key);
    CHECK(back->probes == want.probes);
    REQUIRE(back->diagnostics.size() == want.diagnostics.size());
    for (std::size_t i = 0; i < want.diagnostics.size(); ++i) {
        const auto& x = back->diagnostics[i];
        const auto& y = want.diagnostics[i];
        CHECK(std::tie(x.file, x.mark, x.severity, x.code, x.message, x.field, x.kind, x.id) ==
              std::tie(y.file, y.mark, y.severity, y.code, y.message, y.field, y.kind, y.id));
    }
    REQUIRE(back->file_diagnostics.size() == 1);
    CHECK(back->file_diagnostics[0].file == "partners/b.yaml");
    CHECK(back->file_diagnostics[0].code == "yaml-syntax");
    CHECK(back->has_record == want.has_record);
    CHECK(back->dated == want.dated);
    CHECK_FALSE(decode_across(bytes, "1.1"));
}

TEST_CASE("stamp index: rows come back exactly; damage of any kind is refused") {
    std::vector<StampRow> rows = {
        {"agreements/2025/x.yaml", {123, 1'700'000'000'123'456'789, -5, 42}, digest_of("x")},
        {"collab.yaml", {7, 1, 2, 3}, digest_of("")},
    };
    const std::string bytes = encode_stamps(rows, "1.0");
    const auto back = decode_stamps(bytes, "1.0");
    REQUIRE(back);
    REQUIRE(back->size() == 2);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK((*back)[i].file == rows[i].file);
        CHECK((*back)[i].stamp == rows[i].stamp);
        CHECK((*back)[i].digest == rows[i].digest);
    }
    CHECK_FALSE(decode_stamps(bytes, "1.1"));
    CHECK_FALSE(decode_stamps(encode_across(AcrossResults{}, "1.0"), "1.0"));  // another file
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        CHECK_FALSE(decode_stamps(std::string_view(bytes).substr(0, n), "1.0"));
    }
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::string flipped = bytes;
        flipped[i] = static_cast<char>(flipped[i] ^ 0x01);
        CHECK_FALSE(decode_stamps(flipped, "1.0"));
    }
    // Behind a matching checksum: counts past the end, a short row, bytes left over.
    for (const auto& p : {Bytes{}.varint(1'000'000).out, Bytes{}.varint(1).str("a").out,
                          Bytes{}.varint(0).str("x").out,
                          Bytes{}.varint(1).varint(1u << 30).out + std::string(60, 'a')}) {
        CHECK_FALSE(decode_stamps(seal_stamps(p, "1.0"), "1.0"));
    }
    CHECK(decode_stamps(seal_stamps(Bytes{}.varint(0).out, "1.0"), "1.0"));
}

TEST_CASE("digest: SHA-256's first 16 bytes (FIPS 180-4 test vector)") {
    CHECK(hex(digest_of("abc")) == "ba7816bf8f01cfea414140de5dae2223");
    CHECK(hex(digest_of("")) == "e3b0c44298fc1c149afbf4c8996fb924");
}

TEST_CASE("checks cache: any truncation, flipped byte or extra byte is refused") {
    const std::string bytes = encode_across(sample_across(), "1.0");
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        CHECK_FALSE(decode_across(std::string_view(bytes).substr(0, n), "1.0"));
    }
    CHECK_FALSE(decode_across(bytes + "x", "1.0"));
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::string flipped = bytes;
        flipped[i] = static_cast<char>(flipped[i] ^ 0x10);
        CHECK_FALSE(decode_across(flipped, "1.0"));
    }
}

TEST_CASE("checks cache: hostile content behind a matching checksum is refused") {
    // Counts and lengths past the end, an unknown check code, a bad severity, a bad flag.
    const std::vector<std::string> payloads = {
        Bytes{}.str("k").varint(1'000'000'000).out,                // probe count
        Bytes{}.str("k").varint(1).varint(1u << 30).out,           // probe path length
        Bytes{}.str("k").varint(1).str("p").varint(7).out,         // answer flag
        Bytes{}.str("k").varint(0).varint(~std::uint64_t{0}).out,  // diagnostic count
        Bytes{}.str("k").varint(0).varint(1).str("f").varint(1).varint(1).varint(9).out,
        Bytes{}
            .str("k")
            .varint(0)
            .varint(1)
            .str("f")
            .varint(1)
            .varint(1)
            .varint(0)
            .str("no-such-check")
            .str("m")
            .str("")
            .str("")
            .str("")
            .out,
        Bytes{}.varint(1u << 31).out,  // key length
        // bytes left over after a whole, honest frame
        Bytes{}.str("k").varint(0).varint(0).varint(0).varint(0).str("").str("trailing").out,
        // the verdict's parts: a has-record flag that is not 0/1, counts past the end
        Bytes{}.str("k").varint(0).varint(0).varint(0).varint(1).u8(2).str("").out,
        Bytes{}.str("k").varint(0).varint(0).varint(0).varint(1'000'000).out,
        Bytes{}.str("k").varint(0).varint(0).varint(1'000'000).out,
        Bytes{}.str("k").varint(0).varint(0).varint(0).varint(0).varint(1u << 30).out,
        std::string(64, '\xff'),  // a varint too long
    };
    for (const auto& p : payloads) {
        CAPTURE(p.size());
        CHECK_FALSE(decode_across(seal_across(p, "1.0"), "1.0"));
    }
    // The same frame with honest content decodes.
    CHECK(decode_across(
        seal_across(Bytes{}.str("k").varint(0).varint(0).varint(0).varint(0).str("").out, "1.0"),
        "1.0"));
}

TEST_CASE("snapshot: hostile tables behind a matching checksum are refused") {
    const std::vector<std::string> payloads = {
        Bytes{}.varint(1'000'000'000).out,  // entry count past the end
        // one entry whose blob length points past the end
        Bytes{}
            .varint(1)
            .str("partners/a.yaml")
            .fixed64(1)
            .fixed64(2)  // the digest's 16 bytes
            .varint(1u << 30)
            .out,
        // a file name longer than what is left
        Bytes{}.varint(1).varint(1u << 20).out,
        // two entries, bytes left over after the blobs
        Bytes{}.varint(0).str("extra").out,
    };
    for (const auto& p : payloads) {
        CHECK_FALSE(read_snapshot(seal_snapshot(p, "1.0"), "1.0"));
    }
    // A table that is right but a blob that lies (a node count past its end) decodes to
    // nothing for that entry.
    const std::string blob = "\x01\x03\x01\x01\xff\xff\xff\x0f";
    const std::string table =
        Bytes{}.varint(1).str("partners/a.yaml").fixed64(1).fixed64(2).varint(blob.size()).out +
        blob;
    const std::string bytes = seal_snapshot(table, "1.0");
    const auto index = read_snapshot(bytes, "1.0");
    REQUIRE(index);
    REQUIRE(index->items.size() == 1);
    CHECK_FALSE(decode_entry(index->items[0].file, index->items[0].blob));
}
