#!/usr/bin/env python3
"""The test programs are found when the tests run, not when the build is configured (issue 13).

The README's order on a fresh machine is `./scripts/collab validate` (configures and builds
before Chromium and Graphviz are installed), then `./scripts/test` (installs them, runs the
tests). This test replays that order:
  1. configures a scratch build folder with PATH hiding `dot` and `chromium`: it must
     succeed, and the compile definitions of the Graphviz and browser tests must be exactly
     those of the real build (configured with the tools visible), so nothing about the tools
     is decided at configure time;
  2. runs the real build's Graphviz and browser test cases with the tools hidden (they must
     fail, naming the missing program), then visible (they must pass).
Usage: tools_test.py CMAKE REPO BUILD_DIR REPORT_TEST BROWSER_TEST
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HIDDEN = {"dot", "chromium", "chromium-browser"}


def path_without_tools(scratch):
    """A PATH of one folder linking every program of the current PATH but the hidden ones."""
    bin_dir = os.path.join(scratch, "bin")
    os.makedirs(bin_dir)
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            target = os.path.join(folder, name)
            link = os.path.join(bin_dir, name)
            if name in HIDDEN or os.path.lexists(link):
                continue
            if os.path.isfile(target) and os.access(target, os.X_OK):
                os.symlink(target, link)
    for name in HIDDEN:
        assert shutil.which(name, path=bin_dir) is None, name
    return bin_dir


def defines(build_ninja, target):
    """The DEFINES line of `target`'s object file in a Ninja build file."""
    text = open(build_ninja, encoding="utf-8").read()
    match = re.search(r"build tests/CMakeFiles/%s\.dir/[^\n]*\n  DEFINES = ([^\n]*)" % target, text)
    assert match, "no DEFINES for %s in %s" % (target, build_ninja)
    return match.group(1)


def run(argv, path):
    env = {"PATH": path, "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=280)


def main():
    cmake, repo, build, report_test, browser_test = sys.argv[1:6]
    failures = []
    with tempfile.TemporaryDirectory(prefix="collab-tools-") as scratch:
        hidden_path = path_without_tools(scratch)
        scratch_build = os.path.join(scratch, "build")
        env = {"PATH": hidden_path, "HOME": os.environ.get("HOME", "/tmp")}
        configured = subprocess.run([cmake, "-S", repo, "-B", scratch_build, "-G", "Ninja"],
                                    env=env, capture_output=True, text=True, timeout=280)
        if configured.returncode != 0:
            failures.append("configuring without dot and chromium failed:\n" + configured.stdout +
                            configured.stderr)
        else:
            for target in ("report_test", "browser_test"):
                ours = defines(os.path.join(scratch_build, "build.ninja"), target)
                real = defines(os.path.join(build, "build.ninja"), target)
                if ours.replace(scratch_build, build) != real:
                    failures.append("%s is configured differently without the tools:\n  %s\n  %s" %
                                    (target, ours, real))
                if "NOTFOUND" in ours:
                    failures.append("%s was configured with a NOTFOUND: %s" % (target, ours))

        cases = [(report_test, "graph: DOT renders*", "'dot' is not on PATH"),
                 (browser_test, "graph --format mermaid*", "'chromium' is not on PATH")]
        for binary, case, message in cases:
            hidden = run([binary, "-tc=" + case], hidden_path)
            if hidden.returncode == 0 or message not in hidden.stdout + hidden.stderr:
                failures.append("%s -tc=%r with the tools hidden: exit %d, expected a failure "
                                "saying %r:\n%s%s" % (binary, case, hidden.returncode, message,
                                                      hidden.stdout, hidden.stderr))
            visible = run([binary, "-tc=" + case], os.environ.get("PATH", ""))
            if visible.returncode != 0:
                failures.append("%s -tc=%r with the tools on PATH: exit %d:\n%s%s" %
                                (binary, case, visible.returncode, visible.stdout,
                                 visible.stderr))
    for f in failures:
        print(f, file=sys.stderr)
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
