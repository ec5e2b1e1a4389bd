"""An independent reading of contract v2 over a fixture store, for the tests that compare
collab's answers with their own (cookbook_test.py, register_test.py).

The records are read with PyYAML and the rules (home and counterparties, top-level
organisations, term end through automatic renewals, notice date) are written here from
../shared/design/format.md, never from collab's code, so a wrong rule in collab and a matching
wrong golden cannot agree by accident.

Use: `contract_model.init(STORE, TODAY)`, then import the names below from the module.
"""
import calendar
import datetime
import os

import yaml

KINDS = [("partner", "partners"), ("person", "people"), ("agreement", "agreements"),
         ("project", "projects"), ("event", "events")]

# Set by init(): the records by kind and id, each record's file (relative to the store),
# collab.yaml, and the day the rules are evaluated on.
RECORDS, FILES, CONFIG = {}, {}, {}
PARTNERS, PEOPLE, AGREEMENTS = {}, {}, {}
HOME, TODAY = None, None


def init(store, today):
    """Reads every record of `store` (a folder) and sets the module's globals."""
    global HOME, TODAY
    RECORDS.clear(), FILES.clear(), CONFIG.clear()
    for kind, folder in KINDS:
        RECORDS[kind] = {}
        for root, _, files in sorted(os.walk(os.path.join(store, folder))):
            for f in sorted(files):
                if f.endswith((".yaml", ".yml")):
                    path = os.path.join(root, f)
                    rid = os.path.splitext(f)[0]
                    with open(path, encoding="utf-8") as fh:
                        RECORDS[kind][rid] = yaml.safe_load(fh)
                    FILES[(kind, rid)] = os.path.relpath(path, store).replace(os.sep, "/")
    with open(os.path.join(store, "collab.yaml"), encoding="utf-8") as fh:
        CONFIG.update(yaml.safe_load(fh) or {})
    PARTNERS.clear(), PEOPLE.clear(), AGREEMENTS.clear()
    PARTNERS.update(RECORDS["partner"])
    PEOPLE.update(RECORDS["person"])
    AGREEMENTS.update(RECORDS["agreement"])
    HOME, TODAY = CONFIG.get("home"), today


def text(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if isinstance(v, bool):
        return "true" if v else "false"
    return None if v is None else str(v)


def day(value, last):
    """A partial date as one day: the period's last day for expires, else the first."""
    s = text(value)
    if s is None:
        return None
    parts = [int(x) for x in s.split("-")]
    y = parts[0]
    m = parts[1] if len(parts) > 1 else (12 if last else 1)
    d = parts[2] if len(parts) > 2 else (calendar.monthrange(y, m)[1] if last else 1)
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


def top_level(pid):
    chain = ancestors(pid)
    return chain[-1] if chain else pid


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


def unique(values):
    out = []
    for v in values:
        if v not in out:
            out.append(v)
    return out
