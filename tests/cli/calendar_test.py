#!/usr/bin/python3
"""collab calendar read back with an independent parser, Python's icalendar
(python3-icalendar): it holds exactly the notice dates, term ends, undone milestones and
events the store gives, computed here from `list --format json` (its computed fields
term_end and notice_date, docs/query.md) and the fixture, not from the calendar code.
Also: stable UIDs, DTSTAMP from today, CATEGORIES, --alarm, RFC 5545 escaping of hostile
text and line folding at 75 octets, -o and its errors.

Usage: calendar_test.py COLLAB REPO
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import icalendar

COLLAB, REPO = sys.argv[1:3]
CONSORTIUM = os.path.join(REPO, "tests", "stores", "consortium")
TODAY = "2026-01-15"
ENV = {"PATH": os.environ.get("PATH", ""), "COLLAB_TODAY": TODAY}


def collab(*args, store=CONSORTIUM, env=None, check=True):
    r = subprocess.run([COLLAB, "--store", store, *args], capture_output=True,
                       env={**ENV, **(env or {})}, timeout=60)
    if check and r.returncode != 0:
        raise AssertionError(f"collab {args}: {r.returncode}\n{r.stderr.decode()}")
    return r


def listed(kind, fields=None, store=CONSORTIUM, *filters):
    """The records of `kind` the filters select; none when they cannot speak about the kind
    (as the calendar's filters leave such kinds out)."""
    args = ["list", kind, *filters, "--format", "json"]
    if fields:
        args += ["--fields", fields]
    r = collab(*args, store=store, check=not filters)
    if r.returncode == 2 and filters:
        return []
    return json.loads(r.stdout)


def day(text):
    return datetime.date.fromisoformat(text)


def last_day(text):
    """A partial date's last day (contract: `due` stands for its period's end)."""
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    if len(parts) == 2:
        y, m = parts
        nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
        return nxt - datetime.timedelta(days=1)
    return datetime.date(parts[0], 12, 31)


def first_day(text):
    parts = [int(p) for p in str(text).split("-")] + [1, 1]
    return datetime.date(*parts[:3])


def expected(store=CONSORTIUM, filters=()):
    """(category, record id, first day, day after the last) of every entry, from list."""
    out = []
    for a in listed("agreements", "term_end,notice_date", store, *filters):
        if a["status"] not in ("active", "signed"):
            continue
        if a.get("terminated") and day(str(a["terminated"])) <= day(TODAY):
            continue
        if not a.get("term_end"):
            continue
        for what, field in (("notice", "notice_date"), ("term-end", "term_end")):
            d = day(a[field])
            out.append((what, a["id"], d, d + datetime.timedelta(days=1)))
    for p in listed("projects", None, store, *filters):
        if p["status"] in ("completed", "cancelled"):
            continue
        for m in p.get("milestones") or []:
            if m.get("done") is True or "due" not in m:
                continue
            d = last_day(m["due"])
            out.append(("milestone", p["id"], d, d + datetime.timedelta(days=1)))
    for e in listed("events", None, store, *filters):
        first = first_day(e["date"])
        last = last_day(e["end"]) if e.get("end") else last_day(e["date"])
        out.append(("event", e["id"], first, max(first, last) + datetime.timedelta(days=1)))
    return sorted(out)


def events(cal):
    return [c for c in cal.walk() if c.name == "VEVENT"]


class Calendar(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)

    def parse(self, data):
        return icalendar.Calendar.from_ical(data)

    def got(self, cal):
        out = []
        for ev in events(cal):
            desc = str(ev["DESCRIPTION"])
            first_line = desc.split("\n")[0]
            rid = first_line.split(": ", 1)[1]
            if first_line.startswith("Project: "):
                rid = rid.rsplit("(", 1)[1].rstrip(")")
            start, end = ev["DTSTART"].dt, ev["DTEND"].dt
            self.assertIsInstance(start, datetime.date)
            self.assertNotIsInstance(start, datetime.datetime)  # all-day
            out.append((category(ev), rid, start, end))
        return sorted(out)

    def test_holds_exactly_what_the_store_gives(self):
        path = os.path.join(self.tmp, "c.ics")
        collab("calendar", "-o", path)
        with open(path, "rb") as f:
            data = f.read()
        cal = self.parse(data)
        want = expected()
        self.assertEqual(self.got(cal), want)
        kinds = {w[0] for w in want}
        self.assertEqual(kinds, {"notice", "term-end", "milestone", "event"})
        self.assertEqual(str(cal["VERSION"]), "2.0")
        self.assertEqual(str(cal["X-WR-CALNAME"]), "Consortium fixture")
        for ev in events(cal):
            self.assertEqual(ev["DTSTAMP"].dt,
                             datetime.datetime(2026, 1, 15, tzinfo=datetime.timezone.utc))
            self.assertTrue(str(ev["UID"]).endswith("@collab.invalid"))
        self.assertEqual(len({str(ev["UID"]) for ev in events(cal)}), len(want))
        # The notice entry: title, counterparties (names), owner, term end and file.
        notice = next(ev for ev in events(cal) if category(ev) == "notice"
                      and "hkust-zju-framework" in str(ev["DESCRIPTION"]))
        self.assertEqual(str(notice["SUMMARY"]),
                         "Notice due: Framework agreement between HKUST and Zhejiang University")
        desc = str(notice["DESCRIPTION"])
        self.assertIn("Counterparties: Zhejiang University", desc)
        self.assertNotIn("Hong Kong University of Science", desc)  # home is no counterparty
        self.assertIn("Owner: ", desc)
        self.assertIn("Term ends: 2029-05-19", desc)
        self.assertIn("File: agreements/hkust-zju-framework.yaml", desc)
        # Lines end in CRLF and none is over 75 octets.
        for line in data.split(b"\r\n"):
            self.assertLessEqual(len(line), 75)
        self.assertNotIn(b"\n", data.replace(b"\r\n", b""))

    def test_filters_and_stable_uids(self):
        a = collab("calendar", "parties under zju").stdout
        b = collab("calendar", "parties under zju").stdout
        self.assertEqual(a, b)
        got = self.got(self.parse(a))
        self.assertEqual(got, [g for g in expected(filters=("parties under zju",))])
        self.assertTrue(all(g[0] in ("notice", "term-end") for g in got))
        # Another day: the same entries keep their UIDs (DTSTAMP moves).
        later = self.parse(collab("calendar", "--today", "2026-01-16").stdout)
        now = self.parse(collab("calendar").stdout)
        uid = {(category(e), str(e["DESCRIPTION"]), e["DTSTART"].dt): str(e["UID"])
               for e in events(now)}
        same = [e for e in events(later)
                if (category(e), str(e["DESCRIPTION"]), e["DTSTART"].dt) in uid]
        self.assertGreater(len(same), 5)
        for e in same:
            self.assertEqual(str(e["UID"]), uid[(category(e), str(e["DESCRIPTION"]),
                                                 e["DTSTART"].dt)])

    def test_alarm(self):
        cal = self.parse(collab("calendar", "--alarm", "30d").stdout)
        for ev in events(cal):
            alarms = [c for c in ev.walk() if c.name == "VALARM"]
            self.assertEqual(len(alarms), 1)
            self.assertEqual(alarms[0]["TRIGGER"].dt, -datetime.timedelta(days=30))
            self.assertEqual(str(alarms[0]["ACTION"]), "DISPLAY")
        weeks = self.parse(collab("calendar", "--alarm", "2w").stdout)
        self.assertEqual(events(weeks)[0].walk("VALARM")[0]["TRIGGER"].dt,
                         -datetime.timedelta(days=14))
        months = self.parse(collab("calendar", "--alarm", "1m").stdout)
        for ev in events(months):
            start = ev["DTSTART"].dt
            back = start + ev.walk("VALARM")[0]["TRIGGER"].dt
            m = start.month - 1 or 12
            y = start.year - (start.month == 1)
            self.assertEqual((back.year, back.month), (y, m))
        self.assertEqual(len(events(self.parse(collab("calendar").stdout))[0].walk("VALARM")), 0)
        for bad in ("30", "soon", "30x"):
            r = collab("calendar", "--alarm", bad, check=False)
            self.assertEqual(r.returncode, 2)
            self.assertIn(b"is not a duration", r.stderr)

    def test_hostile_text_is_escaped_and_folded(self):
        store = os.path.join(self.tmp, "store")
        os.makedirs(os.path.join(store, "events"))
        with open(os.path.join(store, "collab.yaml"), "w", encoding="utf-8") as f:
            f.write("name: 'Evil; name, \\\\ X'\n")
        title = ("Meeting; with, commas\\ and\nEND:VEVENT\nBEGIN:VEVENT\nUID:x\x01\x1b[31m "
                 + "浙江大学医学院附属第一医院" * 8)
        with open(os.path.join(store, "events", "evil.yaml"), "w", encoding="utf-8") as f:
            f.write("title: " + json.dumps(title) + "\ntype: meeting\ndate: 2026-02-03\n"
                    "end: 2026-02-05\nlocation: \"Room 1; Hall, B\"\n")
        data = collab("calendar", store=store).stdout
        cal = self.parse(data)
        evs = events(cal)
        self.assertEqual(len(evs), 1)
        self.assertEqual(str(evs[0]["SUMMARY"]),
                         title.replace("\x01", "\ufffd").replace("\x1b", "\ufffd"))
        self.assertEqual(evs[0]["DTEND"].dt, datetime.date(2026, 2, 6))
        self.assertIn("Location: Room 1; Hall, B", str(evs[0]["DESCRIPTION"]))
        self.assertEqual(data.count(b"\r\nBEGIN:VEVENT\r\n"), 1)
        self.assertIn(b"SUMMARY:Meeting\\; with\\, commas\\\\ and\\nEND:VEVENT", data)
        for line in data.split(b"\r\n"):
            self.assertLessEqual(len(line), 75)
            line.decode("utf-8")  # no fold inside a UTF-8 character

    def test_output_file_and_errors(self):
        path = os.path.join(self.tmp, "office.ics")
        r = collab("calendar", "-o", path)
        self.assertEqual(r.stdout, b"")
        with open(path, "rb") as f:
            self.assertEqual(f.read(), collab("calendar").stdout)
        r = collab("calendar", "-o", os.path.join(self.tmp, "x.txt"), check=False)
        self.assertEqual(r.returncode, 2)
        r = collab("calendar", "-o", os.path.join(self.tmp, "none", "c.ics"), check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"c.ics", r.stderr)
        r = collab("calendar", "-o", path, check=False, env={"COLLAB_TEST_WRITE_FAILURE": "ENOSPC"})
        self.assertEqual(r.returncode, 2)
        with open(path, "rb") as f:
            self.assertEqual(f.read(), collab("calendar").stdout)
        self.assertEqual(os.listdir(self.tmp), ["office.ics"])
        r = collab("calendar", "nosuchfield=1", check=False)
        self.assertEqual(r.returncode, 2)


def category(ev):
    cats = ev["CATEGORIES"]
    return str(cats.cats[0]) if hasattr(cats, "cats") else str(cats)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
