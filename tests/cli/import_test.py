#!/usr/bin/python3
"""`collab import csv` end to end (issue 17).

Usage: import_test.py COLLAB REPO

- The 500-row fixture of tests/import/ (BOM, CRLF, `;`, dd/mm/yyyy, accents, CJK, line breaks
  in cells) imports into a fresh store that validates clean, and `list --format csv` equals
  what tests/import/make_fixture.py's own data says, computed here without collab.
- Re-running it changes nothing; --update changes a record through `set` (comments kept);
  without it a changed row is an error naming the file.
- A killed import leaves only complete records, and the store validates.
- Every bad input of the issue: a diagnostic with row and column, exit 1, nothing written,
  in bounded time.
"""
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

COLLAB, REPO = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(REPO, "tests", "import"))
import make_fixture  # noqa: E402

FIXTURES = os.path.join(REPO, "tests", "import")
TODAY = "2026-01-15"
failures = []


def run(store, *args, stdin=None, env_extra=None, timeout=60):
    env = {"PATH": os.environ["PATH"], "HOME": store, "COLLAB_TODAY": TODAY}
    env.update(env_extra or {})
    started = time.monotonic()
    p = subprocess.run([COLLAB, "--store", store] + list(args), input=stdin,
                       capture_output=True, env=env, timeout=timeout)
    p.seconds = time.monotonic() - started
    p.text = p.stdout.decode("utf-8", "replace")
    p.errtext = p.stderr.decode("utf-8", "replace")
    return p


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def files_of(store):
    out = {}
    for kind in ("partners", "people", "agreements", "projects", "events"):
        folder = os.path.join(store, kind)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if name.endswith(".yaml"):
                with open(os.path.join(folder, name), "rb") as f:
                    out[f"{kind}/{name}"] = f.read()
    return out


def new_store(base, name):
    store = os.path.join(base, name)
    p = subprocess.run([COLLAB, "init", store, "--name", name], capture_output=True)
    assert p.returncode == 0, p.stderr
    return store


def import_partners(store):
    return run(store, "import", "csv", os.path.join(FIXTURES, "partners.csv"), "--kind", "partner")


AGREEMENT_ARGS = ["--kind", "agreement", "--map", "Partner Institution=parties",
                  "--map", "Automatic renewal=renewal.automatic",
                  "--date-format", "%d/%m/%Y"]


def import_agreements(store, *extra, path=None):
    return run(store, "import", "csv", path or os.path.join(FIXTURES, "agreements.csv"),
               *AGREEMENT_ARGS, *extra)


def expected_list():
    """`list agreements --format csv` of the imported fixture, from the generator's data."""
    rows = make_fixture.agreements()
    ids = make_fixture.ids(rows)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["id", "title", "type", "status", "parties", "signed", "expires", "areas",
                "renewal.automatic"])
    iso = lambda d: f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"
    for i, r in sorted(zip(ids, rows), key=lambda x: x[0]):
        w.writerow([i, r["title"], r["type"], "active", ", ".join(r["parties"]), iso(r["signed"]),
                    iso(r["expires"]), ", ".join(r["areas"]),
                    "true" if r["automatic"] else "false"])
    return out.getvalue()


COLUMNS = "id,title,type,status,parties,signed,expires,areas,renewal.automatic"


