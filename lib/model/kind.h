// The five kinds of record and the folders that hold them: the kind table. Together with the
// field tables of schema.h it is the one description of the format (contract: "The store" and
// one section per kind); everything that used to decide by a kind's or a status's name reads it.
#pragma once
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace collab {

enum class Kind : unsigned char { Partner, Person, Agreement, Project, Event };

inline constexpr std::array<Kind, 5> all_kinds = {Kind::Partner, Kind::Person, Kind::Agreement,
                                                  Kind::Project, Kind::Event};

// What a status says about a record's life. InForce is what terms, `status-stale` and the
// summary's "lapsed" count as running: for agreements both `signed` and `active` (the contract
// lets an agreement bind from signature), for projects `active` (milestone-overdue).
enum class StatusMeaning : unsigned char { Draft, InForce, Paused, Ended };

struct StatusInfo {
    std::string_view name;
    StatusMeaning meaning;
    // Where reports list records of this status (summary's counts, partner's agreements):
    // 0 first, most current first; the contract's order is the table's own.
    unsigned char report_rank;
};

// A value a field takes when the record leaves it out: from another field (`from`) or a
// constant (`value`). Dotted paths reach into lists of objects (`milestones.done`).
struct FieldDefault {
    std::string_view field;
    std::string_view from;
    std::string_view value;
};

// One row of the kind table.
struct KindInfo {
    Kind kind;
    std::string_view name;          // singular: "partner"
    std::string_view folder;        // plural, and the store's folder: "people"
    std::string_view article;       // "a" or "an", for messages and JSON Schema descriptions
    std::string_view label_field;   // the field that names a record for people
    std::string_view list_columns;  // `list`'s columns when --columns is not given
    // Statuses in the order the contract lists them (also the enum's choices); empty: no status.
    std::span<const StatusInfo> statuses;
    std::span<const FieldDefault> defaults;
    std::string_view readme;  // the README.md `collab init` puts in its folder
};

// The row of `kind`; never fails.
const KindInfo& kind_info(Kind kind);

std::string_view kind_name(Kind kind);          // "partner"
std::string_view kind_folder(Kind kind);        // "partners"
std::string_view kind_with_article(Kind kind);  // "a partner", "an agreement"
// "partners, people, agreements, projects and events" (`last_joiner` "and" or "or").
std::string kind_folder_list(std::string_view last_joiner);
// Accepts the singular or the folder name: "agreement", "agreements".
std::optional<Kind> parse_kind(std::string_view word);
// Where reports list a status of `kind` (StatusInfo::report_rank); a status the table lacks
// (bad data) comes after all of them.
int status_rank(Kind kind, std::string_view status);

// The meaning of `status` for `kind`; nullopt for a status the kind does not have.
std::optional<StatusMeaning> status_meaning(Kind kind, std::string_view status);
// The default of `field` (a dotted path) in records of `kind`; nullptr when it has none.
const FieldDefault* field_default(Kind kind, std::string_view field);

// A set of kinds: those whose records a command reads (store/store.h, LoadOptions::decode),
// or those a field path or filter reaches (query/field_path.h). Default: empty.
class KindSet {
  public:
    static constexpr KindSet all() {
        KindSet s;
        for (Kind k : all_kinds) s.add(k);
        return s;
    }
    constexpr void add(Kind k) { bits_ |= bit(k); }
    constexpr void add(KindSet other) { bits_ |= other.bits_; }
    constexpr bool has(Kind k) const { return (bits_ & bit(k)) != 0; }
    constexpr bool is_all() const { return bits_ == all().bits_; }
    friend constexpr bool operator==(KindSet, KindSet) = default;

  private:
    static constexpr unsigned bit(Kind k) { return 1u << static_cast<unsigned>(k); }
    unsigned bits_ = 0;
};

}  // namespace collab
