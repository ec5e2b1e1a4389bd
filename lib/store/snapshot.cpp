#include "store/snapshot.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>

#include "store/scan.h"

namespace collab {

namespace {

constexpr std::string_view magic = "collab-cache\n";
// Bump when the encoding, the loader's parse or its diagnostics change meaning. 5: the
// compact encoding with digests (builds before the merge wrote 3 with digests, 4 compact
// with stamps).
constexpr std::uint32_t format = 5;
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
    std::size_t left() const { return rest_.size(); }
    // Marks the read as failed (a value out of range); returns 0 for convenience.
    unsigned char refuse() { return fail(); }

  private:
    unsigned char fail() {
        ok_ = false;
        rest_ = {};
        return 0;
    }
    std::string_view rest_;
    bool ok_ = true;
};

// ---- The compact entry encoding (format 4) ----
//
// Payload: the string table, the key table, the entry table, then every entry's blob in
// table order.
//   string table: count, then each string as length and bytes. It holds every string that
//     occurs at least twice in the snapshot (keys, status values, dates, ids, codes, folder
//     names), most frequent first, so the commonest cost a one-byte reference.
//   key table: count, then pairs of a context and a string index: the key that most often
//     comes next after a given key, or first under it (key_context), so that most keys of a
//     record cost no byte at all.
//   entry table: count, then each entry's file as three string references (folder with its
//     '/', stem, extension: the stem is the record's id, which other records refer to), the
//     16-byte digest of its bytes and its blob's length.
// A string reference is a varint r: r even is the table's string r/2; r odd is a string
// used only once, kept in place: (r-1)/2 bytes follow (a table entry would cost its length
// as well as a reference).
// A blob: a byte 1 or 0 (a record or none), the record's tree, its diagnostics, its checks.
// A node: one header byte: type (bits 0-1), plain (bit 2), its mark's line code (bits 3-4)
// and column code (bits 5-6); then the mark's escapes; then a scalar's string reference, or
// a sequence's count and items, or a mapping's count and entries. An entry is its value's
// header byte, whose bit 7 says "the key is the one the key table predicts, where it is
// expected" (mark code 0 for a first key, 1 for the others); without it, the key's string
// reference shifted left by one bit that says "where expected", and without that, a byte of
// the key's mark code (bits 0-3). Then the key mark's escapes, the value mark's escapes and
// the value's content.
//   line code 0-2: the line is the previous mark's line plus the code; 3: a zigzag varint
//     of the difference follows. Marks are written in file order, so the difference is
//     almost always 0 or 1.
//   column code 0-2: the column is the predicted column plus 0, -1 or +1; 3: the column
//     follows as a varint. The prediction is where the YAML's usual layout puts it: a
//     value on its key's line after "key: ", on the next line indented by two; the next key
//     under the first; a block list's item after "- ", the next item under it; in a flow
//     collection after the previous item and ", ".
// A diagnostic: code, line difference (zigzag varint) and column, message and field.
// So a typical mapping entry costs one byte and its value's reference, where format 2
// spelled out every key, text, line and column in every record.

// Lines and columns beyond this come from no file the loader accepts: a decoded mark
// outside [0, max_position] is a lie, and the bound keeps all arithmetic on them far from
// overflow.
constexpr std::int64_t max_position = 100'000'000;

std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// Where a mark is expected: the column on the previous mark's line and on a later line.
struct Hint {
    std::int64_t same_line;
    std::int64_t next_line;
};

std::int64_t text_size(const Node& n) {
    return n.is_scalar() ? static_cast<std::int64_t>(n.text.size()) : 0;
}
// A mapping's first key: at the mapping's mark (block) or one past it (flow: `{`).
Hint first_key_hint(const Mark& mapping) {
    return {mapping.column, mapping.column};
}
// A later key: after the previous value and ", " (flow), or under the first key (block).
Hint next_key_hint(const Node& previous_value, std::int64_t first_key_column) {
    return {previous_value.mark.column + text_size(previous_value) + 2, first_key_column};
}
// A value: after "key: ", or on the next line indented by two.
Hint value_hint(std::string_view key, const Mark& key_mark) {
    return {key_mark.column + static_cast<std::int64_t>(key.size()) + 2, key_mark.column + 2};
}
// A list's first item: after "- " (block) or one before that (flow: `[`).
Hint first_item_hint(const Mark& sequence) {
    return {sequence.column + 2, sequence.column + 2};
}
// A later item: after the previous one and ", " (flow), or under it (block).
Hint next_item_hint(const Node& previous) {
    return {previous.mark.column + text_size(previous) + 2, previous.mark.column};
}

// The mark code of a mapping's i-th key where the layout puts it: the first on its
// mapping's line, a later one on the line after the previous value's last mark; both at
// the predicted column.
unsigned expected_key_code(std::size_t i) {
    return i == 0 ? 0u : 1u;
}

// Keys give a context for predicting the next key when their table index is below this
// (the keys of the format are among the most used strings); the key table is then a flat
// array, looked up without hashing.
constexpr std::uint32_t context_keys = 1024;
constexpr std::uint32_t key_table_size = 2 * (context_keys + 1);
constexpr std::uint32_t none = ~std::uint32_t{0};

// A key's slot: 0 for the root (no key above), its table index plus one, or none.
std::uint32_t slot_of(std::uint32_t index) {
    return index < context_keys ? index + 1 : none;
}
// What predicts a mapping's i-th key: the key before it (i > 0) or, for the first, the key
// the mapping stands under (a list's items stand under the list's key). An index into the
// key table, or none.
std::uint32_t key_context(std::size_t i, std::uint32_t parent_slot, std::uint32_t previous_slot) {
    const std::uint32_t slot = i == 0 ? parent_slot : previous_slot;
    if (slot == none) return none;
    return 2 * slot + (i == 0 ? 1 : 0);
}

// The file name split where the string table can share its parts: folder (with its '/'),
// stem and extension; they concatenate back to the name.
std::array<std::string_view, 3> file_parts(std::string_view file) {
    const std::size_t slash = file.rfind('/');
    const std::size_t start = slash == std::string_view::npos ? 0 : slash + 1;
    std::size_t dot = file.rfind('.');
    if (dot == std::string_view::npos || dot < start) dot = file.size();
    return {file.substr(0, start), file.substr(start, dot - start), file.substr(dot)};
}

// Calls `f` on every string an entry's encoding refers to, in no particular order.
template <class F>
void for_each_node_string(const Node& n, F& f) {
    switch (n.type) {
        case Node::Type::Null:
            return;
        case Node::Type::Scalar:
            f(n.text);
            return;
        case Node::Type::Sequence:
            for (const Node& i : n.items) for_each_node_string(i, f);
            return;
        case Node::Type::Mapping:
            for (const Entry& e : n.entries) {
                f(e.key);
                for_each_node_string(e.value, f);
            }
            return;
    }
}
template <class F>
void for_each_string(const SnapshotEntry& e, F& f) {
    for (std::string_view part : file_parts(e.file)) f(part);
    if (e.loaded.record) for_each_node_string(e.loaded.record->root, f);
    for (const auto* ds : {&e.loaded.diagnostics, &e.loaded.checks}) {
        for (const Diagnostic& d : *ds) {
            f(d.code);
            f(d.message);
            f(d.field);
        }
    }
}

// Every distinct non-empty string of a snapshot, each with an id in the order first met and
// how often it occurs. A flat open-addressing table: one probe sequence per occurrence and no
// allocation per string (a snapshot of 100,000 records meets some 7 million strings, half a
// million of them distinct), where a node-based map spent seconds on cache misses.
class Interner {
  public:
    std::uint32_t add(std::string_view s) {
        if ((strings_.size() + 1) * 2 > slots_.size()) grow();
        const std::uint64_t h = std::hash<std::string_view>{}(s);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            Slot& slot = slots_[i];
            if (slot.id == none) {
                slot.hash = h;
                slot.id = static_cast<std::uint32_t>(strings_.size());
                slot.size = static_cast<std::uint32_t>(std::min<std::size_t>(s.size(), ~0u));
                std::memcpy(slot.head, s.data(), std::min(s.size(), sizeof slot.head));
                strings_.push_back(s);
                counts_.push_back(1);
                return slot.id;
            }
            if (slot.hash == h && slot.size == s.size() &&
                (s.size() <= sizeof slot.head ? std::memcmp(slot.head, s.data(), s.size()) == 0
                                              : strings_[slot.id] == s)) {
                ++counts_[slot.id];
                return slot.id;
            }
        }
    }
    std::size_t size() const { return strings_.size(); }
    std::string_view string(std::uint32_t id) const { return strings_[id]; }
    std::uint32_t count(std::uint32_t id) const { return counts_[id]; }

