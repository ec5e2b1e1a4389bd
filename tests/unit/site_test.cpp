// The HTML pieces of issue 19 on records built in memory: the summary's reader sections, the
// charts' labels and ticks, the escapers for CSS strings and script JSON, and the site's pages
// and file names (lib/site/). The browser checks are in tests/browser/site.test.mjs.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "escape/escape.h"
#include "output/report_html.h"
#include "output/report_render.h"
#include "record_helpers.h"
#include "report/registry.h"
#include "site/site.h"

using namespace collab;
using namespace collab::testing;

namespace {

// home (with a unit) and two partners; `due` has its notice date within 180 days of today.
std::vector<Record> office() {
    return {
        partner("home"),
        partner("home-med", "parent: home\n"),
        partner("uni", "short: UNI\nnative_name: 浙江大学\naliases: [Zheda]\n"),
        partner("lab"),
        record(Kind::Agreement, "due",
               "title: The due MoU\ntype: mou\nstatus: active\nparties: [home-med, uni]\n"
               "signed: 2021-03\nexpires: 2026-05-31\nnotes: renew it\n"),
        record(Kind::Agreement, "later",
               "title: Later\ntype: research\nstatus: active\nparties: [home, lab]\n"
               "signed: 2024\nexpires: 2030\n"),
    };
}

struct Office {
    std::vector<Record> records = office();
    Index index{records, "home"};
    Config config{"Office", false, {}, Duration{180, 'd'}, "home", {}};
    Date today{2026, 1, 15};

    Report summary() const {
        const Scope scope = make_scope(config, records, index, today, {}, {});
        return find_report("summary")->build(scope, {});
    }
    std::vector<SiteFile> site(std::vector<std::string> filter = {}) const {
        return build_site(SiteInput{config, records, index, today, std::move(filter), {}});
    }
};

const SiteFile& file(const std::vector<SiteFile>& files, std::string_view path) {
    for (const auto& f : files) {
        if (f.path == path) return f;
    }
    FAIL("no file " << path);
    throw 0;
}

int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t p = 0; (p = text.find(what, p)) != std::string::npos; p += what.size()) ++n;
    return n;
}

}  // namespace

TEST_CASE("summary: headline and decisions for the page, validation and hints for the terminal") {
    const Report r = Office{}.summary();
    const std::string html = report_html(r);
    // Partners: uni and lab, never home or its unit.
    CHECK(html.find("<span class=\"n\">2</span> <span class=\"l\">partner institutions") !=
          std::string::npos);
    CHECK(html.find("The due MoU") != std::string::npos);  // the decision, by name
    CHECK(html.find("Validation") == std::string::npos);
    CHECK(html.find('`') == std::string::npos);  // no command line
    CHECK(html.find("<details class=\"data\"><summary>Data</summary>") != std::string::npos);
    // The other formats are as before: no headline, the validation section kept.
    const std::string text = report_text(r, {});
    CHECK(text.find("At a glance") == std::string::npos);
    CHECK(text.find("Validation") != std::string::npos);
    CHECK(report_json(r).find("headline") == std::string::npos);
    CHECK(report_markdown(r).find("Due for a decision") == std::string::npos);
}

TEST_CASE("gantt: year ticks thin out over 20 years, and today's label stays inside") {
    GanttChart g{"Terms", {}};
    g.spans.push_back(
        {Kind::Agreement, "a", "a", "active", Date{2006, 1, 1}, Date{2026, 6, 1}, {}});
    const std::string svg = gantt_chart_svg(g, Date{2026, 11, 30});
    const std::regex tick(R"(<text class="tick" x="[0-9.]+" y="[0-9]+">([0-9]{4})</text>)");
    std::vector<int> years;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tick); it != std::sregex_iterator();
         ++it)
        years.push_back(std::stoi((*it)[1]));
    REQUIRE(years.size() >= 3);
    CHECK(years.size() <= 12);
    CHECK(years[1] - years[0] >= 2);
    // Today (2026-11-30) is near the right edge: the label is anchored at its end.
    CHECK(svg.find("text-anchor=\"end\">today 2026-11-30</text>") != std::string::npos);
    // A short span keeps a tick every year and today's label to the right of the line.
    GanttChart short_one{"Terms", {}};
    short_one.spans.push_back(
        {Kind::Agreement, "a", "a", "active", Date{2020, 1, 1}, Date{2030, 6, 1}, {}});
    const std::string s2 = gantt_chart_svg(short_one, Date{2024, 3, 1});
    CHECK(s2.find(">2021</text>") != std::string::npos);
    CHECK(s2.find(">2022</text>") != std::string::npos);
    CHECK(s2.find("text-anchor=\"start\">today 2024-03-01</text>") != std::string::npos);
}

TEST_CASE("css_string and script_json keep record text from ending its context") {
    CHECK(css_string("R&D \"x\" </style>") == R"("R\26 D \22 x\22  \3C /style\3E ")");
    CHECK(css_string("浙江") == R"("\6D59 \6C5F ")");
    CHECK(css_string("a\nb\x1b") == "\"a b\\FFFD \"");  // line breaks: a space
    const std::string j = script_json(nlohmann::json("</script><!-- \u2028 & >").dump());
    CHECK(j.find('<') == std::string::npos);
    CHECK(j.find('>') == std::string::npos);
    CHECK(j.find("\u2028") == std::string::npos);
    CHECK(nlohmann::json::parse(j) == "</script><!-- \u2028 & >");
}

