#!/usr/bin/python3
"""The spreadsheets of docs/authoring.md's import walkthrough and of tests/cli/import_test.py.

Usage: make_fixture.py [OUT_DIR]   (default: this folder)

Writes, deterministically (a fixed seed), what an office's spreadsheet looks like when Excel
or LibreOffice saves it as "CSV UTF-8" in a European locale: a UTF-8 byte-order mark, CRLF line
ends, `;` between cells, dates as dd/mm/yyyy, partner names with accents and in Chinese, notes
with line breaks inside quoted cells.

  partners.csv     30 partners (ids made from the Latin names)
  agreements.csv  500 agreements naming their partners by name, native name or abbreviation
  agreements-with-errors.csv  the same first 20 rows with four planted mistakes (the walkthrough)

The data is also importable as a module (PARTNERS, agreements()), so the test computes the
expected `collab list` output from it, not from collab.
"""
import os
import random
import sys

HOME = ("Hong Kong University of Science and Technology", "HKUST", "香港科技大学", "HK", "Hong Kong")
PARTNERS = [
    # (name, short, native name, country, city)
    HOME,
    ("Zhejiang University", "ZJU", "浙江大学", "CN", "Hangzhou"),
    ("Tsinghua University", "", "清华大学", "CN", "Beijing"),
    ("Peking University", "PKU", "北京大学", "CN", "Beijing"),
    ("Fudan University", "", "复旦大学", "CN", "Shanghai"),
    ("Shanghai Jiao Tong University", "SJTU", "上海交通大学", "CN", "Shanghai"),
    ("National Taiwan University", "NTU", "國立臺灣大學", "TW", "Taipei"),
    ("The University of Tokyo", "", "東京大学", "JP", "Tokyo"),
    ("Kyoto University", "", "京都大学", "JP", "Kyoto"),
    ("Seoul National University", "SNU", "서울대학교", "KR", "Seoul"),
    ("Technische Universität München", "TUM", "", "DE", "München"),
    ("Ludwig-Maximilians-Universität München", "LMU", "", "DE", "München"),
    ("Université de Genève", "UNIGE", "", "CH", "Genève"),
    ("École Polytechnique Fédérale de Lausanne", "EPFL", "", "CH", "Lausanne"),
    ("Eidgenössische Technische Hochschule Zürich", "ETH", "", "CH", "Zürich"),
    ("Sorbonne Université", "", "", "FR", "Paris"),
    ("Université Paris-Saclay", "", "", "FR", "Orsay"),
    ("Universidad de São Paulo", "USP", "", "BR", "São Paulo"),
    ("Universitat Pompeu Fabra", "UPF", "", "ES", "Barcelona"),
    ("Università di Bologna", "", "Alma Mater Studiorum", "IT", "Bologna"),
    ("Københavns Universitet", "", "", "DK", "København"),
    ("Uniwersytet Jagielloński", "", "", "PL", "Kraków"),
    ("Univerzita Karlova", "", "", "CZ", "Praha"),
    ("Universidade de Lisboa", "ULisboa", "", "PT", "Lisboa"),
    ("Technion – Israel Institute of Technology", "Technion", "", "IL", "Haifa"),
    ("University of Oxford", "", "", "GB", "Oxford"),
    ("Åbo Akademi University", "", "", "FI", "Turku"),
    ("Universität Wien", "", "", "AT", "Wien"),
    ("Norges teknisk-naturvitenskapelige universitet", "NTNU", "", "NO", "Trondheim"),
    ("Sveučilište u Zagrebu", "", "", "HR", "Zagreb"),
]
AREAS = ["research", "student-exchange", "medical-education", "artificial-intelligence", "data"]
TYPES = ["mou", "exchange", "research", "cooperation", "framework"]
SUBJECTS = ["Student exchange", "Joint research", "Summer school", "Dual degree",
            "Staff mobility", "Data sharing", "Joint laboratory", "Visiting scholars"]


