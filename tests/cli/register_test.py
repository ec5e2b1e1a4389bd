#!/usr/bin/env python3
"""`collab report register` on the consortium fixture, checked against a table computed here.

The expected rows are computed from the fixture's YAML with PyYAML and this file's own reading
of contract v2 (home and counterparties, top-level organisations, term end through automatic
renewals, notice date) and of docs/reports.md ("register", "--exit-code"); nothing here calls
collab's code. The CSV (`--format csv`) and the JSON (`--format json`, report JSON v2) must
both equal it, and `--exit-code` must say 1 exactly when the expiring report's rule finds an
agreement due or lapsed, 0 when it finds none.

Usage: register_test.py COLLAB REPO
"""
import csv
import datetime
import io
import json
import os
import subprocess
import sys
import unittest

import contract_model

COLLAB, REPO = sys.argv[1], sys.argv[2]
STORE = os.path.join(REPO, "tests", "stores", "consortium")
TODAY = datetime.date(2026, 1, 15)
contract_model.init(STORE, TODAY)
from contract_model import (  # noqa: E402
    AGREEMENTS, CONFIG, FILES, PARTNERS, RECORDS, add, ancestors, counterparties, day,
    notice_date, term_end, text, top_level, unique)

COLUMNS = ["id", "title", "type", "status", "counterparties", "countries",
           "top-level organisations", "signed", "effective", "expires", "term end",
           "notice date", "days to notice", "automatic renewal", "owner", "areas", "file"]


WINDOW = CONFIG.get("expiring", "180d")


def due_or_lapsed(a):
    """docs/reports.md: due = active or signed, not terminated by today, term end on or after
    today, notice date on or before today + the window; lapsed = active or signed and past
    its term end, or terminated on or before today."""
    if a.get("status") not in ("active", "signed"):
        return False
    end, notice = term_end(a), notice_date(a)
    terminated = day(a.get("terminated"), False)
    gone = (end is not None and end < TODAY) or (terminated is not None and terminated <= TODAY)
    due = (not gone and end is not None and end >= TODAY and notice is not None
           and notice <= add(TODAY, WINDOW))
    return due or gone


def name(kind, rid):
    rec = RECORDS[kind].get(rid)
    return rec.get("name") if rec else None


def expected(ids):
    """One dict per agreement, by id: the JSON values (v2) of each column."""
    rows = []
    for i in sorted(ids):
        a = AGREEMENTS[i]
        cps = counterparties(a)
        tops = unique(top_level(p) for p in cps)
        end, notice = term_end(a), notice_date(a)
        owner = a.get("owner")
        rows.append({
            "id": i,
            "title": a["title"],
            "type": a["type"],
            "status": a["status"],
            "counterparties": [{"id": p, "name": name("partner", p)} for p in cps],
            "countries": unique(PARTNERS[p]["country"] for p in cps if p in PARTNERS),
            "top_level_organisations": [{"id": t, "name": name("partner", t)} for t in tops],
            "signed": text(a.get("signed")),
            "effective": text(a.get("effective") or a.get("signed")),
            "expires": text(a.get("expires")),
            "term_end": end.isoformat() if end else None,
            "notice_date": notice.isoformat() if notice else None,
            "days_to_notice": (notice - TODAY).days if notice else None,
            "automatic_renewal": (a.get("renewal") or {}).get("automatic") is True,
            "owner": {"id": owner, "name": name("person", owner)} if owner else None,
            "areas": list(a.get("areas") or []),
            "file": FILES[("agreement", i)],
        })
    return rows


def as_csv_row(row):
    """The same row as docs/reports.md says the CSV writes it: lists joined by "; ", records
    by name, absent values empty, booleans yes/no."""
    def names(refs):
        return "; ".join(r["name"] or r["id"] for r in refs)
    out = dict(row)
    out["counterparties"] = names(row["counterparties"])
    out["top_level_organisations"] = names(row["top_level_organisations"])
    out["countries"] = "; ".join(row["countries"])
    out["areas"] = "; ".join(row["areas"])
    out["owner"] = (row["owner"]["name"] or row["owner"]["id"]) if row["owner"] else ""
    out["automatic_renewal"] = "yes" if row["automatic_renewal"] else "no"
    out = {k: "" if v is None else str(v) for k, v in out.items()}
    return [out[c.replace(" ", "_").replace("-", "_")] for c in COLUMNS]


def collab(*args):
    return subprocess.run([COLLAB, "--store", STORE, "--today", TODAY.isoformat(), *args],
                          capture_output=True, text=True, env={"PATH": os.environ["PATH"]})


class Register(unittest.TestCase):
    def test_csv_equals_the_computed_table(self):
        proc = collab("report", "register", "--format", "csv", "--no-formula-guard")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        got = list(csv.reader(io.StringIO(proc.stdout)))
        want = [COLUMNS] + [as_csv_row(r) for r in expected(AGREEMENTS)]
        self.assertEqual(got[0], want[0])
        for g, w in zip(got[1:], want[1:]):
            self.assertEqual(dict(zip(COLUMNS, g)), dict(zip(COLUMNS, w)))
        self.assertEqual(len(got), len(want))

    def test_json_equals_the_computed_table(self):
        proc = collab("report", "register", "--format", "json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        doc = json.loads(proc.stdout)
        self.assertEqual(doc["json_version"], 2)
        self.assertEqual(doc["report"], "register")
        [section] = doc["sections"]
        [table] = section["tables"]
        self.assertEqual([c["title"] for c in table["columns"]], COLUMNS)
        want = expected(AGREEMENTS)
        for g, w in zip(table["rows"], want):
            self.assertEqual(g, w)
        self.assertEqual(len(table["rows"]), len(want))
        self.assertEqual(section["facts"]["count"], len(want))

    def test_filter_keeps_the_agreements_it_names(self):
        proc = collab("report", "register", "--format", "json", "parties under zju")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        ids = [i for i, a in AGREEMENTS.items()
               if any(p == "zju" or "zju" in ancestors(p) for p in a.get("parties") or [])]
        rows = json.loads(proc.stdout)["sections"][0]["tables"][0]["rows"]
        self.assertEqual(rows, expected(ids))

    def test_exit_code(self):
        self.assertTrue(any(due_or_lapsed(a) for a in AGREEMENTS.values()))
        for report in ("register", "expiring"):
            with self.subTest(report=report):
                self.assertEqual(collab("report", report, "--exit-code").returncode, 1)
                self.assertEqual(collab("report", report).returncode, 0)
                # Drafts are never due: nothing to say, exit 0.
                quiet = collab("report", report, "--exit-code", "status = draft")
                self.assertEqual(quiet.returncode, 0, quiet.stderr)
        # One agreement at a time: 1 exactly for those the rule finds due or lapsed.
        for i, a in sorted(AGREEMENTS.items()):
            with self.subTest(agreement=i):
                proc = collab("report", "register", "--exit-code", "--format", "csv",
                              f"id = {i}")
                self.assertEqual(proc.returncode, 1 if due_or_lapsed(a) else 0,
                                 proc.stdout + proc.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
