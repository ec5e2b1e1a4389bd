#include "store/snapshot.h"

#include <cstring>

#include "store/scan.h"

namespace collab {

namespace {

constexpr std::string_view magic = "collab-cache\n";
// Bump when the encoding, the loader's parse or its diagnostics change meaning.
constexpr std::uint32_t format = 3;
// Deeper than the loader ever builds (max_nesting), so a crafted blob cannot recurse far.
constexpr int max_depth = 80;

// A 64-bit checksum that reads 8 bytes a step (the cache is tens of megabytes and is
// checked on every warm run). It guards against truncation and corruption, not attackers:
// the cache lives in the user's own store.
std::uint64_t checksum(std::string_view bytes, std::uint64_t seed = 0) {
    std::uint64_t h = (0x9E3779B97F4A7C15ULL + seed * 0xC2B2AE3D27D4EB4FULL) ^ bytes.size();
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, bytes.data() + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 0x100000001B3ULL;
    return h ^ (h >> 29);
}

class Writer {
  public:
    std::string out;
    void u8(unsigned char v) { out += static_cast<char>(v); }
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            out += static_cast<char>((v & 0x7F) | 0x80);
            v >>= 7;
        }
        out += static_cast<char>(v);
    }
    void fixed64(std::uint64_t v) {
        char b[8];
        std::memcpy(b, &v, 8);
        out.append(b, 8);
    }
    void str(std::string_view s) {
        varint(s.size());
        out.append(s);
    }
    void digest(const Digest& d) { out.append(reinterpret_cast<const char*>(d.data()), d.size()); }
    void stamp(const FileStamp& s) {
        fixed64(s.size);
        fixed64(static_cast<std::uint64_t>(s.mtime_ns));
        fixed64(static_cast<std::uint64_t>(s.ctime_ns));
        fixed64(s.inode);
    }
    void diagnostic(const Diagnostic& d) {
        str(d.file);
        mark(d.mark);
        u8(static_cast<unsigned char>(d.severity));
        str(d.code);
        str(d.message);
        str(d.field);
        str(d.kind);
        str(d.id);
    }
    void mark(const Mark& m) {
        varint(static_cast<std::uint64_t>(m.line));
        varint(static_cast<std::uint64_t>(m.column));
    }
    void node(const Node& n) {
        u8(static_cast<unsigned char>(static_cast<unsigned>(n.type) | (n.plain ? 4u : 0u)));
        mark(n.mark);
        switch (n.type) {
            case Node::Type::Null:
                break;
            case Node::Type::Scalar:
                str(n.text);
                break;
            case Node::Type::Sequence:
                varint(n.items.size());
                for (const Node& i : n.items) node(i);
                break;
            case Node::Type::Mapping:
                varint(n.entries.size());
                for (const Entry& e : n.entries) {
                    str(e.key);
                    mark(e.key_mark);
                    node(e.value);
                }
                break;
        }
    }
};

// Reads what Writer wrote; every read is bounds-checked and failure is sticky.
class Reader {
  public:
    explicit Reader(std::string_view bytes) : rest_(bytes) {}
    bool ok() const { return ok_; }
    bool done() const { return rest_.empty(); }

