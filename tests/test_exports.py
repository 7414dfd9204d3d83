"""Open-data exports as a reuser meets them: files that parse, validate and agree with each other.

Each test runs on a small fixture with every field filled in (coordinates, opening hours, a named
person) and on the repository's own data.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from generators.checks.load import load_catalogue
from generators.cli import main
from generators.exports import build_exports, data_date, open_data_page, vcard_url

from .conftest import DATA, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "exports_small.yaml"
DATASETS = {"fixture": [FIXTURE], "repository": [DATA]}


@pytest.fixture(scope="module", params=sorted(DATASETS))
def paths(request) -> list[Path]:
    if request.param == "repository" and not any(DATA.glob("*.yaml")):
        pytest.skip("no data in data/ yet")
    return DATASETS[request.param]


@pytest.fixture(scope="module")
def catalogue(paths):
    return load_catalogue(paths)


@pytest.fixture(scope="module")
def exports(catalogue) -> dict[str, bytes]:
    return build_exports(catalogue)


@pytest.fixture(scope="module")
def small() -> dict[str, bytes]:
    return build_exports(load_catalogue([FIXTURE]))


def _json(exports, path):
    return json.loads(exports[path].decode("utf-8"))


# --- all files -----------------------------------------------------------------------------------

def test_every_file_is_under_data_and_ends_lines_the_same_way(exports):
    assert exports and all(path.startswith("data/") for path in exports)
    for path, content in exports.items():
        text = content.decode("utf-8")
        if path.endswith((".csv", ".vcf")):
            assert "\n" not in text.replace("\r\n", ""), path  # CRLF only (RFC 4180, RFC 6350)
        else:
            assert "\r" not in text and text.endswith("\n"), path


def test_two_exports_of_the_same_data_are_byte_identical(paths, exports):
    again = build_exports(load_catalogue(paths))
    assert again.keys() == exports.keys()
    assert [p for p in exports if exports[p] != again[p]] == []


def test_export_date_comes_from_the_data_not_the_clock(monkeypatch):
    first = build_exports(load_catalogue([FIXTURE]))
    monkeypatch.setenv("WERKWIJZER_TODAY", "2030-01-01")
    later = build_exports(load_catalogue([FIXTURE]))
    assert first == later
    assert json.loads(first["data/werkwijzer.json"])["data_date"] == "2026-01-05"  # last_checked


# --- Werkwijzer JSON -------------------------------------------------------------------------------

def test_werkwijzer_json_validates_against_its_published_schema(exports):
    schema = _json(exports, "data/werkwijzer.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_json(exports, "data/werkwijzer.json"))]
    assert errors == []


def test_werkwijzer_json_holds_every_record_with_its_id(catalogue, exports):
    document = _json(exports, "data/werkwijzer.json")
    assert document["format"] == "werkwijzer" and document["format_version"] == "1.0"
    assert document["licence"]["name"] == "CC-BY-4.0"
    for kind in ("sources", "organisations", "antennes", "programmes", "contacts", "events", "glossary"):
        assert [r["id"] for r in document[kind]] == sorted(r.id for r in catalogue.records[kind])
    assert {t["id"] for t in document["vocabularies"]["target_groups"]} == {t.id for t in catalogue.vocabulary("target_groups")}


def test_schema_rejects_a_record_with_an_unknown_field(small):
    schema = _json(small, "data/werkwijzer.schema.json")
    document = _json(small, "data/werkwijzer.json")
    document["antennes"][0]["adress"] = "typo"
    assert not jsonschema.Draft202012Validator(schema).is_valid(document)


# --- CSV and datapackage ---------------------------------------------------------------------------

def _tables(exports) -> tuple[dict, dict[str, list[dict]]]:
    package = _json(exports, "data/csv/datapackage.json")
    rows = {}
    for resource in package["resources"]:
        text = exports[f"data/csv/{resource['path']}"].decode("utf-8")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        assert reader.fieldnames == [f["name"] for f in resource["schema"]["fields"]], resource["path"]
        rows[resource["name"]] = list(reader)
    return package, rows


def test_every_csv_is_described_by_the_datapackage(exports):
    package, _ = _tables(exports)
    described = {f"data/csv/{r['path']}" for r in package["resources"]}
    written = {p for p in exports if p.startswith("data/csv/") and p.endswith(".csv")}
    assert described == written
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in package["resources"]:
        for column in resource["schema"]["fields"]:
            assert column["description"], (resource["name"], column["name"])


def test_csv_values_match_their_declared_types(exports):
    package, rows = _tables(exports)
    checks = {
        "integer": lambda v: re.fullmatch(r"-?\d+", v),
        "number": lambda v: float(v) is not None,
        "boolean": lambda v: v in ("true", "false"),
        "date": lambda v: re.fullmatch(r"\d{4}-\d{2}-\d{2}", v),
        "array": lambda v: isinstance(json.loads(v), list),
        "string": lambda v: True,
    }
    for resource in package["resources"]:
        for column in resource["schema"]["fields"]:
            for row in rows[resource["name"]]:
                value = row[column["name"]]
                if value:
                    assert checks[column["type"]](value), (resource["name"], column["name"], value)
                    if "enum" in column.get("constraints", {}):
                        assert value in column["constraints"]["enum"]
                else:
                    assert not column.get("constraints", {}).get("required"), (resource["name"], column["name"])


def test_csv_keys_are_unique_and_foreign_keys_resolve(exports):
    package, rows = _tables(exports)
    for resource in package["resources"]:
        schema = resource["schema"]
        keys = [tuple(row[k] for k in schema["primaryKey"]) for row in rows[resource["name"]]]
        assert len(keys) == len(set(keys)), resource["name"]
        for foreign in schema.get("foreignKeys", []):
            target = foreign["reference"]["resource"] or resource["name"]
            target_name = target.replace("_", "-")
            known = {row[foreign["reference"]["fields"]] for row in rows[target_name]}
            missing = {row[foreign["fields"]] for row in rows[resource["name"]]} - known - {""}
            assert not missing, (resource["name"], foreign["fields"], missing)


def test_csv_flattens_an_address_with_todays_municipality(small):
    _, rows = _tables(small)
    vzw = next(r for r in rows["organisations"] if r["id"] == "vzw-voorbeeld")
    # Zomergem merged into Lievegem in 2019: the source's name stays, today's name is added.
    assert (vzw["address_municipality"], vzw["address_municipality_today"]) == ("Zomergem", "Lievegem")
    rules = rows["antennes-opening-hours-rules"]
    assert [(r["days"], r["opens"], r["closes"]) for r in rules] == [('["ma", "di"]', "09:00", "12:30"), ('["do"]', "13:30", "16:00")]
    assert {(r["antenne_id"], r["operator_id"]) for r in rows["antennes-operators"]} >= {("werkantenne-noord", "vzw-voorbeeld")}


# --- the command and the page ------------------------------------------------------------------------

def test_export_command_writes_the_files_and_the_page(tmp_path, small):
    assert main(["export", str(tmp_path), "--data", str(FIXTURE)]) == 0
    for path, content in small.items():
        assert (tmp_path / path).read_bytes() == content
    assert (tmp_path / "open-data.md").read_text("utf-8").startswith("---\ntitle: Open data")


def test_export_command_reports_bad_data(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations:\n  - id: x\n    adress: nowhere\n", "utf-8")
    assert main(["export", str(tmp_path / "out"), "--data", str(bad)]) == 1
    assert "adress" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_open_data_page_links_every_file_with_its_size(catalogue, exports):
    page = open_data_page(catalogue, exports)
    linked = set(re.findall(r"\]\((data/[^)]+)\)", page))
    # One vCard per contact: those are linked from the contacts directory, so that this page
    # does not grow with every contact.
    singles = {path for path in exports if path.startswith("data/vcard/")}
    assert singles and linked == set(exports) - singles
    assert "data/vcard/<id>.vcf" in page and "](contacten.md)" in page
    assert "CC BY 4.0" in page and "Open Referral" in page and "Statbel" in page
    assert re.search(r"\| \d+(,\d)? (bytes|kB|MB) \|", page)
    date = data_date(catalogue)
    assert (f"**{date}**" in page) if date else ("nog geen datum" in page)
    for snippet in ("import pandas as pd", "jq"):
        assert snippet in page


def test_page_lists_what_hsds_cannot_express(small):
    page = open_data_page(load_catalogue([FIXTURE]), small)
    for topic in ("Tijdzone", "zomer- en wintertijd", "Onvolledige datums", "Financiering", "Gesloten plekken"):
        assert topic in page


def test_vcard_url_is_a_file_of_the_export(small):
    assert vcard_url("contact-ocmw-werk") in small