  private:
    // A short string's bytes are kept in its slot, so that most lookups (keys, dates, ids)
    // compare within the slot rather than reach for the string in its record's tree.
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t id = none;
        std::uint32_t size = 0;
        char head[16] = {};
    };
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
        mask_ = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.id == none) continue;
            std::size_t i = slot.hash & mask_;
            while (slots_[i].id != none) i = (i + 1) & mask_;
            slots_[i] = slot;
        }
    }
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::vector<std::string_view> strings_;
    std::vector<std::uint32_t> counts_;
};

// The tables being written: the string table (strings used twice or more) and the key that
// most often follows in each context. Every string an entry's encoding meets is looked up
// once, here, in the order of for_each_string; the writers then take the ids in that same
// order (ids()), so no string is hashed twice.
class Tables {
  public:
    explicit Tables(const std::vector<const SnapshotEntry*>& entries) {
        Interner interner;
        starts_.reserve(entries.size() + 1);
        for (const SnapshotEntry* e : entries) {
            starts_.push_back(ids_.size());
            auto add = [&](std::string_view s) {
                ids_.push_back(s.empty() ? none : interner.add(s));
            };
            for_each_string(*e, add);
        }
        starts_.push_back(ids_.size());

        std::vector<std::uint32_t> shared;
        for (std::uint32_t id = 0; id < interner.size(); ++id) {
            if (interner.count(id) >= 2) shared.push_back(id);
        }
        // Most used first (shortest references); ties by bytes, so equal input gives equal
        // bytes.
        std::sort(shared.begin(), shared.end(), [&](std::uint32_t a, std::uint32_t b) {
            const std::uint32_t ca = interner.count(a), cb = interner.count(b);
            return ca != cb ? ca > cb : interner.string(a) < interner.string(b);
        });
        index_.assign(interner.size(), none);
        strings_.reserve(shared.size());
        for (std::uint32_t id : shared) {
            index_[id] = static_cast<std::uint32_t>(strings_.size());
            strings_.push_back(interner.string(id));
        }

        // How often each key follows each context; the most frequent is predicted (ties to
        // the lower index, so equal input gives equal bytes).
        std::vector<std::unordered_map<std::uint32_t, std::uint32_t>> follows(key_table_size);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!entries[i]->loaded.record) continue;
            const std::uint32_t* next = ids(i) + 3;  // past the file name's parts
            count_keys(entries[i]->loaded.record->root, 0, next, follows);
        }
        next_key_.assign(key_table_size, none);
        for (std::uint32_t c = 0; c < key_table_size; ++c) {
            std::uint32_t best = 0;
            for (const auto& [key, n] : follows[c]) {
                if (n > best || (n == best && key < next_key_[c])) {
                    best = n;
                    next_key_[c] = key;
                }
            }
        }
    }
    void write(Writer& w) const {
        w.varint(strings_.size());
        for (std::string_view s : strings_) w.str(s);
        std::size_t predicted = 0;
        for (std::uint32_t k : next_key_) predicted += k != none ? 1 : 0;
        w.varint(predicted);
        for (std::uint32_t c = 0; c < key_table_size; ++c) {
            if (next_key_[c] == none) continue;
            w.varint(c);
            w.varint(next_key_[c]);
        }
    }
    // The ids of the strings entry `i`'s encoding meets, in for_each_string's order.
    const std::uint32_t* ids(std::size_t i) const { return ids_.data() + starts_[i]; }
    // The table index of the string with `id`, or none (kept in place).
    std::uint32_t index(std::uint32_t id) const { return id == none ? none : index_[id]; }
    std::uint32_t next_key(std::uint32_t context) const {
        return context == none ? none : next_key_[context];
    }
    // Writes the reference to `s` (whose id is `id`), shifted left by one bit that carries
    // `flag` when `flagged`.
    void ref(Writer& w, std::string_view s, std::uint32_t id, bool flagged = false,
             bool flag = false) const {
        const std::uint32_t i = index(id);
        const bool kept_in_place = i == none;
        std::uint64_t v =
            kept_in_place ? (std::uint64_t{s.size()} << 1) | 1 : std::uint64_t{i} << 1;
        if (flagged) v = (v << 1) | (flag ? 1 : 0);
        w.varint(v);
        if (kept_in_place) w.out.append(s);
    }

  private:
    // Walks a tree as for_each_node_string does, taking its ids from `next`.
    void count_keys(const Node& n, std::uint32_t parent_slot, const std::uint32_t*& next,
                    std::vector<std::unordered_map<std::uint32_t, std::uint32_t>>& follows) {
        switch (n.type) {
            case Node::Type::Null:
                return;
            case Node::Type::Scalar:
                ++next;
                return;
            case Node::Type::Sequence:
                for (const Node& i : n.items) count_keys(i, parent_slot, next, follows);
                return;
            case Node::Type::Mapping: {
                std::uint32_t previous = none;
                for (std::size_t i = 0; i < n.entries.size(); ++i) {
                    const std::uint32_t key = index(*next++);
                    const std::uint32_t context = key_context(i, parent_slot, previous);
                    if (context != none && key != none) ++follows[context][key];
                    previous = key == none ? none : slot_of(key);
                    count_keys(n.entries[i].value, previous, next, follows);
                }
                return;
            }
        }
    }

    std::vector<std::uint32_t> ids_;
    std::vector<std::size_t> starts_;
    std::vector<std::uint32_t> index_;  // by id
    std::vector<std::string_view> strings_;
    std::vector<std::uint32_t> next_key_;
};

