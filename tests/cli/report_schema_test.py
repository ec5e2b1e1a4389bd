#!/usr/bin/env python3
"""Every report's JSON (report JSON v2) validates against `collab schema --report NAME`.

Each report named by `collab report --help` is run with `--format json` on data/ and every
fixture store, with its defaults and with its own options (and a filter), and the output is
validated by Python's jsonschema (Draft 2020-12) against the schema collab prints; the
schemas themselves are checked as schemas. The test also checks what v2 promises beyond a
schema's reach: every key collab chooses is snake_case ASCII.

Usage: report_schema_test.py COLLAB REPO
"""
import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import jsonschema

COLLAB, REPO = sys.argv[1], sys.argv[2]
TODAY = "2026-01-15"
STORES = [os.path.join(REPO, "data")] + [
    os.path.join(REPO, "tests", "stores", s)
    for s in sorted(os.listdir(os.path.join(REPO, "tests", "stores")))
    if os.path.exists(os.path.join(REPO, "tests", "stores", s, "collab.yaml"))]

# Odd stores written here: an empty one, and one with a record of each kind whose values are
# odd (no parties, only the home, dangling and repeated parties, a long parent chain and a
# loop, partial and impossible dates, renewal with and without a term, a terminated and a
# superseded agreement, owners missing, dangling and mistyped, names with commas, quotes,
# newlines and CJK, mistyped fields). Whatever is in a store, the JSON keeps its schema.
ODD = {
    "empty": {"collab.yaml": "name: Empty\n"},
    "odd": {
        "collab.yaml": 'name: Odd "store", with commas\nhome: home\nexpiring: 90d\n',
        "partners/home.yaml": "name: Home U\ntype: university\ncountry: HK\n",
        "partners/a1.yaml": 'name: "Top, \\"Quoted\\" 大学"\ntype: university\ncountry: CN\n',
        **{f"partners/a{i}.yaml": f"name: Level {i}\ntype: university\ncountry: CN\n"
           f"parent: a{i - 1}\n" for i in range(2, 9)},
        "partners/b.yaml": 'name: "Line\\nbreak, inc"\ntype: company\ncountry: DE\nparent: a1\n',
        "partners/loop1.yaml": "name: Loop one\ntype: university\ncountry: FR\nparent: loop2\n",
        "partners/loop2.yaml": "type: university\ncountry: [FR, DE]\nparent: loop1\n",
        "people/p1.yaml": 'name: "Doe, \\"J\\"\\n二"\n',
        "agreements/noparties.yaml": "title: No parties\ntype: mou\nstatus: active\n"
                                     "signed: 2025-01-01\nexpires: 2026-02\n",
        "agreements/onlyhome.yaml": "title: Only home\ntype: mou\nstatus: active\n"
                                    "parties: [home]\nsigned: 2025\nexpires: 2026-03-01\n"
                                    "renewal: {automatic: true}\nowner: ghost\n",
        "agreements/dangling.yaml": "title: Dangling\ntype: mou\nstatus: signed\n"
                                    "parties: [home, nowhere, a8, b, a8]\nsigned: 2024-05\n"
                                    "expires: 2025-12-31\n"
                                    "renewal: {automatic: true, term: 1y, notice: 3m}\n"
                                    'owner: p1\nareas: ["x, y", 中文]\n',
        "agreements/term.yaml": 'title: "Terminated, \\"early\\""\ntype: mou\nstatus: active\n'
                                "parties: [a2, a3]\nsigned: 2020-01-01\nexpires: 2030-01-01\n"
                                "terminated: 2025-06-01\n",
        "agreements/sup.yaml": "title: Superseded\ntype: mou\nstatus: superseded\n"
                               "parties: [a1]\nsigned: 2019\nexpires: 2024\n",
        "agreements/new.yaml": "title: New\ntype: mou\nstatus: active\nparties: [a1]\n"
                               "signed: 2024\nsupersedes: sup\n",
        "agreements/weird1.yaml": "title: [not, a, string]\ntype: mou\nstatus: active\n"
                                  "parties: loop1\nsigned: 2025-13-45\nexpires: not a date\n"
                                  "renewal: yes\nareas: research\nowner: [p1]\n",
        "agreements/weird2.yaml": 'title: ""\ntype: {a: b}\nstatus: 12\n'
                                  "parties: [{x: y}, loop2, ~, 42]\nsigned: 2025-01-01\n"
                                  "effective: 2025-02\nexpires: 2026-02-01\n"
                                  'renewal: {automatic: "yes", term: forever, notice: -3d}\n',
        "agreements/weird3.yaml": "title: Renewing without dates\ntype: mou\nstatus: active\n"
                                  "parties: [a1, loop1]\nexpires: 2020-01-31\n"
                                  "renewal: {automatic: true, term: 1m, notice: 2m}\n",
        "projects/pr.yaml": "title: Proj\ntype: research\nstatus: active\n",
        "projects/pr2.yaml": "title: P2\ntype: research\nstatus: active\n"
                             "partners: [a1, ghost]\nstart: 2025-01\nend: 2024\n"
                             "milestones:\n  - {title: M, due: 2026-01}\n",
        "events/ev.yaml": "title: Ev\ndate: 2025-03\n",
        "events/ev2.yaml": "title: Ev2\ntype: visit\ndate: 2025-03-01\nend: 2025-02-01\n"
                           "partners: [a2]\nmobility: {inbound: 3, outbound: x}\n",
    },
}
ODD_ROOT = tempfile.mkdtemp(prefix="collab-report-schema-")
atexit.register(shutil.rmtree, ODD_ROOT, True)
for store, files in ODD.items():
    for rel, text in files.items():
        path = os.path.join(ODD_ROOT, store, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    STORES.append(os.path.join(ODD_ROOT, store))
SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
# Extra runs per report: its own options and a filter.
EXTRA = {
    "summary": [["status = active"]],
    "expiring": [["--within", "2y"], ["--within", "1d", "--exit-code"]],
    "timeline": [["--from", "2024", "--to", "2026-06"]],
    "areas": [["--level", "all"]],
    "mobility": [["type = exchange"]],
    "register": [["--exit-code"], ["status = active"], ["type = mou", "--exit-code"]],
    "partner": [["status = active"]],
}


def run(*args):
    return subprocess.run([COLLAB, *args], capture_output=True, text=True,
                          env={"PATH": os.environ["PATH"]})


def report_names():
    out = run("report", "--help").stdout
    line = re.search(r"Reports: ([^\n]+)", out).group(1)
    return [n.strip() for n in line.split(",")]


def partners(store):
    folder = os.path.join(store, "partners")
    if not os.path.isdir(folder):
        return []
    return sorted(os.path.splitext(f)[0] for f in os.listdir(folder) if f.endswith(".yaml"))


def collab_keys(doc, path="$"):
    """The keys collab chooses: all object keys, since v2 never uses record text as a key."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield path, k
            yield from collab_keys(v, f"{path}.{k}")
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from collab_keys(v, f"{path}[{i}]")


class ReportSchemas(unittest.TestCase):
    def test_every_report_validates_on_every_store(self):
        names = report_names()
        self.assertIn("register", names)
        for name in names:
            proc = run("schema", "--report", name)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            schema = json.loads(proc.stdout)
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            runs = 0
            for store in STORES:
                ids = partners(store)[:1] if name == "partner" else [None]
                for pid in ids:
                    for extra in [[]] + EXTRA.get(name, []):
                        args = ["--store", store, "--today", TODAY, "report", name]
                        args += [pid] if pid else []
                        args += ["--format", "json", *extra]
                        with self.subTest(report=name, store=os.path.basename(store),
                                          extra=extra):
                            proc = run(*args)
                            if proc.returncode == 2 and extra and not proc.stdout:
                                continue  # a filter this store's records cannot take
                            if proc.returncode == 2:
                                # --exit-code on a store with errors: 2, report written.
                                self.assertIn("--exit-code", extra)
                                self.assertIn("cannot tell", proc.stderr)
                            else:
                                self.assertIn(proc.returncode, (0, 1), proc.stderr)
                            doc = json.loads(proc.stdout)
                            errors = sorted(validator.iter_errors(doc), key=str)
                            self.assertEqual(errors, [], errors[:1])
                            for where, key in collab_keys(doc):
                                self.assertRegex(key, SNAKE, where)
                            runs += 1
            self.assertGreater(runs, len(STORES) - 1, name)

    def test_schema_rejects_v1_shapes(self):
        """The schema is not vacuous: v1's string booleans and keys with spaces fail."""
        schema = json.loads(run("schema", "--report", "expiring").stdout)
        doc = json.loads(run("--store", os.path.join(REPO, "tests", "stores", "consortium"),
                             "--today", TODAY, "report", "expiring", "--format", "json").stdout)
        jsonschema.validate(doc, schema)
        row = doc["sections"][0]["tables"][0]["rows"][0]
        for bad in ({"automatic_renewal": "no"}, {"notice date": row["notice_date"]},
                    {"parties": "hkust, oxford"}, {"days_to_notice": "-137"}):
            broken = json.loads(json.dumps(doc))
            broken["sections"][0]["tables"][0]["rows"][0].update(bad)
            with self.subTest(bad=bad):
                with self.assertRaises(jsonschema.ValidationError):
                    jsonschema.validate(broken, schema)
        # v1's columns were plain titles; v2 lists {key, title} in the report's order.
        broken = json.loads(json.dumps(doc))
        table = broken["sections"][0]["tables"][0]
        table["columns"] = [c["title"] for c in table["columns"]]
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)
        table["columns"] = [{"key": json_key, "title": json_key} for json_key in
                            reversed([c["key"] for c in doc["sections"][0]["tables"][0]["columns"]])]
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)

    def test_jq_examples_in_the_docs(self):
        """docs/reports.md's `shell-session` blocks: each `$ collab ... | jq ...` line, run by
        bash from the repository root with `collab` being the binary under test, prints the
        lines below it."""
        with open(os.path.join(REPO, "docs", "reports.md"), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        examples, inside = [], False
        for line in lines:
            if not inside:
                inside = line == "```shell-session"
            elif line == "```":
                inside = False
            elif line.startswith("$ "):
                examples.append([line[2:], ""])
            elif examples:
                examples[-1][1] += line + "\n"
        self.assertGreaterEqual(len(examples), 3)
        for command, expected in examples:
            with self.subTest(command=command):
                self.assertIn("| jq ", command)
                proc = subprocess.run(
                    ["bash", "-o", "pipefail", "-c", 'collab() { "$COLLAB" "$@"; }; ' + command],
                    capture_output=True, text=True, cwd=REPO,
                    env={"PATH": os.environ["PATH"], "COLLAB": COLLAB})
                self.assertEqual(proc.returncode, 0, proc.stderr)
                self.assertEqual(proc.stdout, expected)

    def test_unknown_report_is_a_usage_error(self):
        proc = run("schema", "--report", "registr")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("register", proc.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
