#!/usr/bin/python3
"""collab export read back with independent readers: Python's sqlite3 and csv modules.

Usage: export_test.py COLLAB REPO
"""
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

COLLAB, REPO = sys.argv[1:3]
CONSORTIUM = os.path.join(REPO, "tests", "stores", "consortium")
KINDS = ["partners", "people", "agreements", "projects", "events"]
# The home institution of the fixture (collab.yaml's `home:`), never its own partner.
HOME = next((line.split(":", 1)[1].strip() for line in open(
    os.path.join(CONSORTIUM, "collab.yaml"), encoding="utf-8") if line.startswith("home:")), "")
ENV = {"PATH": os.environ.get("PATH", ""), "COLLAB_TODAY": "2026-01-15"}


def collab(*args, store=CONSORTIUM, env=None, check=True):
    r = subprocess.run([COLLAB, "--store", store, *args], capture_output=True, text=True,
                       env={**ENV, **(env or {})}, timeout=60)
    if check and r.returncode != 0:
        raise AssertionError(f"collab {args}: {r.returncode}\n{r.stderr}")
    return r


def export_db(tmp, *filters, store=CONSORTIUM):
    path = os.path.join(tmp, "collab.db")
    collab("export", *filters, "--out", path, store=store)
    return sqlite3.connect(path)