class EntryWriter {
  public:
    // `next`: the ids of the strings it is to write, in for_each_string's order.
    EntryWriter(const Tables& tables, const std::uint32_t* next, Writer& w)
        : tables_(tables), next_(next), w_(w) {}

    void node(const Node& n, Hint hint, std::uint32_t parent_slot) {
        const Code c = code(n.mark, hint);
        header(n, c, false);
        escapes(c);
        payload(n, parent_slot);
    }

    void diagnostics(const std::vector<Diagnostic>& ds) {
        w_.varint(ds.size());
        for (const Diagnostic& d : ds) {
            tables_.ref(w_, d.code, *next_++);
            w_.varint(zigzag(std::int64_t{d.mark.line} - line_));
            line_ = d.mark.line;
            w_.varint(static_cast<std::uint64_t>(std::int64_t{d.mark.column}));
            tables_.ref(w_, d.message, *next_++);
            tables_.ref(w_, d.field, *next_++);
        }
    }

  private:
    struct Code {
        unsigned bits = 0;            // line code in bits 0-1, column code in bits 2-3
        std::int64_t line_delta = 0;  // written when the line code is 3
        std::int64_t column = -1;     // written when the column code is 3
    };
    Code code(const Mark& m, Hint hint) {
        Code c;
        const std::int64_t delta = std::int64_t{m.line} - line_;
        line_ = m.line;
        if (delta >= 0 && delta <= 2) {
            c.bits = static_cast<unsigned>(delta);
        } else {
            c.bits = 3;
            c.line_delta = delta;
        }
        const std::int64_t predicted = delta == 0 ? hint.same_line : hint.next_line;
        const std::uint64_t off = zigzag(std::int64_t{m.column} - predicted);
        if (off < 3) {
            c.bits |= static_cast<unsigned>(off) << 2;
        } else {
            c.bits |= 3u << 2;
            c.column = m.column;
        }
        return c;
    }
    void header(const Node& n, const Code& c, bool predicted_key) {
        w_.u8(static_cast<unsigned char>(static_cast<unsigned>(n.type) | (n.plain ? 4u : 0u) |
                                         (c.bits << 3) | (predicted_key ? 0x80u : 0u)));
    }
    void escapes(const Code& c) {
        if ((c.bits & 3) == 3) w_.varint(zigzag(c.line_delta));
        if (((c.bits >> 2) & 3) == 3) w_.varint(static_cast<std::uint64_t>(c.column));
    }
    void payload(const Node& n, std::uint32_t parent_slot) {
        switch (n.type) {
            case Node::Type::Null:
                break;
            case Node::Type::Scalar:
                tables_.ref(w_, n.text, *next_++);
                break;
            case Node::Type::Sequence:
                w_.varint(n.items.size());
                for (std::size_t i = 0; i < n.items.size(); ++i) {
                    node(n.items[i],
                         i == 0 ? first_item_hint(n.mark) : next_item_hint(n.items[i - 1]),
                         parent_slot);
                }
                break;
            case Node::Type::Mapping: {
                w_.varint(n.entries.size());
                std::int64_t first_key_column = 0;
                std::uint32_t previous = none;
                for (std::size_t i = 0; i < n.entries.size(); ++i) {
                    const Entry& e = n.entries[i];
                    const Code k = code(e.key_mark, i == 0 ? first_key_hint(n.mark)
                                                           : next_key_hint(n.entries[i - 1].value,
                                                                           first_key_column));
                    const Code v = code(e.value.mark, value_hint(e.key, e.key_mark));
                    const std::uint32_t id = *next_++;
                    const std::uint32_t index = tables_.index(id);
                    const bool expected = k.bits == expected_key_code(i);
                    // The key the table predicts, where it is expected: flagged in the value's
                    // header, nothing more. Otherwise its reference (flagged when only the
                    // place is expected) and, if need be, its mark.
                    const bool predicted =
                        expected && index != none &&
                        tables_.next_key(key_context(i, parent_slot, previous)) == index;
                    header(e.value, v, predicted);
                    if (!predicted) {
                        tables_.ref(w_, e.key, id, true, expected);
                        if (!expected) w_.u8(static_cast<unsigned char>(k.bits));
                    }
                    escapes(k);
                    escapes(v);
                    if (i == 0) first_key_column = e.key_mark.column;
                    previous = index == none ? none : slot_of(index);
                    payload(e.value, previous);
                }
                break;
            }
        }
    }

