#!/usr/bin/python3
"""`collab mv` on the consortium fixture (issue 17).

Usage: mv_test.py COLLAB REPO

- `mv hkust ust` changes exactly the lines that name the id, as `git diff` sees them: the
  renamed file (git finds the rename), collab.yaml's `home`, and every reference in flow and
  block lists and nested fields; every other byte stays. The lines expected to change are
  found here with PyYAML over the fixture (the reference fields of the format), not by collab.
- `--dry-run` prints the diff and writes nothing; a name works as OLD.
- Interrupted (killed, or failing, after each step in turn), the store validates, and a
  failure restores every file.
- The example store is not written.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

COLLAB, REPO = sys.argv[1], sys.argv[2]
FIXTURE = os.path.join(REPO, "tests", "stores", "consortium")
TODAY = "2026-01-15"
failures = []

# The references to partners in each kind (docs/format.md), as paths into the YAML data.
PARTNER_REFS = {
    "partners": [("parent",)],
    "people": [("roles", "*", "partner")],
    "agreements": [("parties", "*"), ("signatories", "*", "partner")],
    "projects": [("partners", "*"), ("leads", "*", "partner")],
    "events": [("partners", "*")],
}


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(store, *args, env_extra=None, cwd=None):
    env = {"PATH": os.environ["PATH"], "HOME": store, "COLLAB_TODAY": TODAY}
    env.update(env_extra or {})
    return subprocess.run([COLLAB, "--store", store] + list(args), capture_output=True, text=True,
                          env=env, cwd=cwd)


def git(cwd, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd,
                          capture_output=True, text=True, check=True).stdout


def values_at(data, path):
    if not path:
        yield data
        return
    if data is None:
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in data if isinstance(data, list) else []:
            yield from values_at(item, rest)
    elif isinstance(data, dict) and head in data:
        yield from values_at(data[head], rest)


def expected_references(store, old):
    """{file: count} of references to partner `old`, read with PyYAML."""
    out = {}
    for folder, paths in PARTNER_REFS.items():
        for name in sorted(os.listdir(os.path.join(store, folder))):
            if not name.endswith(".yaml"):
                continue
            data = yaml.safe_load(open(os.path.join(store, folder, name), encoding="utf-8"))
            n = sum(1 for p in paths for v in values_at(data, p) if v == old)
            if n:
                out[f"{folder}/{name}"] = n
    return out


def copy_fixture(base, name):
    store = os.path.join(base, name)
    shutil.copytree(FIXTURE, store, ignore=shutil.ignore_patterns(".collab"))
    git(store, "init", "-q")
    git(store, "add", "-A")
    git(store, "commit", "-qm", "fixture")
    return store


def snapshot(store):
    out = {}
    for root, dirs, files in os.walk(store):
        dirs[:] = [d for d in dirs if d not in (".git", ".collab")]
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, store)] = open(p, "rb").read()
    return out


def test_git_diff(base):
    store = copy_fixture(base, "diff")
    refs = expected_references(store, "hkust")
    check(len(refs) > 10, f"the fixture names hkust in many files: {refs}")
    before = snapshot(store)
    dry = run(store, "mv", "hkust", "ust", "--dry-run")
    check(dry.returncode == 0 and "rename partners/hkust.yaml => partners/ust.yaml" in dry.stdout and
          "-home: hkust" in dry.stdout and "+home: ust" in dry.stdout, f"dry run: {dry.stdout[:800]}")
    check(snapshot(store) == before, "--dry-run wrote")
    p = run(store, "mv", "hkust", "ust")
    check(p.returncode == 0, f"mv: {p.stdout}{p.stderr}")
    git(store, "add", "-A")
    status = git(store, "diff", "--cached", "-M", "--name-status")
    check("R100\tpartners/hkust.yaml\tpartners/ust.yaml" in status or
          re.search(r"R\d+\tpartners/hkust.yaml\tpartners/ust.yaml", status), f"rename: {status}")
    changed = {}
    diff = git(store, "diff", "--cached", "-M", "-U0", "--no-color")
    current, removed, added = None, [], []
    for line in diff.splitlines():
        if line.startswith("+++ "):
            current = line[6:]
        elif line.startswith("--- ") or line.startswith("diff ") or line.startswith("@@"):
            continue
        elif line.startswith("-"):
            removed.append((current, line[1:]))
        elif line.startswith("+"):
            added.append((current, line[1:]))
            changed[current] = changed.get(current, 0) + 1
    # Each removed line comes back with only the id replaced, as a word of the line.
    token = re.compile(r"(?<![a-z0-9-])hkust(?![a-z0-9-])")
    check(len(removed) == len(added), f"{len(removed)} lines removed, {len(added)} added")
    for (f1, old), (f2, new) in zip(removed, added):
        check(token.search(old) and token.sub("ust", old) == new, f"{f2}: '{old}' -> '{new}'")
    # Exactly the files (and as many lines as there are references; several on one flow line
    # count once) that PyYAML says name it, plus collab.yaml's home.
    lines_expected = {}
    for f, n in refs.items():
        lines_expected[f] = sum(1 for l in before[f].decode().splitlines() if token.search(l)
                                and not l.lstrip().startswith(("#", "website", "notes", "title", "name")))
    lines_expected["collab.yaml"] = 1
    check(changed == lines_expected, f"changed lines per file: {changed} != {lines_expected}")
    check(set(changed) == set(refs) | {"collab.yaml"}, "files")
    v = run(store, "validate")
    check(v.returncode == 0, f"validate after mv: {v.stdout[-800:]}")
    check(expected_references(store, "hkust") == {}, "references left")

    # By name, another kind, and with KIND/NEW.
    p = run(store, "mv", "Zhejiang University", "partner/zju-main")
    check(p.returncode == 0 and os.path.exists(os.path.join(store, "partners", "zju-main.yaml")),
          f"mv by name: {p.stdout}{p.stderr}")
    p = run(store, "mv", "agreement/hkust-zju-som-mou-2021", "som-mou-2021")
    check(p.returncode == 0, f"mv agreement: {p.stdout}{p.stderr}")
    text = open(os.path.join(store, "agreements", "hkust-zju-som-mou-2024.yaml")).read()
    check("supersedes: som-mou-2021" in text, "supersedes rewritten")
    check(run(store, "validate").returncode == 0, "validate after three renames")
    # Refusals: an existing id, a bad id, another kind, the example store.
    for args, what in ((["tum", "oxford"], "exists already"), (["tum", "Bad Id"], "not a valid id"),
                       (["tum", "agreement/x"], "keeps a record's kind")):
        p = run(store, "mv", *args)
        check(p.returncode == 2 and what in p.stderr, f"mv {args}: {p.stderr}")
    # A file that does not parse may name the record: mv refuses rather than miss it.
    with open(os.path.join(store, "events", "broken.yaml"), "w") as f:
        f.write("title: [unclosed\npartners: [tum]\n")
    p = run(store, "mv", "tum", "tu-munich")
    check(p.returncode == 2 and "events/broken.yaml does not load" in p.stderr, f"broken: {p.stderr}")
    os.remove(os.path.join(store, "events", "broken.yaml"))
    env = {"PATH": os.environ["PATH"], "HOME": base, "COLLAB_DEFAULT_STORE": os.path.join(REPO, "data")}
    p = subprocess.run([COLLAB, "mv", "hkust", "ust"], capture_output=True, text=True, env=env,
                       cwd=base)
    check(p.returncode == 2, f"the example store is refused: {p.stderr}")


def test_interrupted(base):
    refs = expected_references(FIXTURE, "zju")
    steps = len(refs) + 2  # the new file, each referrer, collab.yaml not (home is hkust), removal
    for n in range(steps):
        store = copy_fixture(base, f"crash-{n}")
        p = run(store, "mv", "zju", "zju-new", env_extra={"COLLAB_TEST_MV_CRASH_AFTER": str(n)})
        check(p.returncode == -9, f"crash after {n}: {p.returncode} {p.stderr}")
        v = run(store, "validate")
        check(v.returncode == 0, f"killed after {n} writes: the store does not validate:\n{v.stdout[-1500:]}")
        shutil.rmtree(store)
    for n in range(1, steps):
        store = copy_fixture(base, f"fail-{n}")
        before = snapshot(store)
        p = run(store, "mv", "zju", "zju-new", env_extra={"COLLAB_TEST_MV_FAIL_AFTER": str(n)})
        check(p.returncode == 2 and "restored" in p.stderr, f"fail after {n}: {p.stderr}")
        check(snapshot(store) == before, f"fail after {n}: not every file was restored")
        shutil.rmtree(store)


def main():
    base = tempfile.mkdtemp(prefix="collab-mv-")
    try:
        test_git_diff(base)
        test_interrupted(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("mv: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
