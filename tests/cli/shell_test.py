#!/usr/bin/python3
"""Completions, man page, install and --version, checked by the programs that use them.

Usage: shell_test.py COLLAB BUILD_DIR VERSION STORE

`cmake --install` puts everything under a temporary prefix; the installed bash and fish
completions are then run by bash and fish, the zsh one checked by zsh -n, and the man page
rendered by groff with every warning on. What they offer is compared with `collab --help`.
"""
import os
import re
import subprocess
import sys
import tempfile
import unittest

COLLAB, BUILD, VERSION, STORE = sys.argv[1:5]
PREFIX = tempfile.mkdtemp()


def out(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, check=True, **kw).stdout


def help_commands():
    text = out(COLLAB, "--help")
    section = text.split("Subcommands:\n", 1)[1]
    return [l.split()[0] for l in section.splitlines() if l.startswith("  ")]


def report_names():
    """The reports as `collab report --help` lists them (read from the report registry)."""
    line = next(l for l in out(COLLAB, "report", "--help").splitlines()
                if l.startswith("Reports: "))
    return line[len("Reports: "):].split(", ")


def ids(kind):
    return out(COLLAB, "--store", STORE, "list", kind, "--format", "ids").split()


class Install(unittest.TestCase):
    def test_files_under_the_usual_prefixes(self):
        for rel in ["bin/collab", "share/man/man1/collab.1",
                    "share/bash-completion/completions/collab",
                    "share/zsh/vendor-completions/_collab",
                    "share/fish/vendor_completions.d/collab.fish"]:
            self.assertTrue(os.path.isfile(os.path.join(PREFIX, rel)), rel)

    def test_version_from_cmake(self):
        self.assertEqual(out(os.path.join(PREFIX, "bin/collab"), "--version"),
                         f"collab {VERSION}\n")


