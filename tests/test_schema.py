"""The committed JSON Schema: generated from the models, and it accepts the real data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generators.data.diagnostics import Report
from generators.data.datafiles import data_files
from generators.editing.schema import DIALECT, SCHEMA_PATH, build_schema, render_schema
from generators.data.yamlsource import read_yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / SCHEMA_PATH
DATA_FILES = data_files([ROOT / "data"])
SCHEMA_HEADER = "# yaml-language-server: $schema=../schemas/werkwijzer-data.schema.json"


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def test_the_committed_schema_matches_the_models():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_schema(), (
        "schemas/werkwijzer-data.schema.json is out of date: run `python -m generators schema`"
    )


def test_the_schema_is_draft_2020_12_and_forbids_unknown_keys_everywhere():
    schema = build_schema()
    assert schema["$schema"] == DIALECT
    objects = list(_objects(schema))
    assert len(objects) > 10
    assert all(o.get("additionalProperties") is False for o in objects)


def test_every_field_has_a_description_for_editors():
    for name, definition in build_schema()["$defs"].items():
        for field, spec in definition["properties"].items():
            assert spec.get("description"), f"{name}.{field} has no description"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_the_repository_data_validates_against_the_schema(path: Path):
    document = read_yaml(path.read_bytes(), path.name, Report())
    assert document is not None
    errors = sorted(_validator().iter_errors(document.data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_data_file_points_editors_at_the_schema(path: Path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_HEADER


def test_the_schema_rejects_the_mistakes_editors_make():
    validator = _validator()
    record = {"id": "werkantenne-x", "name": "X", "kind": "werkantenne", "operators": ["stad-gent"],
              "status": "open", "sources": ["bron"]}
    assert validator.is_valid({"antennes": [record]})
    assert not validator.is_valid({"antennes": [{**record, "adress": {"street": "x"}}]})
    assert not validator.is_valid({"antennes": [{**record, "status": "dicht"}]})
    assert not validator.is_valid({"antennes": [{**record, "id": "Werkantenne X"}]})
    assert not validator.is_valid({"antennes": [{**record, "opened": 2014}]})
    rule = {"days": ["ma"], "opens": 810, "closes": "12:00"}
    hours = {"rules": [rule], "sources": ["bron"]}
    assert not validator.is_valid({"antennes": [{**record, "opening_hours": hours}]})
