#!/usr/bin/python3
"""The warm path and the threads change nothing: every fixture store gives byte-identical
output without the cache, with a cold cache, with a warm one, and on 1 or 3 threads; a
corrupt, truncated, foreign or concurrently written cache is ignored and rebuilt; a store
where no cache can be written works without one. The cross-record results reused from
.collab/checks on a stamp-decided warm run are the same as a cold run's after every kind of
edit (add, remove, rename, change an id, change a parent, break and fix a reference, a
document appearing or going, another day), on 1, 2 and 8 threads. A warm `validate` answers
from the saved verdict without opening the record cache; files touched without being changed
are not parsed again and leave the record cache alone (the stamp index learns their stamps).
`list`, which decodes only the kinds its query reaches when the cache is warm (issue 20),
prints byte for byte what a full load prints, for every `list` golden case, every documented
`list` example and more.

Usage: cache_test.py COLLAB REPO GENERATOR
"""
import glob
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

COLLAB, REPO, GENERATOR = sys.argv[1:4]
ENV = {"PATH": os.environ["PATH"], "COLLAB_TODAY": "2026-01-15"}
COMMANDS = [["validate", "--format", "json"], ["export"], ["report", "summary", "--format", "json"],
            ["validate", "--strict", "agreements", "partners"]]


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
        checks = os.path.join(self.store, ".collab", "checks")
        before = [os.stat(p) for p in (cache_of(self.store), checks)]
        outputs(self.store)
        after = [os.stat(p) for p in (cache_of(self.store), checks)]
        self.assertEqual([(s.st_ino, s.st_mtime_ns) for s in before],
                         [(s.st_ino, s.st_mtime_ns) for s in after])

    def rewrite_checks(self, change):
        path = os.path.join(self.store, ".collab", "checks")
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(change(data))

    def test_damaged_checks_are_ignored_and_rebuilt(self):
        for change in [lambda d: d[: len(d) // 2], lambda d: b"",
                       lambda d: d[:40] + bytes(b ^ 0x5A for b in d[40:]),
                       lambda d: d.replace(b"0.", b"9.", 1), lambda d: os.urandom(5000)]:
            self.rewrite_checks(change)
            self.assertEqual(outputs(self.store), self.plain)
            self.assertEqual(outputs(self.store), self.plain)

    def test_checks_of_another_store_state_are_not_trusted(self):
        # Results saved for a state with a broken reference, put back after it was fixed:
        # the key (every file's stamp) differs, so they are recomputed.
        path = os.path.join(self.store, "agreements", "tum-acme-data.yaml")
        with open(path) as f:
            text = f.read()
        saved = os.path.join(self.store, ".collab", "checks")
        with open(path, "w") as f:
            f.write(text.replace("acme-bio]", "acme-gone]"))
        broken = outputs(self.store)
        self.assertIn(b"acme-gone", broken[0][0])
        with open(saved, "rb") as f:
            stale = f.read()
        with open(path, "w") as f:
            f.write(text)
        self.assertEqual(outputs(self.store), outputs(self.store, "--no-cache"))
        with open(saved, "wb") as f:
            f.write(stale)
        self.assertEqual(outputs(self.store), outputs(self.store, "--no-cache"))
        self.assertNotIn(b"acme-gone", outputs(self.store)[0][0])

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
                     if f not in ("cache", "checks", "index", ".gitignore")]
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


def stat_of(path):
    s = os.stat(path)
    return (s.st_ino, s.st_mtime_ns)


def touch_all(store):
    """New modification times for every record file and collab.yaml, contents unchanged."""
    for d, _, files in os.walk(store):
        if ".collab" in d:
            continue
        for f in files:
            if f.endswith((".yaml", ".yml")):
                p = os.path.join(d, f)
                st = os.stat(p)
                os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


