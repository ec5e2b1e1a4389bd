#!/usr/bin/python3
"""The warm path and the threads change nothing: every fixture store gives byte-identical
output without the cache, with a cold cache, with a warm one, and on 1 or 3 threads; a
corrupt, truncated, foreign or concurrently written cache is ignored and rebuilt; a store
where no cache can be written works without one.

Usage: cache_test.py COLLAB REPO GENERATOR
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from concurrent.futures import ThreadPoolExecutor

COLLAB, REPO, GENERATOR = sys.argv[1:4]
ENV = {"PATH": os.environ["PATH"], "COLLAB_TODAY": "2026-01-15"}
COMMANDS = [["validate", "--format", "json"], ["export"], ["report", "summary", "--format", "json"]]


def outputs(store, *extra, env=None):
    """What the commands print for `store`: stdout, stderr and status of each."""
    result = []
    for command in COMMANDS:
        r = subprocess.run([COLLAB, "--store", store, *extra, *command], capture_output=True,
                           env={**ENV, **(env or {})}, timeout=120)
        result.append((r.stdout, r.stderr, r.returncode))
    return result


def copy(store):
    target = os.path.join(tempfile.mkdtemp(), "store")
    shutil.copytree(store, target, symlinks=True, ignore=shutil.ignore_patterns(".collab"))
    return target


def cache_of(store):
    return os.path.join(store, ".collab", "cache")


def fixture_stores():
    stores = [os.path.join(REPO, "data")]
    stores += sorted(glob.glob(os.path.join(REPO, "tests", "stores", "*")))
    stores += sorted(glob.glob(os.path.join(REPO, "tests", "cli", "cases", "*", "*", "store")))
    return [s for s in stores if os.path.isfile(os.path.join(s, "collab.yaml"))]


class Equivalence(unittest.TestCase):
    def test_every_fixture_with_and_without_the_cache_and_threads(self):
        stores = fixture_stores()
        self.assertGreater(len(stores), 40)
        for original in stores:
            with self.subTest(store=os.path.relpath(original, REPO)):
                store = copy(original)
                plain = outputs(store, "--no-cache", "-j", "1")
                self.assertFalse(os.path.exists(os.path.join(store, ".collab")))
                self.assertEqual(outputs(store), plain, "cold cache")
                self.assertEqual(outputs(store), plain, "warm cache")
                self.assertEqual(outputs(store, "-j", "3"), plain, "3 threads")
                self.assertEqual(outputs(store, env={"COLLAB_NO_CACHE": "1"}), plain)

    def test_a_generated_store_on_any_number_of_threads(self):
        store = os.path.join(tempfile.mkdtemp(), "gen")
        subprocess.run([sys.executable, GENERATOR, "--records", "1500", store], check=True)
        plain = outputs(store, "--no-cache", "-j", "1")
        for jobs in ["2", "3", "8"]:
            self.assertEqual(outputs(store, "--no-cache", "-j", jobs), plain, jobs)
        self.assertEqual(outputs(store), plain)
        self.assertEqual(outputs(store, "-j", "2"), plain)


class Robustness(unittest.TestCase):
    def setUp(self):
        self.store = copy(os.path.join(REPO, "tests", "stores", "consortium"))
        self.plain = outputs(self.store, "--no-cache")
        outputs(self.store)  # writes the cache
        self.assertTrue(os.path.isfile(cache_of(self.store)))

    def assert_rebuilt(self):
        """Same output, a new cache, and the run after that reads it (leaves it alone)."""
        self.assertEqual(outputs(self.store), self.plain)
        first = os.stat(cache_of(self.store))
        self.assertEqual(outputs(self.store), self.plain)
        again = os.stat(cache_of(self.store))
        self.assertEqual((first.st_ino, first.st_mtime_ns), (again.st_ino, again.st_mtime_ns))

    def rewrite_cache(self, change):
        with open(cache_of(self.store), "rb") as f:
            data = f.read()
        with open(cache_of(self.store), "wb") as f:
            f.write(change(data))

    def test_warm_runs_leave_the_cache_alone(self):
        before = os.stat(cache_of(self.store))
        outputs(self.store)
        after = os.stat(cache_of(self.store))
        self.assertEqual((before.st_ino, before.st_mtime_ns), (after.st_ino, after.st_mtime_ns))

    def test_corrupt(self):
        self.rewrite_cache(lambda d: d[:200] + bytes(b ^ 0x5A for b in d[200:400]) + d[400:])
        self.assert_rebuilt()

    def test_truncated(self):
        self.rewrite_cache(lambda d: d[: len(d) // 2])
        self.assert_rebuilt()

    def test_empty_and_garbage(self):
        self.rewrite_cache(lambda d: b"")
        self.assert_rebuilt()
        self.rewrite_cache(lambda d: os.urandom(10000))
        self.assert_rebuilt()

    def test_another_version(self):
        self.rewrite_cache(lambda d: d.replace(b"0.", b"9.", 1))
        self.assert_rebuilt()

    def test_written_concurrently(self):
        os.remove(cache_of(self.store))
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(lambda _: outputs(self.store), range(12)))
        for r in results:
            self.assertEqual(r, self.plain)
        self.assert_rebuilt()
        leftovers = [f for f in os.listdir(os.path.dirname(cache_of(self.store)))
                     if f not in ("cache", ".gitignore")]
        self.assertEqual(leftovers, [])

    def test_no_cache_can_be_written(self):
        shutil.rmtree(os.path.join(self.store, ".collab"))
        with open(os.path.join(self.store, ".collab"), "w") as f:
            f.write("a file where the cache folder would go\n")
        self.assertEqual(outputs(self.store), self.plain)
        self.assertTrue(os.path.isfile(os.path.join(self.store, ".collab")))

    def test_edits_are_seen_even_with_the_same_size_and_mtime(self):
        path = os.path.join(self.store, "partners", "tum.yaml")
        st = os.stat(path)
        with open(path) as f:
            text = f.read()
        changed = text.replace("country: DE", "country: XX")
        self.assertEqual(len(changed), len(text))
        with open(path, "w") as f:
            f.write(changed)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        out = outputs(self.store)
        self.assertIn(b"'XX' is not an ISO 3166-1 country code", out[0][0])
        self.assertEqual(out, outputs(self.store, "--no-cache"))

    def test_added_removed_and_renamed_files(self):
        os.remove(os.path.join(self.store, "people", "wei-shyy.yaml"))
        os.rename(os.path.join(self.store, "partners", "acme-bio.yaml"),
                  os.path.join(self.store, "partners", "acme-biotech.yaml"))
        with open(os.path.join(self.store, "events", "new-one.yaml"), "w") as f:
            f.write("title: New\ntype: visit\ndate: 2026-01-02\n")
        warm = outputs(self.store)
        self.assertEqual(warm, outputs(self.store, "--no-cache"))
        exported = warm[1][0]
        self.assertIn(b'"id": "new-one"', exported)
        self.assertIn(b'"id": "acme-biotech"', exported)
        self.assertNotIn(b'"id": "wei-shyy"', exported)

    def test_a_settings_change_redoes_the_checks_that_depend_on_it(self):
        # Cached records stay; the area checks they carry were made for other settings.
        path = os.path.join(self.store, "collab.yaml")
        with open(path) as f:
            lines = [l for l in f if not l.startswith("areas:")]
        with open(path, "w") as f:
            f.write("".join(lines) + "areas: [research]\n")
        warm = outputs(self.store)
        self.assertIn(b"is not an area declared in collab.yaml", warm[0][0])
        self.assertEqual(warm, outputs(self.store, "--no-cache"))
        self.assertEqual(outputs(self.store), warm)

    def test_the_cache_ignores_itself_in_git(self):
        with open(os.path.join(self.store, ".collab", ".gitignore")) as f:
            self.assertIn("*", f.read().splitlines())


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
