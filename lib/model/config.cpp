#include "model/config.h"

#include <fmt/format.h>

#include "core/suggest.h"
#include "model/schema.h"

#include <algorithm>

namespace collab {

Config parse_config(const Node& root, std::vector<Diagnostic>& out) {
    Config config;
    const auto report = [&](Mark mark, std::string message, std::string field = {}) {
        out.push_back(make_diagnostic("config", mark, std::move(message), std::move(field)));
    };
    static const std::vector<std::string_view> keys = [] {
        std::vector<std::string_view> names;
        for (const auto& f : config_fields()) names.push_back(f.name);
        return names;
    }();
    for (const Entry& e : root.entries) {
        if (is_extension_key(e.key)) continue;
        if (std::find(keys.begin(), keys.end(), e.key) == keys.end()) {
            report(e.key_mark,
                   fmt::format("unknown key '{}' in collab.yaml{}; allowed: name, home, areas, "
                               "expiring and x-...",
                               e.key, did_you_mean(e.key, keys)),
                   e.key);
        }
    }

    const Node* name = root.get("name");
    if (!name || name->is_absent()) {
        report(Mark{}, "collab.yaml has no `name`; add one, e.g. `name: Medical partnerships`",
               "name");
    } else if (!name->is_scalar()) {
        report(name->mark, "`name` must be a single line of text", "name");
    } else {
        config.name = name->text;
    }

    if (const Node* home = root.get("home"); home && !home->is_absent()) {
        if (home->is_scalar() && is_id(home->text)) {
            config.home = home->text;
            config.home_mark = home->mark;
        } else {
            report(home->mark, "`home` must be the id of a partner, e.g. `home: hkust`", "home");
        }
    }

    if (const Node* areas = root.get("areas"); areas && !areas->is_absent()) {
        if (!areas->is_sequence()) {
            report(areas->mark, "`areas` must be a list of slugs, e.g. [research, exchange]",
                   "areas");
        } else {
            config.has_areas = true;
            for (const Node& item : areas->items) {
                if (!item.is_scalar() || !is_id(item.text)) {
                    report(item.mark,
                           "each area must be a slug: lower-case letters, digits and '-'", "areas");
                } else {
                    config.areas.push_back(item.text);
                }
            }
        }
    }

    if (const Node* expiring = root.get("expiring"); expiring && !expiring->is_absent()) {
        std::string why;
        const auto d = expiring->is_scalar() ? parse_duration(expiring->text, &why) : std::nullopt;
        if (d) {
            config.expiring = *d;
        } else {
            report(expiring->mark,
                   why.empty() ? "`expiring` must be a duration such as 180d, 26w, 6m or 1y"
                               : "`expiring` is not a duration: " + why,
                   "expiring");
        }
    }
    return config;
}

}  // namespace collab
