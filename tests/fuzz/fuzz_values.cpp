// Fuzz target: the value parsers and text helpers, and a round trip: any text `new` and
// `set` write as a YAML scalar must read back as exactly the same text.
#include <cstdint>
#include <string>

#include "core/suggest.h"
#include "edit/emit.h"
#include "model/values.h"
#include "util/utf8.h"
#include "yaml/parse_yaml.h"

using namespace collab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::string why;
    if (const auto d = parse_date(text, &why)) {
        const Date first = d->first_day(), last = d->last_day();
        if (last < first || Date::from_days(first.days_since_epoch()) != first) __builtin_trap();
    }
    if (const auto dur = parse_duration(text, &why)) {
        (void)add(Date{2024, 2, 29}, *dur, 1);
        (void)add(Date{2024, 2, 29}, *dur, -1);
        (void)approximate_days(*dur);
    }
    (void)is_id(text), (void)is_url(text), (void)is_email(text), (void)is_ror(text);
    (void)is_number(text), (void)is_country(text), (void)is_currency(text),
        (void)is_yaml11_bool(text);
    (void)display_width(text), (void)truncate_to_width(text, 7), (void)shorten(text, 5);
    (void)printable(text), (void)printable(text, "<br>");
    if (text.size() < 64) (void)edit_distance(text, "signatories.partner");

    // The round trip holds for any valid UTF-8 text without NUL.
    if (!first_invalid_utf8(text) && text.find('\0') == std::string::npos) {
        const std::vector<std::string> lines = emit_field(
            "k",
            [&] {
                Node n;
                n.type = Node::Type::Scalar;
                n.text = text;
                return n;
            }(),
            nullptr);
        std::string yaml;
        for (const auto& l : lines) yaml += l + "\n";
        const ParsedYaml back = parse_yaml(yaml);
        const Node* v = back.root ? back.root->get("k") : nullptr;
        // Texts that are empty or only blanks read back as absent; everything else exactly.
        const bool blank = text.find_first_not_of(" \t\n") == std::string::npos;
        if (!blank && (!v || !v->is_scalar() || v->text != text)) __builtin_trap();
    }
    return 0;
}
