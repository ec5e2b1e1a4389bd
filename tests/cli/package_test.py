#!/usr/bin/python3
"""The Debian package, checked the way Debian and a CI job use it.

Usage: package_test.py BUILD_DIR SOURCE_DIR VERSION COLLAB FIXTURE_STORE

cpack builds the .deb from the build folder into a temporary folder (as scripts/package
does); lintian must report no error and no warning; dpkg-deb unpacks it into a temporary
root, whose collab must validate data/ and the fixture exactly as the built binary does;
bash-completion's loader, fish, zsh's default fpath and man must find their files where
the package puts them; the changelog must parse with dpkg-parsechangelog.
"""
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

BUILD, SOURCE, VERSION, COLLAB, FIXTURE = sys.argv[1:6]
ARCH = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                      check=True).stdout.strip()
WORK = tempfile.mkdtemp(prefix="collab-package-")
ROOT = os.path.join(WORK, "root")
DEB = os.path.join(WORK, "out", f"collab_{VERSION}_{ARCH}.deb")
TIMES = {}
EPOCH = "1764460800"  # 2025-11-30 00:00 UTC, as scripts/package sets the last commit's time


def run(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=240, **kw)


def cpack(out):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    r = run("cpack", "-G", "DEB", "--config", os.path.join(BUILD, "CPackConfig.cmake"),
            "-B", out, env=env)
    deb = os.path.join(out, os.path.basename(DEB))
    if r.returncode != 0 or not os.path.isfile(deb):
        raise RuntimeError(f"cpack failed or made no {deb}:\n{r.stdout}{r.stderr}")
    return deb


def setUpModule():
    start = time.monotonic()
    cpack(os.path.join(WORK, "out"))
    TIMES["cpack"] = time.monotonic() - start
    r = run("dpkg-deb", "-x", DEB, ROOT)
    if r.returncode != 0:
        raise RuntimeError(r.stderr)


def tearDownModule():
    shutil.rmtree(WORK, ignore_errors=True)
    print("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in TIMES.items()), file=sys.stderr)


def field(name):
    return run("dpkg-deb", "-f", DEB, name).stdout.strip()


class Control(unittest.TestCase):
    def test_fields(self):
        self.assertEqual(field("Package"), "collab")
        self.assertEqual(field("Version"), VERSION)
        self.assertEqual(field("Architecture"), ARCH)
        self.assertEqual(field("Section"), "utils")
        self.assertEqual(field("Priority"), "optional")
        self.assertRegex(field("Maintainer"), r"^[^<>]+ <[^<>@]+@[^<>@]+>$")
        description = field("Description").splitlines()
        self.assertLess(len(description[0]), 80)
        self.assertGreater(len(description), 2)  # an extended description

    def test_depends_computed_from_the_linked_libraries(self):
        # dpkg-shlibdeps names the package of every shared library collab links, with the
        # minimum versions from their symbols files.
        depends = {d.split()[0] for d in field("Depends").split(", ")}
        for lib in ["libc6", "libstdc++6", "libgcc-s1", "libyaml-cpp0.7", "libfmt9",
                    "libre2-9", "libutf8proc2", "libsqlite3-0"]:
            self.assertIn(lib, depends)
        self.assertRegex(field("Depends"), r"libc6 \(>= [0-9.]+\)")

    def test_apt_can_install_it_here(self):
        # Every Depends is satisfiable on this Debian 12 machine (simulated: nothing changes).
        r = run("apt-get", "install", "--simulate", "--no-install-recommends", DEB)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"(?m)^Inst collab \(" + re.escape(VERSION))

    def test_exactly_the_expected_files_owned_by_root(self):
        listing = run("dpkg-deb", "-c", DEB).stdout.splitlines()
        files = {}
        for line in listing:
            mode, owner, _size, _date, _time, name = line.split(None, 5)
            self.assertEqual(owner, "root/root", line)
            if not mode.startswith("d"):
                files[name.removeprefix(".")] = mode
            else:
                self.assertEqual(mode, "drwxr-xr-x", line)
        self.assertEqual(files, {
            "/usr/bin/collab": "-rwxr-xr-x",
            "/usr/share/man/man1/collab.1.gz": "-rw-r--r--",
            "/usr/share/bash-completion/completions/collab": "-rw-r--r--",
            "/usr/share/zsh/vendor-completions/_collab": "-rw-r--r--",
            "/usr/share/fish/vendor_completions.d/collab.fish": "-rw-r--r--",
            "/usr/share/doc/collab/copyright": "-rw-r--r--",
            "/usr/share/doc/collab/changelog.gz": "-rw-r--r--",
        })


class Reproducible(unittest.TestCase):
    def test_same_build_and_epoch_give_the_same_bytes(self):
        # CPack dates every file at SOURCE_DATE_EPOCH and gzip -n leaves names and times out,
        # so packaging one build twice gives one checksum.
        again = cpack(os.path.join(WORK, "again"))
        with open(DEB, "rb") as a, open(again, "rb") as b:
            self.assertEqual(a.read(), b.read())


class Lintian(unittest.TestCase):
    def test_no_error_and_no_warning(self):
        start = time.monotonic()
        r = run("lintian", "--fail-on", "error,warning", "--display-level", ">=warning", DEB)
        TIMES["lintian"] = time.monotonic() - start
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual([l for l in r.stdout.splitlines() if re.match(r"^[EW]: ", l)], [])


