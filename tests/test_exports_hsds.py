"""HSDS 3.1: every exported object validates against Open Referral's schema of its table.

The schemas are copied into tests/hsds/ (with their licence) and their relative `$ref`s
("phone.json") are resolved from that folder, never from the network.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generators.checks.load import load_catalogue
from generators.exports import build_exports
from generators.exports.hsds import hsds_id

from .conftest import DATA
from .test_exports import FIXTURE

SCHEMAS = Path(__file__).parent / "hsds"
TABLE_SCHEMA = {
    "organizations": "organization", "locations": "location", "addresses": "address",
    "services": "service", "service_at_locations": "service_at_location",
    "service_areas": "service_area", "schedules": "schedule", "phones": "phone",
    "contacts": "contact", "funding": "funding", "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term", "attributes": "attribute",
}
# *_id field -> table whose object it names
LINKS = {
    "organization_id": "organizations", "parent_organization_id": "organizations",
    "location_id": "locations", "service_id": "services", "contact_id": "contacts",
    "taxonomy_id": "taxonomies", "taxonomy_term_id": "taxonomy_terms",
}


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text("utf-8"))
        resources.append((path.name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


@pytest.fixture(scope="module")
def validators() -> dict[str, jsonschema.Draft202012Validator]:
    registry = _registry()
    return {
        table: jsonschema.Draft202012Validator(
            {"$ref": f"{name}.json"}, registry=registry,
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        )
        for table, name in TABLE_SCHEMA.items()
    }


@pytest.fixture(scope="module", params=["fixture", "repository"])
def hsds(request) -> dict[str, list[dict]]:
    if request.param == "repository" and not any(DATA.glob("*.yaml")):
        pytest.skip("no data in data/ yet")
    exports = build_exports(load_catalogue([FIXTURE] if request.param == "fixture" else [DATA]))
    return {
        path.removeprefix("data/hsds/").removesuffix(".json"): json.loads(content)
        for path, content in exports.items() if path.startswith("data/hsds/")
    }


def test_the_schemas_and_their_licence_are_in_the_repository():
    assert (SCHEMAS / "LICENSE").read_text("utf-8").startswith("The Human Services Data Specification")
    assert all((SCHEMAS / f"{name}.json").exists() for name in TABLE_SCHEMA.values())


def test_validator_catches_an_invalid_object(validators):
    # Without this, a validator that resolves nothing would pass everything.
    assert not validators["services"].is_valid({"id": "not-a-uuid", "name": "x", "status": "open"})
    valid = {"id": str(uuid.uuid4()), "name": "x", "status": "active"}
    assert validators["services"].is_valid(valid)
    # A phone nested in a service is checked by phone.json, reached through a relative $ref.
    assert not validators["services"].is_valid({**valid, "phones": [{"id": str(uuid.uuid4()), "number": 32}]})


def test_every_object_validates_against_its_hsds_schema(hsds, validators):
    assert set(hsds) == set(TABLE_SCHEMA)
    errors = [
        f"{table}[{index}] {list(error.absolute_path)}: {error.message}"
        for table, rows in hsds.items()
        for index, row in enumerate(rows)
        for error in validators[table].iter_errors(row)
    ]
    assert errors == []


def test_ids_are_unique_uuids_and_links_resolve(hsds):
    ids = {table: {row["id"] for row in rows} for table, rows in hsds.items()}
    for table, rows in hsds.items():
        assert len(ids[table]) == len(rows), table
        for row in rows:
            uuid.UUID(row["id"])
            for field, target in LINKS.items():
                if field in row:
                    assert row[field] in ids[target], (table, field, row[field])
        if table == "attributes":
            for row in rows:
                assert row["link_id"] in ids[{"organization": "organizations", "location": "locations", "service": "services"}[row["link_entity"]]]


@pytest.mark.parametrize("hsds", ["fixture"], indirect=True)
def test_ids_are_uuid5_of_our_ids(hsds):
    names = {row["name"]: row["id"] for row in hsds["organizations"]}
    assert names["OCMW Voorbeeld"] == str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:werkwijzer:organisation:ocmw-voorbeeld")) == hsds_id("organisation", "ocmw-voorbeeld")


@pytest.mark.parametrize("hsds", ["fixture"], indirect=True)
def test_weekly_hours_validity_and_exception_days_are_schedules(hsds):
    location = next(r for r in hsds["locations"] if r["name"] == "Werkantenne Noord")
    schedules = [s for s in hsds["schedules"] if s.get("location_id") == location["id"]]
    weekly = sorted((s["byday"], s["opens_at"], s["closes_at"], s.get("valid_from"), s.get("valid_to"))
                    for s in schedules if s.get("freq") == "WEEKLY")
    assert weekly == [("MO,TU", "09:00", "12:30", None, None), ("TH", "13:30", "16:00", "2026-01-01", "2026-06-30")]
    closed = next(s for s in schedules if s.get("valid_from") == "2026-12-24")
    assert closed["valid_to"] == "2026-12-24" and "opens_at" not in closed and closed["description"].startswith("Gesloten")
    assert any("feestdagen gesloten" in s.get("description", "") for s in schedules)
    assert all("Europe/Brussels" in s["notes"] for s in schedules if "opens_at" in s)
    assert all("timezone" not in s for s in schedules)  # a fixed offset would be wrong half the year


@pytest.mark.parametrize("hsds", ["fixture"], indirect=True)
def test_programmes_and_antenne_services_are_services_at_their_locations(hsds):
    services = {s["name"]: s for s in hsds["services"]}
    assert services["Artikel 60§7"]["status"] == "active"
    assert services["Jobclub"]["status"] == "defunct"  # ended in 2019
    assert "Sinds 1976." in services["Artikel 60§7"]["description"]
    vacatures = services["Hulp bij vacatures (Werkantenne Noord)"]
    assert vacatures["status"] == "active"
    location = next(r for r in hsds["locations"] if r["name"] == "Werkantenne Noord")
    links = {(s["service_id"], s["location_id"]) for s in hsds["service_at_locations"]}
    assert (services["Artikel 60§7"]["id"], location["id"]) in links
    assert (vacatures["id"], location["id"]) in links
    assert hsds["funding"][0]["source"] == "OCMW Voorbeeld"
    closed = next(r for r in hsds["locations"] if r["name"] == "Werkwinkel Oud")
    assert "Gesloten sinds 2014-10" in closed["description"] and "Werkantenne Noord" in closed["description"]


@pytest.mark.parametrize("hsds", ["fixture"], indirect=True)
def test_addresses_phones_and_contacts(hsds):
    address = next(a for a in hsds["addresses"] if a["address_1"] == "Jozef II-straat 1")
    assert (address["city"], address["postal_code"], address["state_province"], address["country"]) == ("Gent", "9000", "Oost-Vlaanderen", "BE")
    # vzw Voorbeeld gives only a municipality: HSDS needs a street, so no address is made up.
    assert not any(a["city"] == "Lievegem" for a in hsds["addresses"])
    assert {p["number"] for p in hsds["phones"]} == {"+3292677572", "+3292660000"}
    functional = [c for c in hsds["contacts"] if c.get("department") == "Team Tewerkstelling"]
    assert len(functional) == 3 and all("name" not in c for c in functional)  # organisation, programme, antenne
    person = next(c for c in hsds["contacts"] if c.get("name"))
    assert (person["name"], person["title"]) == ("An Voorbeeld", "Jobcoach")