def partner_id(name):
    """The id collab makes from a Latin name (docs/authoring.md): ASCII letters, `-` runs."""
    table = {"ä": "a", "ö": "o", "ü": "u", "é": "e", "è": "e", "ç": "c", "ã": "a", "à": "a",
             "á": "a", "ó": "o", "ø": "o", "å": "a", "Å": "A", "É": "E", "ß": "ss", "ń": "n",
             "č": "c", "–": "-", "ñ": "n", "í": "i", "ú": "u", "š": "s"}
    ascii_name = "".join(table.get(c, c) for c in name).lower()
    out, dash = "", False
    for c in ascii_name:
        if c.isascii() and c.isalnum():
            out += ("-" if dash and out else "") + c
            dash = False
        else:
            dash = True
    if len(out) > 64:  # at most 64 characters, cut at a `-` when one is in the second half
        out = out[:64]
        if out.rfind("-") >= 32:
            out = out[:out.rfind("-")]
        out = out.rstrip("-")
    return out


def agreements():
    """The 500 rows as dicts of the values collab should store (ISO dates, ids)."""
    rng = random.Random(17)
    rows = []
    for n in range(500):
        other = PARTNERS[1 + rng.randrange(len(PARTNERS) - 1)]
        subject = SUBJECTS[rng.randrange(len(SUBJECTS))]
        # Every fifth title repeats an earlier one, so ids need their numeric suffix.
        title = f"{subject} with {other[0]}" if n % 5 else f"{subject} {2020 + n % 6}"
        signed = (2020 + rng.randrange(6), 1 + rng.randrange(12), 1 + rng.randrange(28))
        # In force on the fixtures' today (2026-01-15), so `active` is no stale status.
        expires = (2027 + rng.randrange(5), signed[1], signed[2])
        # Names as the office writes them: the full name, the native name, the abbreviation.
        way = rng.randrange(3)
        written = other[2] if way == 1 and other[2] else (other[1] if way == 2 and other[1] else other[0])
        if rng.randrange(4) == 0:
            written = written.upper() if written.isascii() else written
        areas = sorted(rng.sample(AREAS, 1 + rng.randrange(2)), key=AREAS.index)
        notes = "" if rng.randrange(3) else f"Contact: office {n}\nRenewal discussed at the board"
        rows.append({
            "title": title,
            "type": TYPES[rng.randrange(len(TYPES))],
            "parties_written": f"HKUST; {written}",
            "parties": [partner_id(HOME[0]), partner_id(other[0])],
            "signed": signed,
            "expires": expires,
            "areas": areas,
            "automatic": rng.randrange(2) == 0,
            "notes": notes,
        })
    return rows


def ids(rows):
    """Ids as collab makes them: from the title, `-2`, `-3` ... on a clash, in row order."""
    taken, out = set(), []
    for r in rows:
        base = partner_id(r["title"])
        i, n = base, 2
        while i in taken:  # the suffix fits in the 64 characters
            suffix = f"-{n}"
            i, n = base[:64 - len(suffix)].rstrip("-") + suffix, n + 1
        taken.add(i)
        out.append(i)
    return out


def csv_cell(text):
    if any(c in text for c in ';"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(path, header, rows):
    lines = [";".join(csv_cell(c) for c in header)]
    lines += [";".join(csv_cell(c) for c in row) for row in rows]
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n")


def dmy(d):
    return f"{d[2]:02d}/{d[1]:02d}/{d[0]}"


def agreement_cells(r):
    notes = r["notes"].replace("\n", "\r\n")  # Excel writes CRLF inside cells of a CRLF file
    return [r["title"], r["type"], "active", r["parties_written"], dmy(r["signed"]),
            dmy(r["expires"]), "; ".join(r["areas"]), "yes" if r["automatic"] else "no", notes]


AGREEMENT_HEADER = ["Title", "Type", "Status", "Partner Institution", "Signed", "Expires",
                    "Areas", "Automatic renewal", "Notes"]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    write_csv(os.path.join(out, "partners.csv"),
              ["Name", "Short", "Native name", "Type", "Country", "City"],
              [[p[0], p[1], p[2], "university", p[3], p[4]] for p in PARTNERS])
    rows = agreements()
    write_csv(os.path.join(out, "agreements.csv"), AGREEMENT_HEADER,
              [agreement_cells(r) for r in rows])
    # The walkthrough's first try: a formula, a date in the wrong form, a misspelt partner,
    # an expiry before the signature.
    bad = [agreement_cells(r) for r in rows[:20]]
    bad[2][1] = '=IF(B2="";"mou";B2)'
    bad[6][4] = "2021-13-01"
    bad[9][3] = "HKUST; Zheijang University"
    bad[14][5] = "01/01/2019"
    write_csv(os.path.join(out, "agreements-with-errors.csv"), AGREEMENT_HEADER, bad)


if __name__ == "__main__":
    main()
