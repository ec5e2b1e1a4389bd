#!/usr/bin/env python3
"""The office cookbook of docs/query.md, checked against answers computed independently.

Each `$ collab ...` command under "## Office cookbook" is run as printed (on the consortium
fixture, --today 2026-01-15) and its TSV output compared with what this file computes from
the YAML records with PyYAML and its own reading of contract v2 (home and counterparties,
term end through automatic renewals, notice date, in_force, top_level). Nothing here calls
collab's code, so a wrong rule in collab and a matching wrong golden cannot agree by accident.

Usage: cookbook_test.py COLLAB REPO
"""
import calendar
import datetime
import os
import re
import subprocess
import sys

import yaml

COLLAB, REPO = sys.argv[1], sys.argv[2]
STORE = os.path.join(REPO, "tests", "stores", "consortium")
TODAY = datetime.date(2026, 1, 15)


def text(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if isinstance(v, bool):
        return "true" if v else "false"
    return None if v is None else str(v)


def load():
    records = {}
    for kind, folder in [("partner", "partners"), ("person", "people"),
                         ("agreement", "agreements"), ("project", "projects"),
                         ("event", "events")]:
        records[kind] = {}
        for root, _, files in os.walk(os.path.join(STORE, folder)):
            for f in sorted(files):
                if f.endswith((".yaml", ".yml")):
                    with open(os.path.join(root, f), encoding="utf-8") as fh:
                        records[kind][os.path.splitext(f)[0]] = yaml.safe_load(fh)
    with open(os.path.join(STORE, "collab.yaml"), encoding="utf-8") as fh:
        config = yaml.safe_load(fh)
    return records, config


RECORDS, CONFIG = load()
PARTNERS, PEOPLE, AGREEMENTS = RECORDS["partner"], RECORDS["person"], RECORDS["agreement"]
HOME = CONFIG.get("home")


def day(value, last):
    """A partial date as one day: the period's last day for expires, else the first."""
    s = text(value)
    if s is None:
        return None
    parts = [int(x) for x in s.split("-")]
    y = parts[0]
    m = parts[1] if len(parts) > 1 else (12 if last else 1)
    if len(parts) > 2:
        d = parts[2]
    else:
        d = calendar.monthrange(y, m)[1] if last else 1
    return datetime.date(y, m, d)


def add_months(d, n):
    index = d.year * 12 + d.month - 1 + n
    y, m = divmod(index, 12)
    return datetime.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def add(d, duration, sign=1):
    n, unit = int(duration[:-1]) * sign, duration[-1]
    if unit == "d":
        return d + datetime.timedelta(days=n)
    if unit == "w":
        return d + datetime.timedelta(days=7 * n)
    return add_months(d, n if unit == "m" else 12 * n)


def ancestors(pid):
    chain, seen = [], {pid}
    while True:
        parent = (PARTNERS.get(pid) or {}).get("parent")
        if not parent or parent in seen:
            return chain
        chain.append(parent)
        seen.add(parent)
        pid = parent


def belongs(pid, org):
    return pid == org or org in ancestors(pid)


def counterparties(a):
    out = []
    for p in a.get("parties") or []:
        if (HOME and belongs(p, HOME)) or p in out:
            continue
        out.append(p)
    return out


def start(a):
    return day(a.get("effective"), False) or day(a.get("signed"), False)


def renewal_term(a):
    r = a.get("renewal") or {}
    if r.get("term"):
        return r["term"]
    s, e = start(a), day(a.get("expires"), True)
    if not s or not e or e <= s:
        return "1y"
    months = (e.year - s.year) * 12 + e.month - s.month
    for m in (months, months + 1):
        if m > 0:
            end = add_months(s, m)
            if end == e or end - datetime.timedelta(days=1) == e:
                return f"{m}m"
    return f"{(e - s).days + 1}d"


def term_end(a):
    e = day(a.get("expires"), True)
    if e is None:
        return None
    if (a.get("renewal") or {}).get("automatic") is not True or e >= TODAY:
        return e
    term = renewal_term(a)
    while e < TODAY:  # each step from the previous end, as the contract says
        e = add(e, term)
    return e


def notice_date(a):
    e = term_end(a)
    if e is None:
        return None
    notice = (a.get("renewal") or {}).get("notice")
    return add(e, notice, -1) if notice else e


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


def unique(values):
    out = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


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