def test_fixture(base):
    store = new_store(base, "fresh")
    p = import_partners(store)
    check(p.returncode == 0, f"partners import: {p.text}{p.errtext}")
    p = import_agreements(store, "--dry-run")
    check(p.returncode == 0 and files_of(store).keys() == {f"partners/{make_fixture.partner_id(x[0])}.yaml"
                                                           for x in make_fixture.PARTNERS},
          f"dry run writes nothing: {p.text[-500:]}{p.errtext}")
    p = import_agreements(store)
    check(p.returncode == 0, f"agreements import: {p.text[-2000:]}{p.errtext}")
    check(p.seconds < 30, f"500 rows took {p.seconds:.1f} s")
    v = run(store, "validate")
    check(v.returncode == 0 and "0 errors, 0 warnings" in v.text, f"validate: {v.text[-1500:]}")
    got = run(store, "list", "agreements", "--format", "csv", "--fields", COLUMNS).text
    want = expected_list()
    if got != want:
        gl, wl = got.splitlines(), want.splitlines()
        diff = [f"- {a}\n+ {b}" for a, b in zip(wl, gl) if a != b][:5]
        check(False, f"list --format csv differs ({len(gl)} vs {len(wl)} lines):\n" + "\n".join(diff))
    # Notes keep their line breaks (CRLF in the cell becomes LF in the record).
    some = [r for r in make_fixture.agreements() if r["notes"]][0]
    i = make_fixture.ids(make_fixture.agreements())[make_fixture.agreements().index(some)]
    text = open(os.path.join(store, "agreements", f"{i}.yaml"), encoding="utf-8").read()
    check("notes: |-\n  Contact: office" in text and "\r" not in text, f"notes block: {text}")

    # Re-running changes nothing, also where a person laid a list out by hand.
    hand_id = make_fixture.ids(make_fixture.agreements())[0]
    hand_path = os.path.join(store, "agreements", f"{hand_id}.yaml")
    hand = open(hand_path, encoding="utf-8").read()
    m = re.search(r"^parties: \[(.*), (.*)\]$", hand, re.M)
    hand_line = f'parties: [ {m.group(1)} , "{m.group(2)}" ]   # checked by hand'
    hand = hand.replace(m.group(0), hand_line)
    # A nested field the spreadsheet has no column for (renewal.notice) is kept.
    hand = hand.replace("renewal:\n", "renewal:\n  notice: 3m\n") if "renewal:\n" in hand \
        else hand + "renewal:\n  notice: 3m\n"
    open(hand_path, "w", encoding="utf-8").write(hand)
    before = files_of(store)
    p = import_agreements(store)
    check(p.returncode == 0 and "0 new records, 0 updated, 500 unchanged" in p.text,
          f"re-run: {p.text[-300:]}")
    check(files_of(store) == before, "re-run changed files")
    # Partners too: a row whose name makes the id of the record of that name is that record.
    p = import_partners(store)
    check(p.returncode == 0 and "0 new records, 0 updated, 30 unchanged" in p.text,
          f"partners re-run: {p.text[-300:]}")

    # A changed row: an error naming the file without --update; with it, `set`'s edit.
    first_id = make_fixture.ids(make_fixture.agreements())[0]
    path = os.path.join(store, "agreements", f"{first_id}.yaml")
    with open(path, "a", encoding="utf-8") as f:
        f.write("# a comment the office wrote\n")
    changed = os.path.join(base, "changed.csv")
    data = open(os.path.join(FIXTURES, "agreements.csv"), "rb").read()
    lines = data.split(b"\r\n")
    cells = lines[1].split(b";")
    cells[1] = b"exchange" if cells[1] != b"exchange" else b"research"
    lines[1] = b";".join(cells)
    open(changed, "wb").write(b"\r\n".join(lines))
    before = files_of(store)
    p = import_agreements(store, path=changed)
    check(p.returncode == 1 and f"agreements/{first_id}.yaml" in p.text and "id-clash" in p.text
          and ":2:Title: error[id-clash]" in p.text, f"changed row without --update: {p.text[-500:]}")
    check(files_of(store) == before, "a refused import wrote")
    p = import_agreements(store, "--update", path=changed)
    check(p.returncode == 0 and "1 updated" in p.text, f"--update: {p.text[-300:]}")
    after = open(path, encoding="utf-8").read()
    check("# a comment the office wrote" in after and f"type: {cells[1].decode()}" in after,
          f"--update kept the comment: {after}")
    check(hand_line in after, f"--update left the unchanged hand-made list alone: {after}")
    check("  notice: 3m\n" in after, f"--update kept renewal.notice, which has no column: {after}")
    check(sum(1 for k in files_of(store) if before[k] != files_of(store)[k]) == 1,
          "--update changed one file")


