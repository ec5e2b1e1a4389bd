#!/usr/bin/python3
"""collab site without a browser: byte-identical rebuilds, relative links to files that exist,
safe file names, the marker file, --force, refusing to replace the store, the filter, and no
leftovers beside OUT_DIR. (tests/browser/site.test.mjs checks the pages in Chromium.)

Usage: site_test.py COLLAB CONSORTIUM_STORE
"""
import filecmp
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

COLLAB, STORE = sys.argv[1:3]
ENV = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8"}


def collab(*args, store=STORE, check=True):
    r = subprocess.run([COLLAB, "--store", store, "--today", "2026-01-15", *args],
                       capture_output=True, text=True, env=ENV, timeout=120)
    if check and r.returncode != 0:
        raise AssertionError(f"collab {args}: {r.returncode}\n{r.stderr}")
    return r


def tree(root):
    out = {}
    for folder, _, files in os.walk(root):
        for name in files:
            full = os.path.join(folder, name)
            with open(full, "rb") as f:
                out[os.path.relpath(full, root)] = f.read()
    return out


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action"):
                self.links.append((tag, name, value))


class Site(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_same_store_and_today_give_byte_identical_files(self):
        a, b = os.path.join(self.tmp, "a"), os.path.join(self.tmp, "b")
        collab("site", a)
        collab("site", b)
        self.assertEqual(tree(a), tree(b))
        # And rebuilding in place gives the same bytes again.
        before = tree(a)
        collab("site", a)
        self.assertEqual(tree(a), before)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["a", "b"], "nothing left beside OUT_DIR")

    def test_pages_links_and_names(self):
        out = os.path.join(self.tmp, "site")
        r = collab("site", out)
        self.assertIn("wrote", r.stderr)
        files = tree(out)
        for page in ("index.html", "search.html", "graph.html", "reports/index.html",
                     "reports/summary.html", "reports/expiring.html", "reports/timeline.html",
                     "reports/areas.html", "reports/mobility.html", "partners/index.html",
                     "agreements/index.html", "people/index.html", "projects/index.html",
                     "events/index.html", "partners/zju.html", ".collab-site"):
            self.assertIn(page, files)
        for kind in ("partners", "people", "agreements", "projects", "events"):
            ids = sorted(n[:-5] for n in os.listdir(os.path.join(STORE, kind)) if n.endswith(".yaml"))
            pages = sorted(n[:-5] for n in os.listdir(os.path.join(out, kind)) if n != "index.html")
            self.assertEqual(ids, pages, kind)
        for path, data in files.items():
            self.assertRegex(path, r"^(\.collab-site|[a-z0-9][a-z0-9._/-]*\.html)$")
            if not path.endswith(".html"):
                continue
            text = data.decode("utf-8")
            self.assertNotIn("<link", text, path)
            self.assertNotRegex(text, r"<(script|img|iframe)[^>]* src=", path)
            self.assertIn("default-src 'none'", text, path)
            self.assertNotIn("`", text.split("<script")[0], path + ": no CLI syntax")
            p = Links()
            p.feed(text)
            for tag, attr, value in p.links:
                parsed = urllib.parse.urlparse(value)
                if parsed.scheme in ("http", "https"):
                    self.assertEqual(tag, "a", path)  # a record's web address, followed by hand
                    continue
                self.assertEqual(parsed.scheme, "", f"{path}: {value}")
                self.assertFalse(value.startswith("/"), f"{path}: {value} is not relative")
                target = os.path.normpath(os.path.join(os.path.dirname(path), parsed.path))
                self.assertIn(target, files, f"{path}: {value}")

    def test_search_index(self):
        out = os.path.join(self.tmp, "site")
        collab("site", out)
        with open(os.path.join(out, "search.html"), encoding="utf-8") as f:
            page = f.read()
        raw = re.search(r'<script type="application/json" id="search-index">(.*?)</script>',
                        page, re.S).group(1)
        index = json.loads(raw)
        zju = next(e for e in index if e["id"] == "zju")
        self.assertIn("浙江大学", zju["names"])
        self.assertEqual(zju["url"], "partners/zju.html")
        fah = next(e for e in index if e["id"] == "zju-fah")
        self.assertIn("FAH", fah["names"])
        self.assertIn("Zheyi Hospital", fah["names"])

    def test_refuses_a_folder_that_is_not_a_site(self):
        out = os.path.join(self.tmp, "mine")
        os.makedirs(out)
        with open(os.path.join(out, "thesis.tex"), "w") as f:
            f.write("precious")
        r = collab("site", out, check=False)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("not a site collab wrote", r.stderr)
        self.assertIn("--force", r.stderr)
        self.assertEqual(os.listdir(out), ["thesis.tex"])
        collab("site", out, "--force")
        self.assertFalse(os.path.exists(os.path.join(out, "thesis.tex")))
        self.assertTrue(os.path.exists(os.path.join(out, ".collab-site")))
        # An empty folder is fine without --force; a file is not a folder.
        empty = os.path.join(self.tmp, "empty")
        os.makedirs(empty)
        collab("site", empty)
        afile = os.path.join(self.tmp, "file")
        open(afile, "w").close()
        self.assertEqual(collab("site", afile, "--force", check=False).returncode, 2)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["empty", "file", "mine"])

    def test_bad_output_folders_are_usage_errors(self):
        for target, says in (("", "empty"), (os.path.join(self.tmp, "no", "such", "out"),
                                             "does not exist"), (".", "cannot be replaced")):
            r = collab("site", target, check=False)
            self.assertEqual(r.returncode, 2, (target, r.stderr))
            self.assertIn(says, r.stderr)
        self.assertEqual(os.listdir(self.tmp), [])

    def test_refuses_to_replace_the_store(self):
        store = os.path.join(self.tmp, "store")
        shutil.copytree(STORE, store)
        for target in (store, self.tmp, store + "/"):
            r = collab("site", target, "--force", store=store, check=False)
            self.assertEqual(r.returncode, 2, target)
            self.assertIn("holds the store", r.stderr)
        self.assertTrue(os.path.exists(os.path.join(store, "collab.yaml")))
        # Nor a folder of records (or the cache) inside it, --force or not.
        before = tree(os.path.join(store, "agreements"))
        for target in ("agreements", "agreements/", "partners/sub", ".collab"):
            r = collab("site", os.path.join(store, target), "--force", store=store, check=False)
            self.assertEqual(r.returncode, 2, (target, r.stderr))
            self.assertIn("in the store's", r.stderr)
        self.assertEqual(tree(os.path.join(store, "agreements")), before)
        self.assertFalse(os.path.exists(os.path.join(store, "partners", "sub")))
        # A folder of its own inside the store is fine (public/, as docs/reports.md says).
        collab("site", os.path.join(store, "public"), store=store)

    def test_unsafe_ids_get_safe_file_names(self):
        store = os.path.join(self.tmp, "store")
        shutil.copytree(STORE, store)
        with open(os.path.join(store, "partners", "Weird Name&<x>.yaml"), "w") as f:
            f.write("name: Weird\ntype: company\ncountry: HK\n")
        out = os.path.join(self.tmp, "site")
        collab("site", out, store=store, check=False)
        names = os.listdir(os.path.join(out, "partners"))
        self.assertTrue(all(re.fullmatch(r"[a-z0-9_][a-z0-9._-]*\.html", n) for n in names), names)
        self.assertTrue(any(n.startswith("_") for n in names), names)

    def test_filter_narrows_the_site(self):
        out = os.path.join(self.tmp, "site")
        collab("site", out, "country=CN")
        partners = os.listdir(os.path.join(out, "partners"))
        self.assertIn("zju.html", partners)
        self.assertNotIn("oxford.html", partners)
        r = collab("site", os.path.join(self.tmp, "bad"), "nosuchfield=1", check=False)
        self.assertEqual(r.returncode, 2)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "bad")))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