class Verdict(unittest.TestCase):
    """The saved verdict (.collab/checks) and the stamp index (.collab/index)."""

    VALIDATES = [["validate"], ["validate", "--format", "junit", "partners"],
                 ["validate", "--format", "sarif"], ["validate", "--strict", "people"]]

    def setUp(self):
        self.store = copy(os.path.join(REPO, "tests", "stores", "consortium"))
        # A store with errors and warnings of every origin: YAML, a file check, a
        # cross-record check, a dated check, a non-record file.
        with open(os.path.join(self.store, "partners", "broken.yaml"), "w") as f:
            f.write("name: [unclosed\n")
        with open(os.path.join(self.store, "events", "odd.yaml"), "w") as f:
            f.write("title: Odd\ntype: visit\ndate: 2026-13-01\npartners: [gone]\n")
        with open(os.path.join(self.store, "people", "list.yaml"), "w") as f:
            f.write("- a\n- b\n")
        self.plain = self.validates("--no-cache")
        self.validates()  # saves the verdict
        self.cache = cache_of(self.store)

    def validates(self, *extra, env=None):
        out = []
        for command in self.VALIDATES:
            r = subprocess.run([COLLAB, "--store", self.store, *extra, *command],
                               capture_output=True, env={**ENV, **(env or {})}, timeout=120)
            out.append((r.stdout, r.stderr, r.returncode))
        return out

    def test_the_store_has_something_to_say(self):
        text = self.plain[0][0]
        for code in [b"yaml-syntax", b"bad-value", b"dangling-ref", b"not-a-record"]:
            self.assertIn(code, text)
        self.assertEqual(self.plain[0][2], 1)

    def test_a_warm_validate_never_opens_the_record_cache(self):
        # The record cache made useless: a warm validate still answers, the same, and
        # leaves it as it is (it never read it, so it never noticed).
        with open(self.cache, "wb") as f:
            f.write(b"not a cache")
        before = stat_of(self.cache)
        for jobs in ["1", "2", "8"]:
            self.assertEqual(self.validates("-j", jobs), self.plain)
        self.assertEqual(stat_of(self.cache), before)
        # Other days: only the dated checks change.
        for day in ["2020-01-01", "2031-12-31"]:
            env = {"COLLAB_TODAY": day}
            self.assertEqual(self.validates(env=env), self.validates("--no-cache", env=env))
        self.assertEqual(stat_of(self.cache), before)

    def test_touched_files_are_not_parsed_again(self):
        outputs(self.store)  # record cache current
        index = os.path.join(self.store, ".collab", "index")
        cache_before, index_before = stat_of(self.cache), stat_of(index)
        touch_all(self.store)
        self.assertEqual(self.validates(), self.plain)
        # The stamp index learnt the new stamps; the record cache was not even opened.
        self.assertNotEqual(stat_of(index), index_before)
        self.assertEqual(stat_of(self.cache), cache_before)
        index_after = stat_of(index)
        self.assertEqual(self.validates(), self.plain)
        self.assertEqual(stat_of(index), index_after)
        # Commands that load the records find them in the record cache by digest: touched
        # files are not parsed again, so the record cache is not rewritten.
        touch_all(self.store)
        plain = outputs(self.store, "--no-cache")
        self.assertEqual(outputs(self.store), plain)
        self.assertEqual(stat_of(self.cache), cache_before)

    def test_a_damaged_stamp_index_is_ignored_and_rebuilt(self):
        index = os.path.join(self.store, ".collab", "index")
        with open(index, "rb") as f:
            good = f.read()
        for bad in [good[: len(good) // 2], b"", good[:30] + bytes(b ^ 0x33 for b in good[30:]),
                    os.urandom(4000), good + b"x"]:
            with open(index, "wb") as f:
                f.write(bad)
            self.assertEqual(self.validates(), self.plain)
            self.assertEqual(outputs(self.store), outputs(self.store, "--no-cache"))
        os.remove(index)
        os.symlink("/proc/self/environ", index)  # never followed
        self.assertEqual(self.validates(), self.plain)

    def test_a_verdict_of_another_state_is_not_trusted(self):
        # The verdict of the store with an error, put back after the error was fixed.
        path = os.path.join(self.store, "events", "odd.yaml")
        saved = os.path.join(self.store, ".collab", "checks")
        with open(saved, "rb") as f:
            stale = f.read()
        with open(path, "w") as f:
            f.write("title: Odd\ntype: visit\ndate: 2026-12-01\npartners: [tum]\n")
        fixed = self.validates("--no-cache")
        self.assertNotIn(b"odd.yaml", fixed[0][0])
        self.assertEqual(self.validates(), fixed)
        with open(saved, "wb") as f:
            f.write(stale)
        self.assertEqual(self.validates(), fixed)


M64 = (1 << 64) - 1


def checksum(payload):
    """lib/store/snapshot.cpp's checksum(), so a test can seal what it crafts."""
    h = ((0x9E3779B97F4A7C15) ^ len(payload)) & M64
    i = 0
    while i + 8 <= len(payload):
        h = ((h ^ int.from_bytes(payload[i:i + 8], "little")) * 0xFF51AFD7ED558CCD) & M64
        h ^= h >> 32
        i += 8
    for b in payload[i:]:
        h = ((h ^ b) * 0x100000001B3) & M64
    return h ^ (h >> 29)


def varint_at(data, at):
    value, shift = 0, 0
    while True:
        b = data[at]
        at += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, at


def resealed(data, change, strings_in_header=1):
    """A .collab file's payload changed by `change`, under a header with a matching checksum:
    magic line, format, `strings_in_header` strings (version, context), size, checksum."""
    at = data.index(b"\n") + 1
    _, at = varint_at(data, at)
    for _ in range(strings_in_header):
        n, at = varint_at(data, at)
        at += n
    payload = change(data[at + 16:])
    return (data[:at] + len(payload).to_bytes(8, "little") +
            checksum(payload).to_bytes(8, "little") + payload)


def digest_of(data):
    return hashlib.sha256(data).digest()[:16]


def index_rows(store):
    """.collab/index read back by its documented layout (lib/store/snapshot.cpp,
    encode_stamps): {file: ((size, mtime_ns, ctime_ns, inode), digest)}."""
    with open(os.path.join(store, ".collab", "index"), "rb") as f:
        data = f.read()
    at = data.index(b"\n") + 1
    _, at = varint_at(data, at)
    n, at = varint_at(data, at)
    at += n + 16
    unzig = lambda v: (v >> 1) ^ -(v & 1)
    count, at = varint_at(data, at)
    rows, name, stamp = {}, b"", (0, 0, 0, 0)
    for _ in range(count):
        shared, at = varint_at(data, at)
        n, at = varint_at(data, at)
        name = name[:shared] + data[at:at + n]
        at += n
        size, at = varint_at(data, at)
        deltas = []
        for _ in range(3):
            v, at = varint_at(data, at)
            deltas.append(unzig(v))
        stamp = (size, (stamp[1] + deltas[0]) & M64, (stamp[2] + deltas[1]) & M64,
                 (stamp[3] + deltas[2]) & M64)
        rows[name.decode()] = (stamp, data[at:at + 16])
        at += 16
    assert at == len(data)
    return rows


class Committed(unittest.TestCase):
    """A pull request can commit `.collab/` (`git add -f` beats its .gitignore) with files
    crafted for the content it brings: a checks file under the store key of its own records
    (computable: it depends on the contents only) holding the verdict of another store, or a
    record cache whose entry for a broken file holds the parse of a clean one. A fresh
    checkout must not trust them: warm output stays --no-cache output."""

    def setUp(self):
        self.good = copy(os.path.join(REPO, "tests", "stores", "consortium"))
        self.bad = copy(self.good)
        self.broken = "partners/acme-bio.yaml"
        with open(os.path.join(self.good, self.broken), "rb") as f:
            self.good_bytes = f.read()
        self.bad_bytes = b"name: Acme Biotech AG\ntype: nonsense\ncountry: XX\n"
        with open(os.path.join(self.bad, self.broken), "wb") as f:
            f.write(self.bad_bytes)
        for store in [self.good, self.bad]:
            outputs(store)  # each store's own genuine .collab/
        # The pull request's checkout: its files, and a .collab/ made by git, not by collab.
        self.checkout = copy(self.bad)
        os.mkdir(os.path.join(self.checkout, ".collab"))
        self.plain = outputs(self.checkout, "--no-cache")
        self.assertIn(b"nonsense", self.plain[0][0])

    def read(self, store, name):
        with open(os.path.join(store, ".collab", name), "rb") as f:
            return f.read()

    def commit(self, name, data):
        with open(os.path.join(self.checkout, ".collab", name), "wb") as f:
            f.write(data)

    def in_own_folder(self, name, crafted):
        """The crafted file is well made: in the folder collab wrote it in (the good store's,
        its record now broken) it is trusted, as git trusts its index. So the refusal in the
        checkout below is the binding's doing, not a crafting mistake."""
        with open(os.path.join(self.good, self.broken), "wb") as f:
            f.write(self.bad_bytes)
        with open(os.path.join(self.good, ".collab", name), "wb") as f:
            f.write(crafted)
        cold = outputs(self.good, "--no-cache")[0]
        self.assertIn(b"nonsense", cold[0])
        fooled = outputs(self.good)[0]
        self.assertNotEqual(fooled, cold)
        self.assertNotIn(b"nonsense", fooled[0])

    def test_a_crafted_verdict_is_not_trusted(self):
        # The payload starts with the store key (a string): the pull request's own one.
        key = []
        resealed(self.read(self.bad, "checks"), lambda p: key.append(p[: 1 + p[0]]) or p)
        key = key[0]
        crafted = resealed(self.read(self.good, "checks"), lambda p: key + p[1 + p[0]:])
        self.commit("checks", crafted)
        self.assertEqual(outputs(self.checkout), self.plain)
        self.in_own_folder("checks", crafted)

    def test_a_crafted_record_cache_is_not_trusted(self):
        good, bad = digest_of(self.good_bytes), digest_of(self.bad_bytes)
        cache = self.read(self.good, "cache")
        self.assertEqual(cache.count(good), 1)
        crafted = resealed(cache, lambda p: p.replace(good, bad), 2)
        self.commit("cache", crafted)
        self.assertEqual(outputs(self.checkout), self.plain)
        self.in_own_folder("cache", crafted)


class Racy(unittest.TestCase):
    """git's "racy git" case: a file changed in the same clock tick as collab stat'ed it
    (kernels before 6.13 stamp files from a coarse clock) keeps its stamp through a second,
    same-size write, so the index must not vouch for a file whose times are not yet in the
    past when the run starts. A modification time in the future (a clock set back, `touch
    -d`) is the same case, and the one a test can make on any kernel."""

    def test_a_file_not_yet_in_the_past_gets_no_stamp_in_the_index(self):
        store = copy(os.path.join(REPO, "tests", "stores", "consortium"))
        path = os.path.join(store, "partners", "tum.yaml")
        with open(path, "rb") as f:
            data = f.read()
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, time.time_ns() + 3600 * 10**9))
        st = os.stat(path)
        stamp = (st.st_size, st.st_mtime_ns & M64, st.st_ctime_ns & M64, st.st_ino)
        # Store::load writes the index first, then the saved verdict's path, then load again.
        for command in [["validate"], ["validate"], ["export"]]:
            subprocess.run([COLLAB, "--store", store, *command], capture_output=True, env=ENV)
            rows = index_rows(store)
            self.assertEqual(rows["partners/tum.yaml"][1], digest_of(data))
            self.assertNotEqual(rows["partners/tum.yaml"][0], stamp, command)
        # Other files are vouched for as usual.
        other = os.path.join(store, "partners", "oxford.yaml")
        st = os.stat(other)
        with open(other, "rb") as f:
            digest = digest_of(f.read())
        stamp = (st.st_size, st.st_mtime_ns & M64, st.st_ctime_ns & M64, st.st_ino)
        self.assertEqual(rows["partners/oxford.yaml"], (stamp, digest))
        self.assertEqual(outputs(store), outputs(store, "--no-cache"))


