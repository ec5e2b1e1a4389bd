#!/usr/bin/python3
"""collab's xlsx output read back with an independent reader, openpyxl (python3-openpyxl):
every workbook compared cell for cell with the CSV of the same command, dates as dates,
numbers as numbers, ids as text; the header, widths, links; Excel's limits; terminals and
unwritable -o.

Usage: xlsx_test.py COLLAB REPO
"""
import csv
import datetime
import io
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import openpyxl

COLLAB, REPO = sys.argv[1:3]
CONSORTIUM = os.path.join(REPO, "tests", "stores", "consortium")
ENV = {"PATH": os.environ.get("PATH", ""), "COLLAB_TODAY": "2026-01-15"}
MARK = " […truncated by collab]"


def collab(*args, store=CONSORTIUM, env=None, check=True):
    r = subprocess.run([COLLAB, "--store", store, *args], capture_output=True,
                       env={**ENV, **(env or {})}, timeout=120)
    if check and r.returncode != 0:
        raise AssertionError(f"collab {args}: {r.returncode}\n{r.stderr.decode()}")
    return r


def csv_rows(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def sheet_rows(ws):
    return [list(row) for row in ws.iter_rows(values_only=True)]


def md_tables(md):
    """(header cells, number of rows) of each GitHub Markdown table."""
    lines = md.split("\n")
    out = []
    for i, line in enumerate(lines):
        if re.match(r"^\| *:?-{3}", line):
            header = [c.strip() for c in lines[i - 1].strip().strip("|").split("|")]
            n = 0
            while i + 1 + n < len(lines) and lines[i + 1 + n].startswith("|"):
                n += 1
            out.append((header, n))
    return out


class Compare:
    """Cell-for-cell equality of a sheet with CSV rows; counts what was typed."""

    def __init__(self, test):
        self.test = test
        self.dates = self.numbers = self.texts = 0

    def rows(self, sheet, rows, where):
        self.test.assertEqual(len(sheet), len(rows), where)
        for r, (got, want) in enumerate(zip(sheet, rows)):
            got = got + [None] * (len(want) - len(got))
            self.test.assertEqual(len(got), len(want), f"{where} row {r + 1}")
            for c, (g, w) in enumerate(zip(got, want)):
                at = f"{where} row {r + 1} column {c + 1}: {g!r} vs CSV {w!r}"
                if w == "":
                    self.test.assertIsNone(g, at)
                elif isinstance(g, datetime.datetime):
                    self.dates += 1
                    self.test.assertEqual(g.strftime("%Y-%m-%d"), w, at)
                    self.test.assertEqual((g.hour, g.minute, g.second), (0, 0, 0), at)
                elif isinstance(g, (int, float)) and not isinstance(g, bool):
                    self.numbers += 1
                    self.test.assertEqual(g, float(w), at)
                else:
                    self.texts += 1
                    self.test.assertIsInstance(g, str, at)
                    self.test.assertEqual(g, w, at)


class ListCommand(unittest.TestCase):
    FIELDS = "id,title,status,signed,expires,term_end,notice_date,days_to_notice,parties,owner"

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)

    def test_list_equals_its_csv_with_dates_and_numbers_typed(self):
        path = os.path.join(self.tmp, "agreements.xlsx")
        r = collab("list", "agreements", "--fields", self.FIELDS, "-o", path)  # inferred
        self.assertEqual(r.stdout, b"")
        want = csv_rows(collab("list", "agreements", "--fields", self.FIELDS, "--format", "csv",
                               "--no-formula-guard").stdout.decode())
        book = openpyxl.load_workbook(path)
        self.assertEqual(len(book.sheetnames), 1)
        ws = book.worksheets[0]
        got = sheet_rows(ws)
        cmp = Compare(self)
        cmp.rows(got, want, "list agreements")
        self.assertGreater(cmp.dates, 20)
        self.assertGreater(cmp.numbers, 5)
        # Ids are text even where a spreadsheet would guess otherwise; days_to_notice numbers.
        for row in got[1:]:
            self.assertIsInstance(row[0], str)
            # signed: a date, or a partial date (2020) as written.
            if row[3] is not None and not isinstance(row[3], datetime.datetime):
                self.assertRegex(row[3], r"^\d{4}(-\d{2})?$")
            if row[7] is not None:
                self.assertIsInstance(row[7], int)
        # Bold frozen header with an autofilter over the whole table; widths fitted.
        self.assertTrue(all(c.font.b for c in ws[1]))
        self.assertEqual(ws.freeze_panes, "A2")
        self.assertEqual(ws.auto_filter.ref, f"A1:J{len(want)}")
        title_width = ws.column_dimensions["B"].width
        longest = max(len(r[1]) for r in want)
        self.assertGreaterEqual(title_width, min(longest, 60))
        self.assertLess(ws.column_dimensions["C"].width, title_width)
        dated = [c for c in ws["D"][1:] if isinstance(c.value, datetime.datetime)]
        self.assertTrue(dated)
        for c in dated:
            self.assertEqual(c.number_format, "yyyy-mm-dd")

    def test_group_by_and_partners_with_links_and_cjk(self):
        path = os.path.join(self.tmp, "partners.xlsx")
        fields = "id,name,native_name,country,website"
        collab("list", "partners", "--fields", fields, "-o", path)
        want = csv_rows(collab("list", "partners", "--fields", fields, "--format", "csv",
                               "--no-formula-guard").stdout.decode())
        ws = openpyxl.load_workbook(path).worksheets[0]
        Compare(self).rows(sheet_rows(ws), want, "list partners")
        self.assertIn("浙江大学", [c.value for c in ws["C"]])  # CJK intact
        links = [c for c in ws["E"][1:] if c.value]
        self.assertTrue(links)
        for c in links:
            self.assertEqual(c.hyperlink.target, c.value)

        grouped = os.path.join(self.tmp, "grouped.xlsx")
        collab("list", "agreements", "--group-by", "status", "-o", grouped)
        want = csv_rows(collab("list", "agreements", "--group-by", "status", "--format",
                               "csv").stdout.decode())
        cmp = Compare(self)
        cmp.rows(sheet_rows(openpyxl.load_workbook(grouped).worksheets[0]), want, "group-by")
        self.assertEqual(cmp.numbers, len(want) - 1)


