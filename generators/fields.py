"""Field types of the data model: each parses one kind of value and says plainly what it expected.

Every type is strict about what a volunteer can get wrong (a date that does not exist, a phone
number that is not one, a link to `javascript:`) and lenient only where no meaning can change
(a postal code written as the number 9000).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email
from email_validator.rfc_constants import EMAIL_MAX_LENGTH
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from . import places


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("werkwijzer", message)


# --- identifiers -------------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)  # compiled once: every record has several ids


def _check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise _fail(
            f"{value!r} is not a valid id: use lower-case letters, digits and single hyphens "
            "(for example werkantenne-rabot)"
        )
    return value


Slug = Annotated[
    str,
    AfterValidator(_check_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "examples": ["werkantenne-rabot"]}),
]


# --- text --------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # control characters other than tab and newline


def _check_text(value: str) -> str:
    if not value.strip():
        raise _fail("is empty: write the text, or leave the field out")
    if _CONTROL.search(value):
        raise _fail("contains a control character")
    return value


Text = Annotated[str, AfterValidator(_check_text), Field(max_length=5000)]
"""Plain text: shown to readers exactly as written, never interpreted as HTML or Markdown."""


def _check_line(value: str) -> str:
    # The checks of _check_text, in its order, with the one strip both need.
    stripped = value.strip()
    if not stripped:
        raise _fail("is empty: write the text, or leave the field out")
    if _CONTROL.search(value):
        raise _fail("contains a control character")
    if "\n" in stripped:
        raise _fail("must fit on one line")
    return stripped


Line = Annotated[str, AfterValidator(_check_line), Field(max_length=300)]
"""A name or short label: one line of plain text."""


# --- dates and times ---------------------------------------------------------------------------

PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)


def _check_partial_date(value: str) -> str:
    if not _PARTIAL_DATE.fullmatch(value):
        raise _fail(f"{value!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise _fail(f"{value} is not a date that exists") from None
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(lambda v: v.isoformat() if isinstance(v, dt.date) else v),
    AfterValidator(_check_partial_date),
    WithJsonSchema(
        {"type": "string", "pattern": PARTIAL_DATE_PATTERN, "examples": ["2014-04-23", "2014-10", "2014"]}
    ),
]
"""A day, a month or a year, as precise as the source is: 2014-04-23, 2014-10 or 2014."""


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_day(value: Any) -> Any:
    if isinstance(value, str):
        if not _DAY.fullmatch(value):
            raise _fail(f"{value!r} is not a date: write YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _fail(f"{value} is not a date that exists") from None
    return value


Day = Annotated[
    dt.date,
    BeforeValidator(_parse_day),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-11-22"]}),
]

TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$"
_TIME = re.compile(TIME_PATTERN)


def _check_time(value: str) -> str:
    if not _TIME.fullmatch(value):
        raise _fail(f"{value!r} is not a time: write HH:MM in quotes, from \"00:00\" to \"24:00\"")
    return value


Time = Annotated[
    str,
    AfterValidator(_check_time),
    WithJsonSchema({"type": "string", "pattern": TIME_PATTERN, "examples": ["09:00", "13:30"]}),
]


# --- contact details ---------------------------------------------------------------------------

def _parse_phone(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise _fail(
            f"{value} is read as a number, which drops a leading 0 or +: "
            "write the phone number in quotes, for example \"09 267 75 72\""
        )
    if not isinstance(value, str):
        raise _fail("expected a phone number in quotes")
    return _phone_e164(value)


# A Belgian number as people write it: 09 266 35 00, 0475/12.34.56 or +32 9 266 35 00. For these
# phonenumbers.parse can only strip the 0 or +32 and the separators, so that is done here.
_PLAIN_BELGIAN_PHONE = re.compile(r"(?:0|\+32 ?)([1-9][0-9]*(?:[ ./-][0-9]+)*)")
_PHONE_SEPARATORS = str.maketrans("", "", " ./-")


def _plain_belgian_phone(value: str) -> phonenumbers.PhoneNumber | None:
    """The number parse() would give for a plain Belgian form, or None for any other form."""
    match = _PLAIN_BELGIAN_PHONE.fullmatch(value)
    if match is None:
        return None
    national = match.group(1).translate(_PHONE_SEPARATORS)
    if len(national) > 9:  # longer than any Belgian number: let parse() say what is wrong
        return None
    return phonenumbers.PhoneNumber(country_code=32, national_number=int(national))


def _phone_e164(value: str) -> str:
    number = _plain_belgian_phone(value)
    if number is not None and phonenumbers.is_valid_number(number):
        return f"+32{number.national_number}"
    return _phone_e164_parsed(value)


@lru_cache(maxsize=65536)  # the same numbers recur across records; parsing them is costly
def _phone_e164_parsed(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "BE")
    except phonenumbers.NumberParseException:
        raise _fail(f"{value!r} is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise _fail(
            f"{value!r} is not a valid Belgian or international phone number "
            "(for example 09 267 75 72 or +32 9 267 75 72)"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


Phone = Annotated[
    str,
    BeforeValidator(_parse_phone),
    WithJsonSchema({"type": "string", "examples": ["09 267 75 72", "+32 9 267 75 72"]}),
]
"""Stored in E.164 (+3292677572); shown in the national format."""


# The form most addresses have: lower-case ASCII, a dot-atom before the @ and a host name after it
# whose last label is letters only. email_validator accepts these unchanged (no case folding, no
# IDNA, no Unicode normalisation), unless the domain is special-use or something is too long.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{1,63})"
)


def _is_plain_valid_email(value: str) -> bool:
    """True when email_validator would return this address exactly as written."""
    match = _PLAIN_EMAIL.fullmatch(value)
    if match is None or len(value) > EMAIL_MAX_LENGTH:
        return False
    domain = match.group(1)
    if "--" in domain:  # Punycode and other R-LDH labels: email_validator's own rules apply
        return False
    return not any(domain == name or domain.endswith("." + name) for name in SPECIAL_USE_DOMAIN_NAMES)


def _check_email(value: str) -> str:
    if _is_plain_valid_email(value):
        return value
    return _check_email_fully(value)


@lru_cache(maxsize=65536)  # the same addresses recur across records; the check is costly
def _check_email_fully(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise _fail(f"{value!r} is not an e-mail address ({error})") from None


Email = Annotated[
    str,
    AfterValidator(_check_email),
    WithJsonSchema({"type": "string", "format": "email", "examples": ["werk@stad.gent"]}),
]


# http(s)://, a host of ASCII letters, digits, dots and hyphens, then visible ASCII: urlsplit reads
# the host of these as written, and nothing in them is a space or a control character.
_PLAIN_URL = re.compile(r"https?://([A-Za-z0-9.-]*)(?:[/?#][!-~]*)?")


def _check_url(value: str) -> str:
    match = _PLAIN_URL.fullmatch(value)
    if match is not None and "." in match.group(1):
        return value
    return _check_url_fully(value)


def _check_url_fully(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise _fail(f"{value!r} is not a web link: it must start with https:// or http://")
    host = parts.hostname or ""
    if "." not in host or any(c.isspace() for c in value) or any(ord(c) < 32 for c in value):
        raise _fail(f"{value!r} is not a valid web address")
    return value


Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://", "examples": ["https://stad.gent"]}),
]


# --- places ------------------------------------------------------------------------------------

def _parse_postal_code(value: Any) -> Any:
    # 9000 written without quotes is the same postal code: no meaning can change.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


_POSTAL_CODE = re.compile(r"\d{4}")


def _check_postal_code(value: str) -> str:
    if not _POSTAL_CODE.fullmatch(value):
        raise _fail(f"{value!r} is not a Belgian postal code: expected four digits")
    if not places.municipality_for_postal_code(value):
        raise _fail(f"{value} is not a Belgian postal code")
    return value


PostalCode = Annotated[
    str,
    BeforeValidator(_parse_postal_code),
    AfterValidator(_check_postal_code),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}$", "examples": ["9000"]}),
]


def _house_number(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    return value


HouseNumber = Annotated[
    str,
    BeforeValidator(_house_number),
    AfterValidator(_check_line),
    WithJsonSchema({"type": ["string", "integer"], "examples": ["2", "12A", "2 bus 3"]}),
]
