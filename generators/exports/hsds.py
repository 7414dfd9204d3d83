"""HSDS 3.1 (Open Referral's Human Services Data Specification): one JSON file per table.

Each file `hsds/<table>.json` is an array of flat objects, one per row of HSDS's tabular form,
linked by `*_id` fields; every object validates against the HSDS 3.1 schema of its table. Ids
are UUIDs derived from ours: `uuid5(NAMESPACE_URL, "urn:werkwijzer:<what>:<our id>")`, so they
stay the same from build to build and anyone can compute them.

How the model maps:
- organisation -> organization (description falls back to the kind's label, because HSDS
  requires one); its head office -> a location of its own with the address;
- antenne -> location (location_type physical), with addresses, phones and schedules;
- programme -> service (status `defunct` once `ended` lies in the past); the places it is
  offered at -> service_at_location; funders -> funding (`source`: their names);
- each kind of help an antenne offers -> a service of its first operator, at that location;
- contact -> contact of its organisation, plus one copy per service or location it is about
  (HSDS links a contact to one of each only); phone numbers -> phone;
- vocabularies (target groups, kinds) -> taxonomy and taxonomy_term, linked by attribute.

Where HSDS cannot say what the model says (also on the open-data page):
- time zone: `schedule.timezone` is a fixed UTC offset, but Belgium moves between +1 and +2
  with daylight saving time; `opens_at`/`closes_at` are written as local wall-clock time
  without offset, and `notes` says they are Europe/Brussels time;
- exception days: HSDS has no "closed" flag; a closed day is a one-day schedule
  (valid_from = valid_to) without hours and with the description "Gesloten";
  "closed on public holidays" is a schedule with only that description;
- partial dates: `year_incorporated` keeps only the year; a programme's start and end (2014,
  2014-04), duration and legal basis have no field and are given in the service's description;
- funding is free text only: funders are listed by name, the link to their record is lost;
- closed places: a location has no status, so a closed antenne's services are `defunct` and
  its description says when it closed and what replaced it;
- addresses: HSDS requires street, municipality, province and postal code; an address the
  source gives only in part is left out here (it is in werkwijzer.json and the CSV files);
  Brussels has no province, so `state_province` is "Brussels Hoofdstedelijk Gewest";
- a contact's address, `hours` (free text), person basis, sources, `last_checked` and figures
  have no HSDS field.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Iterator

from ..data.catalogue import Catalogue
from ..data.model import VOCABULARY_KINDS, Address, Antenne, Contact, OpeningHours, Organisation, Programme
from .common import ICAL_DAYS, address_parts

FOLDER = "hsds"
TIMEZONE_NOTE = "Uren in lokale tijd (Europe/Brussels, met zomer- en wintertijd)."
BRUSSELS_REGION = "Brussels Hoofdstedelijk Gewest"
TABLES = (
    "organizations", "locations", "addresses", "services", "service_at_locations", "service_areas",
    "schedules", "phones", "contacts", "funding", "taxonomies", "taxonomy_terms", "attributes",
)
STATUS_OF_PLACE = {"open": "active", "gesloten": "defunct", "gepland": "inactive", "voorgesteld": "inactive"}


def hsds_id(what: str, our_id: str) -> str:
    """The stable UUID of one of our records (or of a part of it) in HSDS."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:werkwijzer:{what}:{our_id}"))


def _clean(obj: dict) -> dict:
    # HSDS fields are typed without null: leave out what we do not know.
    return {k: v for k, v in obj.items() if v not in (None, "", [])}


