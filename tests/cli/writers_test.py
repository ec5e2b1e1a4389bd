#!/usr/bin/python3
"""Concurrent writers lose nothing (issue 15): every change a command reports is on disk.

Usage: writers_test.py COLLAB [ROUNDS]

Each round starts, at the same moment, two `set`s on one partner, a `set` on an agreement,
a `renew` of that agreement, a `new` partner and a `fmt` of the whole store, then checks that
every command exited 0 and that each change it reported is in the files, and that no
temporary file is left. Without the writers' lock two `set`s on one record lost one change
in 49 of 50 tries.
"""
import os
import shutil
import subprocess
import sys
import tempfile

COLLAB = sys.argv[1]
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 100


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def read(root, rel):
    with open(os.path.join(root, rel)) as f:
        return f.read()


def main():
    base = tempfile.mkdtemp(prefix="collab-writers-")
    root = os.path.join(base, "store")
    try:
        write(root, "collab.yaml", "name: Writers\n")
        # Keys out of canonical order, so every fmt has something to rewrite.
        write(root, "partners/hub.yaml", "type: university\nname: Hub\ncountry: HK\n")
        write(root, "partners/other.yaml", "name: Other\ntype: university\ncountry: CN\n")
        write(root, "agreements/base.yaml",
              "title: Base\ntype: mou\nstatus: active\nparties: [hub, other]\n"
              "signed: 2024-01-10\nexpires: 2027-01-10\n")
        env = {"PATH": os.environ["PATH"], "HOME": base, "COLLAB_TODAY": "2026-01-15"}
        failures = []
        for n in range(ROUNDS):
            tag = f"r{n}"
            commands = {
                "set-one": ["set", "hub", f"x-one={tag}"],
                "set-two": ["set", "hub", f"x-two={tag}"],
                "set-agreement": ["set", "base", f"x-note={tag}", "--force"],
                "renew": ["renew", "base", "--id", f"base-{tag}", "--signed", "2026-01-10",
                          "--force"],
                "new": ["new", "partner", f"p-{tag}", "name=P", "type=company", "country=HK"],
                "fmt": ["fmt"],
            }
            procs = {name: subprocess.Popen([COLLAB, "--store", root] + args, env=env,
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                            text=True)
                     for name, args in commands.items()}
            results = {name: p.communicate() + (p.returncode,) for name, p in procs.items()}
            for name, (out, err, status) in results.items():
                if status != 0:
                    failures.append(f"round {n}: {name} exited {status}: {err.strip()}")
            hub = read(root, "partners/hub.yaml")
            base_text = read(root, "agreements/base.yaml")
            if results["set-one"][2] == 0 and f"x-one: {tag}\n" not in hub:
                failures.append(f"round {n}: set x-one={tag} reported, lost:\n{hub}")
            if results["set-two"][2] == 0 and f"x-two: {tag}\n" not in hub:
                failures.append(f"round {n}: set x-two={tag} reported, lost:\n{hub}")
            if results["set-agreement"][2] == 0 and f"x-note: {tag}\n" not in base_text:
                failures.append(f"round {n}: set x-note={tag} reported, lost:\n{base_text}")
            if results["renew"][2] == 0:
                if not os.path.exists(os.path.join(root, f"agreements/base-{tag}.yaml")):
                    failures.append(f"round {n}: renew reported, successor missing")
                if "status: superseded\n" not in base_text:
                    failures.append(f"round {n}: renew reported, base not superseded")
            if results["new"][2] == 0 and not os.path.exists(
                    os.path.join(root, f"partners/p-{tag}.yaml")):
                failures.append(f"round {n}: new p-{tag} reported, missing")
            for folder, _, files in os.walk(root):
                for f in files:
                    if ".collab-tmp-" in f:
                        failures.append(f"round {n}: temporary file left: {folder}/{f}")
            if failures:
                break
        # The store is whole at the end: every round's records load, fmt has nothing left.
        check = subprocess.run([COLLAB, "--store", root, "fmt", "--check"], env=env,
                               capture_output=True, text=True)
        if not failures and check.returncode != 0:
            failures.append("fmt --check after the rounds: " + check.stdout + check.stderr)
        if failures:
            print("\n".join(failures[:10]))
            return 1
        print(f"{ROUNDS} rounds of 6 concurrent writers: every reported change present")
        return 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
