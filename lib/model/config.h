// collab.yaml: the store's settings.
#pragma once
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/node.h"
#include "model/values.h"

namespace collab {

struct Config {
    std::string name;
    bool has_areas = false;  // an `areas` vocabulary was declared
    std::vector<std::string> areas;
    Duration expiring{180, 'd'};
    // The home institution (contract v2, "The home institution"): a partner id, empty when
    // not set. Whether it names a partner is checked across records (check/office.cpp).
    std::string home;
    Mark home_mark;
};

// Reads the settings from collab.yaml's root mapping, reporting `config` diagnostics (with
// `file` left empty) for a missing name, unknown keys and bad values.
Config parse_config(const Node& root, std::vector<Diagnostic>& out);

}  // namespace collab