class UnpackedBinary(unittest.TestCase):
    BIN = os.path.join(ROOT, "usr/bin/collab")

    def both(self, *args):
        env = {"PATH": "/usr/bin:/bin", "COLLAB_TODAY": "2026-01-15", "NO_COLOR": "1"}
        got = run(self.BIN, *args, env=env)
        built = run(COLLAB, *args, env=env)
        return got, built

    def test_version(self):
        self.assertEqual(run(self.BIN, "--version").stdout, f"collab {VERSION}\n")

    def test_stripped(self):
        self.assertNotIn("not stripped", run("file", "-L", self.BIN).stdout)

    def test_validates_the_example_store(self):
        got, built = self.both("--store", os.path.join(SOURCE, "data"), "validate")
        self.assertEqual(got.returncode, 0, got.stdout + got.stderr)
        self.assertRegex(got.stdout, r"^\d+ files, \d+ records: 0 errors, 0 warnings\n$")
        self.assertEqual((got.stdout, got.stderr), (built.stdout, built.stderr))

    def test_finds_the_fixture_errors_like_the_built_binary(self):
        got, built = self.both("--store", FIXTURE, "validate", "--format", "github")
        self.assertEqual(got.returncode, 1)
        self.assertEqual(got.stdout.count("::error "), 3, got.stdout)
        self.assertEqual((got.returncode, got.stdout, got.stderr),
                         (built.returncode, built.stdout, built.stderr))


class WhereToolsLook(unittest.TestCase):
    """Each file where the program that reads it looks, pointed at the unpacked root the
    way a system install points it at /usr."""
    SHARE = os.path.join(ROOT, "usr/share")

    def test_bash_completion_loader(self):
        loader = "/usr/share/bash-completion/bash_completion"
        self.assertTrue(os.path.isfile(loader), "bash-completion is not installed")
        # __load_completion searches $XDG_DATA_DIRS/bash-completion/completions/NAME, as
        # it searches /usr/share on an installed system; extdebug tells where _collab is from.
        script = (f"source {loader}; __load_completion collab || exit 9; "
                  "complete -p collab; shopt -s extdebug; declare -F _collab")
        r = run("bash", "-c", script, env={"PATH": "/usr/bin:/bin", "XDG_DATA_DIRS": self.SHARE,
                                           "HOME": WORK})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("-F _collab collab", r.stdout)
        self.assertIn(os.path.join(self.SHARE, "bash-completion/completions/collab"), r.stdout)

    def test_fish_vendor_completions(self):
        env = {"PATH": os.path.join(ROOT, "usr/bin") + ":/usr/bin:/bin",
               "XDG_DATA_DIRS": self.SHARE, "HOME": WORK, "XDG_CONFIG_HOME": WORK}
        r = run("fish", "--no-config", "-c", "complete -C 'collab vali'", env=env)
        if "validate" not in r.stdout:  # --no-config also skips vendor dirs on some fish
            r = run("fish", "-c", "complete -C 'collab vali'", env=env)
        self.assertIn("validate", r.stdout, r.stderr)

    def test_zsh_default_fpath(self):
        fpath = run("zsh", "-fc", "print -l $fpath").stdout.splitlines()
        self.assertIn("/usr/share/zsh/vendor-completions", fpath)
        completion = os.path.join(ROOT, "usr/share/zsh/vendor-completions/_collab")
        with open(completion) as f:
            self.assertEqual(f.readline().strip(), "#compdef collab")
        self.assertEqual(run("zsh", "-n", completion).returncode, 0)

    def test_man(self):
        manpath = os.path.join(self.SHARE, "man")
        r = run("man", "-M", manpath, "-w", "collab")
        self.assertEqual(r.stdout.strip(), os.path.join(manpath, "man1/collab.1.gz"), r.stderr)
        page = run("man", "-M", manpath, "-P", "cat", "collab",
                   env={"PATH": "/usr/bin:/bin", "MANWIDTH": "80", "LANG": "C.UTF-8"})
        self.assertEqual(page.returncode, 0, page.stderr)
        self.assertIn("NAME", page.stdout)
        self.assertIn("validate", page.stdout)


class DocFiles(unittest.TestCase):
    DOC = os.path.join(ROOT, "usr/share/doc/collab")

    def test_changelog_parses_and_names_this_version(self):
        r = run("dpkg-parsechangelog", "-l", os.path.join(self.DOC, "changelog.gz"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"Version: {VERSION}\n", r.stdout)
        self.assertIn("Source: collab\n", r.stdout)
        self.assertIn(f"Timestamp: {EPOCH}\n", r.stdout)  # SOURCE_DATE_EPOCH

    def test_changelog_lines_fit(self):
        with gzip.open(os.path.join(self.DOC, "changelog.gz"), "rt") as f:
            for line in f:
                self.assertLessEqual(len(line.rstrip("\n")), 80, line)

    def test_copyright_is_machine_readable(self):
        with open(os.path.join(self.DOC, "copyright")) as f:
            text = f.read()
        self.assertTrue(text.startswith(
            "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"))
        self.assertNotIn("@", text.replace(field("Maintainer"), ""))  # every @VAR@ filled


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
