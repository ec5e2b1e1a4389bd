// The pages of `collab site` (site.h). Each page is built as a string from the records; the
// layout and the report rendering are those of `collab report --format html`
// (output/report_html.h), so a report reads the same on the site and alone.
#include "site/site.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "escape/escape.h"
#include "model/refs.h"
#include "model/renewal.h"
#include "output/report_html.h"
#include "query/related.h"
#include "query/select.h"
#include "report/graph.h"
#include "report/registry.h"
#include "report/scope.h"
#include "report/terms.h"
#include "util/fnv.h"
#include "util/utf8.h"

namespace collab {

namespace {

// The scripts are collab's own and inline; nothing else may load (no network, no fonts).
constexpr std::string_view csp =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

// Sorting and filtering of the list pages: a click on a column's button sorts by it (again:
// the other way), the filter box hides rows without the typed text. Works from file://.
constexpr std::string_view list_script = R"JS(
(function () {
  var table = document.querySelector("table.sortable");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, i) {
    var button = th.querySelector("button");
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) { return row.cells[i].textContent.trim(); };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === "" || y === "") return (x === "") - (y === "");
        return (ascending ? 1 : -1) * x.localeCompare(y, undefined, { numeric: true });
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var filter = document.getElementById("filter");
  var count = document.getElementById("shown");
  filter.addEventListener("input", function () {
    var q = filter.value.normalize("NFKC").toLowerCase(), shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var hit = row.textContent.normalize("NFKC").toLowerCase().indexOf(q) >= 0;
      row.hidden = !hit;
      shown += hit ? 1 : 0;
    });
    count.textContent = shown;
  });
})();
)JS";

// The search page: the index is JSON in a non-executed <script> element, read with
// JSON.parse; hits are built with textContent, so no record text is ever parsed as HTML.
constexpr std::string_view search_script = R"JS(
(function () {
  var index = JSON.parse(document.getElementById("search-index").textContent);
  var box = document.getElementById("q"), list = document.getElementById("hits");
  var status = document.getElementById("status");
  var norm = function (s) { return s.normalize("NFKC").toLowerCase(); };
  function run() {
    var q = norm(box.value.trim());
    list.textContent = "";
    if (!q) { status.textContent = ""; return; }
    var hits = [];
    index.forEach(function (e) {
      var names = norm(e.names), text = norm(e.text);
      var rank = norm(e.id) === q || names.split("\n").indexOf(q) >= 0 ? 0
               : names.indexOf(q) >= 0 || norm(e.id).indexOf(q) >= 0 ? 1
               : text.indexOf(q) >= 0 ? 2 : -1;
      if (rank >= 0) hits.push([rank, e]);
    });
    hits.sort(function (a, b) { return a[0] - b[0]; });
    hits.forEach(function (h) {
      var li = document.createElement("li"), a = document.createElement("a");
      var kind = document.createElement("span");
      a.href = h[1].url;
      a.textContent = h[1].label;
      kind.className = "kind";
      kind.textContent = " " + h[1].kind + " " + h[1].id;
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    status.textContent = hits.length === 1 ? "1 record found" : hits.length + " records found";
  }
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) box.value = params.get("q");
  box.addEventListener("input", run);
  run();
})();
)JS";

// FNV-1a from a start one digit short of the standard offset basis: the site's names for
// unsafe ids were first made with it, and a published site's links must keep their names.
std::uint64_t fnv1a(std::string_view s) {
    return fnv1a_64(s, 1469598103934665603ULL);
}

struct Site {
    const SiteInput& in;
    const Scope& scope;
    std::set<std::pair<Kind, std::string>> pages;  // the records that have a page
    // Who names each record ("kind\0id" -> indexes into in.records, in store order), built once
    // in one pass over every reference: a record page then hands related() and the dossier only
    // the records near it, so the site costs the references times the hierarchy's depth, not
    // records squared (both scan every record they are given).
    std::unordered_map<std::string, std::vector<std::size_t>> mentions;
    std::set<const Record*> selected;

    static std::string key(Kind k, std::string_view id) {
        return std::string(kind_name(k)) + '\0' + std::string(id);
    }

