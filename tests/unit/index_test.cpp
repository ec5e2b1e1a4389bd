// The partner hierarchy's memoised answers (issue 15) agree with walking the chain, on
// every shape a store can give: chains, trees, loops, self-loops, parents that are no record.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "model/index.h"
#include "record_helpers.h"

using namespace collab;
using namespace collab::testing;

namespace {

// The chain by the definition: follow `parent`, stop before a repeat or the start.
std::vector<std::string> walk(const std::vector<Record>& records, const std::string& id) {
    const auto find = [&](const std::string& x) -> const Record* {
        for (const Record& r : records)
            if (r.id == x) return &r;
        return nullptr;
    };
    std::vector<std::string> chain;
    std::string current = id;
    while (const Record* r = find(current)) {
        const std::string parent(r->root.scalar("parent"));
        if (parent.empty() || parent == id ||
            std::find(chain.begin(), chain.end(), parent) != chain.end())
            break;
        chain.push_back(parent);
        current = parent;
    }
    return chain;
}

}  // namespace

TEST_CASE("ancestors, top_level and belongs_to agree with walking the chain") {
    std::mt19937 random(15);
    for (int round = 0; round < 300; ++round) {
        const int n = 1 + static_cast<int>(random() % 9);
        std::vector<Record> records;
        for (int i = 0; i < n; ++i) {
            std::string yaml = "name: P\ntype: company\ncountry: HK\n";
            const unsigned pick = random() % (n + 2);
            // n: no parent; n + 1: a parent that is no record; else p<pick> (maybe itself).
            if (pick < static_cast<unsigned>(n)) yaml += "parent: p" + std::to_string(pick) + "\n";
            if (pick == static_cast<unsigned>(n) + 1) yaml += "parent: ghost\n";
            records.push_back(record(Kind::Partner, "p" + std::to_string(i), yaml));
        }
        const Index index(records);
        for (int i = 0; i < n; ++i) {
            const std::string id = "p" + std::to_string(i);
            const auto chain = walk(records, id);
            CAPTURE(round);
            CAPTURE(id);
            CHECK(index.ancestors(Kind::Partner, id) == chain);
            CHECK(index.top_level(Kind::Partner, id) == (chain.empty() ? id : chain.back()));
            for (int j = 0; j < n; ++j) {
                const std::string other = "p" + std::to_string(j);
                const bool expected =
                    other == id || std::find(chain.begin(), chain.end(), other) != chain.end();
                CHECK(index.belongs_to(id, other) == expected);
            }
            const bool ghost = std::find(chain.begin(), chain.end(), "ghost") != chain.end();
            CHECK(index.belongs_to(id, "ghost") == ghost);
        }
    }
}

// Walking the chain per question, as before, would not finish: 20,000 x 20,000^2 steps.
TEST_CASE("a chain of 20,000 partners is indexed once and asked about in constant time") {
    std::vector<Record> records;
    const int n = 20000;
    records.reserve(n);
    for (int i = 0; i < n; ++i) {
        std::string yaml = "name: P\n";
        if (i > 0) yaml += "parent: p" + std::to_string(i - 1) + "\n";
        records.push_back(record(Kind::Partner, "p" + std::to_string(i), yaml));
    }
    const Index index(records);
    int below = 0;
    for (int i = 0; i < n; ++i) {
        const std::string id = "p" + std::to_string(i);
        below += index.belongs_to(id, "p10000") ? 1 : 0;
        CHECK(index.top_level(Kind::Partner, id) == "p0");
    }
    CHECK(below == 10000);
}
