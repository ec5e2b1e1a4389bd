#!/usr/bin/python3
"""No input costs more than n log n (issue 15): each bound at n and 10n, the ratio loosely.

Usage: scaling_test.py COLLAB

Not timed tests: each case runs the same command on an input of size n and one of 10n, and
asserts the time grew less than 30 times (linear growth is 10; the quadratic and cubic
costs these tests were written against grew 100 to 1,000 times). Each time is the best of
two runs, so one slow moment of a busy CI machine does not fail it.
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

COLLAB = sys.argv[1]
RATIO = 30
ENV = {"PATH": os.environ["PATH"], "HOME": tempfile.gettempdir(), "COLLAB_TODAY": "2026-01-15",
       "COLLAB_NO_CACHE": "1"}


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def best_time(args, cwd=None, expect=None):
    best = None
    for _ in range(2):
        start = time.perf_counter()
        r = subprocess.run([COLLAB] + args, env=ENV, cwd=cwd, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if expect is not None and r.returncode != expect:
            raise AssertionError(f"{args[:4]}: exit {r.returncode}: {r.stderr[:500]}")
        best = elapsed if best is None else min(best, elapsed)
    return best


class Scaling(unittest.TestCase):
    def setUp(self):
        self.base = tempfile.mkdtemp(prefix="collab-scaling-")

    def tearDown(self):
        shutil.rmtree(self.base, ignore_errors=True)

    def store(self, name):
        root = os.path.join(self.base, name)
        write(root, "collab.yaml", "name: Scaling\n")
        return root

    def assert_scales(self, small, large, what):
        # A floor for the small run: process start-up alone must not make the ratio.
        ratio = large / max(small, 0.02)
        print(f"{what}: n {small:.3f} s, 10n {large:.3f} s, ratio {ratio:.1f}")
        self.assertLess(ratio, RATIO, what)

    def chain(self, n):
        """n partners, each the parent of the next: a chain n deep."""
        root = self.store(f"chain-{n}")
        for i in range(n):
            parent = f"parent: p{i - 1}\n" if i else ""
            write(root, f"partners/p{i}.yaml",
                  f"name: P {i}\ntype: company\ncountry: HK\n{parent}")
        write(root, "agreements/a.yaml",
              f"title: A\ntype: mou\nstatus: active\nparties: [p{n - 1}, p0]\nsigned: 2025\n")
        return root

    def test_ancestor_lookups_are_linear_in_the_chain(self):
        # Was cubic: 1,000 partners 0.6 s, 2,000 3.4 s, 4,000 25 s.
        times = []
        for n in (300, 3000):
            root = self.chain(n)
            t = best_time(["--store", root, "validate"], expect=0)
            t += best_time(["--store", root, "list", "partners", "id under p0", "--count"],
                           expect=0)
            t += best_time(["--store", root, "report", "summary"], expect=0)
            # The register looks up each counterparty's top-level organisation.
            t += best_time(["--store", root, "report", "register"], expect=0)
            times.append(t)
        self.assert_scales(*times, "parent chain")

    def test_the_site_is_linear_in_the_records(self):
        # Was quadratic: every record page scanned every record (8,000 records took 157 s).
        # (A parent chain n deep is not linear: each page lists every unit below it, n^2/2 lines.)
        times = []
        for n in (200, 2000):
            root = self.store(f"site-{n}")
            for i in range(n):
                parent = f"parent: p{i % 10}\n" if i >= 10 else ""
                write(root, f"partners/p{i}.yaml",
                      f"name: P {i}\ntype: company\ncountry: HK\n{parent}")
                write(root, f"agreements/a{i}.yaml",
                      f"title: A {i}\ntype: mou\nstatus: active\n"
                      f"parties: [p{i}, p{(i * 7) % n}]\nsigned: 2025\nexpires: 2027\n")
            out = os.path.join(self.base, f"site-out-{n}")
            # User CPU time, not wall time: the one syncfs() before the swap waits for the whole
            # file system's writes, which other processes make, and would hide the ratio.
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            r = subprocess.run([COLLAB, "--store", root, "site", out], env=ENV,
                               capture_output=True, text=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            self.assertEqual(r.returncode, 0, r.stderr[:500])
            times.append(after.ru_utime - before.ru_utime)
        self.assert_scales(*times, "site (user CPU)")

    def test_a_chain_that_loops_is_reported_in_linear_time(self):
        times = []
        for n in (300, 3000):
            root = self.chain(n)
            write(root, "partners/p0.yaml",
                  f"name: P 0\ntype: company\ncountry: HK\nparent: p{n - 1}\n")
            t = best_time(["--store", root, "validate", "--format", "json"], expect=1)
            times.append(t)
        self.assert_scales(*times, "parent loop")

    def test_the_filter_lexer_is_linear(self):
        root = self.store("filter")
        write(root, "partners/p.yaml", "name: P\ntype: company\ncountry: HK\n")
        times = []
        # 10,000 terms is about 120 KB, under the kernel's limit for one argument.
        for n in (1000, 10000):
            expression = " or ".join(["name = a"] * n)
            times.append(best_time(["--store", root, "list", "partners", expression], expect=0))
        self.assert_scales(*times, "filter lexer")

    def test_deep_nesting_is_a_clear_error_not_a_crash(self):
        root = self.store("nesting")
        write(root, "partners/p.yaml", "name: P\ntype: company\ncountry: HK\n")
        for expression in ["(" * 10000 + "name = a" + ")" * 10000,
                           "not " * 20000 + "name = a"]:
            r = subprocess.run([COLLAB, "--store", root, "list", "partners", expression],
                               env=ENV, capture_output=True, text=True)
            self.assertEqual(r.returncode, 2, r.stderr[:300])
            self.assertIn("nests deeper than 100 levels", r.stderr)
        # 100 levels are fine.
        r = subprocess.run([COLLAB, "--store", root, "list", "partners", "--count",
                            "(" * 50 + "not " * 49 + "name = P" + ")" * 50],
                           env=ENV, capture_output=True, text=True)
        self.assertEqual((r.returncode, r.stdout), (0, "0\n"), r.stderr[:300])

    def test_suggestions_stay_within_their_budget(self):
        # n partners and one agreement naming n parties that do not exist, each one edit away
        # from a partner: every dangling reference looked for its nearest partner (22 s for
        # one 1.1 MB file).
        times = []
        for n in (1000, 10000):
            root = self.store(f"suggest-{n}")
            for i in range(n):
                write(root, f"partners/partner-{i:05}.yaml",
                      f"name: P {i}\ntype: company\ncountry: HK\n")
            parties = ", ".join(f"qartner-{i:05}" for i in range(n))
            write(root, "agreements/a.yaml",
                  f"title: A\ntype: mou\nstatus: active\nparties: [{parties}]\nsigned: 2025\n")
            times.append(best_time(["--store", root, "validate", "--format", "json",
                                    "--max-errors", "5"], expect=1))
        self.assert_scales(*times, "did-you-mean")
        # Small stores keep their suggestions.
        r = subprocess.run([COLLAB, "--store", os.path.join(self.base, "suggest-1000"), "validate"],
                           env=ENV, capture_output=True, text=True)
        self.assertIn("did you mean 'partner-00000'?", r.stdout)

    def test_diff_reads_no_blob_over_the_size_limit(self):
        # A 40 MB record committed to git: `diff` read it whole (100 MB: 11 s and 650 MB).
        root = self.store("diff")
        write(root, "partners/p.yaml", "name: P\ntype: company\ncountry: HK\n")
        git = ["git", "-C", root, "-c", "user.name=t", "-c", "user.email=t@t"]
        subprocess.run(git[:3] + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-qm", "one"], check=True)
        line = "# " + "x" * 97 + "\n"
        write(root, "partners/huge.yaml",
              "name: Huge\ntype: company\ncountry: HK\n" + line * 400_000)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-qm", "two"], check=True)
        probe = ("import resource, subprocess, sys\n"
                 "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
                 "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")

        def max_rss_kb(*revisions):
            r = subprocess.run([sys.executable, "-c", probe, COLLAB, "--store", root, "diff",
                                *revisions, "--format", "json"],
                               env=ENV, capture_output=True, text=True, check=True)
            status, kb = r.stdout.split()
            self.assertEqual(status, "0", r.stderr)
            return int(kb)

        # Against the same diff without the big file (so a sanitizer's own memory cancels out):
        # the blob alone is 40 MB, and reading it cost several copies of it.
        baseline = max_rss_kb("HEAD~1", "HEAD~1")
        big = max_rss_kb("HEAD~1", "HEAD")
        print(f"diff: max RSS {baseline} KB without the 40 MB blob, {big} KB with it")
        self.assertLess(big - baseline, 20 * 1024)

if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