    const Tables& tables_;
    const std::uint32_t* next_;
    Writer& w_;
    std::int64_t line_ = 1;  // the previous mark's line; a file starts at line 1
};

// The blob of the i-th entry of the snapshot `tables` were made for.
std::string encode_entry(const Tables& tables, std::size_t i, const LoadedFile& f) {
    Writer w;
    EntryWriter e(tables, tables.ids(i) + 3, w);  // past the file name's parts
    w.u8(f.record ? 1 : 0);
    if (f.record) e.node(f.record->root, {1, 1}, 0);
    e.diagnostics(f.diagnostics);
    e.diagnostics(f.checks);
    return std::move(w.out);
}

// A string reference back (see above); fails the reader when the index is past the table
// or the length past the end. With `flag`, the reference's lowest bit is a flag, given
// back there; with `index`, the string's table index (none when kept in place).
std::string_view read_ref(Reader& r, std::span<const std::string_view> strings,
                          bool* flag = nullptr, std::uint32_t* index = nullptr) {
    std::uint64_t v = r.varint();
    if (!r.ok()) return {};
    if (flag) {
        *flag = (v & 1) != 0;
        v >>= 1;
    }
    if (v & 1) return r.view(v >> 1);
    if ((v >> 1) >= strings.size()) {
        r.refuse();
        return {};
    }
    if (index) *index = static_cast<std::uint32_t>(v >> 1);
    return strings[v >> 1];
}