class ReportsAndExport(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)

    REPORTS = [["summary"], ["expiring"], ["partner", "zju"], ["timeline"], ["areas"],
               ["mobility"]]

    def test_every_report_has_facts_first_then_one_sheet_per_table(self):
        for args in self.REPORTS:
            with self.subTest(report=args[0]):
                path = os.path.join(self.tmp, args[0] + ".xlsx")
                collab("report", *args, "-o", path)
                book = openpyxl.load_workbook(path)
                self.assertEqual(book.sheetnames[0], "Facts")
                facts = sheet_rows(book["Facts"])
                self.assertEqual(facts[0], ["section", "fact", "value"])
                self.assertEqual(facts[3][1:], ["today", datetime.datetime(2026, 1, 15)])
                # The Markdown form holds the same tables, in the same order (it leaves
                # empty ones out; the workbook keeps their header).
                md = md_tables(collab("report", *args, "--format", "md").stdout.decode())
                sheets = [(rows[0], len(rows) - 1)
                          for rows in (sheet_rows(ws) for ws in book.worksheets[1:])]
                for ws in book.worksheets:
                    self.assertLessEqual(len(ws.title), 31)
                filled = [t for t in sheets if t[1] > 0]
                self.assertEqual(filled[:len(md)], md)
                self.assertLessEqual(len(filled) - len(md), 1)  # the CSV form, below
                # Reports with a CSV form: the CSV's rows are the sheets' rows.
                out = collab("report", *args, "--format", "csv", "--no-formula-guard",
                             check=False)
                if out.returncode != 0:
                    continue
                want = csv_rows(out.stdout.decode())
                same = [ws for ws in book.worksheets[1:] if sheet_rows(ws)[0] == want[0]]
                self.assertEqual(len(same), 1, args[0])
                Compare(self).rows(sheet_rows(same[0]), want, args[0])

    def test_export_has_one_sheet_per_csv_file_cell_for_cell(self):
        path = os.path.join(self.tmp, "store.xlsx")
        collab("export", "-o", path)
        folder = os.path.join(self.tmp, "csv")
        collab("export", "--format", "csv", "--out", folder, "--no-formula-guard")
        book = openpyxl.load_workbook(path)
        files = sorted(f[:-4] for f in os.listdir(folder))
        self.assertEqual(sorted(book.sheetnames), files)
        cmp = Compare(self)
        for name in files:
            with open(os.path.join(folder, name + ".csv"), encoding="utf-8", newline="") as f:
                cmp.rows(sheet_rows(book[name]), list(csv.reader(f)), name)
        self.assertGreater(cmp.dates, 10)
        self.assertGreater(cmp.numbers, 5)
        for row in sheet_rows(book["agreements"])[1:]:
            self.assertIsInstance(row[0], str)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