    unsigned char u8() {
        if (rest_.empty()) return fail();
        const unsigned char c = static_cast<unsigned char>(rest_[0]);
        rest_.remove_prefix(1);
        return c;
    }
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            const unsigned char c = u8();
            if (!ok_) return 0;
            v |= static_cast<std::uint64_t>(c & 0x7F) << shift;
            if (!(c & 0x80)) return v;
        }
        return fail();
    }
    std::uint64_t fixed64() {
        if (rest_.size() < 8) return fail();
        std::uint64_t v;
        std::memcpy(&v, rest_.data(), 8);
        rest_.remove_prefix(8);
        return v;
    }
    std::string_view view(std::uint64_t n) {
        if (!ok_ || n > rest_.size()) {
            fail();
            return {};
        }
        const std::string_view s = rest_.substr(0, n);
        rest_.remove_prefix(n);
        return s;
    }
    std::string str() { return std::string(view(varint())); }
    Digest digest() {
        Digest d{};
        const std::string_view v = view(d.size());
        if (ok_) std::memcpy(d.data(), v.data(), d.size());
        return d;
    }
    FileStamp stamp() {
        FileStamp s;
        s.size = fixed64();
        s.mtime_ns = static_cast<std::int64_t>(fixed64());
        s.ctime_ns = static_cast<std::int64_t>(fixed64());
        s.inode = fixed64();
        return s;
    }
    // A whole diagnostic as Writer::diagnostic wrote it; nullopt (and failed) when its
    // severity or code is not one of ours.
    std::optional<Diagnostic> diagnostic() {
        Diagnostic d;
        d.file = str();
        d.mark = mark();
        const unsigned char severity = u8();
        d.code = str();
        d.message = str();
        d.field = str();
        d.kind = str();
        d.id = str();
        if (!ok_ || severity > static_cast<unsigned char>(Severity::Warning) ||
            !find_check(d.code)) {
            fail();
            return std::nullopt;
        }
        d.severity = static_cast<Severity>(severity);
        return d;
    }
    // `count` diagnostics (a count read from the bytes: never more than the bytes left).
    bool diagnostics(std::vector<Diagnostic>& out) {
        const std::uint64_t count = varint();
        if (!ok_ || count > rest_.size()) return fail() != 0;
        out.reserve(count);
        for (std::uint64_t i = 0; i < count; ++i) {
            auto d = diagnostic();
            if (!d) return false;
            out.push_back(std::move(*d));
        }
        return true;
    }
    int small() {
        const std::uint64_t v = varint();
        if (v > 100'000'000) return fail();
        return static_cast<int>(v);
    }
    Mark mark() {
        Mark m;
        m.line = small();
        m.column = small();
        return m;
    }
    void node(Node& n, int depth) {
        if (depth > max_depth) {
            fail();
            return;
        }
        const unsigned char t = u8();
        if (t > 7) {  // two bits of type, one of plain
            fail();
            return;
        }
        n.type = static_cast<Node::Type>(t & 3);
        n.plain = (t & 4) != 0;
        n.mark = mark();
        switch (n.type) {
            case Node::Type::Null:
                return;
            case Node::Type::Scalar:
                n.text = str();
                return;
            case Node::Type::Sequence: {
                const std::uint64_t count = varint();
                // Each item takes at least 3 bytes: a count larger than what is left is a lie.
                if (count > rest_.size()) {
                    fail();
                    return;
                }
                n.items.resize(count);
                for (Node& i : n.items) {
                    node(i, depth + 1);
                    if (!ok_) return;
                }
                return;
            }
            case Node::Type::Mapping: {
                const std::uint64_t count = varint();
                if (count > rest_.size()) {
                    fail();
                    return;
                }
                n.entries.resize(count);
                for (Entry& e : n.entries) {
                    e.key = str();
                    e.key_mark = mark();
                    node(e.value, depth + 1);
                    if (!ok_) return;
                }
                return;
            }
        }
    }

  private:
    unsigned char fail() {
        ok_ = false;
        rest_ = {};
        return 0;
    }
    std::string_view rest_;
    bool ok_ = true;
};

void encode_diagnostics(Writer& w, const std::vector<Diagnostic>& ds) {
    w.varint(ds.size());
    for (const Diagnostic& d : ds) {
        w.str(d.code);
        w.mark(d.mark);
        w.str(d.message);
        w.str(d.field);
    }
}

std::string encode_entry(const LoadedFile& f) {
    Writer w;
    w.u8(f.record ? 1 : 0);
    if (f.record) w.node(f.record->root);
    encode_diagnostics(w, f.diagnostics);
    encode_diagnostics(w, f.checks);
    return std::move(w.out);
}

// Diagnostics of `file` back, with the severity of their code and the file's kind and id.
bool decode_diagnostics(Reader& r, std::size_t limit, const std::string& file, Kind kind,
                        const std::string& id, std::vector<Diagnostic>& out) {
    const std::uint64_t count = r.varint();
    if (!r.ok() || count > limit) return false;
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::string code = r.str();
        const Mark mark = r.mark();
        std::string message = r.str();
        std::string field = r.str();
        if (!r.ok() || !find_check(code)) return false;
        Diagnostic d = make_diagnostic(code, mark, std::move(message), std::move(field));
        d.file = file;
        d.kind = std::string(kind_name(kind));
        d.id = id;
        out.push_back(std::move(d));
    }
    return true;
}

