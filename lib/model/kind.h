// The five kinds of record and the folders that hold them.
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace collab {

enum class Kind : unsigned char { Partner, Person, Agreement, Project, Event };

inline constexpr std::array<Kind, 5> all_kinds = {Kind::Partner, Kind::Person, Kind::Agreement,
                                                  Kind::Project, Kind::Event};

std::string_view kind_name(Kind kind);          // "partner"
std::string_view kind_folder(Kind kind);        // "partners"
std::string_view kind_with_article(Kind kind);  // "a partner", "an agreement"
// Accepts the singular or the folder name: "agreement", "agreements".
std::optional<Kind> parse_kind(std::string_view word);

}  // namespace collab