class KeyCollision(unittest.TestCase):
    """The store key is made of file names and digests: a name that spells out another
    file's line (a folder named `q.yaml <digest>` + newline + `partners`) must not give the
    key of the store it imitates, or that store's cross-record results are reused."""

    def test_a_name_spelling_two_lines_is_not_the_same_store(self):
        store = copy(os.path.join(REPO, "tests", "stores", "consortium"))
        q = b"name: Q Lab\ntype: university\ncountry: CH\n"
        r = b"name: R Lab\ntype: university\ncountry: CH\nparent: q\n"
        for name, data in [("q.yaml", q), ("r.yaml", r)]:
            with open(os.path.join(store, "partners", name), "wb") as f:
                f.write(data)
        outputs(store)  # the verdict of this store: r's parent resolves
        os.remove(os.path.join(store, "partners", "q.yaml"))
        os.remove(os.path.join(store, "partners", "r.yaml"))
        folder = os.path.join(store, "partners", "q.yaml " + digest_of(q).hex() + "\npartners")
        os.mkdir(folder)
        with open(os.path.join(folder, "r.yaml"), "wb") as f:
            f.write(r)
        plain = outputs(store, "--no-cache")
        self.assertIn(b"dangling-ref", plain[0][0])  # q is gone
        self.assertEqual(outputs(store), plain)