class HsdsBuilder:
    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.tables: dict[str, list[dict]] = {name: [] for name in TABLES}

    def add(self, table: str, obj: dict) -> str:
        self.tables[table].append(_clean(obj))
        return obj["id"]

    def build(self) -> dict[str, list[dict]]:
        self._taxonomies()
        for org in self.catalogue.organisations:
            self._organisation(org)
        for antenne in self.catalogue.antennes:
            self._antenne(antenne)
        for programme in self.catalogue.programmes:
            self._programme(programme)
        for contact in self.catalogue.contacts:
            self._contact(contact)
        return {name: sorted(rows, key=lambda r: r["id"]) for name, rows in self.tables.items()}

    # --- vocabularies ------------------------------------------------------------------------

    def _taxonomies(self) -> None:
        for vocabulary in VOCABULARY_KINDS:
            taxonomy_id = self.add("taxonomies", {
                "id": hsds_id("taxonomy", vocabulary),
                "name": f"werkwijzer-{vocabulary.replace('_', '-')}",
                "description": f"Werkwijzer: {vocabulary.replace('_', ' ')}.",
                "version": "1",
            })
            for term in self.catalogue.vocabulary(vocabulary):
                self.add("taxonomy_terms", {
                    "id": hsds_id(f"term:{vocabulary}", term.id),
                    "code": term.id,
                    "name": term.label,
                    "description": term.description or term.label,
                    "taxonomy_id": taxonomy_id,
                    "language": "nl",
                })

    def _attributes(self, entity: str, link_id: str, vocabulary: str, term_ids: list[str], link_type: str) -> None:
        for term_id in term_ids:
            self.add("attributes", {
                "id": hsds_id(f"attribute:{entity}:{link_id}:{vocabulary}", term_id),
                "link_id": link_id,
                "link_entity": entity,
                "link_type": link_type,
                "taxonomy_term_id": hsds_id(f"term:{vocabulary}", term_id),
                "label": self.catalogue.label(vocabulary, term_id),
            })

    # --- entities ----------------------------------------------------------------------------

    def _organisation(self, org: Organisation) -> None:
        org_id = self.add("organizations", {
            "id": hsds_id("organisation", org.id),
            "name": org.name,
            "alternate_name": org.short_name,
            "description": org.description or self.catalogue.label("organisation_kinds", org.kind),
            "email": org.email,
            "website": org.website,
            "year_incorporated": int(org.founded[:4]) if org.founded else None,
            "legal_status": self.catalogue.label("organisation_kinds", org.kind),
            "parent_organization_id": hsds_id("organisation", org.parent) if org.parent else None,
        })
        self._attributes("organization", org_id, "organisation_kinds", [org.kind], "organization_kind")
        self._attributes("organization", org_id, "target_groups", org.target_groups, "audience")
        self._phone(org.phone, f"organisation:{org.id}", organization_id=org_id)
        if self._hsds_address(org.address) is not None:
            location_id = self.add("locations", {
                "id": hsds_id("organisation-address", org.id),
                "location_type": "physical",
                "name": org.name,
                "description": "Hoofdzetel.",
                "organization_id": org_id,
                "external_identifier": org.id,
                "external_identifier_type": "werkwijzer-organisation",
            })
            self._address(org.address, location_id, f"organisation:{org.id}")

    def _antenne(self, antenne: Antenne) -> None:
        operators = self.catalogue.records_by_id("organisations", antenne.operators)
        organization_id = hsds_id("organisation", operators[0].id) if operators else None
        location_id = self.add("locations", {
            "id": hsds_id("antenne", antenne.id),
            "location_type": "physical",
            "url": antenne.website,
            "organization_id": organization_id,
            "name": antenne.name,
            "alternate_name": ", ".join(antenne.aliases),
            "description": self._place_description(antenne),
            "latitude": antenne.coordinates.latitude if antenne.coordinates else None,
            "longitude": antenne.coordinates.longitude if antenne.coordinates else None,
            "external_identifier": antenne.id,
            "external_identifier_type": "werkwijzer-antenne",
        })
        self._attributes("location", location_id, "location_kinds", [antenne.kind], "location_kind")
        self._attributes("location", location_id, "target_groups", antenne.target_groups, "audience")
        self._address(antenne.address, location_id, f"antenne:{antenne.id}")
        self._phone(antenne.phone, f"antenne:{antenne.id}", location_id=location_id)
        self._schedules(antenne.opening_hours, f"antenne:{antenne.id}", location_id=location_id)
        for service_kind in antenne.services:
            key = f"{antenne.id}:{service_kind}"
            service_id = self.add("services", {
                "id": hsds_id("antenne-service", key),
                "organization_id": organization_id,
                "name": f"{self.catalogue.label('service_kinds', service_kind)} ({antenne.name})",
                "description": _term_description(self.catalogue, "service_kinds", service_kind),
                "email": antenne.email,
                "url": antenne.website,
                "status": STATUS_OF_PLACE[antenne.status],
            })
            self._attributes("service", service_id, "service_kinds", [service_kind], "service_kind")
            self._attributes("service", service_id, "target_groups", antenne.target_groups, "audience")
            self.add("service_at_locations", {
                "id": hsds_id("service-at-location", key),
                "service_id": service_id,
                "location_id": location_id,
            })
            self._areas(antenne.area_served, f"antenne-service:{key}", service_id)

    def _programme(self, programme: Programme) -> None:
        operators = self.catalogue.records_by_id("organisations", programme.operators)
        status = "defunct" if programme.ended and _last_day(programme.ended) < self.catalogue.today else "active"
        service_id = self.add("services", {
            "id": hsds_id("programme", programme.id),
            "organization_id": hsds_id("organisation", operators[0].id) if operators else None,
            "name": programme.name,
            "alternate_name": ", ".join(programme.aliases),
            "description": _programme_description(self.catalogue, programme),
            "url": programme.website,
            "status": status,
            "application_process": programme.how_to_apply,
            "eligibility_description": programme.eligibility,
        })
        self._attributes("service", service_id, "programme_kinds", [programme.kind], "service_kind")
        self._attributes("service", service_id, "target_groups", programme.target_groups, "audience")
        self._areas(programme.area_served, f"programme:{programme.id}", service_id)
        funders = self.catalogue.records_by_id("organisations", programme.funders)
        if funders:
            self.add("funding", {
                "id": hsds_id("funding", programme.id),
                "service_id": service_id,
                "source": ", ".join(f.name for f in funders),
            })
        for antenne_id in programme.locations:
            self.add("service_at_locations", {
                "id": hsds_id("service-at-location", f"{programme.id}:{antenne_id}"),
                "service_id": service_id,
                "location_id": hsds_id("antenne", antenne_id),
            })

    def _contact(self, contact: Contact) -> None:
        base = {
            "name": contact.person.name if contact.person else None,
            "title": contact.function if contact.person else None,
            "department": None if contact.person else contact.function,
            "email": contact.email,
        }
        links = [(contact.id, {"organization_id": hsds_id("organisation", contact.organisation)})]
        for target in contact.about:
            found = self.catalogue.entity(target)
            if found and found[0] == "programmes":
                links.append((f"{contact.id}:{target}", {"service_id": hsds_id("programme", target)}))
            elif found and found[0] == "antennes":
                links.append((f"{contact.id}:{target}", {"location_id": hsds_id("antenne", target)}))
        for key, link in links:
            contact_id = self.add("contacts", {"id": hsds_id("contact", key), **link, **base})
            self._phone(contact.phone, f"contact:{key}", contact_id=contact_id)

    # --- parts -------------------------------------------------------------------------------

    def _phone(self, number: str | None, owner: str, **link: str) -> None:
        if number:
            self.add("phones", {"id": hsds_id("phone", owner), "number": number, "type": "voice", **link})

    def _hsds_address(self, address: Address | None) -> dict | None:
        parts = address_parts(self.catalogue, address)
        if parts is None or not (parts.street and parts.postal_code and parts.locality):
            return None
        return {
            "attention": parts.building,
            "address_1": parts.street,
            "city": parts.locality,
            "state_province": parts.region or BRUSSELS_REGION,
            "postal_code": parts.postal_code,
            "country": parts.country,
            "address_type": "physical",
        }

    def _address(self, address: Address | None, location_id: str, owner: str) -> None:
        fields = self._hsds_address(address)
        if fields:
            self.add("addresses", {"id": hsds_id("address", owner), "location_id": location_id, **fields})

    def _areas(self, written: list[str], owner: str, service_id: str) -> None:
        for name in written:
            place = self.catalogue.place_name(name)
            self.add("service_areas", {
                "id": hsds_id("service-area", f"{owner}:{name}"),
                "service_id": service_id,
                "name": place.municipality.name if place else name,
                "description": (
                    f"NIS-code {place.municipality.refnis}"
                    + (f"; de bron schrijft {name}" if place.municipality.name != name else "")
                ) if place else "Zoals de bron het gebied noemt.",
            })

    def _schedules(self, hours: OpeningHours | None, owner: str, **link: str) -> None:
        if hours is None:
            return
        for index, rule in enumerate(hours.rules):
            self.add("schedules", {
                "id": hsds_id("schedule", f"{owner}:rule:{index}"),
                **link,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(ICAL_DAYS[d] for d in rule.days),
                "opens_at": rule.opens,
                "closes_at": rule.closes,
                "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
                "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
                "description": rule.note,
                "notes": TIMEZONE_NOTE,
            })
        for day in hours.exceptions:
            closed = day.closed or not (day.opens and day.closes)
            self.add("schedules", {
                "id": hsds_id("schedule", f"{owner}:exception:{day.date.isoformat()}"),
                **link,
                "valid_from": day.date.isoformat(),
                "valid_to": day.date.isoformat(),
                "opens_at": None if closed else day.opens,
                "closes_at": None if closed else day.closes,
                "description": "; ".join(t for t in ("Gesloten" if closed else "Afwijkende uren", day.note) if t),
                "notes": None if closed else TIMEZONE_NOTE,
            })
        if hours.public_holidays != "onbekend":
            self.add("schedules", {
                "id": hsds_id("schedule", f"{owner}:public-holidays"),
                **link,
                "description": f"Op wettelijke feestdagen {hours.public_holidays}.",
            })

    def _place_description(self, antenne: Antenne) -> str | None:
        lines = [antenne.description]
        if antenne.status == "gesloten":
            lines.append(f"Gesloten{' sinds ' + antenne.closed if antenne.closed else ''}.")
            successors = [a.name for a in (self.catalogue.get("antennes", s) for s in antenne.successors) if a]
            if successors:
                lines.append(f"Opgevolgd door: {', '.join(successors)}.")
        elif antenne.status in ("gepland", "voorgesteld"):
            lines.append(f"Nog niet open ({antenne.status}).")
        return "\n\n".join(t for t in lines if t) or None


def _term_description(catalogue: Catalogue, vocabulary: str, term_id: str) -> str | None:
    term = catalogue.term(vocabulary, term_id)
    return term.description if term else None


def _programme_description(catalogue: Catalogue, programme: Programme) -> str | None:
    period = " ".join(p for p in (
        f"Sinds {programme.started}." if programme.started else None,
        f"Tot {programme.ended}." if programme.ended else None,
        f"Duur: {programme.duration}." if programme.duration else None,
    ) if p)
    legal = f"Wettelijke basis: {programme.legal_basis}." if programme.legal_basis else None
    return "\n\n".join(t for t in (programme.description, legal, period) if t) or None


def _last_day(partial: str) -> dt.date:
    """The last day a partial date (2014, 2014-10, 2014-10-01) can mean."""
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def build_tables(catalogue: Catalogue) -> dict[str, list[dict]]:
    return HsdsBuilder(catalogue).build()


def hsds_files(catalogue: Catalogue) -> Iterator[tuple[str, bytes]]:
    for name, rows in build_tables(catalogue).items():
        text = json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        yield f"{FOLDER}/{name}.json", text.encode("utf-8")
