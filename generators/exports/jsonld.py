"""schema.org JSON-LD for each entity page, so that search engines and maps read the facts.

`jsonld_for(catalogue, kind, record, page_url)` returns a plain dict; `script_json(data)` turns it
into text that is safe inside `<script type="application/ld+json">` (no `</script>` can close it).

Choices:
- organisations are `GovernmentOrganization` when their kind is a public body (see
  `common.PUBLIC_ORGANISATION_KINDS`; a `dienst` takes the answer of its parent), else
  `Organization` (no kind means "non-profit" as such, so `NGO` would be a guess);
- programmes are `GovernmentService` when a public body runs or funds them, else `Service`;
- places (antennes) are `CivicStructure` when a public body runs them, else `Place`; opening
  hours are published only for a place that is open today, because schema.org cannot say
  "these were the hours of a place that has since closed";
- contacts are `ContactPoint`; a person's name appears only when the record has `person`.
Partial dates (2014, 2014-04) are written as they are: ISO 8601 allows reduced precision.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from ..data.catalogue import Catalogue
from ..data.model import Antenne, Contact, OpeningHours, Organisation, Programme
from .common import ENGLISH_DAYS, address_parts, is_public_body

CONTEXT = "https://schema.org"


def jsonld_for(catalogue: Catalogue, kind: str, record: Any, page_url: str | None = None) -> dict:
    """The JSON-LD object of one entity (kind: organisations, antennes, programmes, contacts)."""
    data = {"@context": CONTEXT, **_BUILDERS[kind](catalogue, record)}
    if page_url:
        data["@id"] = f"{page_url}#{kind[:-1]}"
        data["mainEntityOfPage"] = page_url
    return _pruned(data)


def script_json(data: dict) -> str:
    """JSON text to embed in a <script> element: `<`, `>` and `&` escaped as JSON allows."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- one builder per kind ------------------------------------------------------------------------

def _organisation(catalogue: Catalogue, org: Organisation) -> dict:
    parent = catalogue.get("organisations", org.parent) if org.parent else None
    return {
        "@type": organisation_type(catalogue, org),
        "name": org.name,
        "alternateName": _names(org.short_name, *org.aliases),
        "description": org.description,
        "url": org.website,
        "email": org.email,
        "telephone": org.phone,
        "address": _postal_address(catalogue, org.address),
        "foundingDate": org.founded,
        "parentOrganization": _org_ref(catalogue, parent) if parent else None,
        "subOrganization": [_org_ref(catalogue, c) for c in catalogue.pointing_at("children", org.id)],
        "department": [{"@type": "Organization", "name": d.name, "description": d.description} for d in org.departments],
        "contactPoint": [_contact(catalogue, c) for c in catalogue.pointing_at("contacts", org.id)],
        "audience": _audience(catalogue, org.target_groups),
    }


def _programme(catalogue: Catalogue, programme: Programme) -> dict:
    operators = catalogue.records_by_id("organisations", programme.operators)
    funders = catalogue.records_by_id("organisations", programme.funders)
    public = any(is_public_body(catalogue, o) for o in [*operators, *funders])
    places = [a for a in (catalogue.get("antennes", i) for i in programme.locations) if a]
    return {
        "@type": "GovernmentService" if public else "Service",
        "name": programme.name,
        "alternateName": _names(*programme.aliases),
        "description": programme.description,
        "serviceType": catalogue.label("programme_kinds", programme.kind),
        "provider": [_org_ref(catalogue, o) for o in operators],
        "serviceOperator": [_org_ref(catalogue, o) for o in operators] if public else None,
        "audience": _audience(catalogue, programme.target_groups),
        "areaServed": _areas(catalogue, programme.area_served),
        "url": programme.website,
        "availableChannel": [
            {"@type": "ServiceChannel", "name": place.name,
             "serviceLocation": _place_ref(catalogue, place)} for place in places
        ],
    }