    bool has_page(Kind k, std::string_view id) const {
        return pages.count({k, std::string(id)}) > 0;
    }
    // From the site's root.
    static std::string record_path(Kind k, std::string_view id) {
        return std::string(kind_folder(k)) + "/" + site_file_name(id) + ".html";
    }
    // A link to the record's page, or its text when the site has no page for it.
    std::string link(const std::string& root, Kind k, std::string_view id,
                     std::string_view text) const {
        if (!has_page(k, id)) return escape_html(text);
        return "<a href=\"" + root + record_path(k, id) + "\">" + escape_html(text) + "</a>";
    }
    std::string label(Kind k, std::string_view id) const {
        const Record* r = in.index.find(k, id);
        return r ? label_of(*r) : std::string(id);
    }
};

// "sub-organisations" -> "Sub-organisations": the field tables' titles, as headings.
std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 32);
    return text;
}

std::string root_of(std::string_view path) {
    std::string root;
    for (char c : path) root += c == '/' ? "../" : "";
    return root;
}

std::string page(const Site& site, std::string_view path, std::string_view title,
                 std::string_view body, std::string_view script = {}) {
    const std::string root = root_of(path);
    const std::string& store = site.in.config.name;
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
        std::string(csp) +
        "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>" +
        escape_html(title) + " · " + escape_html(store) + "</title>\n<style>" +
        page_css(store + " · " + std::string(title) + " · " + site.in.today.str()) +
        "</style>\n</head>\n<body>\n<nav class=\"site\" aria-label=\"site\">\n<a class=\"home\" "
        "href=\"" +
        root + "index.html\">" + escape_html(store) + "</a>\n";
    for (Kind k : all_kinds) {
        const std::string folder(kind_folder(k));
        std::string name = folder;
        name[0] = static_cast<char>(name[0] - 'a' + 'A');
        out += "<a href=\"" + root + folder + "/index.html\">" + name + "</a>\n";
    }
    out += "<a href=\"" + root + "reports/index.html\">Reports</a>\n<a href=\"" + root +
           "graph.html\">Graph</a>\n<form role=\"search\" action=\"" + root +
           "search.html\"><input type=\"search\" name=\"q\" aria-label=\"Search names, titles "
           "and notes\" placeholder=\"Search names, titles, notes\"></form>\n</nav>\n<main>\n";
    out += body;
    out += "</main>\n<footer>Made by collab from the records of " + escape_html(store) +
           "; every date is as of " + site.in.today.str() + ".</footer>\n";
    if (!script.empty()) out += "<script>" + std::string(script) + "</script>\n";
    return out + "</body>\n</html>\n";
}

// ---- record pages -------------------------------------------------------------------------

std::string value_html(const Site& site, const std::string& root, const Node& v,
                       const std::unordered_map<const Node*, Kind>& refs) {
    if (v.is_scalar()) {
        if (auto it = refs.find(&v); it != refs.end()) {
            const std::string label = site.label(it->second, v.text);
            return site.link(root, it->second, v.text,
                             label == v.text ? v.text : label + " (" + v.text + ")");
        }
        if (v.text.rfind("https://", 0) == 0 || v.text.rfind("http://", 0) == 0) {
            // A web address from a record: only http(s), and escaped as an attribute.
            return "<a href=\"" + escape_html(v.text) + "\" rel=\"noopener noreferrer\">" +
                   escape_html(v.text) + "</a>";
        }
        return escape_html(v.text);
    }
    if (v.is_sequence()) {
        std::string out = "<ul>";
        for (const Node& item : v.items)
            out += "<li>" + value_html(site, root, item, refs) + "</li>";
        return out + "</ul>";
    }
    if (v.is_mapping()) {
        std::string out = "<dl class=\"facts\">";
        for (const Entry& e : v.entries) {
            out += "<dt>" + escape_html(e.key) + "</dt><dd>" +
                   value_html(site, root, e.value, refs) + "</dd>";
        }
        return out + "</dl>";
    }
    return "";
}

