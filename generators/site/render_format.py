"""How single facts read on a page: Dutch dates, Belgian phone numbers, safe links, addresses."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import phonenumbers

from ..data import places
from ..data.catalogue import Catalogue
from ..data.model import Address

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
DAY_NAMES = {"ma": "maandag", "di": "dinsdag", "wo": "woensdag", "do": "donderdag",
            "vr": "vrijdag", "za": "zaterdag", "zo": "zondag"}


def date_nl(value: str | dt.date) -> str:
    """2014-04-23 -> '23 april 2014'; 2014-04 -> 'april 2014'; 2014 -> '2014'."""
    text = value.isoformat() if isinstance(value, dt.date) else value
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def lower_first(text: str) -> str:
    """A label inside a sentence: 'Werkzoekenden' -> 'werkzoekenden', but 'OCMW-cliënten' stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def year_of(value: str | dt.date) -> str:
    return (value.isoformat() if isinstance(value, dt.date) else value)[:4]


# --- links -------------------------------------------------------------------------------------

def web_href(url: str | None) -> str | None:
    """The URL when it is a plain http(s) link; None for anything else, checked again here."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.hostname else None


def mailto_href(email: str | None) -> str | None:
    if not email or not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", email):
        return None
    return "mailto:" + quote(email, safe="@+.-_")


def tel_href(e164: str | None) -> str | None:
    return f"tel:{e164}" if e164 and re.fullmatch(r"\+[1-9]\d{5,14}", e164) else None


def phone_display(e164: str) -> str:
    """Belgian numbers in the national format (09 267 75 72), others internationally."""
    number = phonenumbers.parse(e164, "BE")
    if phonenumbers.region_code_for_number(number) == "BE":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def slugify(name: str) -> str:
    """'Merelbeke-Melle' -> 'merelbeke-melle'; 'Sint-Niklaas' -> 'sint-niklaas'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


# --- addresses ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class AddressView:
    building: str | None
    street: str | None          # street and number; None when the source gives no street
    number_known: bool
    postal_code: str | None
    place: str | None           # as the source wrote it, when it is not today's municipality
    municipality: str | None    # today's name
    merged_since: str | None    # year the source's municipality merged into today's one
    former_name: str | None     # the merged municipality's name, as the source wrote it
    municipality_slug: str | None


def address_view(catalogue: Catalogue, address: Address) -> AddressView:
    today = catalogue.municipality(address)
    municipality = today.municipality.name if today else None
    former, since = (today.written, today.merged_since) if today else (None, None)
    place = address.place
    if place and not former:
        # A place name that is a former municipality: say which municipality it is in today.
        resolved = places.resolve_municipality(place)
        if resolved and resolved.former_name:
            former, since, place = resolved.former_name, resolved.merged_since, None
    if place and municipality and slugify(place) == slugify(municipality):
        place = None
    if former and place and slugify(place) == slugify(former):
        place = None
    street = " ".join(p for p in (address.street, address.number) if p) or None
    return AddressView(
        building=address.building,
        street=street,
        number_known=bool(address.number),
        postal_code=address.postal_code,
        place=place,
        municipality=municipality,
        merged_since=year_of(since) if since else None,
        former_name=former,
        municipality_slug=slugify(municipality) if municipality else None,
    )
