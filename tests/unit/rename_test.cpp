// lib/edit/rename.cpp: `mv`'s reference rewriting as minimal text edits, without disk.
#include <doctest/doctest.h>

#include "edit/rename.h"
#include "record_helpers.h"

using namespace collab;

TEST_CASE("rename_references: flow and block lists, nested fields, quoting, comments") {
    const std::string text =
        "# keep me\n"
        "title: Hkust and hkust-eng  # not a reference\n"
        "type: mou\n"
        "parties: [hkust, \"zju\", hkust-eng]\n"
        "signatories:\n"
        "  - person: nancy-ip\n"
        "    partner: 'hkust'   # quoted\n"
        "witnesses:\n"
        "  - hkust\n"
        "notes: hkust\n";
    const Record r = testing::record(Kind::Agreement, "a", text);
    const RenameEdit e = rename_references(text, r, Kind::Partner, "hkust", "hkust-new", false);
    REQUIRE_FALSE(e.problem);
    CHECK(e.replaced == 2);
    CHECK(e.text ==
          "# keep me\n"
          "title: Hkust and hkust-eng  # not a reference\n"
          "type: mou\n"
          "parties: [hkust-new, \"zju\", hkust-eng]\n"
          "signatories:\n"
          "  - person: nancy-ip\n"
          "    partner: 'hkust-new'   # quoted\n"
          "witnesses:\n"
          "  - hkust\n"  // witnesses are people: another kind's id space
          "notes: hkust\n");

    // Its own id line when it is the renamed record, and a self-reference.
    const std::string own = "id: hkust\nname: HKUST\nparent: hkust\n";
    const Record p = testing::record(Kind::Partner, "hkust", own);
    const RenameEdit o = rename_references(own, p, Kind::Partner, "hkust", "ust", true);
    CHECK(o.text == "id: ust\nname: HKUST\nparent: ust\n");
    // Not the renamed record: `id:` stays.
    CHECK(rename_references(own, p, Kind::Partner, "hkust", "ust", false).text ==
          "id: hkust\nname: HKUST\nparent: ust\n");
    // Accents before the reference on its line: columns are characters, not bytes.
    const std::string wide = "title: Zürich Ü\nparties: [eth, hkust]\n";
    const Record w = testing::record(Kind::Agreement, "x", wide);
    CHECK(rename_references(wide, w, Kind::Partner, "hkust", "ust", false).text ==
          "title: Zürich Ü\nparties: [eth, ust]\n");
    CHECK(rename_references(own, p, Kind::Partner, "hkust", "Not An Id", true).problem);
}