// The record, the records that name it, and for a partner (or agreement) with units below it
// the same for each of those: everything related() and the dossier look at for it, in store
// order.
std::vector<std::size_t> neighbourhood(const Site& site, const Record& rec) {
    std::vector<std::size_t> out = {static_cast<std::size_t>(&rec - site.in.records.data())};
    std::vector<std::string> todo = {rec.id};
    std::set<std::string> seen = {rec.id};
    while (!todo.empty()) {
        const std::string id = std::move(todo.back());
        todo.pop_back();
        const auto it = site.mentions.find(Site::key(rec.kind, id));
        if (it == site.mentions.end()) continue;
        for (std::size_t i : it->second) {
            out.push_back(i);
            const Record& r = site.in.records[i];
            if (r.kind == rec.kind && r.root.scalar("parent") == id && seen.insert(r.id).second)
                todo.push_back(r.id);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string record_page(const Site& site, const Record& rec) {
    const std::string path = Site::record_path(rec.kind, rec.id);
    const std::string root = root_of(path);
    std::unordered_map<const Node*, Kind> refs;
    for_each_ref(rec, [&](const RefUse& use) { refs.emplace(&use.value, use.spec.target); });

    const std::string title = label_of(rec);
    std::string body = "<header>\n<h1>" + escape_html(title) + "</h1>\n<p class=\"meta\">" +
                       std::string(kind_name(rec.kind)) + " <code>" + escape_html(rec.id) +
                       "</code>";
    if (const auto status = rec.root.scalar("status"); !status.empty())
        body += " · " + escape_html(status);
    body += "</p>\n";
    if (rec.kind == Kind::Partner) {
        // The hierarchy: the organisations it belongs to, top first.
        const auto above = site.in.index.ancestors(Kind::Partner, rec.id);
        if (!above.empty()) {
            body += "<p class=\"meta\">Part of ";
            for (auto it = above.rbegin(); it != above.rend(); ++it) {
                body += site.link(root, Kind::Partner, *it, site.label(Kind::Partner, *it));
                body += std::next(it) == above.rend() ? "" : " › ";
            }
            body += "</p>\n";
        }
    }
    body += "</header>\n<section id=\"fields\">\n<h2>Fields</h2>\n<dl class=\"facts\">\n";
    for (const Entry& e : rec.root.entries) {
        // native_name -> "native name": the field's name, read aloud.
        std::string key = e.key;
        std::replace(key.begin(), key.end(), '_', ' ');
        body += "<dt>" + escape_html(key) + "</dt><dd>" + value_html(site, root, e.value, refs) +
                "</dd>\n";
    }
    body += "</dl>\n</section>\n";
    const auto near_ids = neighbourhood(site, rec);
    std::vector<Record> near;
    near.reserve(near_ids.size());
    for (std::size_t i : near_ids) near.push_back(site.in.records[i]);
    const Record& me = near[static_cast<std::size_t>(
        std::find(near_ids.begin(), near_ids.end(),
                  static_cast<std::size_t>(&rec - site.in.records.data())) -
        near_ids.begin())];
    for (const RelatedSection& s : related(me, near, site.in.index)) {
        if (s.items.empty()) continue;
        body += "<section id=\"rel-" + escape_html(s.key) + "\">\n<h2>" +
                escape_html(capitalised(s.title)) + "</h2>\n<ul>\n";
        for (const RelatedItem& item : s.items) {
            body += "<li>" + site.link(root, item.kind, item.id, item.label) +
                    " <span class=\"kind\">" + std::string(kind_name(item.kind)) + " " +
                    escape_html(item.id) +
                    (item.detail.empty() ? "" : " · " + escape_html(item.detail)) +
                    "</span></li>\n";
        }
        body += "</ul>\n</section>\n";
    }
    if (rec.kind == Kind::Partner) {
        if (const ReportInfo* dossier = find_report("partner")) {
            ReportArguments args;
            args.partner = &rec;
            std::vector<const Record*> chosen;
            for (std::size_t i : near_ids) {
                if (site.selected.count(&site.in.records[i])) chosen.push_back(&site.in.records[i]);
            }
            const Scope near_scope{site.scope.config,    near,
                                   site.scope.index,     site.scope.today,
                                   std::move(chosen),    site.scope.filter,
                                   site.scope.validation};
            Report r = dossier->build(near_scope, args);
            // The dossier's lists are the sections above, as links; what it adds is the terms
            // of its agreements and projects on one chart, and whether it is dormant.
            std::vector<ReportSection> kept;
            for (ReportSection& s : r.sections) {
                if (s.key == "activity") kept.push_back(std::move(s));
                if (s.key == "agreements" && s.gantt) {
                    ReportSection terms{"terms", "Terms", {}, {}, {}, {}, {}};
                    terms.gantt = std::move(s.gantt);
                    kept.insert(kept.begin(), std::move(terms));
                }
            }
            r.sections = std::move(kept);
            body += "<div id=\"dossier\">\n" + report_sections_html(r) + "</div>\n";
        }
    }
    return page(site, path, title, body);
}

// ---- lists ---------------------------------------------------------------------------------

std::string list_page(const Site& site, Kind k, const std::vector<const Record*>& records) {
    const std::string folder(kind_folder(k));
    const std::string path = folder + "/index.html";
    const std::string root = root_of(path);
    const QueryContext context{&site.in.index, site.in.today};
    const auto columns = parse_field_list(k, default_columns(k), "--columns", &context);
    std::string title = folder;
    title[0] = static_cast<char>(title[0] - 'a' + 'A');
    std::string body = "<h1>" + title +
                       "</h1>\n<p class=\"filter\"><label for=\"filter\">Show "
                       "only rows containing</label> <input type=\"search\" id=\"filter\"> "
                       "<span class=\"meta\"><span id=\"shown\">" +
                       std::to_string(records.size()) + "</span> of " +
                       std::to_string(records.size()) + "</span></p>\n";
    if (records.empty()) return page(site, path, title, body + "<p class=\"none\">none</p>\n");
    body += "<table class=\"sortable\">\n<thead><tr>";
    for (const FieldPath& c : columns) {
        body +=
            "<th scope=\"col\"><button type=\"button\">" + escape_html(c.text) + "</button></th>";
    }
    body += "</tr></thead>\n<tbody>\n";
    for (const Record* rec : records) {
        body += "<tr>";
        bool first = true;
        for (const FieldPath& c : columns) {
            const std::string text = cell_text(*rec, c);
            const bool one_word = text.find(' ') == std::string::npos && text.size() <= 40;
            body += one_word ? "<td class=\"nw\">" : "<td>";
            body += first ? site.link(root, k, rec->id, text) : cell_text_html(text);
            body += "</td>";
            first = false;
        }
        body += "</tr>\n";
    }
    body += "</tbody>\n</table>\n";
    return page(site, path, title, body, list_script);
}

// ---- reports, graph, search ----------------------------------------------------------------

std::vector<const ReportInfo*> site_reports() {
    std::vector<const ReportInfo*> out;
    for (const ReportInfo& r : all_reports()) {
        if (!r.needs_partner) out.push_back(&r);  // the partner report is each partner's dossier
    }
    return out;
}

std::string report_page(const Site& site, const ReportInfo& info) {
    const std::string path = "reports/" + std::string(info.name) + ".html";
    const Report r = info.build(site.scope, ReportArguments{});
    const std::string body = "<header>\n<h1>" + escape_html(r.title) + "</h1>\n" +
                             report_meta_html(r) + "</header>\n" + report_sections_html(r);
    return page(site, path, r.title, body);
}

std::string reports_index(const Site& site) {
    std::string body = "<h1>Reports</h1>\n<ul>\n";
    for (const ReportInfo* info : site_reports()) {
        const Report r = info->build(site.scope, ReportArguments{});
        body += "<li><a href=\"" + std::string(info->name) + ".html\">" + escape_html(r.title) +
                "</a></li>\n";
    }
    body +=
        "<li><a href=\"../graph.html\">Partner graph</a></li>\n</ul>\n<p class=\"meta\">Each "
        "partner's dossier is on its page.</p>\n";
    return page(site, "reports/index.html", "Reports", body);
}

// The partners on a circle (grouped: sorted by group, then id), `parent` links dashed,
// agreements as lines between their parties (three or more: to their centre). Deterministic.
std::string graph_page(const Site& site) {
    const Graph g = build_graph(site.scope);
    std::string body =
        "<h1>Partner graph</h1>\n<p class=\"meta\">Partners and the agreements "
        "between them; dashed lines join a unit to the organisation it belongs "
        "to.</p>\n";
    const std::size_t n = g.nodes.size();
    if (n == 0)
        return page(site, "graph.html", "Partner graph", body + "<p class=\"none\">none</p>\n");
    const double radius = std::max(180.0, static_cast<double>(n) * 16.0);
    const double cx = radius + 250, cy = radius + 40;
    const double pi = std::acos(-1.0);
    std::map<std::string, std::pair<double, double>> at;
    for (std::size_t i = 0; i < n; ++i) {
        const double a = 2 * pi * static_cast<double>(i) / static_cast<double>(n) - pi / 2;
        at[g.nodes[i].id] = {cx + radius * std::cos(a), cy + radius * std::sin(a)};
    }
    const int w = static_cast<int>(2 * cx), h = static_cast<int>(2 * cy);
    body += fmt::format(
        "<svg class=\"chart graph\" role=\"group\" aria-label=\"Partner graph\" viewBox=\"0 0 {} "
        "{}\" width=\"{}\" height=\"{}\"><title>Partner graph</title>\n",
        w, h, w, h);
    for (const auto& [child, parent] : g.parent_links) {
        if (!at.count(child) || !at.count(parent)) continue;
        body += fmt::format(
            "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#8c959f\" "
            "stroke-dasharray=\"4 3\"/>\n",
            at[child].first, at[child].second, at[parent].first, at[parent].second);
    }
    for (const GraphAgreement& a : g.agreements) {
        std::vector<std::pair<double, double>> ends;
        for (const auto& p : a.parties)
            if (at.count(p)) ends.push_back(at[p]);
        if (ends.size() < 2) continue;
        double mx = 0, my = 0;
        for (const auto& e : ends) mx += e.first, my += e.second;
        mx /= static_cast<double>(ends.size());
        my /= static_cast<double>(ends.size());
        body += "<g><title>" + escape_html(a.label) + " (" + escape_html(a.id) + ")</title>";
        if (ends.size() == 2) {
            body += fmt::format(
                "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#0969da\" "
                "stroke-opacity=\"0.55\" stroke-width=\"2\"/>",
                ends[0].first, ends[0].second, ends[1].first, ends[1].second);
        } else {
            for (const auto& e : ends) {
                body += fmt::format(
                    "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                    "stroke=\"#1a7f37\" stroke-opacity=\"0.55\" stroke-width=\"2\"/>",
                    e.first, e.second, mx, my);
            }
            body += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"#1a7f37\"/>",
                                mx, my);
        }
        body += "</g>\n";
    }
    for (const GraphNode& node : g.nodes) {
        const auto [x, y] = at[node.id];
        const bool right = x >= cx;
        const std::string text = escape_html(truncate_to_width(node.label, 36));
        std::string label = fmt::format(
            "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6\" fill=\"#1f2328\"/><text x=\"{:.1f}\" "
            "y=\"{:.1f}\" text-anchor=\"{}\">{}</text>",
            x, y, right ? x + 10 : x - 10, y + 4, right ? "start" : "end", text);
        if (site.has_page(Kind::Partner, node.id)) {
            label =
                "<a href=\"" + Site::record_path(Kind::Partner, node.id) + "\">" + label + "</a>";
        }
        body += label + "\n";
    }
    body += "</svg>\n<h2>Agreements</h2>\n<ul>\n";
    for (const GraphAgreement& a : g.agreements) {
        body += "<li>" + site.link("", Kind::Agreement, a.id, a.label) + ": ";
        for (std::size_t i = 0; i < a.parties.size(); ++i) {
            body += (i ? ", " : "") + site.link("", Kind::Partner, a.parties[i],
                                                site.label(Kind::Partner, a.parties[i]));
        }
        body += "</li>\n";
    }
    body += "</ul>\n";
    return page(site, "graph.html", "Partner graph", body);
}

std::string search_page(const Site& site, const std::vector<const Record*>& records) {
    nlohmann::json index = nlohmann::json::array();
    for (const Record* rec : records) {
        // Names: every way a reader may know it (name, short, native name, aliases), one a line.
        std::string names = label_of(*rec);
        for (std::string_view f : {"short", "native_name", "aliases", "name", "title"}) {
            for (const auto& v : rec->root.values(f)) names += "\n" + v;
        }
        index.push_back({{"kind", std::string(kind_name(rec->kind))},
                         {"id", rec->id},
                         {"label", label_of(*rec)},
                         {"names", names},
                         {"text", std::string(rec->root.scalar("notes"))},
                         {"url", Site::record_path(rec->kind, rec->id)}});
    }
    // dump(-1, ' ', false, replace): invalid UTF-8 from a record cannot throw.
    const std::string json = index.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string body =
        "<h1>Search</h1>\n<p><label for=\"q\">Names (also in their own script, short names and "
        "other names), titles and notes</label></p>\n<p><input type=\"search\" id=\"q\" "
        "autofocus></p>\n<p class=\"meta\" id=\"status\" role=\"status\"></p>\n<ul class=\"hits\" "
        "id=\"hits\"></ul>\n<script type=\"application/json\" id=\"search-index\">" +
        script_json(json) + "</script>\n";
    return page(site, "search.html", "Search", body, search_script);
}

// ---- home ----------------------------------------------------------------------------------

// The register on the home page: the registry's "register" report when there is one (issue
// 18), else the agreements with the register's columns. One function to swap.
std::string register_html(const Site& site) {
    if (const ReportInfo* reg = find_report("register")) {
        const Report r = reg->build(site.scope, ReportArguments{});
        return report_sections_html(r);  // its sections carry their own headings
    }
    std::string out =
        "<section id=\"register\">\n<h2>Register of agreements</h2>\n<table>\n<thead><tr><th "
        "scope=\"col\">agreement</th><th scope=\"col\">with</th><th scope=\"col\">type</th><th "
        "scope=\"col\">status</th><th scope=\"col\">signed</th><th scope=\"col\">term "
        "ends</th></tr></thead>\n<tbody>\n";
    for (const Record* a : site.scope.of(Kind::Agreement)) {
        std::string with;
        for (const auto& p : site.in.index.counterparties(*a))
            with += (with.empty() ? "" : "; ") +
                    site.link("", Kind::Partner, p, site.label(Kind::Partner, p));
        const auto end = term_end(*a, site.in.today);
        out += "<tr><td>" + site.link("", Kind::Agreement, a->id, label_of(*a)) + "</td><td>" +
               with + "</td><td class=\"nw\">" + escape_html(a->root.scalar("type")) +
               "</td><td class=\"nw\">" + escape_html(a->root.scalar("status")) +
               "</td><td class=\"nw\">" + escape_html(a->root.scalar("signed")) +
               "</td><td class=\"nw\">" + (end ? end->str() : std::string()) + "</td></tr>\n";
    }
    return out + "</tbody>\n</table>\n</section>\n";
}

std::string home_page(const Site& site) {
    const ReportInfo* summary = find_report("summary");
    const Report r = summary->build(site.scope, ReportArguments{});
    std::string body =
        "<header>\n<h1>" + escape_html(site.in.config.name) +
        "</h1>\n<p class=\"meta\">Partnerships and agreements as of " + site.in.today.str() +
        (r.filter.empty() ? std::string() : " · only records where " + escape_html(r.filter)) +
        "</p>\n</header>\n";
    for (const ReportSection& s : r.sections) {
        if (s.key != "headline" && s.key != "decisions") continue;
        Report part = r;
        part.sections = {s};
        if (s.key == "decisions") {
            // On the site, the agreement's name links to its page.
            body += "<section id=\"decisions\">\n<h2>" + escape_html(s.title) + "</h2>\n";
            body += "<p class=\"note\">" + escape_html(s.note) + "</p>\n";
            const ReportTable& t = s.tables.front();
            if (t.rows.empty()) {
                body += "<p class=\"none\">none</p>\n";
            } else {
                body +=
                    "<table>\n<thead><tr><th scope=\"col\">notice date</th><th "
                    "scope=\"col\">agreement</th><th scope=\"col\">with</th><th "
                    "scope=\"col\">term ends</th></tr></thead>\n<tbody>\n";
                for (const auto& row : t.rows) {
                    body += "<tr><td class=\"nw\">" + escape_html(row[0].text) + "</td><td>" +
                            site.link("", Kind::Agreement, row[4].text, row[1].text) + "</td><td>" +
                            escape_html(row[2].text) + "</td><td class=\"nw\">" +
                            escape_html(row[3].text) + "</td></tr>\n";
                }
                body += "</tbody>\n</table>\n";
            }
            body += "</section>\n";
        } else {
            body += report_sections_html(part);
        }
    }
    // Recent activity: each record's latest dated event up to today, newest first.
    struct Event {
        Date day;
        std::string what;
        const Record* rec;
    };
    std::vector<Event> events;
    for (const Record* rec : site.scope.selected) {
        std::optional<Event> best;
        for (std::string_view f : {"signed", "effective", "start", "date", "end", "terminated"}) {
            const auto day = record_day(*rec, f);
            if (!day || *day > site.in.today) continue;
            // The field as a reader says what happened ("date" is the event itself).
            const std::string what = f == "signed"       ? " signed"
                                     : f == "effective"  ? " took effect"
                                     : f == "start"      ? " started"
                                     : f == "end"        ? " ended"
                                     : f == "terminated" ? " terminated"
                                                         : "";
            if (!best || *day > best->day) best = Event{*day, what, rec};
        }
        if (best) events.push_back(*best);
    }
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        return std::make_tuple(b.day, a.rec->kind, a.rec->id) <
               std::make_tuple(a.day, b.rec->kind, b.rec->id);
    });
    if (events.size() > 12) events.resize(12);
    body += "<section id=\"recent\">\n<h2>Recent activity</h2>\n";
    if (events.empty()) body += "<p class=\"none\">none</p>\n";
    body += "<ul>\n";
    for (const Event& e : events) {
        body += "<li><span class=\"nw\">" + e.day.str() + "</span> · " +
                std::string(kind_name(e.rec->kind)) + e.what + ": " +
                site.link("", e.rec->kind, e.rec->id, label_of(*e.rec)) + "</li>\n";
    }
    body += "</ul>\n</section>\n";
    body += register_html(site);
    return page(site, "index.html", "Home", body);
}

}  // namespace