class EntryReader {
  public:
    EntryReader(Reader& r, const SnapshotTables& tables) : r_(r), tables_(tables) {}

    std::string str() { return std::string(read_ref(r_, tables_.strings)); }

    void node(Node& n, Hint hint, std::uint32_t parent_slot, int depth) {
        const unsigned char h = r_.u8();
        // Bit 7 (a predicted key) belongs to a mapping's values only.
        if (!r_.ok() || (h & 0x80)) {
            r_.refuse();
            return;
        }
        start(n, h);
        if (!mark((h >> 3) & 15, hint, n.mark)) return;
        payload(n, parent_slot, depth);
    }

    // Diagnostics of `file`, with the severity of their code and the file's kind and id.
    bool diagnostics(const std::string& file, Kind kind, const std::string& id,
                     std::vector<Diagnostic>& out) {
        const std::uint64_t count = r_.varint();
        // Each takes at least five bytes.
        if (!r_.ok() || count > r_.left() / 5) return false;
        out.reserve(count);
        for (std::uint64_t i = 0; i < count; ++i) {
            const std::string_view code = read_ref(r_, tables_.strings);
            Mark mark;
            const std::int64_t line = line_ + bounded_delta(r_.varint());
            const std::uint64_t column = r_.varint();
            if (!r_.ok() || line < 0 || line > max_position ||
                column > static_cast<std::uint64_t>(max_position))
                return false;
            line_ = line;
            mark.line = static_cast<int>(line);
            mark.column = static_cast<int>(column);
            std::string message = str();
            std::string field = str();
            if (!r_.ok() || !find_check(code)) return false;
            Diagnostic d = make_diagnostic(code, mark, std::move(message), std::move(field));
            d.file = file;
            d.kind = std::string(kind_name(kind));
            d.id = id;
            out.push_back(std::move(d));
        }
        return true;
    }