def test_killed(base):
    """Killed at different moments: never a half-written or invalid record."""
    store = new_store(base, "killed")
    import_partners(store)
    env = {"PATH": os.environ["PATH"], "HOME": store, "COLLAB_TODAY": TODAY}
    # The fault hook first: killed before its first rename, nothing new is there.
    p = run(store, "import", "csv", os.path.join(FIXTURES, "agreements.csv"), *AGREEMENT_ARGS,
            env_extra={"COLLAB_TEST_CRASH_BEFORE_RENAME": "1"})
    check(p.returncode == -signal.SIGKILL, f"crash hook: {p.returncode}")
    check(not [k for k in files_of(store) if k.startswith("agreements/")],
          "a crash before the first rename left a record")
    # Killed in the middle of the renames: exactly that prefix is there, and it validates.
    for n in (1, 250):
        had = len([k for k in files_of(store) if k.startswith("agreements/")])
        p = run(store, "import", "csv", os.path.join(FIXTURES, "agreements.csv"), *AGREEMENT_ARGS,
                env_extra={"COLLAB_TEST_CRASH_AFTER_RENAMES": str(n)})
        check(p.returncode == -signal.SIGKILL, f"crash after {n} renames: {p.returncode}")
        got = len([k for k in files_of(store) if k.startswith("agreements/")])
        check(got == had + n, f"killed after {n} renames: {got} records, {had} before")
        v = run(store, "validate")
        check(v.returncode == 0, f"validate after {n} renames: {v.text[-800:]}")
    counts = []
    for delay in (0.3, 0.6, 0.9, 1.2, 1.8):
        proc = subprocess.Popen([COLLAB, "--store", store, "import", "csv",
                                 os.path.join(FIXTURES, "agreements.csv")] + AGREEMENT_ARGS,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait()
        v = run(store, "validate")
        counts.append(len([k for k in files_of(store) if k.startswith("agreements/")]))
        check(v.returncode == 0, f"validate after a kill at {delay} s: {v.text[-800:]}")
    print("records after each kill:", counts)
    p = import_agreements(store)
    check(p.returncode == 0, f"import after kills: {p.text[-500:]}")
    check(len([k for k in files_of(store) if k.startswith("agreements/")]) == 500,
          "the import after kills completes the store")
    # The killed runs' temporary files (dot-files the loader skips) are gone after it.
    left = [n for n in os.listdir(os.path.join(store, "agreements")) if ".collab-tmp-" in n]
    check(not left, f"temporary files left after the next import: {left[:3]}")


def expect_error(store, name, content, code, row, column, *args, timeout=30):
    path = os.path.join(os.path.dirname(store), name)
    with open(path, "wb") as f:
        f.write(content)
    before = files_of(store)
    p = run(store, "import", "csv", path, "--format", "json", *args, timeout=timeout)
    try:
        j = json.loads(p.stdout)
    except ValueError:
        check(False, f"{name}: not JSON: {p.text[:300]} {p.errtext[:300]}")
        return None
    problems = [(x["row"], x["column"], x["code"]) for x in j["problems"] if x["severity"] == "error"]
    check(p.returncode == 1, f"{name}: exit {p.returncode}")
    check((row, column, code) in problems, f"{name}: wanted {(row, column, code)} in {problems[:5]}")
    check(not j["written"] and files_of(store) == before, f"{name}: something was written")
    check(p.seconds < 30, f"{name}: took {p.seconds:.1f} s")
    # The same problem in text form: FILE:ROW:COLUMN: error[code]: message.
    t = run(store, "import", "csv", path, *args, timeout=timeout)
    check(f"{path}:{row}:{column}: error[{code}]:" in t.text, f"{name}: text form: {t.text[:300]}")
    return j


def test_bad_input(base):
    store = new_store(base, "bad")
    import_partners(store)
    A = ["--kind", "agreement", "--map", "Partner Institution=parties"]
    head = b"Title,Type,Status,Partner Institution\n"
    expect_error(store, "empty.csv", b"", "csv-empty", 1, "", *A)
    expect_error(store, "header-only.csv", head, "csv-empty", 1, "", *A)
    expect_error(store, "dup-header.csv", b"Title,Type,Title\nx,mou,y\n", "duplicate-column", 1,
                 "Title", "--kind", "agreement")
    expect_error(store, "more-cells.csv", head + b"A,mou,draft,HKUST;ZJU,extra\n", "csv-ragged", 2,
                 "column 5", *A)
    expect_error(store, "fewer-cells.csv", head + b"A,mou,draft\n", "csv-ragged", 2,
                 "Partner Institution", *A)
    expect_error(store, "unterminated.csv", head + b"A,mou,draft,HKUST;ZJU\nB,\"mou,draft,HKUST\n",
                 "csv-syntax", 3, "Type", *A)
    expect_error(store, "nul.csv", head + b"A\x00B,mou,draft,HKUST;ZJU\n", "csv-nul", 2, "Title", *A)
    expect_error(store, "formula.csv", head + b"A,mou,draft,\"=SUM(A1:A3)\"\n", "formula", 2,
                 "Partner Institution", *A)
    expect_error(store, "cp1252.csv", head + b"Caf\xe9,mou,draft,HKUST;ZJU\n", "csv-encoding", 2, "", *A)
    p = run(store, "import", "csv", os.path.join(base, "cp1252.csv"), *A, "--encoding",
            "windows-1252", "--dry-run")
    check(p.returncode == 0 and "1 new record" in p.text, f"--encoding: {p.text}")
    expect_error(store, "cjk.csv", b"Name,Type,Country\n\xe6\xb8\x85\xe5\x8d\x8e,university,CN\n",
                 "no-id", 2, "Name", "--kind", "partner")
    # Ids that clash with each other, and with an existing record.
    expect_error(store, "clash.csv", b"id,Title,Type,Status,Partner Institution\n"
                 b"a,A,mou,draft,HKUST;ZJU\na,B,mou,draft,HKUST;ZJU\n", "id-clash", 3, "id", *A)
    existing = b"id,Title,Type,Status,Partner Institution\nx-1,A,mou,draft,HKUST;ZJU\n"
    open(os.path.join(base, "one.csv"), "wb").write(existing)
    check(run(store, "import", "csv", os.path.join(base, "one.csv"), *A).returncode == 0, "one")
    expect_error(store, "clash-existing.csv", existing.replace(b"A,", b"Other,"), "id-clash", 2,
                 "id", *A)
    # Sizes: a 50 MB file, 100,000 rows, a cell of 1 MB.
    j = expect_error(store, "big.csv", head + b"A,mou,draft,HKUST;ZJU\n" * (50 * 1024 * 1024 // 22),
                     "csv-too-large", 1, "", *A)
    # Only the limit is read, so the message says "more than", not a wrong size.
    check(j and "more than 20971520 bytes" in j["problems"][0]["message"],
          f"big.csv message: {j and j['problems'][0]['message']}")
    expect_error(store, "rows.csv", head + b"A,mou,draft,HKUST;ZJU\n" * 100000, "csv-too-large", 20002,
                 "", *A)
    expect_error(store, "cell.csv", head + b"A,mou,draft,\"" + b"x" * (1 << 20) + b"\"\n", "csv-too-large",
                 2, "Partner Institution", *A)
    # Unknown column and reference, with their hints.
    j = expect_error(store, "unknown.csv", b"Title,Type,Status,Partner Institution,Budget\nA,mou,draft,HKUST;ZJU,1\n",
                     "unknown-column", 1, "Budget", *A)
    expect_error(store, "unknown-ref.csv", head + b"A,mou,draft,HKUST;Nowhere U\n", "unknown-reference", 2,
                 "Partner Institution", *A)
    # stdin.
    p = run(store, "import", "csv", "-", *A, "--dry-run", stdin=head + b"From stdin,mou,draft,HKUST;ZJU\n")
    check(p.returncode == 0 and "1 new record" in p.text, f"stdin: {p.text}{p.errtext}")


def main():
    base = tempfile.mkdtemp(prefix="collab-import-")
    try:
        test_fixture(base)
        test_bad_input(base)
        test_killed(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("import: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