class Sqlite(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.db = export_db(self.tmp)

    def test_agreements_per_top_level_partner_equal_the_summary_report(self):
        # Written here from the tables alone (not the view collab adds), so the test does
        # not take collab's word for the hierarchy.
        rows = self.db.execute("""
            WITH RECURSIVE up(partner, ancestor) AS (
              SELECT id, id FROM partners
              UNION
              SELECT up.partner, p.parent FROM up JOIN partners p ON p.id = up.ancestor
              WHERE p.parent IS NOT NULL)
            SELECT top.ancestor, COUNT(DISTINCT ap.agreement) AS n
            FROM agreement_parties ap
            JOIN up top ON top.partner = ap.partner
            JOIN partners a ON a.id = top.ancestor AND a.parent IS NULL
            -- counterparties only: not collab.yaml's home nor what belongs to it (contract v2)
            WHERE NOT EXISTS (SELECT 1 FROM up h WHERE h.partner = ap.partner AND h.ancestor = ?)
            GROUP BY top.ancestor ORDER BY n DESC, top.ancestor""", (HOME,)).fetchall()
        report = json.loads(collab("report", "summary", "--format", "json").stdout)
        table = next(t for s in report["sections"] for t in s.get("tables", [])
                     if [c["key"] for c in t["columns"]] == ["partner", "name", "agreements"])
        expected = [(r["partner"], r["agreements"]) for r in table["rows"]]
        self.assertEqual(sorted(rows, key=lambda r: (-r[1], r[0])),
                         sorted(expected, key=lambda r: (-r[1], r[0])))
        self.assertGreater(len(rows), 3)
        view = self.db.execute("""SELECT t.top_level, COUNT(DISTINCT ap.agreement)
            FROM agreement_parties ap JOIN partner_top_level t ON t.partner = ap.partner
            GROUP BY t.top_level""").fetchall()
        # The view counts every party; without the home institution it is the summary's.
        self.assertEqual(sorted(v for v in view if v[0] != HOME), sorted(rows))

    def test_every_record_and_list_entry_is_there(self):
        doc = json.loads(collab("export", "--format", "json").stdout)
        for kind in KINDS:
            count = self.db.execute(f"SELECT COUNT(*) FROM {kind}").fetchone()[0]
            self.assertEqual(count, len(doc[kind]), kind)
        parties = sum(len(a.get("parties") or []) for a in doc["agreements"])
        self.assertEqual(self.db.execute("SELECT COUNT(*) FROM agreement_parties").fetchone()[0],
                         parties)
        signatories = [(a["id"], s.get("person"), s.get("partner"))
                       for a in doc["agreements"] for s in a.get("signatories") or []]
        got = self.db.execute("SELECT agreement, person, partner FROM agreement_signatories "
                              "ORDER BY agreement, position").fetchall()
        self.assertEqual(got, sorted(signatories, key=lambda s: s[0]))
        self.assertGreater(len(got), 0)

    def test_nested_lists_are_link_tables_never_json_in_a_cell(self):
        tables = [r[0] for r in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")]
        for t in tables:
            for row in self.db.execute(f'SELECT * FROM "{t}"'):
                for cell in row:
                    self.assertFalse(isinstance(cell, str) and cell[:1] in "[{", (t, row))
        for t in ["agreement_parties", "project_funding", "project_mobility", "person_roles",
                  "project_milestones", "event_participants", "partner_aliases"]:
            self.assertIn(t, tables)

    def test_foreign_keys_declared_and_satisfied(self):
        fks = self.db.execute("PRAGMA foreign_key_list(agreement_parties)").fetchall()
        self.assertEqual(sorted((f[3], f[2]) for f in fks),
                         [("agreement", "agreements"), ("partner", "partners")])
        self.assertEqual(self.db.execute("PRAGMA foreign_key_check").fetchall(), [])

    def test_values_are_typed(self):
        types = dict(self.db.execute(
            "SELECT 'count', typeof(count) FROM project_mobility UNION "
            "SELECT 'amount', typeof(amount) FROM project_funding UNION "
            "SELECT 'done', typeof(done) FROM project_milestones WHERE done IS NOT NULL UNION "
            "SELECT 'signed', typeof(signed) FROM agreements WHERE signed IS NOT NULL"))
        self.assertEqual(types, {"count": "integer", "amount": "real", "done": "integer",
                                 "signed": "text"})

    def test_a_killed_export_leaves_the_old_database(self):
        path = os.path.join(self.tmp, "collab.db")
        with open(path, "rb") as f:
            before = f.read()
        r = collab("export", "agreements.status=active", "--out", path,
                   env={"COLLAB_TEST_CRASH_BEFORE_RENAME": "1"}, check=False)
        self.assertNotEqual(r.returncode, 0)
        with open(path, "rb") as f:
            self.assertEqual(f.read(), before)


class Csv(unittest.TestCase):
    def test_one_file_per_table_matching_the_database(self):
        tmp = tempfile.mkdtemp()
        db = export_db(tmp)
        out = os.path.join(tmp, "csv")
        collab("export", "--format", "csv", "--out", out)
        tables = sorted(r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table'"))
        self.assertEqual(sorted(f[:-4] for f in os.listdir(out)), tables)
        for t in tables:
            with open(os.path.join(out, t + ".csv"), newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
            columns = [c[1] for c in db.execute(f'PRAGMA table_info("{t}")')]
            self.assertEqual(rows[0], columns, t)
            # CSV cells hold numbers as written (500000.50); SQLite holds their value.
            expected = [["" if v is None else str(v) for v in row]
                        for row in db.execute(f'SELECT * FROM "{t}"')]
            for got_row, db_row in zip(rows[1:], db.execute(f'SELECT * FROM "{t}"')):
                for i, v in enumerate(db_row):
                    if isinstance(v, float):
                        self.assertEqual(float(got_row[i]), v)
                        got_row[i] = str(v)
            self.assertEqual(rows[1:], expected, t)

    def test_cjk_and_quotes_survive(self):
        tmp = tempfile.mkdtemp()
        collab("export", "--format", "csv", "--out", tmp)
        with open(os.path.join(tmp, "partners.csv"), newline="", encoding="utf-8") as f:
            names = {r["id"]: r for r in csv.DictReader(f)}
        native = [r["native_name"] for r in names.values() if r["native_name"]]
        self.assertTrue(any("\u4e00" <= ch <= "\u9fff" for n in native for ch in n), native)


class Json(unittest.TestCase):
    def test_keyed_by_kind_with_the_records_list_prints(self):
        doc = json.loads(collab("export").stdout)
        self.assertEqual(list(doc), ["store"] + KINDS)
        for kind in KINDS:
            listed = json.loads(collab("list", kind, "--format", "json").stdout)
            self.assertEqual(doc[kind], listed, kind)

    def test_filters_choose_records(self):
        doc = json.loads(collab("export", "parties under zju").stdout)
        ids = collab("list", "agreements", "parties under zju", "--format", "ids").stdout.split()
        self.assertEqual([a["id"] for a in doc["agreements"]], ids)
        self.assertEqual(doc["partners"], [])  # partners have no `parties`: left out

    def test_usage_errors(self):
        r = collab("export", "--format", "csv", check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--out DIR", r.stderr)
        r = collab("export", "partys=hkust", check=False)
        self.assertEqual(r.returncode, 2)
        r = collab("export", "--out", "x.pdf", check=False)  # xlsx is a format since issue 18
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot tell the format", r.stderr)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
