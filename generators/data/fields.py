"""Field types of the data model: each parses one kind of value and says plainly what it expected.

Every type is strict about what a volunteer can get wrong (a date that does not exist, a phone
number that is not one, a link to `javascript:`) and lenient only where no meaning can change
(a postal code written as the number 9000).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email
from email_validator.rfc_constants import EMAIL_MAX_LENGTH
from pydantic import AfterValidator, BeforeValidator, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, WithJsonSchema
from pydantic_core import CoreConfig, PydanticCustomError, SchemaValidator, ValidationError, core_schema

from . import places


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("werkwijzer", message)


# --- values checked without a Python call ------------------------------------------------------

# The characters str.strip() removes (str.isspace()); tests/test_fields_fast.py compares.
PYTHON_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
NATIVE_PREFIX = "werkwijzer_native_"  # the error type of a value the fast way refused and the exact way too
_EXACT_SCHEMAS: dict[str, core_schema.CoreSchema] = {}


def _rust_chars(chars: str) -> str:
    """Characters for a class of a pattern in pydantic-core's (Rust) syntax."""
    return "".join(f"\\x{{{ord(c):X}}}" for c in chars)


@dataclass(frozen=True)
class NativeFirst:
    """Put last in an Annotated type: the text values `pattern` and `max_length` admit are checked
    by pydantic-core alone, without a Python call; every other value by the validators before it,
    as if this were not there.

    The pattern must admit only text those validators return unchanged (or, `as_date`, read as the
    same date); tests/test_fields_fast.py compares each type both ways. A value that both refuse
    gets one error of type NATIVE_PREFIX + name; `explain` gives the error the validators
    themselves raise, for its message.
    """

    name: str
    pattern: str
    max_length: int | None = None
    as_date: bool = False  # the text admitted is a day, YYYY-MM-DD, and the value its date

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        exact = handler(source)
        _EXACT_SCHEMAS[self.name] = exact
        fast = core_schema.str_schema(pattern=self.pattern, max_length=self.max_length, strict=True)
        if self.as_date:
            fast = core_schema.chain_schema([fast, core_schema.date_schema(strict=False)])  # reads the text
        return core_schema.union_schema(
            [fast, exact], mode="left_to_right", custom_error_type=NATIVE_PREFIX + self.name,
            custom_error_message=f"not a valid {self.name}",
            metadata={**exact.get("metadata", {}), "werkwijzer_exact": exact},  # its JSON Schema too
        )

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> Any:
        return handler(schema["metadata"]["werkwijzer_exact"])  # type: ignore[index]


@cache
def _exact_validator(name: str) -> SchemaValidator:
    return SchemaValidator(_EXACT_SCHEMAS[name], CoreConfig(strict=True))  # the model's strictness


def explain(error: dict) -> dict:
    """For an error of a NativeFirst type, the error its exact validators give; any other unchanged."""
    kind = error["type"]
    if not isinstance(kind, str) or not kind.startswith(NATIVE_PREFIX):
        return error
    try:
        _exact_validator(kind.removeprefix(NATIVE_PREFIX)).validate_python(error["input"])
    except ValidationError as exact:
        return {**exact.errors(include_url=False)[0], "loc": error["loc"]}
    return error  # not reached: the union tried the exact way and it failed


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
    NativeFirst("id", SLUG_PATTERN),
]


# --- text --------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # control characters other than tab and newline


def _check_text(value: str) -> str:
    if not value.strip():
        raise _fail("is empty: write the text, or leave the field out")
    if _CONTROL.search(value):
        raise _fail("contains a control character")
    return value


# No control character other than tab and newline, and one character that is not white space.
_TEXT_CHAR = r"[^\x00-\x08\x0B-\x1F]"
_NATIVE_TEXT = rf"^{_TEXT_CHAR}*[^\x00-\x1F{_rust_chars(PYTHON_WHITESPACE)}]{_TEXT_CHAR}*$"

Text = Annotated[str, AfterValidator(_check_text), Field(max_length=5000), NativeFirst("text", _NATIVE_TEXT, 5000)]
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


# Starts and ends with a character that is not white space (so strip() keeps it as it is), and has
# no control character but tab, and no line break.
_LINE_EDGE = rf"[^\x00-\x1F{_rust_chars(PYTHON_WHITESPACE)}]"
_NATIVE_LINE = rf"^{_LINE_EDGE}(?:[^\x00-\x08\x0A-\x1F]*{_LINE_EDGE})?$"

Line = Annotated[str, AfterValidator(_check_line), Field(max_length=300), NativeFirst("line", _NATIVE_LINE, 300)]
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


