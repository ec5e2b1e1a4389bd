// A loaded store: settings, records and what went wrong while reading them.
#pragma once
#include <vector>

#include "check/diagnostic.h"
#include "model/config.h"
#include "model/record.h"
#include "store/locate.h"

namespace collab {

// Records are small; a file past this is a mistake or hostile. COLLAB_MAX_FILE_SIZE changes it.
inline constexpr std::size_t default_max_file_size = 10 * 1024 * 1024;

struct Store {
    StoreLocation location;
    Config config;
    std::vector<std::string> files;       // record files found (not collab.yaml), sorted
    std::vector<Record> records;          // the files that loaded as a mapping
    std::vector<Diagnostic> diagnostics;  // from reading and parsing: unreadable, YAML, config

    static Store load(const StoreLocation& location,
                      std::size_t max_file_size = default_max_file_size);
};

// Reads collab.yaml alone (its diagnostics have file "collab.yaml").
Config load_config(const std::filesystem::path& root, std::vector<Diagnostic>& out);

// Turns the parsed root of one file into a record, checking its id.
Record make_record(Kind kind, std::string file, Node root, std::vector<Diagnostic>& out);

}  // namespace collab