class StampDecided(unittest.TestCase):
    """Each edit, then every command with the warm cache on 1, 2 and 8 threads against a
    run without any cache: byte-identical. The cache is warm (and its checks saved) before
    each edit, so each case tests reuse or recomputation after exactly that edit."""

    def setUp(self):
        self.store = copy(os.path.join(REPO, "tests", "stores", "consortium"))
        outputs(self.store)
        outputs(self.store)
        self.assertTrue(os.path.isfile(os.path.join(self.store, ".collab", "checks")))

    def path(self, rel):
        return os.path.join(self.store, *rel.split("/"))

    def edit(self, rel, old, new):
        with open(self.path(rel)) as f:
            text = f.read()
        self.assertIn(old, text)
        with open(self.path(rel), "w") as f:
            f.write(text.replace(old, new))

    def assert_same(self, env=None, expect=None):
        plain = outputs(self.store, "--no-cache", "-j", "1", env=env)
        for jobs in ["1", "2", "8"]:
            self.assertEqual(outputs(self.store, "-j", jobs, env=env), plain, f"-j {jobs}")
        self.assertEqual(outputs(self.store, env=env), plain, "warm again")
        if expect is not None:
            self.assertIn(expect, plain[0][0])
        return plain

    def test_unchanged(self):
        self.assert_same()

    def test_add(self):
        with open(self.path("events/new-one.yaml"), "w") as f:
            f.write("title: New\ntype: visit\ndate: 2026-01-02\npartners: [tum, nowhere]\n")
        self.assert_same(expect=b"nowhere")

    def test_remove(self):
        os.remove(self.path("partners/acme-bio.yaml"))
        self.assert_same(expect=b"acme-bio")

    def test_rename(self):
        os.rename(self.path("partners/acme-bio.yaml"), self.path("partners/acme-biotech.yaml"))
        self.assert_same(expect=b"acme-bio")

    def test_change_an_id(self):
        with open(self.path("partners/acme-bio.yaml"), "a") as f:
            f.write("id: acme-other\n")
        self.assert_same(expect=b"acme-other")

    def test_a_duplicate_id(self):
        shutil.copy(self.path("partners/tum.yaml"), self.path("partners/tum.yml"))
        self.assert_same()

    def test_change_a_parent(self):
        self.edit("partners/zju-som.yaml", "parent: zju", "parent: zju-fah")  # a cycle
        self.assert_same()
        self.edit("partners/zju-som.yaml", "parent: zju-fah", "parent: oxford")
        self.assert_same()

    def test_break_and_fix_a_reference(self):
        self.edit("agreements/tum-acme-data.yaml", "acme-bio]", "acme-gone]")
        self.assert_same(expect=b"acme-gone")
        self.edit("agreements/tum-acme-data.yaml", "acme-gone]", "acme-bio]")
        fixed = self.assert_same()
        self.assertNotIn(b"acme-gone", fixed[0][0])

    def test_settings(self):
        with open(self.path("collab.yaml"), "a") as f:
            f.write("home: nowhere-partner\n")
        self.assert_same()

    def test_another_day(self):
        # Only the dated checks change with the day; the saved ones are reused.
        for day in ["2020-01-01", "2031-12-31", "2026-01-15"]:
            self.assert_same(env={"COLLAB_TODAY": day})

    def test_a_document_appearing_and_going(self):
        self.edit("agreements/tum-acme-data.yaml", "areas: [data]",
                  "areas: [data]\ndocuments:\n  - title: Scan\n    path: scans/a.pdf\n")
        self.assert_same(expect=b"scans/a.pdf")
        os.makedirs(self.path("scans"))
        with open(self.path("scans/a.pdf"), "w") as f:
            f.write("%PDF\n")
        present = self.assert_same()
        self.assertNotIn(b"scans/a.pdf", present[0][0])
        os.remove(self.path("scans/a.pdf"))
        self.assert_same(expect=b"scans/a.pdf")


