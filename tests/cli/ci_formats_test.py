#!/usr/bin/python3
"""validate's CI formats, read back the way the platforms read them.

Usage: ci_formats_test.py COLLAB STORE SARIF_SCHEMA

STORE holds three planted errors in three files and one warning. The JUnit file is parsed
with ElementTree, the SARIF log validated against the official SARIF 2.1.0 schema with
jsonschema, and fingerprints are checked to survive edits above the finding.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import jsonschema

COLLAB, STORE, SARIF_SCHEMA = sys.argv[1:4]
PLANTED = {  # path relative to the store -> (line, code) of its error
    "agreements/a-b-mou.yaml": (4, "dangling-ref"),
    "partners/uni-a.yaml": (3, "bad-value"),
    "people/pat-lee.yaml": (1, "missing-field"),
}


def run(*args, cwd=None, env=None, store=STORE):
    full_env = {"PATH": os.environ.get("PATH", ""), "COLLAB_TODAY": "2026-01-15"}
    full_env.update(env or {})
    return subprocess.run([COLLAB, "--store", store, "validate", *args], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=60)


class GitHub(unittest.TestCase):
    def test_three_error_annotations_on_the_right_lines(self):
        r = run("--format", "github")
        self.assertEqual(r.returncode, 1)
        errors = re.findall(r"^::error file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.+)$",
                            r.stdout, re.M)
        self.assertEqual(len(errors), 3, r.stdout)
        store = os.path.relpath(STORE)
        for path, line, _col, code, _message in errors:
            rel = os.path.relpath(path, store)
            self.assertIn(rel, PLANTED)
            self.assertEqual((int(line), code), PLANTED[rel])
            self.assertTrue(os.path.exists(path), "annotation path must open from the cwd")

    def test_paths_are_relative_to_the_working_directory(self):
        with tempfile.TemporaryDirectory() as elsewhere:
            r = run("--format", "github", cwd=elsewhere, store=os.path.abspath(STORE))
            for path in re.findall(r"^::\w+ file=([^,]+),", r.stdout, re.M):
                self.assertTrue(os.path.exists(os.path.join(elsewhere, path)), path)

    def test_errors_come_before_warnings(self):
        kinds = re.findall(r"^::(error|warning) ", run("--format", "github").stdout, re.M)
        self.assertEqual(kinds, ["error"] * 3 + ["warning"])

    def test_step_summary_is_appended(self):
        with tempfile.NamedTemporaryFile("w+", suffix=".md") as summary:
            summary.write("earlier step\n")
            summary.flush()
            run("--format", "github", env={"GITHUB_STEP_SUMMARY": summary.name})
            text = open(summary.name).read()
        self.assertTrue(text.startswith("earlier step\n### collab validate: "), text)
        rows = [l for l in text.splitlines() if l.startswith("| error") or l.startswith("| warning")]
        self.assertEqual(len(rows), 4)
        self.assertTrue(all(l.startswith("| error") for l in rows[:3]))

    def test_auto_picks_github_in_actions_only(self):
        self.assertIn("::error ", run("--format", "auto", env={"GITHUB_ACTIONS": "true"}).stdout)
        self.assertNotIn("::error ", run("--format", "auto").stdout)

    def test_workflow_command_escaping(self):
        with tempfile.TemporaryDirectory() as tmp:
            store = os.path.join(tmp, "s,1:x%")
            shutil.copytree(STORE, store)
            r = run("--format", "github", cwd=tmp, store="s,1:x%")
            line = next(l for l in r.stdout.splitlines() if "uni-a.yaml" in l)
            # ':' and ',' would end a property value and '%' starts an escape: all escaped.
            self.assertEqual(line.split("::")[1],
                             "error file=s%2C1%3Ax%25/partners/uni-a.yaml,line=3,col=10,"
                             "title=bad-value")


class JUnit(unittest.TestCase):
    def test_well_formed_with_three_failures(self):
        r = run("--format", "junit")
        root = ET.fromstring(r.stdout)
        self.assertEqual(root.tag, "testsuites")
        suite = root.find("testsuite")
        cases = suite.findall("testcase")
        files = {c.get("name") for c in cases}
        self.assertEqual(files, set(PLANTED) | {"partners/uni-b.yaml", "partners/uni-c.yaml",
                                                 "collab.yaml"})
        failures = [(c.get("name"), f.get("type")) for c in cases for f in c.findall("failure")]
        self.assertEqual(sorted(failures), sorted((p, code) for p, (_, code) in PLANTED.items()))
        self.assertEqual(int(suite.get("tests")), len(cases))
        self.assertEqual(int(suite.get("failures")), 3)
        self.assertEqual(int(root.get("failures")), 3)
        warned = [c for c in cases if c.find("system-out") is not None]
        self.assertEqual([c.get("name") for c in warned], ["partners/uni-b.yaml"])
        self.assertIn("ambiguous-scalar", warned[0].find("system-out").text)

    def test_output_file_extension_picks_junit(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "report.xml")
            r = run("-o", out)
            self.assertEqual((r.returncode, r.stdout), (1, ""))
            self.assertEqual(ET.parse(out).getroot().tag, "testsuites")


class Sarif(unittest.TestCase):
    def setUp(self):
        self.log = json.loads(run("--format", "sarif").stdout)

    def test_valid_against_the_official_schema(self):
        with open(SARIF_SCHEMA) as f:
            schema = json.load(f)
        validator = jsonschema.validators.validator_for(schema)(schema)
        problems = [e.message for e in validator.iter_errors(self.log)]
        self.assertEqual(problems, [])

    def test_one_rule_per_code_and_three_error_results(self):
        run_ = self.log["runs"][0]
        rules = run_["tool"]["driver"]["rules"]
        codes = json.loads(subprocess.run([COLLAB, "--store", STORE, "validate", "--format",
                                           "json"], capture_output=True, text=True).stdout)
        ids = [r["id"] for r in rules]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertTrue(all(r["shortDescription"]["text"] for r in rules))
        results = run_["results"]
        self.assertEqual([r["ruleId"] for r in results],
                         [d["code"] for d in codes["diagnostics"]])
        for r in results:
            self.assertEqual(rules[r["ruleIndex"]]["id"], r["ruleId"])
        errors = [r for r in results if r["level"] == "error"]
        self.assertEqual(len(errors), 3)
        store = os.path.relpath(STORE)
        for r in errors:
            loc = r["locations"][0]["physicalLocation"]
            rel = os.path.relpath(loc["artifactLocation"]["uri"], store)
            self.assertEqual((loc["region"]["startLine"], r["ruleId"]), PLANTED[rel])

    def test_output_file_extension_picks_sarif(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "collab.sarif")
            run("-o", out)
            self.assertEqual(json.load(open(out))["version"], "2.1.0")


class GitLab(unittest.TestCase):
    def issues(self, store=STORE, cwd=None):
        return json.loads(run("--format", "gitlab", store=store, cwd=cwd).stdout)

    def test_code_quality_shape(self):
        issues = self.issues()
        self.assertEqual(len(issues), 4)
        for i in issues:
            self.assertEqual(set(i), {"type", "check_name", "description", "severity",
                                      "fingerprint", "location"})
            self.assertIn(i["severity"], {"info", "minor", "major", "critical", "blocker"})
            self.assertTrue(os.path.exists(i["location"]["path"]))
        self.assertEqual(len({i["fingerprint"] for i in issues}), 4)
        self.assertEqual(sum(i["severity"] == "major" for i in issues), 3)

    def test_fingerprints_survive_edits_above(self):
        before = {i["check_name"]: i for i in self.issues()}
        with tempfile.TemporaryDirectory() as tmp:
            store = os.path.join(tmp, "s")
            shutil.copytree(STORE, store)
            path = os.path.join(store, "agreements", "a-b-mou.yaml")
            text = open(path).read()
            with open(path, "w") as f:
                f.write("# a comment\n# and another\n" + text)
            after = {i["check_name"]: i for i in self.issues(store="s", cwd=tmp)}
        moved = after["dangling-ref"]
        self.assertEqual(moved["location"]["lines"]["begin"], 6)
        self.assertEqual(moved["fingerprint"], before["dangling-ref"]["fingerprint"])


class Selection(unittest.TestCase):
    def test_only_ignore_and_max_errors_in_json(self):
        codes = lambda r: [d["code"] for d in json.loads(r.stdout)["diagnostics"]]
        self.assertEqual(codes(run("--format", "json", "--only", "bad-value")), ["bad-value"])
        self.assertNotIn("bad-value", codes(run("--format", "json", "--ignore", "bad-value")))
        r = run("--format", "json", "--max-errors", "2")
        doc = json.loads(r.stdout)
        self.assertEqual(r.returncode, 1)
        self.assertEqual((doc["errors"], doc["errors_not_shown"]), (3, 1))
        self.assertEqual(sum(d["severity"] == "error" for d in doc["diagnostics"]), 2)

    def test_max_errors_zero_still_fails(self):
        r = run("--format", "github", "--max-errors", "0")
        self.assertEqual(r.returncode, 1)
        self.assertNotIn("::error", r.stdout)

    def test_ignoring_every_error_passes(self):
        r = run("--ignore", "dangling-ref,bad-value,missing-field")
        self.assertEqual(r.returncode, 0, r.stdout)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
