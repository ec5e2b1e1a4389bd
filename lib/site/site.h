// `collab site`: a static website of the store, as data. Every page is a pure function of the
// records, the index and today, returning a string; lib/site/publish.cpp writes them (the only
// file of this layer that touches the disk).
#pragma once
#include <span>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/config.h"
#include "model/index.h"

namespace collab {

// One file of the site: its path relative to the site's root ('/' separators, only
// [a-z0-9._/-] and never "..": see site_file_name) and its bytes.
struct SiteFile {
    std::string path;
    std::string content;
    friend bool operator==(const SiteFile&, const SiteFile&) = default;
};

struct SiteInput {
    const Config& config;
    std::span<const Record> records;  // the whole store
    const Index& index;
    Date today;
    std::vector<std::string> filter;  // the FILTER arguments, as for `collab report`
    Tally validation;
};

// Every file of the site, sorted by path: index.html (headline numbers, decisions due, recent
// activity, the register), one page per record (<folder>/<name>.html: every field, every
// reference and back-reference as a link; partners with their hierarchy and dossier), one
// sortable, filterable list per kind (<folder>/index.html), every report of the registry
// that needs no argument (reports/<name>.html), graph.html, search.html (an index written at
// build time, searched by an inline script) and the marker file (site_marker_name). The same
// input gives byte-identical files. Links are relative; no page asks for anything outside the
// site (a Content-Security-Policy of default-src 'none' says so to the browser).
// A filter that no kind accepts is a UsageError, as for reports.
std::vector<SiteFile> build_site(const SiteInput& input);

// The page file name of a record id: the id itself when it is a safe file name on every
// system (lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at
// most 100 bytes), else "_" and a 16-digit hash of the id (ids are restricted by the
// contract, but a record file's name is whatever the disk holds). The id "index" gives
// "_index", so its page does not replace the kind's list page (<folder>/index.html).
std::string site_file_name(std::string_view id);

// The file that marks a folder as a site collab wrote, so `collab site` replaces only those.
inline constexpr std::string_view site_marker_name = ".collab-site";

}  // namespace collab
