// Look-ups over the loaded records: by kind and id, and the partner hierarchy.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/record.h"

namespace collab {

class Index {
  public:
    explicit Index(std::span<const Record> records);

    // The first record of that kind with that id (duplicates are reported elsewhere).
    const Record* find(Kind kind, std::string_view id) const;
    const std::vector<std::string>& ids(Kind kind) const;

    // The `parent` chain above a record of `kind` (partner or agreement), nearest first,
    // stopping before it would repeat (a loop is a `cycle` diagnostic, not a hang).
    std::vector<std::string> ancestors(Kind kind, std::string_view id) const;
    // True when `partner` is `organisation` or belongs to it at any depth.
    bool belongs_to(std::string_view partner, std::string_view organisation) const;

  private:
    struct KindIndex {
        std::unordered_map<std::string_view, const Record*> by_id;
        std::vector<std::string> ids;
    };
    std::vector<KindIndex> kinds_;
};

}  // namespace collab
