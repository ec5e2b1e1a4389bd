// A record as loaded: its kind, id, file and the parsed fields with their positions.
#pragma once
#include <string>

#include "model/kind.h"
#include "model/node.h"

namespace collab {

struct Record {
    Kind kind = Kind::Partner;
    std::string id;    // the file name without its extension
    std::string file;  // relative to the store root, '/' separators
    Node root;         // the record's mapping
};

}  // namespace collab
