#include "model/index.h"

#include <algorithm>

namespace collab {

Index::Index(std::span<const Record> records, std::string home)
    : kinds_(all_kinds.size()), home_(std::move(home)) {
    for (const Record& r : records) {
        KindIndex& k = kinds_[static_cast<std::size_t>(r.kind)];
        if (k.by_id.emplace(r.id, &r).second) k.ids.push_back(r.id);
    }
    for (auto& k : kinds_) std::sort(k.ids.begin(), k.ids.end());
}

const Record* Index::find(Kind kind, std::string_view id) const {
    const auto& map = kinds_[static_cast<std::size_t>(kind)].by_id;
    const auto it = map.find(id);
    return it == map.end() ? nullptr : it->second;
}

const std::vector<std::string>& Index::ids(Kind kind) const {
    return kinds_[static_cast<std::size_t>(kind)].ids;
}

std::vector<std::string> Index::ancestors(Kind kind, std::string_view id) const {
    std::vector<std::string> chain;
    std::string current(id);
    while (const Record* r = find(kind, current)) {
        const std::string_view parent = r->root.scalar("parent");
        if (parent.empty() || parent == id ||
            std::find(chain.begin(), chain.end(), parent) != chain.end()) {
            break;
        }
        chain.emplace_back(parent);
        current = std::string(parent);
    }
    return chain;
}

bool Index::belongs_to(std::string_view partner, std::string_view organisation) const {
    if (partner == organisation) return true;
    const auto chain = ancestors(Kind::Partner, partner);
    return std::find(chain.begin(), chain.end(), organisation) != chain.end();
}

bool Index::is_home(std::string_view partner) const {
    return !home_.empty() && belongs_to(partner, home_);
}

std::vector<std::string> Index::counterparties(const Record& agreement) const {
    std::vector<std::string> out;
    for (const auto& p : agreement.root.values("parties")) {
        if (is_home(p) || std::find(out.begin(), out.end(), p) != out.end()) continue;
        out.push_back(p);
    }
    return out;
}

}  // namespace collab