  private:
    static void start(Node& n, unsigned char header) {
        n.type = static_cast<Node::Type>(header & 3);
        n.plain = (header & 4) != 0;
    }

    void payload(Node& n, std::uint32_t parent_slot, int depth) {
        // Deeper than the loader ever builds: a crafted blob cannot recurse far.
        if (depth >= max_depth && (n.is_sequence() || n.is_mapping())) {
            r_.refuse();
            return;
        }
        switch (n.type) {
            case Node::Type::Null:
                return;
            case Node::Type::Scalar:
                n.text = str();
                return;
            case Node::Type::Sequence: {
                const std::uint64_t count = r_.varint();
                // Each item takes at least a byte: a count larger than what is left is a lie.
                if (!r_.ok() || count > r_.left()) {
                    r_.refuse();
                    return;
                }
                n.items.resize(count);
                for (std::size_t i = 0; i < n.items.size(); ++i) {
                    node(n.items[i],
                         i == 0 ? first_item_hint(n.mark) : next_item_hint(n.items[i - 1]),
                         parent_slot, depth + 1);
                    if (!r_.ok()) return;
                }
                return;
            }
            case Node::Type::Mapping: {
                const std::uint64_t count = r_.varint();
                // Each entry takes at least a byte (its value's header).
                if (!r_.ok() || count > r_.left()) {
                    r_.refuse();
                    return;
                }
                n.entries.resize(count);
                std::int64_t first_key_column = 0;
                std::uint32_t previous = none;
                for (std::size_t i = 0; i < n.entries.size(); ++i) {
                    Entry& e = n.entries[i];
                    const unsigned char h = r_.u8();
                    if (!r_.ok()) return;
                    start(e.value, h);
                    unsigned k = expected_key_code(i);
                    std::uint32_t index = none;
                    if (h & 0x80) {
                        // The predicted key: one the table has for this context.
                        const std::uint32_t context = key_context(i, parent_slot, previous);
                        index =
                            context < tables_.next_key.size() ? tables_.next_key[context] : none;
                        if (index >= tables_.strings.size()) {
                            r_.refuse();
                            return;
                        }
                        e.key = std::string(tables_.strings[index]);
                    } else {
                        bool expected = false;
                        e.key = std::string(read_ref(r_, tables_.strings, &expected, &index));
                        if (!expected) k = r_.u8();
                    }
                    // Two bits of line code and two of column code; the rest must be clear.
                    if (!r_.ok() || k > 15) {
                        r_.refuse();
                        return;
                    }
                    if (!mark(k,
                              i == 0 ? first_key_hint(n.mark)
                                     : next_key_hint(n.entries[i - 1].value, first_key_column),
                              e.key_mark))
                        return;
                    if (i == 0) first_key_column = e.key_mark.column;
                    if (!mark((h >> 3) & 15, value_hint(e.key, e.key_mark), e.value.mark)) return;
                    previous = index == none ? none : slot_of(index);
                    payload(e.value, previous, depth + 1);
                    if (!r_.ok()) return;
                }
                return;
            }
        }
    }

    // A zigzag line difference, refused (and made 0) when it could leave the range of
    // lines: the sum with the previous line then never overflows.
    std::int64_t bounded_delta(std::uint64_t z) {
        const std::int64_t d = unzigzag(z);
        if (d > max_position || d < -max_position) {
            r_.refuse();
            return 0;
        }
        return d;
    }
    bool mark(unsigned code, Hint hint, Mark& m) {
        std::int64_t delta = code & 3;
        if (delta == 3) delta = bounded_delta(r_.varint());
        const std::int64_t line = line_ + delta;
        std::int64_t column;
        const unsigned c = (code >> 2) & 3;
        if (c == 3) {
            const std::uint64_t v = r_.varint();
            column =
                v > static_cast<std::uint64_t>(max_position) ? -1 : static_cast<std::int64_t>(v);
        } else {
            column = (delta == 0 ? hint.same_line : hint.next_line) + unzigzag(c);
        }
        if (!r_.ok() || line < 0 || line > max_position || column < 0 || column > max_position) {
            r_.refuse();
            return false;
        }
        line_ = line;
        m.line = static_cast<int>(line);
        m.column = static_cast<int>(column);
        return true;
    }

