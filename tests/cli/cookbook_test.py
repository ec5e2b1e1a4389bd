#!/usr/bin/env python3
"""The office cookbook of docs/query.md, checked against answers computed independently.

Each `$ collab ...` command under "## Office cookbook" is run as printed (on the consortium
fixture, --today 2026-01-15) and its TSV output compared with what this file computes from
the YAML records with PyYAML and its own reading of contract v2 (home and counterparties,
term end through automatic renewals, notice date, in_force, top_level). Nothing here calls
collab's code, so a wrong rule in collab and a matching wrong golden cannot agree by accident.

Usage: cookbook_test.py COLLAB REPO
"""
import datetime
import os
import re
import subprocess
import sys

import contract_model

COLLAB, REPO = sys.argv[1], sys.argv[2]
STORE = os.path.join(REPO, "tests", "stores", "consortium")
TODAY = datetime.date(2026, 1, 15)
contract_model.init(STORE, TODAY)
from contract_model import (  # noqa: E402
    AGREEMENTS, PARTNERS, PEOPLE, ancestors, belongs, counterparties, day, notice_date, start,
    term_end, text, top_level, unique)


def in_force(a):
    if a.get("status") != "active":
        return False
    s = start(a)
    if not s or s > TODAY:
        return False
    if a.get("expires") is not None and term_end(a) < TODAY:
        return False
    t = day(a.get("terminated"), False)
    return not t or t > TODAY


def names(ids, kind=PARTNERS):
    return ", ".join(kind[i]["name"] for i in ids if i in kind)


# One function per cookbook entry, in the order of the docs: the expected TSV rows.
def active_mous_in_china():
    rows = [["id", "counterparties.name"]]
    for i, a in sorted(AGREEMENTS.items()):
        cps = counterparties(a)
        if a["status"] == "active" and a["type"] == "mou" and any(
                PARTNERS[p]["country"] == "CN" for p in cps if p in PARTNERS):
            rows.append([i, names(cps)])
    return rows


def notice_in_90_days():
    found = []
    for i, a in sorted(AGREEMENTS.items()):
        n = notice_date(a)
        if n and 0 <= (n - TODAY).days <= 90:
            found.append((n, i, [i, n.isoformat(), str((n - TODAY).days),
                                 names(counterparties(a))]))
    found.sort(key=lambda x: x[0])  # stable: ids stay in order within a date
    return [["id", "notice_date", "days_to_notice", "counterparties.name"]] + [f[2] for f in found]


def signed_with_zju():
    rows = [["id", "signatories.person.name", "signatories.partner.name"]]
    for i, a in sorted(AGREEMENTS.items()):
        if any(belongs(p, "zju") for p in a.get("parties") or []):
            sigs = a.get("signatories") or []
            rows.append([i, ", ".join(unique(PEOPLE[s["person"]]["name"] for s in sigs)),
                         ", ".join(unique(PARTNERS[s["partner"]]["name"] for s in sigs))])
    return rows


def signed_2025_by_country():
    counts, none = {}, 0
    for a in AGREEMENTS.values():
        s = day(a.get("signed"), False)
        if not s or s.year != 2025:
            continue
        countries = unique(PARTNERS[p]["country"] for p in counterparties(a) if p in PARTNERS)
        if not countries:
            none += 1
        for c in countries:
            counts[c] = counts.get(c, 0) + 1
    rows = sorted(counts.items(), key=lambda kv: kv[0])
    rows.sort(key=lambda kv: -kv[1])
    out = [["counterparties.country", "count"]] + [[c, str(n)] for c, n in rows]
    if none:
        out.append(["", str(none)])
    return out


def auto_renewing():
    found = []
    for i, a in sorted(AGREEMENTS.items()):
        if (a.get("renewal") or {}).get("automatic") is True:
            n = notice_date(a)
            term = (a.get("renewal") or {}).get("term") or ""
            found.append((n or datetime.date.max,
                          [i, term, text(term_end(a)) or "", text(n) or ""]))
    found.sort(key=lambda x: x[0])
    return [["id", "renewal.term", "term_end", "notice_date"]] + [f[1] for f in found]


def in_force_today():
    rows = [["id", "term_end", "days_to_term_end"]]
    for i, a in sorted(AGREEMENTS.items()):
        if in_force(a):
            e = term_end(a)
            rows.append([i, e.isoformat() if e else "", str((e - TODAY).days) if e else ""])
    return rows


def partners_per_top_level():
    counts = {}
    for pid in PARTNERS:
        chain = ancestors(pid)
        top = chain[-1] if chain else pid
        counts[top] = counts.get(top, 0) + 1
    rows = sorted(counts.items(), key=lambda kv: kv[0])
    rows.sort(key=lambda kv: -kv[1])
    return [["top_level", "count"]] + [[t, str(n)] for t, n in rows]


EXPECTED = [active_mous_in_china, notice_in_90_days, signed_with_zju, signed_2025_by_country,
            auto_renewing, in_force_today, partners_per_top_level]


def commands():
    with open(os.path.join(REPO, "docs", "query.md"), encoding="utf-8") as fh:
        doc = fh.read()
    section = doc.split("## Office cookbook", 1)[1]
    return [m.group(1) for m in re.finditer(r"^\$ (collab .*)$", section, re.M)]


def words(line):
    import shlex  # the docs quote with '...', as a shell reads them
    return shlex.split(line)


def main():
    cmds = commands()
    assert len(cmds) == len(EXPECTED), f"{len(cmds)} commands in the docs, {len(EXPECTED)} answers"
    failures = 0
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COLLAB_", "LC_", "LANG"))}
    for line, expected in zip(cmds, EXPECTED):
        argv = [COLLAB] + words(line)[1:]
        out = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True)
        got = [row.split("\t") for row in out.stdout.splitlines()]
        want = expected()
        if out.returncode != 0 or got != want:
            failures += 1
            print(f"FAIL {expected.__name__}: `{line}`\n  exit {out.returncode} {out.stderr}"
                  f"\n  got:  {got}\n  want: {want}")
        else:
            assert len(want) > 1, f"{expected.__name__}: an empty answer proves nothing"
            print(f"ok   {expected.__name__}: {len(want) - 1} rows")
    sys.exit(1 if failures else 0)


main()