std::string site_file_name(std::string_view id) {
    const bool safe = !id.empty() && id.size() <= 100 &&
                      ((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')) &&
                      std::all_of(id.begin(), id.end(),
                                  [](char c) {
                                      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                             c == '-' || c == '_' || c == '.';
                                  }) &&
                      id.find("..") == std::string_view::npos;
    // "index" would be <folder>/index.html, the kind's list page: such a record gets
    // "_index", which no safe id (they start with a letter or digit) nor hash (16 hex
    // digits) can be.
    if (id == "index") return "_index";
    return safe ? std::string(id) : fmt::format("_{:016x}", fnv1a(id));
}

std::vector<SiteFile> build_site(const SiteInput& in) {
    const Scope scope =
        make_scope(in.config, in.records, in.index, in.today, in.filter, in.validation);
    Site site{in, scope, {}, {}, {}};
    for (const Record* rec : scope.selected) {
        site.pages.insert({rec->kind, rec->id});
        site.selected.insert(rec);
    }
    for (std::size_t i = 0; i < in.records.size(); ++i) {
        for_each_ref(in.records[i], [&](const RefUse& use) {
            auto& list = site.mentions[Site::key(use.spec.target, use.value.text)];
            if (list.empty() || list.back() != i) list.push_back(i);
        });
    }

    std::vector<SiteFile> files;
    files.push_back({std::string(site_marker_name),
                     "This folder is a website written by `collab site`; running it again "
                     "replaces the whole folder.\n"});
    files.push_back({"index.html", home_page(site)});
    for (Kind k : all_kinds) {
        const auto records = scope.of(k);
        files.push_back({std::string(kind_folder(k)) + "/index.html", list_page(site, k, records)});
    }
    std::set<std::string> written;
    for (const Record* rec : scope.selected) {
        std::string path = Site::record_path(rec->kind, rec->id);
        // Duplicate ids are a validation error; the first record keeps the page.
        if (!written.insert(path).second) continue;
        files.push_back({std::move(path), record_page(site, *rec)});
    }
    for (const ReportInfo* info : site_reports())
        files.push_back({"reports/" + std::string(info->name) + ".html", report_page(site, *info)});
    files.push_back({"reports/index.html", reports_index(site)});
    files.push_back({"graph.html", graph_page(site)});
    files.push_back({"search.html", search_page(site, scope.selected)});
    std::sort(files.begin(), files.end(),
              [](const SiteFile& a, const SiteFile& b) { return a.path < b.path; });
    return files;
}

}  // namespace collab
