#!/usr/bin/python3
"""collab diff on real git repositories: exactly the planted changes, nothing else.

Usage: diff_test.py COLLAB CONSORTIUM_STORE

The store sits in a sub-folder with a space in its name. Between two commits a status,
a party, a milestone, a funding amount and a notice period change, a partner is renamed
(git mv, name kept), an event is added and a person removed; comments, quoting, key order
and flow-versus-block style change elsewhere and must not show.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

COLLAB, CONSORTIUM = sys.argv[1:3]
STORE = "store dir"


def sh(*args, cwd):
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)


def edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


class Repo:
    def __init__(self):
        self.top = tempfile.mkdtemp()
        self.store = os.path.join(self.top, STORE)
        shutil.copytree(CONSORTIUM, self.store)
        sh("git", "init", "-q", cwd=self.top)
        sh("git", "config", "user.email", "t@example.org", cwd=self.top)
        sh("git", "config", "user.name", "t", cwd=self.top)
        self.commit("first")
        self.first = self.head()

    def head(self):
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=self.top, check=True,
                              capture_output=True, text=True).stdout.strip()

    def commit(self, message):
        sh("git", "add", "-A", cwd=self.top)
        sh("git", "commit", "-q", "-m", message, cwd=self.top)

    def path(self, rel):
        return os.path.join(self.store, rel)

    def plant(self):
        edit(self.path("agreements/hkust-tum-research.yaml"), "status: signed", "status: active")
        edit(self.path("agreements/hkust-tum-research.yaml"), "parties: [hkust, tum]",
             "parties: [hkust, tum, acme-bio]")
        edit(self.path("projects/medical-ai-lab.yaml"),
             "  - title: First joint paper\n    due: 2026-06\n",
             "  - title: First joint paper\n    due: 2026-06\n    done: true\n")
        edit(self.path("projects/medical-ai-lab.yaml"), "amount: 1200000", "amount: 1500000")
        sh("git", "mv", os.path.join(STORE, "partners/acme-bio.yaml"),
           os.path.join(STORE, "partners/acme-biotech.yaml"), cwd=self.top)
        for rel in ["people/maria-rossi.yaml", "agreements/tum-acme-data.yaml",
                    "agreements/hkust-tum-research.yaml"]:
            edit(self.path(rel), "acme-bio", "acme-biotech")
        with open(self.path("events/basel-visit.yaml"), "w") as f:
            f.write("title: Visit to Basel\ntype: visit\ndate: 2026-03-02\n"
                    "partners: [hkust, acme-biotech]\n")
        os.remove(self.path("people/wei-shyy.yaml"))
        # Changes of form only: a comment, quotes, flow to block style.
        edit(self.path("agreements/hkust-itc-training.yaml"), "type: training",
             "# funded by the ITC\ntype: 'training'")
        edit(self.path("agreements/hkust-itc-training.yaml"), "parties: [hkust, hk-itc]",
             "parties:\n  - hkust\n  - hk-itc")
        self.commit("second")
        self.second = self.head()
        sh("git", "tag", "v1", self.first, cwd=self.top)
        sh("git", "tag", "v2", self.second, cwd=self.top)


PLANTED = {
    ("changed", "agreement", "hkust-tum-research"): [
        {"field": "status", "before": "signed", "after": "active"},
        {"field": "parties", "added": ["acme-biotech"], "removed": []}],
    ("changed", "agreement", "tum-acme-data"): [
        {"field": "parties", "added": ["acme-biotech"], "removed": ["acme-bio"]}],
    ("changed", "project", "medical-ai-lab"): [
        {"field": "funding[NSFC].amount", "before": "1200000", "after": "1500000"},
        {"field": "milestones[First joint paper].done", "before": None, "after": "true"}],
    # The role's key (its partner) changed, so the entry is replaced, not changed in place.
    ("changed", "person", "maria-rossi"): [
        {"field": "roles", "added": ["{partner: acme-biotech, title: Chief Executive}"],
         "removed": ["{partner: acme-bio, title: Chief Executive}"]}],
    ("renamed", "partner", "acme-biotech"): [],
    ("added", "event", "basel-visit"): [],
    ("removed", "person", "wei-shyy"): [],
}


def run(*args, cwd, check=True):
    r = subprocess.run([COLLAB, *args], cwd=cwd, capture_output=True, text=True, timeout=60,
                       env={"PATH": os.environ["PATH"], "COLLAB_TODAY": "2026-01-15"})
    if check and r.returncode not in (0, 1):
        raise AssertionError(f"{args}: {r.returncode}\n{r.stderr}")
    return r


def changes(doc):
    return {(c["change"], c["kind"], c["id"]): c["fields"] for c in doc["changes"]}


class Diff(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.repo = Repo()
        cls.repo.plant()

    def test_between_two_commits_exactly_the_planted_changes(self):
        r = run("--store", STORE, "diff", self.repo.first, self.repo.second, "--format", "json",
                cwd=self.repo.top)
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        got = changes(doc)
        self.assertEqual(got, PLANTED)
        renamed = next(c for c in doc["changes"] if c["change"] == "renamed")
        self.assertEqual((renamed["old_id"], renamed["old_file"], renamed["file"]),
                         ("acme-bio", "partners/acme-bio.yaml", "partners/acme-biotech.yaml"))
        self.assertEqual((doc["added"], doc["removed"], doc["renamed"], doc["changed"]),
                         (1, 1, 1, 4))

    def test_text_output_whole(self):
        r = run("--store", STORE, "diff", "v1", "v2", cwd=self.repo.top)
        self.assertEqual(r.stdout, """\