TEST_CASE("cell_text_html keeps the ids of a list whole, and escapes") {
    CHECK(cell_text_html("hkust, zju-fah") ==
          "<span class=\"nw\">hkust</span>, <span class=\"nw\">zju-fah</span>");
    CHECK(cell_text_html("a <b>, c d") == "a &lt;b&gt;, c d");
    CHECK(cell_text_html("<x>, y") ==
          "<span class=\"nw\">&lt;x&gt;</span>, <span class=\"nw\">y</span>");
    CHECK(cell_text_html("one-id") == "one-id");
}

TEST_CASE("site_file_name: ids as they are when safe, else a hash") {
    CHECK(site_file_name("zju-fah") == "zju-fah");
    CHECK(site_file_name("a.b_c") == "a.b_c");
    for (std::string_view bad :
         {"", "..", "a/b", "Upper", "a b", ".hidden", "-x", "x..y", "<script>", "名字"}) {
        const std::string name = site_file_name(bad);
        CHECK(std::regex_match(name, std::regex("_[0-9a-f]{16}")));
    }
    CHECK(site_file_name("Upper") != site_file_name("upper!"));
    // The list pages are <folder>/index.html: a record called index must not replace them.
    CHECK(site_file_name("index") == "_index");
}

TEST_CASE("site: a record whose id is index keeps the list page and gets a page of its own") {
    std::vector<Record> records = office();
    records.push_back(partner("index", "short: The Index University\n"));
    const Index index{records, "home"};
    const Config config{"Office", false, {}, Duration{180, 'd'}, "home", {}};
    const auto files = build_site(SiteInput{config, records, index, Date{2026, 1, 15}, {}, {}});
    std::set<std::string> paths;
    for (const auto& f : files) CHECK(paths.insert(f.path).second);  // no path twice
    const std::string& list = file(files, "partners/index.html").content;
    CHECK(list.find("<table") != std::string::npos);
    CHECK(list.find("partners/_index.html\"") != std::string::npos);
    CHECK(file(files, "partners/_index.html").content.find("The Index University") !=
          std::string::npos);
}

TEST_CASE("site: pages, links, search index; the same input gives the same bytes") {
    const Office o;
    const auto files = o.site();
    CHECK(files == o.site());
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(f.path);
    CHECK(std::is_sorted(paths.begin(), paths.end()));
    CHECK(paths == std::vector<std::string>{".collab-site",
                                            "agreements/due.html",
                                            "agreements/index.html",
                                            "agreements/later.html",
                                            "events/index.html",
                                            "graph.html",
                                            "index.html",
                                            "partners/home-med.html",
                                            "partners/home.html",
                                            "partners/index.html",
                                            "partners/lab.html",
                                            "partners/uni.html",
                                            "people/index.html",
                                            "projects/index.html",
                                            "reports/areas.html",
                                            "reports/expiring.html",
                                            "reports/index.html",
                                            "reports/mobility.html",
                                            "reports/register.html",
                                            "reports/summary.html",
                                            "reports/timeline.html",
                                            "search.html"});
    const std::string& home = file(files, "index.html").content;
    CHECK(home.find("<a href=\"agreements/due.html\">The due MoU</a>") != std::string::npos);
    CHECK(home.find("id=\"register\"") != std::string::npos);
    CHECK(home.find("id=\"recent\"") != std::string::npos);
    // A record page: its references as links, its back-references, the hierarchy.
    const std::string& med = file(files, "partners/home-med.html").content;
    CHECK(med.find("Part of <a href=\"../partners/home.html\">home</a>") != std::string::npos);
    CHECK(med.find("href=\"../agreements/due.html\"") != std::string::npos);
    const std::string& due = file(files, "agreements/due.html").content;
    CHECK(due.find("<a href=\"../partners/uni.html\">uni</a>") != std::string::npos);
    // The partner's dossier is on its page.
    CHECK(file(files, "partners/uni.html").content.find("id=\"dossier\"") != std::string::npos);
    // The search index has every name.
    const std::string& search = file(files, "search.html").content;
    CHECK(search.find("浙江大学") != std::string::npos);
    CHECK(search.find("Zheda") != std::string::npos);
    CHECK(search.find("renew it") != std::string::npos);
    // Every page forbids requests; no page loads anything.
    for (const auto& f : files) {
        if (!f.path.ends_with(".html")) continue;
        CHECK(f.content.find("default-src 'none'") != std::string::npos);
        CHECK(count(f.content, " src=") == 0);
    }
}

TEST_CASE("site: a filter leaves the other records out, and their links become text") {
    const auto files = Office{}.site({"type=mou"});
    bool later = false;
    for (const auto& f : files) later = later || f.path == "agreements/later.html";
    CHECK_FALSE(later);
    CHECK(file(files, "agreements/due.html").content.find("The due MoU") != std::string::npos);
    CHECK_THROWS(Office{}.site({"nosuch=1"}));
}