# Years 1 to 9999 in ASCII digits, months, and days that every month has: dates that exist.
_NATIVE_YEAR = r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_NATIVE_MONTH = r"(?:0[1-9]|1[0-2])"
_NATIVE_DAY_OF_MONTH = r"(?:0[1-9]|1[0-9]|2[0-8])"
_NATIVE_PARTIAL_DATE = rf"^{_NATIVE_YEAR}(?:-{_NATIVE_MONTH}(?:-{_NATIVE_DAY_OF_MONTH})?)?$"

PartialDate = Annotated[
    str,
    BeforeValidator(lambda v: v.isoformat() if isinstance(v, dt.date) else v),
    AfterValidator(_check_partial_date),
    WithJsonSchema(
        {"type": "string", "pattern": PARTIAL_DATE_PATTERN, "examples": ["2014-04-23", "2014-10", "2014"]}
    ),
    NativeFirst("partial_date", _NATIVE_PARTIAL_DATE),
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
    NativeFirst("day", rf"^{_NATIVE_YEAR}-{_NATIVE_MONTH}-{_NATIVE_DAY_OF_MONTH}$", as_date=True),
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
    NativeFirst("time", r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"),  # TIME_PATTERN in ASCII digits
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


def _plain_belgian_national(value: str) -> str | None:
    """The national number parse() would read in a plain Belgian form (digits, no leading 0), or
    None for any other form."""
    match = _PLAIN_BELGIAN_PHONE.fullmatch(value)
    if match is None:
        return None
    national = match.group(1).translate(_PHONE_SEPARATORS)
    return national if len(national) <= 9 else None  # longer than any Belgian number: parse() says why


def _phone_e164(value: str) -> str:
    national = _plain_belgian_national(value)
    if national is not None and _is_valid_belgian(national):
        return f"+32{national}"
    return _phone_e164_parsed(value)


# The descriptions phonenumbers reads for +32: is_valid_number(PhoneNumber(32, n)) is true when n
# matches the general one and any of the number types (which one only decides the type).
_BELGIAN_NUMBER_TYPES = ("fixed_line", "mobile", "premium_rate", "toll_free", "shared_cost", "voip",
                         "personal_number", "pager", "uan", "voicemail")
_ANY_LENGTH = range(1, 18)  # phonenumbers' longest national number has 17 digits


@cache
def _belgian_validity() -> dict[int, re.Pattern[str]]:
    """For each length of national number, one pattern that matches the valid ones: the general
    description (in a lookahead) and any type's, as phonenumbers reads them for +32."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("BE")
    general = metadata.general_desc
    kinds = [desc for desc in (getattr(metadata, name) for name in _BELGIAN_NUMBER_TYPES)
             if desc is not None and desc.national_number_pattern]
    patterns = {}
    for length in general.possible_length or _ANY_LENGTH:
        fitting = [f"(?:{desc.national_number_pattern})" for desc in kinds
                   if not desc.possible_length or length in desc.possible_length]
        if fitting:
            patterns[length] = re.compile(rf"(?=(?:{general.national_number_pattern})\Z)(?:{'|'.join(fitting)})")
    return patterns


def _is_valid_belgian(national: str) -> bool:
    """phonenumbers.is_valid_number of +32 and these digits (no leading 0), without its per-call lookups."""
    pattern = _belgian_validity().get(len(national))
    return pattern is not None and pattern.fullmatch(national) is not None


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
    # The domain or a tail of it after a dot is special-use: each tail looked up once.
    return not any(tail in _SPECIAL_USE for tail in _dot_tails(domain))


_SPECIAL_USE = frozenset(SPECIAL_USE_DOMAIN_NAMES)


def _dot_tails(domain: str) -> list[str]:
    """'a.b.c' -> ['a.b.c', 'b.c', 'c']."""
    parts = domain.split(".")
    return [".".join(parts[i:]) for i in range(len(parts))]


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


# The plain form above, with a common top-level domain (none special-use) and no '--' in the
# domain: labels of up to 63 letters and digits, single hyphens inside.
_COMMON_TOP_LEVEL = [name for name in ("be", "org", "com", "net", "eu", "nl", "fr", "de", "lu", "info", "gent",
                                       "brussels", "vlaanderen") if name not in SPECIAL_USE_DOMAIN_NAMES]
_NATIVE_EMAIL = (r"^[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@(?:[a-z0-9](?:-?[a-z0-9]){0,62}\.)+"
                 rf"(?:{'|'.join(_COMMON_TOP_LEVEL)})$")

Email = Annotated[
    str,
    AfterValidator(_check_email),
    WithJsonSchema({"type": "string", "format": "email", "examples": ["werk@stad.gent"]}),
    NativeFirst("email", _NATIVE_EMAIL, EMAIL_MAX_LENGTH),
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
    NativeFirst("url", r"^https?://[A-Za-z0-9-]*\.[A-Za-z0-9.-]*(?:[/?#][!-~]*)?$"),  # _PLAIN_URL with a dot in the host
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
    NativeFirst("house_number", _NATIVE_LINE),
]