def hostile_repository():
    """A store in a git repository whose branch names and record file names hold commands
    (issue 15: `compgen -W` expanded them on <TAB>). Returns (folder, the file the commands
    would create)."""
    folder = tempfile.mkdtemp()
    with open(os.path.join(folder, "collab.yaml"), "w") as f:
        f.write("name: Hostile\n")
    os.makedirs(os.path.join(folder, "partners"))
    # `pwn` is a program on the PATH of the tests that leaves a file where it runs.
    bindir = os.path.join(folder, "bin")
    os.makedirs(bindir)
    with open(os.path.join(bindir, "pwn"), "w") as f:
        f.write(f"#!/bin/sh\ntouch '{folder}/pwned'\n")
    os.chmod(os.path.join(bindir, "pwn"), 0o755)
    for name in ["ok", "$(pwn)", "`pwn`", "(pwn)"]:
        with open(os.path.join(folder, "partners", name + ".yaml"), "w") as f:
            f.write("name: X\ntype: company\ncountry: HK\n")
    git = ["git", "-C", folder, "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(git + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "one"], check=True)
    for branch in ["$(pwn)", "x;pwn", "(pwn)", "`pwn`"]:
        subprocess.run(git + ["branch", branch], check=True)
    return folder, os.path.join(folder, "pwned")


class Bash(unittest.TestCase):
    def complete(self, *words, cwd=None, store=STORE):
        script = os.path.join(PREFIX, "share/bash-completion/completions/collab")
        quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
        program = (f"source '{script}'; COMP_WORDS=(collab {quoted}); "
                   "COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _collab; printf '%s\\n' \"${COMPREPLY[@]}\"")
        env = {"PATH": os.path.dirname(COLLAB) + ":" + os.environ["PATH"], "COLLAB_STORE": store}
        if cwd:
            env["PATH"] = os.path.join(cwd, "bin") + ":" + env["PATH"]
        return [w for w in out("bash", "-c", program, env=env, cwd=cwd).splitlines() if w]

    def test_data_is_never_evaluated(self):
        folder, pwned = hostile_repository()
        self.assertEqual(self.complete("show", "", cwd=folder, store=folder), ["ok"])
        revisions = self.complete("diff", "", cwd=folder, store=folder)
        self.assertFalse(os.path.exists(pwned))
        # Offered as literal words, quoted for the command line.
        self.assertIn("\\$\\(pwn\\)", revisions)
        self.assertIn("x\\;pwn", revisions)
        self.assertIn("main", revisions)
        self.assertIn("HEAD", revisions)
        self.assertEqual(self.complete("diff", "ma", cwd=folder, store=folder), ["main"])

    def test_every_command(self):
        self.assertEqual(self.complete(""), help_commands())

    def test_options_and_their_values(self):
        self.assertIn("--max-errors", self.complete("validate", "--"))
        self.assertEqual(self.complete("validate", "--format", ""),
                         ["text", "json", "github", "junit", "sarif", "gitlab", "auto"])
        # `--format=` is split by bash at '='.
        self.assertEqual(self.complete("list", "agreements", "--format", "=", "js"),
                         ["json", "jsonl"])
        self.assertEqual(self.complete("--color", ""), ["auto", "always", "never"])
        codes = self.complete("validate", "--ignore", "")
        self.assertIn("dangling-ref", codes)
        self.assertIn("superseded-twice", codes)
        self.assertEqual(len(codes), 28)

    def test_kinds_and_record_ids(self):
        self.assertEqual(self.complete("list", ""),
                         ["partners", "people", "agreements", "projects", "events"])
        all_ids = sorted(i for k in ["partners", "people", "agreements", "projects", "events"]
                         for i in ids(k))
        self.assertEqual(sorted(self.complete("show", "")), all_ids)
        self.assertEqual(self.complete("renew", ""), ids("agreements"))
        self.assertEqual(self.complete("show", "hkust-zju-f"),
                         ["hkust-zju-fah-mou", "hkust-zju-framework"])
        # After --store, ids come from that store.
        ci = os.path.join(os.path.dirname(STORE), "ci")
        self.assertEqual(self.complete("--store", ci, "renew", ""), ["a-b-mou"])

    def test_positions_after_options(self):
        self.assertEqual(self.complete("report", "--format", "md", ""), report_names())


class Fish(unittest.TestCase):
    def complete(self, line, cwd=None, store=STORE):
        script = os.path.join(PREFIX, "share/fish/vendor_completions.d/collab.fish")
        env = {"PATH": os.path.dirname(COLLAB) + ":" + os.environ["PATH"], "COLLAB_STORE": store,
               "HOME": tempfile.mkdtemp()}
        if cwd:
            env["PATH"] = os.path.join(cwd, "bin") + ":" + env["PATH"]
        text = out("fish", "--no-config", "-c", f"source '{script}'; complete -C'{line}'", env=env,
                   cwd=cwd)
        return [l.split("\t")[0] for l in text.splitlines()]

    def test_data_is_never_evaluated(self):
        folder, pwned = hostile_repository()
        self.assertEqual(self.complete("collab show ", cwd=folder, store=folder), ["ok"])
        revisions = self.complete("collab diff ", cwd=folder, store=folder)
        self.assertFalse(os.path.exists(pwned))
        self.assertIn("(pwn)", revisions)
        self.assertIn("$(pwn)", revisions)

    def test_commands_options_and_ids(self):
        self.assertEqual(sorted(self.complete("collab ")), sorted(help_commands()))
        self.assertIn("--max-errors", self.complete("collab validate --"))
        self.assertEqual(sorted(self.complete("collab validate --format ")),
                         sorted(["text", "json", "github", "junit", "sarif", "gitlab", "auto"]))
        self.assertEqual(self.complete("collab renew "), ids("agreements"))
        self.assertEqual(sorted(self.complete("collab list ")),
                         sorted(["partners", "people", "agreements", "projects", "events"]))
        # The kind is given: the filters that follow complete to nothing of the kind list.
        self.assertNotIn("partners", self.complete("collab list agreements "))


class Zsh(unittest.TestCase):
    def test_syntax_and_commands(self):
        script = os.path.join(PREFIX, "share/zsh/vendor-completions/_collab")
        subprocess.run(["zsh", "-n", script], check=True)
        with open(script) as f:
            text = f.read()
        self.assertTrue(text.startswith("#compdef collab\n"))
        for c in help_commands():
            self.assertIn(f"\n        '{c}:", text)
            self.assertIn(f"\n                {c})\n", text)
        self.assertIn("'--format[Output format", text)
        self.assertIn("_collab_ids agreements", text)


class Man(unittest.TestCase):
    def test_renders_without_warnings_and_covers_every_command_and_option(self):
        page = os.path.join(PREFIX, "share/man/man1/collab.1")
        r = subprocess.run(["groff", "-man", "-Tutf8", "-ww", page], capture_output=True,
                           text=True, env={**os.environ, "GROFF_NO_SGR": "1"})
        self.assertEqual(r.stderr, "")
        text = re.sub(".\b", "", r.stdout)  # overstrike bold and underline
        text = text.replace("\u2010", "-").replace("\u2212", "-")
        for c in help_commands():
            self.assertRegex(text, rf"\n {{3,}}{re.escape(c)}\n", c)
        for option in ["--max-errors", "--exit-code", "--group-by", "--store", "--only"]:
            self.assertIn(option, text)
        self.assertIn(f"collab {VERSION}", text)
        self.assertIn("EXIT STATUS", text)


if __name__ == "__main__":
    subprocess.run(["cmake", "--install", BUILD, "--prefix", PREFIX], check=True,
                   capture_output=True)
    unittest.main(argv=[sys.argv[0], "-v"])
