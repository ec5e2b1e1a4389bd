#include "output/yaml_writer.h"

#include "escape/escape.h"

namespace collab {

namespace {

// Strings through the one YAML escaper (escape/escape.h): plain only when no YAML 1.1 or
// 1.2 reader could take it for anything but this string, else double-quoted.
std::string scalar(const nlohmann::ordered_json& v) {
    if (v.is_string()) return yaml_scalar(v.get_ref<const std::string&>());
    if (v.is_null()) return "null";
    return v.dump();
}

bool is_empty_container(const nlohmann::ordered_json& v) {
    return (v.is_array() || v.is_object()) && v.empty();
}

void write(const nlohmann::ordered_json& v, int indent, std::string& out);

void write_object_body(const nlohmann::ordered_json& v, int indent, std::string& out,
                       bool first_inline) {
    bool first = true;
    for (const auto& [key, value] : v.items()) {
        if (!(first && first_inline)) out += std::string(indent, ' ');
        first = false;
        out += scalar(nlohmann::ordered_json(key)) + ":";
        if ((value.is_array() || value.is_object()) && !value.empty()) {
            out += "\n";
            write(value, indent + 2, out);
        } else {
            out += " " +
                   (is_empty_container(value) ? std::string(value.is_array() ? "[]" : "{}")
                                              : scalar(value)) +
                   "\n";
        }
    }
}

void write(const nlohmann::ordered_json& v, int indent, std::string& out) {
    if (v.is_array()) {
        for (const auto& item : v) {
            out += std::string(indent, ' ') + "-";
            if (item.is_object() && !item.empty()) {
                out += " ";
                write_object_body(item, indent + 2, out, true);
            } else if (item.is_array() && !item.empty()) {
                out += "\n";
                write(item, indent + 2, out);
            } else {
                out += " " +
                       (is_empty_container(item) ? std::string(item.is_array() ? "[]" : "{}")
                                                 : scalar(item)) +
                       "\n";
            }
        }
    } else if (v.is_object()) {
        write_object_body(v, indent, out, false);
    } else {
        out += std::string(indent, ' ') + scalar(v) + "\n";
    }
}

}  // namespace

std::string to_yaml(const nlohmann::ordered_json& value) {
    if (is_empty_container(value)) return value.is_array() ? "[]\n" : "{}\n";
    std::string out;
    write(value, 0, out);
    return out;
}

}  // namespace collab