def _antenne(catalogue: Catalogue, antenne: Antenne) -> dict:
    operators = catalogue.records_by_id("organisations", antenne.operators)
    public = any(is_public_body(catalogue, o) for o in operators)
    data = _place_ref(catalogue, antenne)
    data.update({
        "@type": "CivicStructure" if public else "Place",
        "alternateName": _names(*antenne.aliases),
        "description": antenne.description,
        "telephone": antenne.phone,
        "url": antenne.website,
        "additionalType": catalogue.label("location_kinds", antenne.kind),
        "containedInPlace": {"@type": "Place", "name": antenne.host} if antenne.host else None,
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": antenne.coordinates.latitude,
            "longitude": antenne.coordinates.longitude,
        } if antenne.coordinates else None,
        "openingHoursSpecification": (
            opening_hours_specification(antenne.opening_hours) if antenne.status == "open" else None
        ),
        "publicAccess": antenne.status == "open",
    })
    return data


def _contact(catalogue: Catalogue, contact: Contact) -> dict:
    return {
        "@type": "ContactPoint",
        "name": contact.person.name if contact.person else contact.function,
        "contactType": contact.function,
        "email": contact.email,
        "telephone": contact.phone,
        "description": contact.hours,  # free text, so not `hoursAvailable`
        "availableLanguage": "nl",
    }


_BUILDERS: dict[str, Callable[[Catalogue, Any], dict]] = {
    "organisations": _organisation,
    "programmes": _programme,
    "antennes": _antenne,
    "contacts": _contact,
}


# --- parts ---------------------------------------------------------------------------------------

def organisation_type(catalogue: Catalogue, org: Organisation) -> str:
    if is_public_body(catalogue, org):
        return "GovernmentOrganization"
    # No kind in the vocabulary means "non-profit" as such (a social-economy company may be a
    # vzw or a company), so NGO would be a guess.
    return "Organization"


def opening_hours_specification(hours: OpeningHours | None) -> list[dict]:
    """Weekly rules, then exception days (a closed day is opens = closes = 00:00, as schema.org says)."""
    if hours is None:
        return []
    specs = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{ENGLISH_DAYS[d]}" for d in rule.days],
            "opens": rule.opens,
            "closes": rule.closes,
            "validFrom": rule.valid_from.isoformat() if rule.valid_from else None,
            "validThrough": rule.valid_to.isoformat() if rule.valid_to else None,
            "description": rule.note,
        }
        for rule in hours.rules
    ]
    for day in hours.exceptions:
        closed = day.closed or not (day.opens and day.closes)
        specs.append({
            "@type": "OpeningHoursSpecification",
            "validFrom": day.date.isoformat(),
            "validThrough": day.date.isoformat(),
            "opens": "00:00" if closed else day.opens,
            "closes": "00:00" if closed else day.closes,
            "description": day.note,
        })
    return specs


def _org_ref(catalogue: Catalogue, org: Organisation) -> dict:
    return {"@type": organisation_type(catalogue, org), "name": org.name, "url": org.website}


def _place_ref(catalogue: Catalogue, antenne: Antenne) -> dict:
    return {"@type": "Place", "name": antenne.name, "address": _postal_address(catalogue, antenne.address)}


def _postal_address(catalogue: Catalogue, address: Any) -> dict | None:
    parts = address_parts(catalogue, address)
    if parts is None:
        return None
    return {
        "@type": "PostalAddress",
        "name": parts.building,
        "streetAddress": parts.street,
        "postalCode": parts.postal_code,
        "addressLocality": parts.locality,
        "addressRegion": parts.region,
        "addressCountry": parts.country,
    }


def _audience(catalogue: Catalogue, target_groups: list[str]) -> list[dict]:
    return [
        {"@type": "Audience", "audienceType": catalogue.label("target_groups", t)}
        for t in target_groups
    ]


def _areas(catalogue: Catalogue, written: list[str]) -> list[dict]:
    """Areas served, under today's municipality name when the name is one we know."""
    areas = []
    for name in written:
        place = catalogue.place_name(name)
        if place:
            areas.append({"@type": "City", "name": place.municipality.name})
        else:
            areas.append({"@type": "AdministrativeArea", "name": name})
    return areas


def _names(*names: str | None) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


def _pruned(value: Any) -> Any:
    """Leave out empty values: schema.org readers treat a missing property as unknown."""
    if isinstance(value, dict):
        pruned = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [p for p in (_pruned(v) for v in value) if p not in (None, [], {}, "")]
    return value