# More `list` queries on tests/stores/consortium, for what the golden cases leave out:
# references, computed fields, grouping through references, ids of undecoded kinds as
# values, unknown ids with a did-you-mean, ids where names were meant.
LIST_QUERIES = [
    ["list", "agreements", "status=active", "--format", "ids"],
    ["list", "agreements", "parties=zju", "--format", "ids"],
    ["list", "agreements", "parties.country=CN", "--fields", "id,parties.name"],
    ["list", "agreements", "signatories.person=wei-shyy", "--fields", "id,signatories.person"],
    ["list", "agreements", "--fields", "id,term_end,counterparties", "--sort", "term_end,id"],
    ["list", "agreements", "counterparties.top_level=zju", "--format", "ids"],
    ["list", "agreements", "--group-by", "parties.country"],
    ["list", "agreements", "--group-by", "counterparties"],
    ["list", "projects", "--group-by", "leads.person.name"],
    ["list", "people", "--fields", "id,name,roles.partner.name", "--sort", "roles.partner.country,id"],
    ["list", "people", "roles.partner under zju", "--format", "json"],
    ["list", "partners", "top_level=zju", "--fields", "id,top_level.name"],
    ["list", "events", "partners=tum", "--format", "yaml"],
    ["list", "agreements", "parties=zjuu"],
    ["list", "agreements", "parties under tumm"],
    ["list", "agreements", "signatories.person=wei-shy"],
    ["list", "people", "roles.partner=zju-sm"],
    ["list", "agreements", "parties=Zhejiang"],
    ["list", "agreements", "id=hkust-zju-framewrk"],
    ["list", "agreements", "parties.contry=CN"],
    ["list", "agreemnts"],
]