class BadInput(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)
        self.store = os.path.join(self.tmp, "store")
        write(os.path.join(self.store, "collab.yaml"), "name: Hostile\n")
        self.long = "名" * 20000 + "x" * 20000  # 40,000 characters, 80,000 bytes
        write(os.path.join(self.store, "partners", "long.yaml"),
              f'name: "{self.long}"\ntype: university\ncountry: CN\n')
        # A name that reads as a date, among names that do not: text, not a date.
        write(os.path.join(self.store, "partners", "datelike.yaml"),
              'name: "2024-05-01"\ntype: university\ncountry: HK\n')
        # Characters XML 1.0 forbids (U+0001, U+000B, U+FFFE) and an Excel formula.
        write(os.path.join(self.store, "partners", "ctl.yaml"),
              'name: "a\\x01b\\vc\\uFFFEd"\nshort: "=HYPERLINK(\\"http://x\\")"\n'
              'type: university\ncountry: HK\n')

    def test_cell_over_excels_limit_is_cut_with_a_mark_and_a_warning(self):
        path = os.path.join(self.tmp, "p.xlsx")
        r = collab("list", "partners", "--fields", "id,name,short", "-o", path, store=self.store)
        self.assertIn(b"warning: sheet 'collab': 1 cell over Excel's 32767 characters cut",
                      r.stderr)
        rows = sheet_rows(openpyxl.load_workbook(path).worksheets[0])
        by_id = {row[0]: row for row in rows[1:]}
        cut = by_id["long"][1]
        self.assertEqual(len(cut), 32767)  # all BMP: characters = UTF-16 units
        self.assertTrue(cut.endswith(MARK))
        self.assertTrue(self.long.startswith(cut[:-len(MARK)]))
        # XML-forbidden characters become U+FFFD (as in CSV); formulas stay text.
        self.assertEqual(by_id["ctl"][1], "a\ufffdb\ufffdc\ufffdd")
        self.assertEqual(by_id["ctl"][2], '=HYPERLINK("http://x")')
        csv_text = collab("list", "partners", "--fields", "id,name", "--format", "csv",
                          store=self.store).stdout.decode()
        self.assertIn("a\ufffdb\ufffdc\ufffdd", csv_text)

    def test_a_date_like_text_in_a_text_column_stays_text(self):
        path = os.path.join(self.tmp, "e.xlsx")
        collab("export", "-o", path, store=self.store)
        rows = sheet_rows(openpyxl.load_workbook(path)["partners"])
        names = {row[0]: row[rows[0].index("name")] for row in rows[1:]}
        self.assertEqual(names["datelike"], "2024-05-01")

    def test_refused_on_a_terminal_but_fine_through_a_pipe(self):
        for args in (["list", "partners", "--format", "xlsx"], ["report", "summary", "--format",
                     "xlsx"], ["export", "--format", "xlsx"]):
            with self.subTest(args=args):
                pid, fd = pty.fork()
                if pid == 0:
                    os.execve(COLLAB, [COLLAB, "--store", self.store, *args], ENV)
                out = b""
                while True:
                    try:
                        chunk = os.read(fd, 4096)
                    except OSError:
                        break
                    if not chunk:
                        break
                    out += chunk
                _, status = os.waitpid(pid, 0)
                self.assertEqual(os.waitstatus_to_exitcode(status), 2, out)
                self.assertIn(b"binary workbook", out)
                self.assertIn(b"-o FILE.xlsx", out)
                self.assertNotIn(b"PK\x03\x04", out)
                piped = collab(*args, store=self.store)
                self.assertTrue(piped.stdout.startswith(b"PK\x03\x04"))

    def test_unwritable_output_is_a_clear_error_with_nothing_written(self):
        missing = os.path.join(self.tmp, "no", "such", "dir", "p.xlsx")
        r = collab("list", "partners", "-o", missing, store=self.store, check=False)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"p.xlsx", r.stderr)
        self.assertFalse(os.path.exists(os.path.dirname(missing)))
        target = os.path.join(self.tmp, "keep.xlsx")
        write(target, "old")
        for failure in ("ENOSPC", "EACCES"):
            r = collab("export", "-o", target, store=self.store, check=False,
                       env={"COLLAB_TEST_WRITE_FAILURE": failure})
            self.assertEqual(r.returncode, 2, r.stderr)
            with open(target, encoding="utf-8") as f:
                self.assertEqual(f.read(), "old")
            self.assertEqual(sorted(os.listdir(self.tmp)), ["keep.xlsx", "store"])
        # The rows stream through $TMPDIR: one that is missing is the environment's fault.
        r = collab("list", "partners", "-o", target, store=self.store, check=False,
                   env={"TMPDIR": os.path.join(self.tmp, "missing")})
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"set TMPDIR to a writable folder", r.stderr)
        with open(target, encoding="utf-8") as f:
            self.assertEqual(f.read(), "old")
        d = os.path.join(self.tmp, "adir.xlsx")
        os.mkdir(d)
        r = collab("report", "summary", "-o", d, store=self.store, check=False)
        self.assertEqual(r.returncode, 2, r.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
