// unknown-field, missing-field, wrong-type, bad-value, ambiguous-scalar and duplicate-entry:
// everything the field tables alone can decide.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "check/checks.h"
#include "core/suggest.h"
#include "model/schema.h"
#include "model/value_hints.h"
#include "util/utf8.h"

namespace collab {

namespace {

std::string join(const std::vector<std::string_view>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ", ";
        out += w;
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// A slug spelled another way: "Medical Education" -> "medical-education".
std::string slugify(std::string_view s) {
    std::string out;
    for (char c : lower(s)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (ok) {
            out += c;
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

class FieldChecker {
  public:
    FieldChecker(Kind kind, const Config& config, std::vector<Diagnostic>& out)
        : kind_(kind), config_(config), out_(out) {}

    void mapping(const Node& map, std::span<const FieldSpec> specs, const std::string& prefix,
                 Mark missing_at) {
        std::vector<std::string_view> names;
        for (const auto& s : specs) names.push_back(s.name);
        for (const Entry& e : map.entries) {
            if (is_extension_key(e.key)) continue;
            const FieldSpec* spec = find_field(specs, e.key);
            const std::string path = prefix + e.key;
            if (!spec) {
                report("unknown-field", e.key_mark,
                       fmt::format("unknown field '{}' {}{}", shorten(path), where(prefix),
                                   unknown_hint(e.key, names)),
                       path);
                continue;
            }
            value(e.value, *spec, path);
        }
        for (const auto& spec : specs) {
            const Node* v = map.get(spec.name);
            if (spec.required && (!v || v->is_absent())) {
                // The choices, so the fix can be written without opening the docs (issue 13).
                const std::string choices =
                    spec.type == ValueType::Enum && spec.shape == Shape::Scalar
                        ? fmt::format("; one of: {}", join(spec.choices))
                        : std::string();
                report("missing-field", missing_at,
                       fmt::format("missing required field '{}{}' {}{}", prefix, spec.name,
                                   where(prefix), choices),
                       prefix + std::string(spec.name));
            }
        }
    }

  private:
    std::string where(const std::string& prefix) const {
        if (prefix.empty()) return fmt::format("for {}", kind_with_article(kind_));
        return fmt::format("in this '{}' entry", prefix.substr(0, prefix.size() - 1));
    }

    static std::string unknown_hint(std::string_view key,
                                    const std::vector<std::string_view>& names) {
        std::string hint = did_you_mean(key, names);
        if (hint.empty())
            hint =
                fmt::format("; known fields: {}; for your own, start the key with x-", join(names));
        return hint;
    }

    void report(std::string_view code, Mark mark, std::string message, std::string field) {
        out_.push_back(make_diagnostic(code, mark, std::move(message), std::move(field)));
    }

    void value(const Node& v, const FieldSpec& spec, const std::string& path) {
        if (v.is_absent()) return;  // required fields are checked by mapping()
        switch (spec.shape) {
            case Shape::Scalar:
                if (!v.is_scalar()) {
                    report("wrong-type", v.mark,
                           fmt::format("'{}' must be a single {}, not {}", path,
                                       value_type_name(spec.type), v.type_name()),
                           path);
                    return;
                }
                scalar(v, spec, path);
                return;
            case Shape::List:
                if (!v.is_sequence()) {
                    report("wrong-type", v.mark,
                           fmt::format("'{}' must be a list, not {}; write [{}] or one '- {}' line "
                                       "per entry",
                                       path, v.type_name(), v.is_scalar() ? v.text : "...",
                                       v.is_scalar() ? v.text : "..."),
                           path);
                    return;
                }
                list(v, spec, path);
                return;
            case Shape::Object:
                if (!v.is_mapping()) {
                    report("wrong-type", v.mark,
                           fmt::format("'{}' must be a mapping of {}, not {}", path,
                                       field_names(spec), v.type_name()),
                           path);
                    return;
                }
                mapping(v, spec.fields, path + ".", v.mark);
                return;
            case Shape::ObjectList:
                if (!v.is_sequence()) {
                    report("wrong-type", v.mark,
                           fmt::format("'{}' must be a list of entries with {}, not {}", path,
                                       field_names(spec), v.type_name()),
                           path);
                    return;
                }
                for (const Node& item : v.items) {
                    if (!item.is_mapping()) {
                        report("wrong-type", item.mark,
                               fmt::format("each entry of '{}' must be a mapping with {}, not {}",
                                           path, field_names(spec), item.type_name()),
                               path);
                        continue;
                    }
                    mapping(item, spec.fields, path + ".", item.mark);
                }
                return;
        }
    }

    static std::string field_names(const FieldSpec& spec) {
        std::vector<std::string_view> names;
        for (const auto& f : spec.fields) names.push_back(f.name);
        return join(names);
    }

    void list(const Node& v, const FieldSpec& spec, const std::string& path) {
        std::unordered_map<std::string, int> seen;
        for (const Node& item : v.items) {
            if (item.is_absent()) {
                report("bad-value", item.mark, fmt::format("empty entry in '{}'", path), path);
                continue;
            }
            if (!item.is_scalar()) {
                report("wrong-type", item.mark,
                       fmt::format("each entry of '{}' must be a single {}, not {}", path,
                                   value_type_name(spec.type), item.type_name()),
                       path);
                continue;
            }
            scalar(item, spec, path);
            if (spec.type == ValueType::Ref && !seen.emplace(item.text, item.mark.line).second) {
                report("duplicate-entry", item.mark,
                       fmt::format("'{}' is listed twice in '{}'; remove one", item.text, path),
                       path);
            }
        }
    }

    // Checks one scalar against its type.
    void scalar(const Node& v, const FieldSpec& spec, const std::string& path) {
        const std::string& text = v.text;
        const std::string shown = shorten(text);  // for messages
        std::string problem;
        std::string why;
        using enum ValueType;
        switch (spec.type) {
            case String:
            case Text:
            case Id:  // the id is checked against the file name (bad-id)
                break;
            case Ref:
                if (!is_id(text)) {
                    problem = fmt::format(
                        "'{}' is not a valid {} id: ids use lower-case letters, "
                        "digits and '-'",
                        shown, kind_name(spec.target));
                    if (is_id(slugify(text)))
                        problem += fmt::format("; did you mean '{}'?", shorten(slugify(text)));
                }
                break;
            case Slug:
                if (!is_id(text)) {
                    problem = fmt::format(
                        "'{}' is not a slug: use lower-case letters, digits and "
                        "'-', e.g. '{}'",
                        shown, shorten(slugify(text)));
                }
                break;
            case Area:
                if (!is_id(text)) {
                    problem = fmt::format(
                        "'{}' is not a slug: use lower-case letters, digits and "
                        "'-', e.g. '{}'",
                        shown, shorten(slugify(text)));
                } else if (config_.has_areas &&
                           std::find(config_.areas.begin(), config_.areas.end(), text) ==
                               config_.areas.end()) {
                    std::string hint = did_you_mean(text, config_.areas);
                    if (hint.empty()) hint = "; declared: " + join_strings(config_.areas);
                    problem =
                        fmt::format("'{}' is not an area declared in collab.yaml{}", shown, hint);
                }
                break;
            case Date:
                if (!parse_date(text, &why)) {
                    problem = fmt::format("'{}' is not a valid date: {}", shown, why);
                }
                break;
            case Duration:
                if (!parse_duration(text, &why)) {
                    problem = fmt::format("'{}' is not a valid duration: {}", shown, why);
                }
                break;
            case Bool:
                if (text != "true" && text != "false") {
                    problem = fmt::format("'{}' is not a boolean: write true or false", shown);
                    if (is_yaml11_bool(text)) {
                        problem += " (YAML 1.1 and 1.2 readers disagree about yes, no, on and off)";
                    }
                }
                break;
            case Number:
                if (!is_number(text)) {
                    problem = fmt::format(
                        "'{}' is not a number: write digits with an optional "
                        "decimal point, no sign, spaces or separators",
                        shown);
                }
                break;
            case WholeNumber:
                if (!is_whole_number(text)) {
                    problem = fmt::format("'{}' is not a whole number (0, 1, 2 ...)", shown);
                }
                break;
            case Url:
                if (!is_url(text)) {
                    problem = fmt::format(
                        "'{}' is not a url: it must start with http:// or "
                        "https:// followed by a host name",
                        shown);
                }
                break;
            case Country:
                if (!is_country(text)) {
                    problem = fmt::format(
                        "'{}' is not an ISO 3166-1 country code (two upper-case "
                        "letters, e.g. HK, CN, GB)",
                        shown);
                    if (is_country(upper(text)))
                        problem += fmt::format("; did you mean '{}'?", upper(text));
                    else if (const auto code = country_code_for_name(text))
                        problem += fmt::format("; did you mean '{}'?", *code);
                }
                break;
            case Currency:
                if (!is_currency(text)) {
                    problem = fmt::format(
                        "'{}' is not an ISO 4217 currency code (three upper-case "
                        "letters, e.g. HKD, CNY, USD)",
                        shown);
                    if (is_currency(upper(text)))
                        problem += fmt::format("; did you mean '{}'?", upper(text));
                    else if (const auto code = currency_code_for_name(text))
                        problem += fmt::format("; did you mean '{}'?", *code);
                }
                break;
            case Email:
                if (!is_email(text)) {
                    problem = fmt::format("'{}' is not an email address (name@domain)", shown);
                }
                break;
            case Ror:
                if (!is_ror(text)) {
                    problem = fmt::format(
                        "'{}' is not a ROR id: '0', six characters of 0-9 and "
                        "a-z (no i, l, o, u) and two digits, e.g. 0abcd1234",
                        shown);
                }
                break;
            case Enum:
                if (std::find(spec.choices.begin(), spec.choices.end(), text) ==
                    spec.choices.end()) {
                    problem =
                        fmt::format("'{}' is not a valid {}: expected one of {}{}", shown, path,
                                    join(spec.choices), did_you_mean(lower(text), spec.choices));
                    if (std::find(spec.choices.begin(), spec.choices.end(), lower(text)) !=
                        spec.choices.end()) {
                        problem = fmt::format("'{}' is not a valid {}; did you mean '{}'?", shown,
                                              path, lower(text));
                    }
                }
                break;
        }
        if (!problem.empty()) {
            report("bad-value", v.mark, std::move(problem), path);
            return;
        }
        if (spec.type != ValueType::Bool && v.plain && is_yaml11_bool(text)) {
            report("ambiguous-scalar", v.mark,
                   fmt::format("unquoted {} is read as a boolean by YAML 1.1 tools; quote it: "
                               "\"{}\"",
                               shown, shown),
                   path);
        }
    }

    static std::string join_strings(const std::vector<std::string>& words) {
        std::string out;
        for (const auto& w : words) {
            if (!out.empty()) out += ", ";
            out += w;
        }
        return out;
    }

    Kind kind_;
    const Config& config_;
    std::vector<Diagnostic>& out_;
};

}  // namespace

namespace {

// The other kind whose field table knows every top-level key of `record` (and its required
// fields, most of them), when the record's own kind does not: a partner saved in agreements/.
// Keys common to every kind (id, tags, notes, sources) and x- keys decide nothing.
std::optional<Kind> kind_it_looks_like(const Record& record) {
    const auto own = fields_of(record.kind);
    if (std::all_of(record.root.entries.begin(), record.root.entries.end(), [&](const Entry& e) {
            return is_extension_key(e.key) || find_field(own, e.key);
        }))
        return std::nullopt;
    std::optional<Kind> best;
    std::size_t best_required = 0;
    for (Kind k : all_kinds) {
        if (k == record.kind) continue;
        const auto specs = fields_of(k);
        bool all_known = true;
        for (const Entry& e : record.root.entries) {
            if (!is_extension_key(e.key) && !find_field(specs, e.key)) all_known = false;
        }
        if (!all_known) continue;
        std::size_t required = 0;
        for (const auto& s : specs) {
            if (s.required && record.root.get(s.name)) ++required;
        }
        if (required > best_required) best = k, best_required = required;
    }
    return best;
}

}  // namespace

void check_fields(const Record& record, const Config& config, std::vector<Diagnostic>& out) {
    const std::size_t first = out.size();
    FieldChecker(record.kind, config, out).mapping(record.root, fields_of(record.kind), "", Mark{});
    for (std::size_t i = first; i < out.size(); ++i) {
        if (out[i].code != "unknown-field") continue;
        if (const auto other = kind_it_looks_like(record)) {
            // Instead of the list of the wrong kind's fields, which cannot help here.
            out[i].message = fmt::format(
                "unknown field '{}' for {}; this looks like {}: {} records belong in {}/",
                shorten(out[i].field), kind_with_article(record.kind), kind_with_article(*other),
                kind_name(*other), kind_folder(*other));
        }
        break;
    }
}

}  // namespace collab
