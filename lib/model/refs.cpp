#include "model/refs.h"

namespace collab {

namespace {

void walk(const Node& map, std::span<const FieldSpec> specs, const std::string& prefix,
          const std::function<void(const RefUse&)>& fn) {
    for (const Entry& e : map.entries) {
        const FieldSpec* spec = find_field(specs, e.key);
        if (!spec) continue;
        const std::string path = prefix + e.key;
        const Node& v = e.value;
        switch (spec->shape) {
            case Shape::Scalar:
                if (spec->type == ValueType::Ref && v.is_scalar() && !v.is_absent()) {
                    fn(RefUse{v, *spec, path});
                }
                break;
            case Shape::List:
                if (spec->type != ValueType::Ref || !v.is_sequence()) break;
                for (const Node& item : v.items) {
                    if (item.is_scalar() && !item.is_absent()) fn(RefUse{item, *spec, path});
                }
                break;
            case Shape::Object:
                if (v.is_mapping()) walk(v, spec->fields, path + ".", fn);
                break;
            case Shape::ObjectList:
                if (!v.is_sequence()) break;
                for (const Node& item : v.items) {
                    if (item.is_mapping()) walk(item, spec->fields, path + ".", fn);
                }
                break;
        }
    }
}

}  // namespace

void for_each_ref(const Record& record, const std::function<void(const RefUse&)>& fn) {
    walk(record.root, fields_of(record.kind), "", fn);
}

}  // namespace collab
