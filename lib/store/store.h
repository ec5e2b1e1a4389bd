// A loaded store: settings, records and what went wrong while reading them.
#pragma once
#include <vector>

#include "check/diagnostic.h"
#include "model/config.h"
#include "model/record.h"
#include "store/locate.h"

namespace collab {

struct Store {
    StoreLocation location;
    Config config;
    std::vector<std::string> files;       // record files found (not collab.yaml), sorted
    std::vector<Record> records;          // the files that loaded as a mapping
    std::vector<Diagnostic> diagnostics;  // from reading and parsing: unreadable, YAML, config

    static Store load(const StoreLocation& location);
};

// Turns the parsed root of one file into a record, checking its id.
Record make_record(Kind kind, std::string file, Node root, std::vector<Diagnostic>& out);

}  // namespace collab
