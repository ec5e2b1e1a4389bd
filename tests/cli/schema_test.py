#!/usr/bin/python3
"""The JSON Schemas of `collab schema`, checked with an independent validator.

Usage: schema_test.py COLLAB REPO

Records are read the way editors read them (yaml-language-server is YAML 1.2: `2025-03-01`
is a string, not a timestamp), then validated with the Python jsonschema package
(Draft 2020-12). Every record of data/ and of the fixture stores must pass; every file that
collab flags with a field-level code (wrong-type, bad-value, missing-field, unknown-field)
must fail, and the other files must pass, so schema and validator agree.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

import jsonschema
import yaml

COLLAB, REPO = sys.argv[1:3]
KINDS = {"partners": "partner", "people": "person", "agreements": "agreement",
         "projects": "project", "events": "event"}
# The codes a schema for one file can express (too-few-parties is minItems: 2).
FIELD_CODES = {"wrong-type", "bad-value", "missing-field", "unknown-field", "too-few-parties"}


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML read as YAML 1.2 editors read: no timestamps, and only true/false are booleans
    (YAML 1.1 also takes yes, no, on and off)."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def schemas_for(store):
    out = tempfile.mkdtemp()
    subprocess.run([COLLAB, "--store", store, "schema", "--out", out], check=True,
                   capture_output=True)
    loaded = {}
    for path in glob.glob(os.path.join(out, "*.schema.json")):
        with open(path) as f:
            loaded[os.path.basename(path).split(".")[0]] = json.load(f)
    return loaded


def schema_errors(schemas, store, rel):
    top = rel.split("/")[0]
    schema = schemas["collab"] if rel == "collab.yaml" else schemas[KINDS[top]]
    with open(os.path.join(store, rel), encoding="utf-8") as f:
        data = yaml.load(f, Loader=Yaml12Loader)
    return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]


def record_files(store):
    files = []
    for top in KINDS:
        for path in glob.glob(os.path.join(store, top, "**", "*.y*ml"), recursive=True):
            files.append(os.path.relpath(path, store))
    return sorted(files)


def collab_codes(store):
    r = subprocess.run([COLLAB, "--store", store, "validate", "--format", "json"],
                       capture_output=True, text=True, env={"COLLAB_TODAY": "2026-01-15"})
    codes = {}
    for d in json.loads(r.stdout)["diagnostics"]:
        codes.setdefault(d["file"], set()).add(d["code"])
    return codes


class Schemas(unittest.TestCase):
    def test_every_schema_is_a_valid_2020_12_schema(self):
        schemas = schemas_for(os.path.join(REPO, "data"))
        self.assertEqual(sorted(schemas), ["agreement", "collab", "event", "partner", "person",
                                           "project"])
        for name, schema in schemas.items():
            self.assertEqual(schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
            jsonschema.Draft202012Validator.check_schema(schema)

    def test_data_validates(self):
        store = os.path.join(REPO, "data")
        schemas = schemas_for(store)
        files = record_files(store) + ["collab.yaml"]
        self.assertGreater(len(files), 15)
        for rel in files:
            with self.subTest(rel):
                self.assertEqual(schema_errors(schemas, store, rel), [])

    def test_fixture_stores_validate(self):
        for name in ["consortium", "expiring"]:
            store = os.path.join(REPO, "tests", "stores", name)
            schemas = schemas_for(store)
            for rel in record_files(store):
                with self.subTest(store=name, file=rel):
                    self.assertEqual(schema_errors(schemas, store, rel), [])

    def test_schema_and_validator_agree_on_field_errors(self):
        checked = flagged = 0
        stores = sorted(glob.glob(os.path.join(REPO, "tests/cli/cases/validate/*/store")))
        stores.append(os.path.join(REPO, "tests/stores/ci"))
        for store in stores:
            codes = collab_codes(store)
            if any(c in {"yaml-syntax", "unsupported-yaml", "duplicate-key", "not-a-record",
                         "unreadable", "too-large", "merge-conflict"}
                   for cs in codes.values() for c in cs):
                continue  # not YAML an editor's reader would agree on
            schemas = schemas_for(store)
            for rel in record_files(store):
                expect_fail = bool(codes.get(rel, set()) & FIELD_CODES)
                errors = schema_errors(schemas, store, rel)
                checked += 1
                flagged += expect_fail
                with self.subTest(store=os.path.relpath(store, REPO), file=rel):
                    self.assertEqual(bool(errors), expect_fail, errors or codes.get(rel))
        self.assertGreater(flagged, 8)
        self.assertGreater(checked, 40)

    def test_type_and_enum_errors_fail(self):
        store = tempfile.mkdtemp()
        os.makedirs(os.path.join(store, "agreements"))
        with open(os.path.join(store, "collab.yaml"), "w") as f:
            f.write("name: t\nareas: [research]\n")
        schemas = schemas_for(store)
        cases = {
            "type: mou\nstatus: actve\n": "enum",
            "status: active\nparties: hkust\n": "type",
            "signed: 2025-13-01\n": "month",
            "areas: [teaching]\n": "area not declared",
            "renewal: {notice: 6 months}\n": "duration",
            "documents: [{title: x, path: a.pdf, url: 'https://a.example'}]\n": "path and url",
            "signed: 25\n": "two-digit year",
        }
        base = "title: t\ntype: mou\nstatus: draft\nparties: [a, b]\n"
        for extra, why in cases.items():
            with self.subTest(why):
                path = os.path.join(store, "agreements", "x.yaml")
                body = "\n".join(l for l in base.splitlines()
                                 if l.split(":")[0] not in {k.split(":")[0] for k in
                                                             extra.splitlines()})
                with open(path, "w") as f:
                    f.write(body + "\n" + extra)
                self.assertNotEqual(schema_errors(schemas, store, "agreements/x.yaml"), [])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
