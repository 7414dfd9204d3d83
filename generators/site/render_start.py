"""How a person starts with a record, and the one sentence of what is not known about it.

An entity page leads with this: the best known routes (go there, call, mail, a contact point,
the organisation to ask), in that order. What the data does not say is not shown field by field:
`missing` names the facts a visitor would look for and does not find, for one sentence that
invites a correction. Which facts those are depends on the kind and the state of the record (a
closed place has no opening hours to miss).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..data.catalogue import Catalogue


@dataclass(frozen=True)
class Route:
    """One way to start: `how` names the template macro that shows it, `value` what it shows."""

    how: str    # visit | phone | email | website | apply | contact | place | successor | nearby | ask
    value: Any


def routes(cat: Catalogue, kind: str, record: Any) -> list[Route]:
    """The ways to start with a record, best first; empty when the data knows none."""
    return _ROUTES[kind](cat, record)


def _direct(record: Any) -> list[Route]:
    found = []
    if getattr(record, "phone", None):
        found.append(Route("phone", record.phone))
    if getattr(record, "email", None):
        found.append(Route("email", record.email))
    if getattr(record, "website", None):
        found.append(Route("website", record.website))
    return found


def _antenne_routes(cat: Catalogue, a: Any) -> list[Route]:
    if a.status == "gesloten":
        return [Route("successor", s) for s in cat.records_by_id("antennes", a.successors)] + _asks(cat, a.operators)
    if a.status in ("voorgesteld", "gepland"):
        # Not open (yet): the operators' open places nearby are where to go meanwhile.
        return [Route("nearby", other) for other in _open_places_near(cat, a)] + _asks(cat, a.operators)
    found = []
    if a.address and a.address.street:
        found.append(Route("visit", a))
    found += _direct(a)
    found += [Route("contact", c) for c in cat.pointing_at("contacts_about", a.id)]
    return found + _asks(cat, a.operators)


NEARBY = 3  # open places offered instead of one that is not open: enough to choose, not a list


def _open_places_near(cat: Catalogue, a: Any) -> list[Any]:
    """Open places of the same operators in the same municipality (the operators' reverse
    index keeps this from scanning every place for every page)."""
    here = {m.refnis for m in cat.municipalities_of(a)}
    near = {o.id: o for org in a.operators for o in cat.pointing_at("antennes", org)
            if o.status == "open" and o.id != a.id and here & {m.refnis for m in cat.municipalities_of(o)}}
    return sorted(near.values(), key=lambda o: o.name.casefold())[:NEARBY]


def _programme_routes(cat: Catalogue, p: Any) -> list[Route]:
    found = [Route("apply", p.how_to_apply)] if p.how_to_apply else []
    found += [Route("contact", c) for c in cat.pointing_at("contacts_about", p.id)]
    found += [Route("place", a) for a in cat.records_by_id("antennes", p.locations) if a.status == "open"]
    if p.website:
        found.append(Route("website", p.website))
    return found + _asks(cat, p.operators)


def _organisation_routes(cat: Catalogue, org: Any) -> list[Route]:
    found = _direct(org)
    if org.address and org.address.street:
        found.append(Route("visit", org))
    found += [Route("contact", c) for c in cat.pointing_at("contacts", org.id)]
    if not found and org.parent:
        # Nothing to reach this one by: the organisation it is part of is the way in.
        found += _asks(cat, [org.parent])
    return found


def _asks(cat: Catalogue, org_ids: list[str]) -> list[Route]:
    return [Route("ask", org) for org in cat.records_by_id("organisations", org_ids)]


_ROUTES: dict[str, Callable[[Catalogue, Any], list[Route]]] = {
    "antennes": _antenne_routes,
    "programmes": _programme_routes,
    "organisations": _organisation_routes,
}


# --- what is not known ------------------------------------------------------------------------

Gaps = Callable[[Any], list[str]]  # a record -> what a visitor misses, as it reads in "Niet bekend: ..."


def _unless(field: str, label: str) -> Gaps:
    return lambda record: [] if getattr(record, field) else [label]


def _address_gaps(record: Any) -> list[str]:
    """The parts of an address a visitor needs to find the door, as far as they are missing."""
    address = record.address
    if address is None or not (address.street or address.postal_code or address.place or address.municipality):
        return ["het adres"]
    if not address.street:
        return ["de straat en het huisnummer"] + ([] if address.postal_code else ["de postcode"])
    return ([] if address.number else ["het huisnummer"]) + ([] if address.postal_code else ["de postcode"])


_CONTACT = (_unless("phone", "het telefoonnummer"), _unless("email", "het e-mailadres"), _unless("website", "de website"))

_GAPS: dict[str, tuple[Gaps, ...]] = {
    "antennes/open": (_unless("services", "wat je er kan doen"), _unless("target_groups", "voor wie de plek is"),
                      _address_gaps, _unless("opening_hours", "de openingsuren"), *_CONTACT),
    "antennes/gepland": (_address_gaps, _unless("opened", "wanneer de plek opengaat")),
    "antennes/voorgesteld": (),  # the status says it: we do not know whether it came at all
    "antennes/gesloten": (_unless("closed", "sinds wanneer de plek gesloten is"),
                          _unless("successors", "welke plek haar vervangt")),
    "organisations": (_unless("description", "wat de organisatie doet"), _unless("target_groups", "voor wie ze werkt"),
                      _address_gaps, *_CONTACT),
    "programmes": (_unless("description", "wat het precies is"), _unless("target_groups", "voor wie het is"),
                   _unless("eligibility", "wie mag deelnemen"), _unless("how_to_apply", "hoe je begint"),
                   _unless("duration", "hoe lang het duurt"), _unless("operators", "wie het uitvoert")),
}


def missing(kind: str, record: Any) -> list[str]:
    """What a visitor would look for on this record's page and will not find."""
    key = f"{kind}/{record.status}" if kind == "antennes" else kind
    return [gap for gaps in _GAPS[key] for gap in gaps(record)]


def joined(items: list[str]) -> str:
    """Dutch enumeration: 'a', 'a en b', 'a, b en c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]