v1 -> v2: 1 added, 1 removed, 1 renamed, 4 changed
renamed  partner acme-bio -> acme-biotech  Acme Biotech AG
           file: partners/acme-bio.yaml -> partners/acme-biotech.yaml
changed  person maria-rossi  Maria Rossi
           roles: +{partner: acme-biotech, title: Chief Executive} -{partner: acme-bio, title: Chief Executive}
removed  person wei-shyy  Wei Shyy
changed  agreement hkust-tum-research  Research cooperation with TUM
           status: signed -> active
           parties: +acme-biotech
changed  agreement tum-acme-data  Data-sharing agreement for the imaging platform
           parties: +acme-biotech -acme-bio
changed  project medical-ai-lab  Joint Medical AI Lab
           funding[NSFC].amount: 1200000 -> 1500000
           milestones[First joint paper].done: (none) -> true
added    event basel-visit  Visit to Basel
""")

    def test_range_syntax_and_exit_code(self):
        r = run("--store", STORE, "diff", f"{self.repo.first}..{self.repo.second}",
                "--format", "json", "--exit-code", cwd=self.repo.top)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(set(changes(json.loads(r.stdout))), set(PLANTED))
        r = run("--store", STORE, "diff", self.repo.second, self.repo.second, "--exit-code",
                cwd=self.repo.top)
        self.assertEqual((r.returncode, r.stdout.splitlines()[-1]),
                         (0, f"{self.repo.second} -> {self.repo.second}: no changes"))

    def test_working_tree_against_head_and_against_a_revision(self):
        repo = Repo()
        edit(repo.path("partners/tum.yaml"), "name: ", "name: The ")
        inside = os.path.join(repo.store, "agreements")  # the store is found from inside
        doc = json.loads(run("diff", "--format", "json", cwd=inside).stdout)
        self.assertEqual((doc["from"], doc["to"]), ("HEAD", "the working tree"))
        self.assertEqual(list(changes(doc)), [("changed", "partner", "tum")])
        field = changes(doc)[("changed", "partner", "tum")][0]
        self.assertEqual(field["field"], "name")
        self.assertTrue(field["after"].startswith("The "))
        repo.commit("tum")
        doc = json.loads(run("diff", repo.first, "--format", "json", cwd=inside).stdout)
        self.assertEqual(list(changes(doc)), [("changed", "partner", "tum")])

    def test_markdown_for_a_pull_request(self):
        r = run("--store", STORE, "diff", self.repo.first, self.repo.second, "--format", "md",
                cwd=self.repo.top)
        md = r.stdout
        self.assertTrue(md.startswith("### collab diff: 1 added, 1 removed, 1 renamed, 4 changed\n"))
        self.assertIn("- partner `acme-bio` → `acme-biotech`: Acme Biotech AG\n", md)
        self.assertIn("  - `status`: `signed` → `active`\n", md)
        self.assertIn("  - `parties`: +`acme-biotech` -`acme-bio`\n", md)
        self.assertNotIn("hkust-itc-training", md)

    def test_errors(self):
        outside = tempfile.mkdtemp()
        shutil.copytree(CONSORTIUM, os.path.join(outside, "s"))
        r = run("--store", "s", "diff", cwd=outside, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("is not inside a git repository", r.stderr)
        r = run("--store", STORE, "diff", "no-such-branch", cwd=self.repo.top, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown revision 'no-such-branch'", r.stderr)
        r = run("--store", STORE, "diff", "--output=x", "a", "b", "c", cwd=self.repo.top,
                check=False)
        self.assertEqual(r.returncode, 2)
        r = run("--store", STORE, "diff", "--", "--upload-pack=touch /tmp/x", cwd=self.repo.top,
                check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("is not a revision", r.stderr)

    def test_a_store_that_did_not_exist_yet(self):
        repo = Repo()
        os.makedirs(os.path.join(repo.top, "later", "partners"))
        with open(os.path.join(repo.top, "later", "collab.yaml"), "w") as f:
            f.write("name: Later\n")
        with open(os.path.join(repo.top, "later", "partners", "x.yaml"), "w") as f:
            f.write("name: X\ntype: company\ncountry: CH\n")
        doc = json.loads(run("--store", "later", "diff", "--format", "json",
                             cwd=repo.top).stdout)
        self.assertEqual(list(changes(doc)), [("changed", "settings", "collab.yaml"),
                                              ("added", "partner", "x")])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