constexpr std::string_view across_magic = "collab-checks\n";
constexpr std::uint32_t across_format = 2;
constexpr std::string_view stamps_magic = "collab-index\n";
constexpr std::uint32_t stamps_format = 1;

// A header (magic, format, version, length, checksum) around `payload`.
std::string seal(std::string_view magic_text, std::uint32_t format_number, std::string_view payload,
                 std::string_view version) {
    Writer head;
    head.out.append(magic_text);
    head.varint(format_number);
    head.str(version);
    head.fixed64(payload.size());
    head.fixed64(checksum(payload));
    return head.out.append(payload);
}

// The payload inside what seal() wrote, when the magic, format, version, length and
// checksum are right.
std::optional<std::string_view> unseal(std::string_view bytes, std::string_view magic_text,
                                       std::uint32_t format_number, std::string_view version) {
    if (!bytes.starts_with(magic_text)) return std::nullopt;
    Reader head(bytes.substr(magic_text.size()));
    if (head.varint() != format_number || head.str() != version) return std::nullopt;
    const std::uint64_t size = head.fixed64();
    const std::uint64_t sum = head.fixed64();
    if (!head.ok()) return std::nullopt;
    const std::string_view payload = head.view(size);
    if (!head.ok() || !head.done() || checksum(payload) != sum) return std::nullopt;
    return payload;
}

}  // namespace

std::uint64_t snapshot_checksum(std::string_view bytes, std::uint64_t seed) {
    return checksum(bytes, seed);
}

std::string encode_across(const AcrossResults& results, std::string_view version) {
    Writer body;
    body.str(results.key);
    body.varint(results.probes.size());
    for (const auto& [path, answer] : results.probes) {
        body.str(path);
        body.u8(answer ? 1 : 0);
        if (answer) body.str(*answer);
    }
    for (const auto* list : {&results.diagnostics, &results.file_diagnostics}) {
        body.varint(list->size());
        for (const Diagnostic& d : *list) body.diagnostic(d);
    }
    body.varint(results.has_record.size());
    for (const char c : results.has_record) body.u8(c ? 1 : 0);
    body.str(results.dated);
    return seal_across(body.out, version);
}

std::string seal_across(std::string_view payload, std::string_view version) {
    return seal(across_magic, across_format, payload, version);
}

std::string seal_stamps(std::string_view payload, std::string_view version) {
    return seal(stamps_magic, stamps_format, payload, version);
}

std::string encode_stamps(const std::vector<StampRow>& rows, std::string_view version) {
    Writer body;
    body.varint(rows.size());
    for (const StampRow& row : rows) {
        body.str(row.file);
        body.stamp(row.stamp);
        body.digest(row.digest);
    }
    return seal_stamps(body.out, version);
}

std::optional<std::vector<StampRow>> decode_stamps(std::string_view bytes,
                                                   std::string_view version) {
    const auto payload = unseal(bytes, stamps_magic, stamps_format, version);
    if (!payload) return std::nullopt;
    Reader r(*payload);
    const std::uint64_t count = r.varint();
    // A row takes at least 49 bytes: a count larger than the bytes allow is a lie.
    if (!r.ok() || count > payload->size() / 49) return std::nullopt;
    std::vector<StampRow> rows(count);
    for (StampRow& row : rows) {
        row.file = r.str();
        row.stamp = r.stamp();
        row.digest = r.digest();
        if (!r.ok()) return std::nullopt;
    }
    if (!r.done()) return std::nullopt;
    return rows;
}

std::string seal_snapshot(std::string_view payload, std::string_view version,
                          std::string_view context) {
    Writer head;
    head.out.append(magic);
    head.varint(format);
    head.str(version);
    head.str(context);
    head.fixed64(payload.size());
    head.fixed64(checksum(payload));
    return head.out.append(payload);
}

