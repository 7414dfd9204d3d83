"""`python -m generators new KIND`: a record skeleton an editor can fill in and paste."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from generators.data.diagnostics import Report
from generators.editing.fieldref import record_model
from generators.data.model import DataFile
from generators.editing.skeleton import KINDS, required_fields, skeleton
from generators.data.yamlsource import read_yaml

ROOT = Path(__file__).resolve().parent.parent

# What an editor would type into the required fields.
FILLED_IN = {
    "id": "nieuw-record",
    "sources": ["gent-werkantennes-2014"],
    "name": "Werkantenne Brugse Poort",
    "kind": "werkantenne",
    "operators": ["stad-gent"],
    "status": "gepland",
    "organisation": "stad-gent",
    "function": "Dienst Werk",
    "publisher": "Stad Gent",
    "title": "Werkantennes",
    "date": "2014-04",
}
KIND_OF_SOURCE = {"source": "presentatie", "organisation": "stadsbestuur"}

COMMENTED_FIELD = re.compile(r"^(\s*)# (\s*(?:- )?[a-z_]+:.*|\s*-\s*)$")


def _parse(kind: str, text: str) -> dict:
    list_kind = KINDS[kind][0]
    report = Report()
    document = read_yaml(f"{list_kind}:\n{text}".encode(), "skeleton.yaml", report)
    assert document is not None, report.render()
    return document.data


@pytest.mark.parametrize("kind", list(KINDS))
def test_filled_in_required_fields_make_a_valid_record(kind: str):
    data = _parse(kind, skeleton(kind))
    list_kind = KINDS[kind][0]
    [record] = data[list_kind]
    assert set(record) == set(required_fields(kind))
    for name in record:
        record[name] = KIND_OF_SOURCE.get(kind) if name == "kind" and kind in KIND_OF_SOURCE else FILLED_IN[name]
    DataFile.model_validate(data)


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_skeleton_as_printed_is_incomplete_until_filled_in(kind: str):
    with pytest.raises(ValidationError):
        DataFile.model_validate(_parse(kind, skeleton(kind)))


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_is_in_the_skeleton_with_its_description(kind: str):
    text = skeleton(kind)
    lines = text.splitlines()
    model = record_model(KINDS[kind][0])
    for name, info in model.model_fields.items():
        index = next((i for i, line in enumerate(lines) if re.match(rf"^\s*(?:# )?(?:- )?{name}:", line.strip())), None)
        assert index is not None, f"{name} is missing"
        above = lines[index - 1].strip()
        assert info.description in above, f"{name}: the line above should explain it"
        assert above.startswith("# VERPLICHT.") == info.is_required(), name


@pytest.mark.parametrize("kind", list(KINDS))
def test_removing_the_hash_before_optional_fields_gives_valid_yaml(kind: str):
    uncommented = "\n".join(COMMENTED_FIELD.sub(r"\1\2", line) for line in skeleton(kind).splitlines())
    [record] = _parse(kind, uncommented)[KINDS[kind][0]]
    assert set(record) == set(record_model(KINDS[kind][0]).model_fields)


def test_the_command_prints_the_skeleton_with_the_allowed_values_from_the_data():
    result = subprocess.run([sys.executable, "-m", "generators", "new", "antenne"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "  - id:\n" in result.stdout
    kind_explanation = next(line for line in result.stdout.splitlines() if "location_kinds" in line)
    assert "Kies uit:" in kind_explanation and "werkantenne" in kind_explanation


def test_an_unknown_kind_is_a_usage_error():
    result = subprocess.run([sys.executable, "-m", "generators", "new", "antene"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "antenne" in result.stderr
