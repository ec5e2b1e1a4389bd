#!/usr/bin/python3
"""The hooks of .pre-commit-hooks.yaml, run by pre-commit itself (`pre-commit try-repo`).

Usage: precommit_test.py COLLAB REPO STORE

A scratch git repository holds a copy of STORE in a sub-folder, named to the hooks with
COLLAB_STORE (try-repo takes no hook arguments; a real config would use
`args: [--store, records]`, as docs/ci.md shows). try-repo reads the hooks from git, so
.pre-commit-hooks.yaml must be committed or staged.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

COLLAB, REPO, STORE = sys.argv[1:4]


class Hooks(unittest.TestCase):
    def setUp(self):
        self.top = tempfile.mkdtemp()
        self.store = os.path.join(self.top, "records")
        shutil.copytree(STORE, self.store)
        self.env = {"PATH": os.path.dirname(COLLAB) + ":" + os.environ["PATH"],
                    "HOME": self.top, "PRE_COMMIT_HOME": os.path.join(self.top, ".cache"),
                    "COLLAB_TODAY": "2026-01-15", "GIT_CONFIG_NOSYSTEM": "1"}
        for args in (["init", "-q"], ["config", "user.email", "t@example.org"],
                     ["config", "user.name", "t"], ["add", "-A"], ["commit", "-qm", "store"]):
            subprocess.run(["git", *args], cwd=self.top, check=True, env=self.env)

    def hook(self, hook_id):
        # try-repo takes the hooks from REPO's working tree, as a user's config would from a
        # tag; the store is a sub-folder, so --store goes in through the hook's arguments.
        config = os.path.join(self.top, ".pre-commit-config.yaml")
        r = subprocess.run(["pre-commit", "try-repo", REPO, hook_id, "--all-files", "--verbose"],
                           cwd=self.top, env={**self.env, "COLLAB_STORE": self.store},
                           capture_output=True, text=True, timeout=300)
        self.assertFalse(os.path.exists(config))
        return r

    def test_validate_passes_on_a_valid_store_and_fails_on_an_error(self):
        r = self.hook("collab-validate")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("collab validate", r.stdout)
        with open(os.path.join(self.store, "partners", "tum.yaml"), "a") as f:
            f.write("parent: no-such-partner\n")
        r = self.hook("collab-validate")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("error[dangling-ref]", r.stdout)

    def test_fmt_rewrites_and_fails_then_passes(self):
        path = os.path.join(self.store, "partners", "tum.yaml")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write("country: DE\n" + text.replace("country: DE\n", "") + "\n\n")
        r = self.hook("collab-fmt")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("files were modified by this hook", r.stdout)
        with open(path) as f:
            self.assertEqual(f.read(), text)
        r = self.hook("collab-fmt")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)


class Recipes(unittest.TestCase):
    def test_docs_ci_yaml_parses_and_names_real_hooks(self):
        import re
        import yaml
        with open(os.path.join(REPO, "docs", "ci.md")) as f:
            blocks = re.findall(r"```yaml\n(.*?)```", f.read(), re.S)
        docs = [yaml.safe_load(b) for b in blocks]
        self.assertEqual(len(docs), 4)
        # The action's recipe is checked by github_actions_test.py; this is the one by hand.
        _action, github, gitlab, precommit = docs
        steps = github["jobs"]["records"]["steps"]
        commands = "\n".join(s.get("run", "") for s in steps)
        for needed in ["--format github", "--format sarif", "diff", "--format md"]:
            self.assertIn(needed, commands)
        self.assertIn("codequality", gitlab["records"]["artifacts"]["reports"])
        with open(os.path.join(REPO, ".pre-commit-hooks.yaml")) as f:
            hooks = {h["id"] for h in yaml.safe_load(f)}
        used = {h["id"] for r in precommit["repos"] for h in r["hooks"]}
        self.assertEqual(used, hooks)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