def run(args, cwd=None, env=None):
    r = subprocess.run([COLLAB, *args], capture_output=True, cwd=cwd,
                       env={**ENV, **(env or {})}, timeout=120)
    return (r.stdout, r.stderr, r.returncode)


class LazyList(unittest.TestCase):
    """`list` with a warm cache decodes only the kinds it reaches; without a cache it reads
    everything. Both print the same, cold or warm, on 1, 2 and 8 threads."""

    def assert_lazy_is_full(self, before, after, cwd=None, env=None):
        """`before` and `after` are the arguments around the global options added here."""
        plain = run([*before, "--no-cache", "-j", "1", *after], cwd, env)
        for label, extra in [("cold", []), ("warm", ["-j", "1"]), ("warm -j 2", ["-j", "2"]),
                             ("warm -j 8", ["-j", "8"])]:
            self.assertEqual(run([*before, *extra, *after], cwd, env), plain, label)
        return plain

    def test_every_list_golden_case(self):
        cases = sorted(glob.glob(os.path.join(REPO, "tests", "cli", "cases", "list", "*")))
        self.assertGreater(len(cases), 40)
        for case in cases:
            env = {}
            if os.path.isfile(os.path.join(case, "env")):
                with open(os.path.join(case, "env")) as f:
                    env = dict(l.strip().split("=", 1) for l in f if "=" in l
                               and not l.startswith("#"))
            with open(os.path.join(case, "cmd")) as f:
                lines = [l for l in f.read().splitlines() if l.strip()]
            for line in lines:
                words = shlex.split(line)
                with self.subTest(case=os.path.basename(case), cmd=line):
                    at = words.index("--store")
                    store = copy(os.path.normpath(os.path.join(case, words[at + 1])))
                    self.assert_lazy_is_full(["--store", store], words[at + 2:], env=env)

    def test_every_documented_list_example(self):
        docs = [os.path.join(REPO, "README.md")]
        docs += sorted(glob.glob(os.path.join(REPO, "docs", "*.md")))
        examples = []
        for path in docs:
            with open(path) as f:
                examples += re.findall(r"^\$ (?:collab|\./scripts/collab) (list .*)$", f.read(),
                                       re.M)
        self.assertGreater(len(examples), 0)
        for example in examples:
            words = shlex.split(example)
            with self.subTest(example=example):
                work = tempfile.mkdtemp()
                store = "data"
                if "--store" in words:
                    at = words.index("--store")
                    store = words[at + 1]
                    del words[at:at + 2]
                shutil.copytree(os.path.join(REPO, store), os.path.join(work, store),
                                ignore=shutil.ignore_patterns(".collab"))
                self.assert_lazy_is_full(["--store", store], words, cwd=work)

    def test_more_queries_through_references_and_computed_fields(self):
        store = copy(os.path.join(REPO, "tests", "stores", "consortium"))
        for query in LIST_QUERIES:
            with self.subTest(query=query):
                out = self.assert_lazy_is_full(["--store", store], query)
                self.assertNotEqual(out[0] + out[1], b"")

    def test_stores_with_errors(self):
        # Every fixture store (the validate cases hold one error each): the warning about
        # the store's errors comes from its verdict on a lazy run, and says the same.
        warned = 0
        for original in fixture_stores():
            store = copy(original)
            for query in [["list", "agreements", "status=active", "--format", "ids"],
                          ["list", "people", "--format", "ids"]]:
                with self.subTest(store=os.path.relpath(original, REPO), query=query):
                    out = self.assert_lazy_is_full(["--store", store], query)
                    warned += b"the store has" in out[1]
        self.assertGreater(warned, 20)

    def test_an_edit_between_runs(self):
        store = copy(os.path.join(REPO, "tests", "stores", "consortium"))
        query = ["list", "agreements", "parties.country=CN", "--fields", "id,parties.name"]
        self.assert_lazy_is_full(["--store", store], query)
        path = os.path.join(store, "partners", "zju.yaml")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace("country: CN", "country: XX"))
        out = self.assert_lazy_is_full(["--store", store], query)
        self.assertIn(b"the store has", out[1])

    def test_a_warm_lazy_run_leaves_the_cache_alone(self):
        store = copy(os.path.join(REPO, "tests", "stores", "consortium"))
        query = ["--store", store, "list", "agreements", "status=active", "--format", "ids"]
        run(query)
        before = os.stat(cache_of(store))
        run(query)
        after = os.stat(cache_of(store))
        self.assertEqual((before.st_ino, before.st_mtime_ns), (after.st_ino, after.st_mtime_ns))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