    Reader& r_;
    const SnapshotTables& tables_;
    std::int64_t line_ = 1;
};

constexpr std::string_view across_magic = "collab-checks\n";
constexpr std::uint32_t across_format = 3;
constexpr std::string_view stamps_magic = "collab-index\n";
constexpr std::uint32_t stamps_format = 2;

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
    body.varint(results.has_record.size());  // then one bit a file, eight to a byte
    for (std::size_t i = 0; i < results.has_record.size(); i += 8) {
        unsigned char bits = 0;
        for (std::size_t b = 0; b < 8 && i + b < results.has_record.size(); ++b)
            bits |= static_cast<unsigned char>(results.has_record[i + b] ? 1u << b : 0u);
        body.u8(bits);
    }
    body.str(results.dated);
    return seal_across(body.out, version);
}

std::string seal_across(std::string_view payload, std::string_view version) {
    return seal(across_magic, across_format, payload, version);
}

std::string seal_stamps(std::string_view payload, std::string_view version) {
    return seal(stamps_magic, stamps_format, payload, version);
}

// A row: the length of the prefix its file shares with the previous row's file and the rest
// of it, the size, the modification and change times and the inode as zigzag differences
// from the previous row's (files written together have close times and inodes), and the
// 16-byte digest: about 30 bytes a row where the plain layout took 80.
std::string encode_stamps(const std::vector<StampRow>& rows, std::string_view version) {
    Writer body;
    body.varint(rows.size());
    const StampRow* previous = nullptr;
    static const StampRow none;
    for (const StampRow& row : rows) {
        const StampRow& p = previous ? *previous : none;
        std::size_t shared = 0;
        while (shared < row.file.size() && shared < p.file.size() &&
               row.file[shared] == p.file[shared])
            ++shared;
        body.varint(shared);
        body.str(std::string_view(row.file).substr(shared));
        body.varint(row.stamp.size);
        // Unsigned wrap-around keeps the differences exact for any values.
        body.varint(
            zigzag(static_cast<std::int64_t>(static_cast<std::uint64_t>(row.stamp.mtime_ns) -
                                             static_cast<std::uint64_t>(p.stamp.mtime_ns))));
        body.varint(
            zigzag(static_cast<std::int64_t>(static_cast<std::uint64_t>(row.stamp.ctime_ns) -
                                             static_cast<std::uint64_t>(p.stamp.ctime_ns))));
        body.varint(zigzag(static_cast<std::int64_t>(row.stamp.inode - p.stamp.inode)));
        body.digest(row.digest);
        previous = &row;
    }
    return seal_stamps(body.out, version);
}

