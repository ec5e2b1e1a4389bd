// The HTML reports in a real browser (Debian's headless Chromium): the page loads without
// console errors or refused content, its DOM holds the charts, and it renders to an image.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "find_program.h"
#include "run_process.h"

using namespace collab::testing;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("collab-browser-" + std::to_string(::getpid()));
    TempDir() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

ProcessResult chromium(const TempDir& dir, std::vector<std::string> extra, const fs::path& page) {
    ProcessSpec spec;
    // The flags that keep headless Chromium off the network and away from a desktop session.
    spec.argv = {find_program("chromium", "chromium"),
                 "--headless",
                 "--no-sandbox",
                 "--disable-gpu",
                 "--disable-quic",
                 "--no-first-run",
                 "--disable-background-networking",
                 "--disable-component-update",
                 "--disable-sync",
                 "--user-data-dir=" + (dir.path / "profile").string(),
                 "--enable-logging=stderr",
                 "--v=0"};
    for (auto& e : extra) spec.argv.push_back(e);
    spec.argv.push_back("file://" + page.string());
    spec.env = clean_env();
    return run_process(spec);
}

// Lines the page itself caused: console messages and refused content.
std::string page_problems(const std::string& log) {
    std::string out;
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("CONSOLE") != std::string::npos ||
            line.find("Refused") != std::string::npos ||
            line.find("Uncaught") != std::string::npos) {
            out += line + "\n";
        }
    }
    return out;
}

std::uint32_t be32(const std::string& s, std::size_t at) {
    return (std::uint32_t(static_cast<unsigned char>(s[at])) << 24) |
           (std::uint32_t(static_cast<unsigned char>(s[at + 1])) << 16) |
           (std::uint32_t(static_cast<unsigned char>(s[at + 2])) << 8) |
           std::uint32_t(static_cast<unsigned char>(s[at + 3]));
}

void check_page(const std::vector<std::string>& report, bool expect_gantt) {
    TempDir dir;
    const fs::path page = dir.path / "report.html";
    ProcessSpec make;
    make.argv = {COLLAB_BINARY, "--store", CONSORTIUM_STORE, "--today", "2026-01-15", "report"};
    for (const auto& r : report) make.argv.push_back(r);
    make.argv.push_back("-o");
    make.argv.push_back(page.string());
    make.env = clean_env();
    REQUIRE(run_process(make).status == 0);

    const auto dom = chromium(dir, {"--dump-dom"}, page);
    REQUIRE_MESSAGE(dom.status == 0, dom.err);
    CHECK_MESSAGE(page_problems(dom.err).empty(), page_problems(dom.err));
    CHECK(dom.out.find("<svg class=\"chart") != std::string::npos);
    // Every bar the browser sees has a positive width.
    const std::regex bar("<rect class=\"(bar|span[^\"]*)\"[^>]* width=\"([0-9.]+)\"");
    int bars = 0;
    for (std::sregex_iterator it(dom.out.begin(), dom.out.end(), bar), end; it != end; ++it) {
        ++bars;
        CHECK(std::stod((*it)[2]) > 0);
    }
    CHECK(bars > 0);
    if (expect_gantt) {
        CHECK(dom.out.find("class=\"chart gantt\"") != std::string::npos);
        CHECK(dom.out.find("class=\"today\"") != std::string::npos);
    }

    const fs::path shot = dir.path / "page.png";
    const auto png = chromium(
        dir, {"--screenshot=" + shot.string(), "--window-size=1200,1600", "--hide-scrollbars"},
        page);
    CHECK_MESSAGE(png.status == 0, png.err);
    const std::string image = slurp(shot);
    REQUIRE(image.size() > 24);
    CHECK(image.substr(1, 3) == "PNG");
    CHECK(be32(image, 16) == 1200);  // IHDR width
    CHECK(be32(image, 20) == 1600);  // IHDR height
}

}  // namespace

namespace {

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else
            out += c;
    }
    return out;
}

// Parses and renders a Mermaid diagram with the real Mermaid library; "ok" or the error.
std::string mermaid_verdict(const std::string& diagram) {
    TempDir dir;
    const fs::path page = dir.path / "mermaid.html";
    std::ofstream(page)
        << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"file://" MERMAID_JS
           "\"></script></head><body><pre id=\"src\">"
        << escape(diagram)
        << "</pre><div id=\"out\"></div><script>\n"
           "mermaid.initialize({startOnLoad: false});\n"
           "const text = document.getElementById('src').textContent;\n"
           "mermaid.parse(text).then(() => mermaid.render('graph', text))\n"
           "  .then(({svg}) => { document.getElementById('out').innerHTML = svg;\n"
           "                     document.body.dataset.result = 'ok'; })\n"
           "  .catch(e => { document.body.dataset.result = 'error: ' + e.message; });\n"
           "</script></body></html>\n";
    const auto dom = chromium(
        dir, {"--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom"}, page);
    const auto at = dom.out.find("data-result=\"");
    if (at == std::string::npos) return "no result: " + dom.err.substr(0, 400);
    return dom.out.substr(at + 13, dom.out.find('"', at + 13) - at - 13);
}

std::string graph(const char* store) {
    ProcessSpec spec;
    spec.argv = {COLLAB_BINARY, "--store", store, "graph", "--format", "mermaid"};
    spec.env = clean_env();
    const auto r = run_process(spec);
    REQUIRE(r.status == 0);
    return r.out;
}

}  // namespace

TEST_CASE("graph --format mermaid is a flowchart Mermaid parses and draws") {
    REQUIRE_MESSAGE(fs::exists(MERMAID_JS),
                    "scripts/setup --test installs mermaid into the build folder");
    CHECK(mermaid_verdict(graph(DATA_STORE)) == "ok");
    CHECK(mermaid_verdict(graph(CONSORTIUM_STORE)) == "ok");
    CHECK(mermaid_verdict(graph(HOSTILE_STORE)) == "ok");
    // The harness can fail: a broken diagram is an error.
    CHECK(mermaid_verdict("flowchart LR\n  a[\"x\" --> \n").starts_with("error"));
}

TEST_CASE("summary: bar charts") {
    check_page({"summary"}, false);
}
TEST_CASE("timeline: a Gantt chart with today marked") {
    check_page({"timeline"}, true);
}
TEST_CASE("expiring: terms with notice dates") {
    check_page({"expiring"}, true);
}
TEST_CASE("partner dossier") {
    check_page({"partner", "zju"}, true);
}
