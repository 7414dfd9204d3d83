"""What several exports share: address parts, public-body detection and weekday names.

Every format writes an address, decides whether an organisation is a public body and names the
days of the week; doing it here keeps the JSON-LD, HSDS, vCard and CSV files in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..data.catalogue import Catalogue
from ..data.model import WEEKDAYS, Address

COUNTRY = "BE"

# Organisation kinds (ids of `organisation_kinds`) that are public bodies. A kind not listed is
# read as a private organisation: the safe side for schema.org's GovernmentOrganization.
PUBLIC_ORGANISATION_KINDS = frozenset({"ocmw", "provincie", "publieke-arbeidsbemiddeling", "stadsbestuur"})

# Kinds that say what a unit is, not who it belongs to: a "dienst" of a city is public, the
# same of a non-profit is not, so these take the answer of their parent organisation.
PART_OF_PARENT_KINDS = frozenset({"dienst"})

ENGLISH_DAYS = dict(zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")))
ICAL_DAYS = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU")))


def is_public_body(catalogue: Catalogue, organisation: Any, _depth: int = 0) -> bool:
    if organisation.kind in PUBLIC_ORGANISATION_KINDS:
        return True
    parent = catalogue.get("organisations", organisation.parent) if organisation.parent else None
    if organisation.kind in PART_OF_PARENT_KINDS and parent is not None and _depth < 10:
        return is_public_body(catalogue, parent, _depth + 1)
    return False


@dataclass(frozen=True)
class AddressParts:
    """An address as directories write it: street line, postal code, today's municipality."""

    street: str | None
    postal_code: str | None
    locality: str | None
    region: str | None
    building: str | None
    country: str = COUNTRY

    @property
    def is_empty(self) -> bool:
        return not (self.street or self.postal_code or self.locality)


def address_parts(catalogue: Catalogue, address: Address | None) -> AddressParts | None:
    """Today's municipality and province from the postal code (or the name written)."""
    if address is None:
        return None
    place = catalogue.municipality(address)
    street = " ".join(p for p in (address.street, address.number) if p) or None
    locality = place.municipality.name if place else (address.municipality or address.place)
    region = (place.municipality.province or None) if place else None
    parts = AddressParts(street, address.postal_code, locality, region, address.building)
    return None if parts.is_empty and not parts.building else parts