std::optional<std::vector<StampRow>> decode_stamps(std::string_view bytes,
                                                   std::string_view version) {
    const auto payload = unseal(bytes, stamps_magic, stamps_format, version);
    if (!payload) return std::nullopt;
    Reader r(*payload);
    const std::uint64_t count = r.varint();
    // A row takes at least 22 bytes: a count larger than the bytes allow is a lie.
    if (!r.ok() || count > payload->size() / 22) return std::nullopt;
    std::vector<StampRow> rows(count);
    const StampRow none;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const StampRow& p = i > 0 ? rows[i - 1] : none;
        StampRow& row = rows[i];
        const std::uint64_t shared = r.varint();
        if (!r.ok() || shared > p.file.size()) return std::nullopt;
        row.file.assign(p.file, 0, shared);
        row.file += r.view(r.varint());
        row.stamp.size = r.varint();
        row.stamp.mtime_ns =
            static_cast<std::int64_t>(static_cast<std::uint64_t>(p.stamp.mtime_ns) +
                                      static_cast<std::uint64_t>(unzigzag(r.varint())));
        row.stamp.ctime_ns =
            static_cast<std::int64_t>(static_cast<std::uint64_t>(p.stamp.ctime_ns) +
                                      static_cast<std::uint64_t>(unzigzag(r.varint())));
        row.stamp.inode = p.stamp.inode + static_cast<std::uint64_t>(unzigzag(r.varint()));
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
    if (!r.ok() || files / 8 > payload.size()) return std::nullopt;
    out.has_record.reserve(files);
    for (std::uint64_t i = 0; i < files; i += 8) {
        const unsigned char bits = r.u8();
        const std::uint64_t used = std::min<std::uint64_t>(8, files - i);
        // Bits past the last file must be 0: nothing in the file goes unread.
        if (!r.ok() || (used < 8 && (bits >> used) != 0)) return std::nullopt;
        for (std::uint64_t b = 0; b < used; ++b) out.has_record.push_back((bits >> b) & 1);
    }
    out.dated = r.str();
    if (!r.ok() || !r.done()) return std::nullopt;
    // The dated facts are a snapshot of their own: one this build cannot read (another
    // snapshot format) makes the whole file unusable, so it is recomputed and saved again
    // rather than kept and never answering.
    if (!read_snapshot(out.dated, dated_version)) return std::nullopt;
    return out;
}

std::string encode_snapshot(const std::vector<const SnapshotEntry*>& entries,
                            std::string_view version, std::string_view context) {
    const Tables tables(entries);
    std::vector<std::string> blobs;
    blobs.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        blobs.push_back(encode_entry(tables, i, entries[i]->loaded));
    }

    Writer table;
    tables.write(table);
    table.varint(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const SnapshotEntry& e = *entries[i];
        const auto parts = file_parts(e.file);
        for (int p = 0; p < 3; ++p) tables.ref(table, parts[p], tables.ids(i)[p]);
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
    SnapshotIndex index;
    index.context = std::move(context);
    // The string table, split into views once: each string takes at least its length byte.
    SnapshotTables& tables = index.tables;
    const std::uint64_t string_count = table.varint();
    if (!table.ok() || string_count > table.left()) return std::nullopt;
    tables.strings.reserve(string_count);
    for (std::uint64_t i = 0; i < string_count && table.ok(); ++i) {
        tables.strings.push_back(table.view(table.varint()));
    }
    // The key table: each context at most once, each key an index into the string table.
    const std::uint64_t predicted = table.varint();
    if (!table.ok() || predicted > key_table_size) return std::nullopt;
    tables.next_key.assign(key_table_size, none);
    for (std::uint64_t i = 0; i < predicted; ++i) {
        const std::uint64_t context = table.varint();
        const std::uint64_t key = table.varint();
        if (!table.ok() || context >= key_table_size || key >= tables.strings.size() ||
            tables.next_key[context] != none)
            return std::nullopt;
        tables.next_key[context] = static_cast<std::uint32_t>(key);
    }
    const std::uint64_t count = table.varint();
    if (!table.ok() || count > table.left()) return std::nullopt;
    index.items.reserve(count);
    std::vector<std::uint64_t> lengths;
    lengths.reserve(count);
    for (std::uint64_t i = 0; i < count && table.ok(); ++i) {
        SnapshotIndex::Item item;
        for (int part = 0; part < 3; ++part) item.file += read_ref(table, tables.strings);
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

std::optional<LoadedFile> decode_entry(const std::string& file, std::string_view blob,
                                       const SnapshotTables& tables) {
    const auto kind = record_file_kind(file);
    if (!kind) return std::nullopt;
    const std::string id = std::filesystem::path(file).stem().string();
    Reader r(blob);
    EntryReader e(r, tables);
    LoadedFile out;
    const unsigned char has_record = r.u8();
    if (has_record > 1) return std::nullopt;
    if (has_record == 1) {
        Record rec;
        rec.kind = *kind;
        rec.id = id;
        rec.file = file;
        e.node(rec.root, {1, 1}, 0, 0);
        if (!r.ok() || !rec.root.is_mapping()) return std::nullopt;
        out.record = std::move(rec);
    }
    if (!e.diagnostics(file, *kind, id, out.diagnostics) ||
        !e.diagnostics(file, *kind, id, out.checks))
        return std::nullopt;
    if (!r.ok() || !r.done()) return std::nullopt;
    return out;
}

}  // namespace collab
