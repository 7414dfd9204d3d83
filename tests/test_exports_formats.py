"""GeoJSON, vCard and schema.org JSON-LD, read back the way maps, address books and search
engines read them."""

from __future__ import annotations

import json

import pytest
import vobject

from generators.checks.load import load_catalogue
from generators.exports import build_exports
from generators.exports.jsonld import jsonld_for, script_json

from .conftest import DATA
from .test_exports import FIXTURE


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue([FIXTURE])


@pytest.fixture(scope="module")
def exports(catalogue):
    return build_exports(catalogue)


# --- GeoJSON ---------------------------------------------------------------------------------------

def test_geojson_holds_only_places_with_known_coordinates(exports):
    collection = json.loads(exports["data/antennes.geojson"])
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]  # Werkwinkel Oud has no coordinates: none are invented
    assert feature["geometry"] == {"type": "Point", "coordinates": [3.7156, 51.0625]}  # longitude first
    assert feature["properties"]["name"] == "Werkantenne Noord"
    assert feature["properties"]["municipality"] == "Gent"


def test_repository_geojson_invents_no_coordinates():
    if not any(DATA.glob("*.yaml")):
        pytest.skip("no data in data/ yet")
    repository = load_catalogue([DATA])
    collection = json.loads(build_exports(repository)["data/antennes.geojson"])
    assert len(collection["features"]) == sum(1 for a in repository.antennes if a.coordinates)


# --- vCard -----------------------------------------------------------------------------------------

def _card(exports, contact_id):
    return vobject.readOne(exports[f"data/vcard/{contact_id}.vcf"].decode("utf-8"))


def test_a_functional_contact_is_an_organisation_card(exports):
    card = _card(exports, "contact-ocmw-werk")
    assert card.version.value == "4.0"
    assert card.kind.value == "org"
    assert card.fn.value == "Team Tewerkstelling (OCMW Voorbeeld)"
    assert card.org.value == ["OCMW Voorbeeld", "Team Tewerkstelling"]
    assert card.tel.value == "tel:+3292677572" and card.tel.params["VALUE"] == ["uri"]
    assert card.email.value == "tewerkstelling@example.org"
    assert card.adr.value.street == "Woodrow Wilsonplein 2" and card.adr.value.code == "9000"
    assert card.adr.value.city == "Gent"
    assert card.url.value == "https://example.org/ocmw"
    assert "elke werkdag" in card.note.value
    assert "An Voorbeeld" not in exports["data/vcard/contact-ocmw-werk.vcf"].decode()


def test_a_person_is_named_only_when_the_record_has_a_person(exports, catalogue):
    card = _card(exports, "contact-vzw-persoon")
    assert card.kind.value == "individual" and card.fn.value == "An Voorbeeld"
    assert card.title.value == "Jobcoach"
    for contact in catalogue.contacts:
        if contact.person is None:
            assert _card(exports, contact.id).kind.value == "org"


def test_all_contacts_file_holds_every_card(exports, catalogue):
    cards = list(vobject.readComponents(exports["data/contacten.vcf"].decode("utf-8")))
    assert sorted(c.uid.value for c in cards) == sorted(f"urn:werkwijzer:contact:{c.id}" for c in catalogue.contacts)


def test_long_lines_are_folded_and_special_characters_escaped(catalogue):
    from generators.exports.vcard import vcard
    contact = catalogue.get("contacts", "contact-ocmw-werk").model_copy(
        update={"hours": "maandag, dinsdag; woensdag " + "é" * 80})
    text = vcard(catalogue, contact)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert vobject.readOne(text).note.value == "Bereikbaar: maandag, dinsdag; woensdag " + "é" * 80


# --- JSON-LD ---------------------------------------------------------------------------------------

def test_public_body_is_a_government_organization(catalogue):
    data = jsonld_for(catalogue, "organisations", catalogue.get("organisations", "ocmw-voorbeeld"), "https://w.example/organisaties/ocmw-voorbeeld/")
    assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentOrganization"
    assert data["@id"].startswith("https://w.example/organisaties/ocmw-voorbeeld/")
    assert data["address"]["postalCode"] == "9000" and data["address"]["addressLocality"] == "Gent"
    assert data["telephone"] == "+3292677572"
    assert data["contactPoint"][0]["@type"] == "ContactPoint"
    # A "dienst" belongs to its parent: a service of an OCMW is a public body too.
    service = jsonld_for(catalogue, "organisations", catalogue.get("organisations", "ocmw-voorbeeld-werk"))
    assert service["@type"] == "GovernmentOrganization"
    other = jsonld_for(catalogue, "organisations", catalogue.get("organisations", "vzw-voorbeeld"))
    assert other["@type"] == "Organization"
    assert other["address"]["addressLocality"] == "Lievegem"


def test_programme_is_a_government_service_with_provider_audience_and_area(catalogue):
    data = jsonld_for(catalogue, "programmes", catalogue.get("programmes", "artikel-60"))
    assert data["@type"] == "GovernmentService"
    assert data["provider"][0]["name"] == "OCMW Voorbeeld"
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Mensen met een leefloon"}]
    assert data["areaServed"] == [{"@type": "City", "name": "Gent"}]
    assert data["availableChannel"][0]["serviceLocation"]["name"] == "Werkantenne Noord"
    private = jsonld_for(catalogue, "programmes", catalogue.get("programmes", "jobclub"))
    assert private["@type"] == "Service"


def test_place_has_address_geo_and_opening_hours(catalogue):
    data = jsonld_for(catalogue, "antennes", catalogue.get("antennes", "werkantenne-noord"))
    assert data["@type"] == "CivicStructure"
    assert data["address"]["@type"] == "PostalAddress"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 51.0625, "longitude": 3.7156}
    hours = data["openingHoursSpecification"]
    assert hours[0]["dayOfWeek"] == ["https://schema.org/Monday", "https://schema.org/Tuesday"]
    assert (hours[0]["opens"], hours[0]["closes"]) == ("09:00", "12:30")
    assert (hours[1]["validFrom"], hours[1]["validThrough"]) == ("2026-01-01", "2026-06-30")
    closed_day = next(h for h in hours if h.get("validFrom") == "2026-12-24")
    assert closed_day["opens"] == closed_day["closes"] == "00:00"  # schema.org's "closed all day"
    gone = jsonld_for(catalogue, "antennes", catalogue.get("antennes", "werkwinkel-oud"))
    assert gone["publicAccess"] is False and "openingHoursSpecification" not in gone


def test_contact_point_names_a_person_only_with_a_basis(catalogue):
    functional = jsonld_for(catalogue, "contacts", catalogue.get("contacts", "contact-ocmw-werk"))
    assert functional["@type"] == "ContactPoint" and functional["name"] == "Team Tewerkstelling"
    person = jsonld_for(catalogue, "contacts", catalogue.get("contacts", "contact-vzw-persoon"))
    assert person["name"] == "An Voorbeeld"


def test_script_json_cannot_close_the_script_element(catalogue):
    text = script_json(jsonld_for(catalogue, "organisations", catalogue.get("organisations", "ocmw-voorbeeld")))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["description"] == 'Het OCMW helpt mensen aan werk <en> "meer" & zo.'


def test_every_repository_entity_gets_json_ld():
    if not any(DATA.glob("*.yaml")):
        pytest.skip("no data in data/ yet")
    repository = load_catalogue([DATA])
    for kind, record in repository.entities():
        data = jsonld_for(repository, kind, record, "https://w.example/x/")
        assert data["@type"] and data["name"], (kind, record.id)
        json.dumps(data)
