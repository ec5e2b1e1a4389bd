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
    // `home`: collab.yaml's home institution (a partner id), empty when there is none.
    explicit Index(std::span<const Record> records, std::string home = {});

    // The first record of that kind with that id (duplicates are reported elsewhere).
    const Record* find(Kind kind, std::string_view id) const;
    const std::vector<std::string>& ids(Kind kind) const;

    // The `parent` chain above a record of `kind` (partner or agreement), nearest first,
    // stopping before it would repeat (a loop is a `cycle` diagnostic, not a hang).
    std::vector<std::string> ancestors(Kind kind, std::string_view id) const;
    // True when `partner` is `organisation` or belongs to it at any depth.
    bool belongs_to(std::string_view partner, std::string_view organisation) const;

    // The home institution (contract v2, "The home institution"); empty when not set.
    const std::string& home() const { return home_; }
    // True when `partner` is the home institution or belongs to it at any depth.
    bool is_home(std::string_view partner) const;
    // The counterparties of an agreement: its `parties` (in order, once each) that are not
    // home; all of them without a home.
    std::vector<std::string> counterparties(const Record& agreement) const;

  private:
    struct KindIndex {
        std::unordered_map<std::string_view, const Record*> by_id;
        std::vector<std::string> ids;
    };
    std::vector<KindIndex> kinds_;
    std::string home_;
};

}  // namespace collab
