#include <doctest/doctest.h>

#include "check/code_selection.h"
#include "output/ci_formats.h"
#include "escape/escape.h"
#include "util/errors.h"

using namespace collab;

namespace {

Diagnostic at(std::string file, int line, std::string code, std::string field = {}) {
    Diagnostic d = make_diagnostic(code, Mark{line, 1}, "message", std::move(field));
    d.file = std::move(file);
    return d;
}

}  // namespace

TEST_CASE("fingerprints ignore the line but tell same-field findings apart") {
    const std::vector<Diagnostic> before = {at("a.yaml", 3, "dangling-ref", "parties"),
                                            at("a.yaml", 3, "dangling-ref", "parties"),
                                            at("a.yaml", 5, "bad-value", "country")};
    const std::vector<Diagnostic> after = {at("a.yaml", 9, "dangling-ref", "parties"),
                                           at("a.yaml", 9, "dangling-ref", "parties"),
                                           at("a.yaml", 12, "bad-value", "country")};
    const auto a = fingerprints(before);
    const auto b = fingerprints(after);
    CHECK(a == b);
    CHECK(a[0] != a[1]);
    CHECK(a[0] != a[2]);
    CHECK(a[0].size() == 32);
    CHECK(fingerprints(std::vector{at("b.yaml", 3, "dangling-ref", "parties")})[0] != a[0]);
}

TEST_CASE("fingerprints of equal findings follow the offending value, not the order") {
    // Issue 14: fixing the first of three dangling references made GitLab report the third
    // as fixed and the second as new.
    const auto dangling = [](int line, std::string id, std::string hint = {}) {
        Diagnostic d = make_diagnostic("dangling-ref", Mark{line, 1},
                                       "no partner '" + id + "'" + hint, "parties");
        d.file = "agreements/a.yaml";
        return d;
    };
    const auto before =
        fingerprints(std::vector{dangling(3, "x1"), dangling(3, "x2"), dangling(3, "x3")});
    const auto after = fingerprints(std::vector{dangling(3, "x2"), dangling(3, "x3")});
    CHECK(after[0] == before[1]);
    CHECK(after[1] == before[2]);
    // A did-you-mean hint depends on other records: it does not change the fingerprint.
    CHECK(fingerprints(std::vector{dangling(3, "x2", "; did you mean 'x1'?")})[0] == before[1]);
    CHECK(fingerprint_subject("no partner 'x'; did you mean 'y'?") == "no partner 'x'");
}

TEST_CASE("--only and --ignore choose codes; unknown codes are usage errors") {
    const Diagnostic d = at("a.yaml", 1, "bad-value");
    CHECK(keeps({}, d));
    CHECK(keeps({{"bad-value"}, {}}, d));
    CHECK_FALSE(keeps({{"dangling-ref"}, {}}, d));
    CHECK_FALSE(keeps({{"bad-value"}, {"bad-value"}}, d));
    CHECK_NOTHROW(check_codes({"bad-value", "cycle"}, "--only"));
    CHECK_THROWS_WITH_AS(check_codes({"cycles"}, "--ignore"),
                         "--ignore: unknown check code 'cycles'; did you mean 'cycle'?",
                         UsageError);
}

TEST_CASE("--max-errors keeps the first errors and every warning") {
    std::vector<Diagnostic> ds = {at("a", 1, "bad-value"), at("a", 2, "ambiguous-scalar"),
                                  at("b", 1, "cycle"), at("c", 1, "missing-field"),
                                  at("c", 2, "duplicate-entry")};
    CHECK(limit_errors(ds, 1) == 2);
    REQUIRE(ds.size() == 3);
    CHECK(ds[0].code == "bad-value");
    CHECK(ds[1].code == "ambiguous-scalar");
    CHECK(ds[2].code == "duplicate-entry");
}

TEST_CASE("XML and URI escaping") {
    CHECK(escape_xml("a<b & 'c' \"d\">") == "a&lt;b &amp; &apos;c&apos; &quot;d&quot;&gt;");
    // XML 1.0 cannot hold most control characters, whatever the escaping.
    CHECK(escape_xml(std::string("x\x01y\x1bz")) == "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
    CHECK(uri_path("data/agreements/a b#1.yaml") == "data/agreements/a%20b%231.yaml");
    CHECK(uri_path("香") == "%E9%A6%99");
}

TEST_CASE("JUnit: a test case per file, failures for errors, warnings as output") {
    const std::vector<Diagnostic> ds = {at("agreements/x.yaml", 2, "cycle"),
                                        at("partners/p.yaml", 1, "ambiguous-scalar")};
    const std::vector<std::string> files = {"agreements/x.yaml", "partners/p.yaml",
                                            "partners/q.yaml"};
    const std::string xml = render_junit(ds, ValidationSummary{"s", 3, 3}, files);
    CHECK(xml.find("tests=\"3\" failures=\"1\"") != std::string::npos);
    CHECK(xml.find("<testcase classname=\"partners\" name=\"partners/q.yaml\" "
                   "file=\"s/partners/q.yaml\"/>") != std::string::npos);
    CHECK(xml.find("<failure type=\"cycle\" message=\"2:1: message\">") != std::string::npos);
    CHECK(xml.find("<system-out>s/partners/p.yaml:1:1: warning[ambiguous-scalar]: message\n"
                   "</system-out>") != std::string::npos);
}