std::optional<AcrossResults> decode_across(std::string_view bytes, std::string_view version) {
    const auto sealed = unseal(bytes, across_magic, across_format, version);
    if (!sealed) return std::nullopt;
    const std::string_view payload = *sealed;
    // The checksum only says the bytes are what some writer wrote; every length and count
    // is still checked against what is left, so crafted bytes with a matching sum fail too.
    Reader r(payload);
    AcrossResults out;
    out.key = r.str();
    const std::uint64_t probes = r.varint();
    if (!r.ok() || probes > payload.size()) return std::nullopt;
    out.probes.reserve(probes);
    for (std::uint64_t i = 0; i < probes && r.ok(); ++i) {
        std::string path = r.str();
        const unsigned char has = r.u8();
        if (has > 1) return std::nullopt;
        std::optional<std::string> answer;
        if (has) answer = r.str();
        out.probes.emplace_back(std::move(path), std::move(answer));
    }
    if (!r.diagnostics(out.diagnostics) || !r.diagnostics(out.file_diagnostics))
        return std::nullopt;
    const std::uint64_t files = r.varint();
    if (!r.ok() || files > payload.size()) return std::nullopt;
    out.has_record.reserve(files);
    for (std::uint64_t i = 0; i < files; ++i) {
        const unsigned char c = r.u8();
        if (c > 1) return std::nullopt;
        out.has_record.push_back(static_cast<char>(c));
    }
    out.dated = r.str();
    if (!r.ok() || !r.done()) return std::nullopt;
    return out;
}

std::string encode_snapshot(const std::vector<const SnapshotEntry*>& entries,
                            std::string_view version, std::string_view context) {
    std::vector<std::string> blobs;
    blobs.reserve(entries.size());
    for (const SnapshotEntry* e : entries) blobs.push_back(encode_entry(e->loaded));

    Writer table;
    table.varint(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const SnapshotEntry& e = *entries[i];
        table.str(e.file);
        table.digest(e.digest);
        table.varint(blobs[i].size());
    }
    std::string payload = std::move(table.out);
    for (const auto& b : blobs) payload += b;
    return seal_snapshot(payload, version, context);
}

std::optional<SnapshotIndex> read_snapshot(std::string_view bytes, std::string_view version) {
    if (!bytes.starts_with(magic)) return std::nullopt;
    Reader head(bytes.substr(magic.size()));
    if (head.varint() != format || head.str() != version) return std::nullopt;
    std::string context = head.str();
    const std::uint64_t size = head.fixed64();
    const std::uint64_t sum = head.fixed64();
    if (!head.ok()) return std::nullopt;
    const std::string_view payload = head.view(size);
    if (!head.ok() || !head.done() || checksum(payload) != sum) return std::nullopt;

    Reader table(payload);
    const std::uint64_t count = table.varint();
    if (count > payload.size()) return std::nullopt;
    SnapshotIndex index;
    index.context = std::move(context);
    index.items.reserve(count);
    std::vector<std::uint64_t> lengths;
    lengths.reserve(count);
    for (std::uint64_t i = 0; i < count && table.ok(); ++i) {
        SnapshotIndex::Item item;
        item.file = table.str();
        item.digest = table.digest();
        lengths.push_back(table.varint());
        index.items.push_back(std::move(item));
    }
    if (!table.ok()) return std::nullopt;
    for (std::size_t i = 0; i < index.items.size(); ++i) {
        index.items[i].blob = table.view(lengths[i]);
        if (!table.ok()) return std::nullopt;
    }
    if (!table.done()) return std::nullopt;
    return index;
}

std::optional<LoadedFile> placeholder_entry(const std::string& file, std::string_view blob) {
    const auto kind = record_file_kind(file);
    if (!kind || blob.empty() || static_cast<unsigned char>(blob[0]) > 1) return std::nullopt;
    LoadedFile out;
    if (blob[0] == 1) {
        Record rec;
        rec.kind = *kind;
        rec.id = std::filesystem::path(file).stem().string();
        rec.file = file;
        rec.root.type = Node::Type::Mapping;
        out.record = std::move(rec);
    }
    return out;
}

std::optional<LoadedFile> decode_entry(const std::string& file, std::string_view blob) {
    const auto kind = record_file_kind(file);
    if (!kind) return std::nullopt;
    const std::string id = std::filesystem::path(file).stem().string();
    Reader r(blob);
    LoadedFile out;
    if (r.u8() == 1) {
        Record rec;
        rec.kind = *kind;
        rec.id = id;
        rec.file = file;
        r.node(rec.root, 0);
        if (!r.ok() || !rec.root.is_mapping()) return std::nullopt;
        out.record = std::move(rec);
    }
    if (!decode_diagnostics(r, blob.size(), file, *kind, id, out.diagnostics) ||
        !decode_diagnostics(r, blob.size(), file, *kind, id, out.checks))
        return std::nullopt;
    if (!r.done()) return std::nullopt;
    return out;
}

}  // namespace collab
