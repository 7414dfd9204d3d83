"""The fast paths of the field checks give exactly what the full checks give, or leave it to them.

E-mail addresses, phone numbers and web links in their common forms skip email_validator,
phonenumbers.parse and urlsplit; ids, lines, texts, dates and times in their common forms are
checked by pydantic-core without a Python call. Hypothesis writes values near those forms and just
outside them; for each, the answer (the stored value, or the message) must be the one the full
check gives.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any, Callable, get_args

import phonenumbers
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, ValidationError, create_model
from pydantic_core import PydanticCustomError

from generators.data import fields


def outcome(check: Callable[[str], Any], value: str) -> tuple[str, Any]:
    """What an editor would see: the stored value, or the message."""
    try:
        return "ok", check(value)
    except PydanticCustomError as error:
        return "refused", error.message()


def full_phone(value: str) -> str:
    return fields._phone_e164_parsed.__wrapped__(value)


def full_email(value: str) -> str:
    return fields._check_email_fully.__wrapped__(value)


MANY = settings(max_examples=1500, deadline=None)


# --- phone numbers -------------------------------------------------------------------------------

BELGIAN_PREFIXES = ["2", "3", "4", "9", "50", "53", "54", "59", "64", "71", "80", "87", "470", "475",
                    "486", "499", "800", "900", "0", "1", "7", "78", "70", "46"]


@st.composite
def phone_like(draw: st.DrawFn) -> str:
    lead = draw(st.sampled_from(["0", "+32", "+32 ", "+32 0", "0032 ", "00", "+31 ", "", "+", "(0)", " 0"]))
    digits = draw(st.sampled_from(BELGIAN_PREFIXES)) + draw(st.text("0123456789", min_size=0, max_size=10))
    text, at = "", 0
    while at < len(digits):
        size = draw(st.integers(1, 4))
        text += digits[at:at + size]
        at += size
        if at < len(digits):
            text += draw(st.sampled_from([" ", " ", ".", "/", "-", "", "  ", "x", ",", "\u00a0", "–"]))
    return lead + text + draw(st.sampled_from(["", "", " ", "x12", "#", "a"]))


@MANY
@given(value=phone_like() | st.text(max_size=16))
@example("09 266 35 00")
@example("+32 9 266 35 00")
@example("0475/12.34.56")
@example("09 266 35 000")
@example("0 9266 3500")
@example("00475 12 34 56")
def test_phone_fast_path_agrees_with_phonenumbers(value: str) -> None:
    assert outcome(fields._phone_e164, value) == outcome(full_phone, value)


@pytest.mark.parametrize("written", ["09 266 35 00", "+32 9 266 35 00", "054 28 98 03", "0475 12 34 56", "+32475123456"])
def test_common_belgian_numbers_take_the_fast_path(written: str) -> None:
    national = fields._plain_belgian_national(written)
    assert national is not None
    assert fields.phonenumbers.is_valid_number(fields.phonenumbers.PhoneNumber(country_code=32, national_number=int(national)))
    assert fields._phone_e164(written) == full_phone(written)


# --- e-mail addresses ----------------------------------------------------------------------------

def mostly(plain: str, odd: str, max_size: int) -> st.SearchStrategy[str]:
    """Text of plain characters, with now and then one that is not."""
    return st.text(st.sampled_from(plain) | st.sampled_from(odd), max_size=max_size) | st.text(plain, max_size=max_size)


TOP_LEVEL = ["be", "org", "gent", "test", "local", "localhost", "arpa", "invalid", "onion", "b1", "x",
             "xn--p1ai", "1", "BE", "a" * 63, "a" * 64, "a-b", "b-"]


@st.composite
def email_like(draw: st.DrawFn) -> str:
    local = draw(mostly("abz09._+-", "!#~AZ é\"@", 12) | st.sampled_from(["info", "Info", "a" * 70, "postmaster"]))
    labels = draw(st.lists(mostly("abz019-", "_A.é ", 8) | st.just("a" * 63) | st.just("ab--cd") | st.just("xn--p1ai"),
                           min_size=0, max_size=4))
    domain = ".".join([*labels, draw(st.sampled_from(TOP_LEVEL))])
    padding = draw(st.sampled_from(["", "", "", "b" * 200]))
    return f"{padding}{local}@{domain}" + draw(st.sampled_from(["", "", "", ".", " ", "@x.be"]))


@MANY
@given(value=email_like() | st.text(max_size=20))
@example("werk@stad.gent")
@example("werkwinkel-beekdal@kringloopcentrum-lichtemolen.example.org")
@example("a@b.test")
@example("a@xn--p1ai.be")
@example("a@ab--cd.be")
def test_email_fast_path_agrees_with_email_validator(value: str) -> None:
    assert outcome(fields._check_email, value) == outcome(full_email, value)


def test_common_addresses_take_the_fast_path() -> None:
    assert fields._is_plain_valid_email("werk@stad.gent")
    assert fields._is_plain_valid_email("tewerkstelling@netwerk-2.example.org")
    assert not fields._is_plain_valid_email("werk@stad.test")  # special-use: the full check refuses it


# --- web links -----------------------------------------------------------------------------------

@st.composite
def url_like(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTPS", "ftp", "javascript", "", "http:"]))
    slashes = draw(st.sampled_from(["://", "://", ":/", ":", "//"]))
    host = draw(mostly("abz09-", "_[]Aé %", 6))
    for _ in range(draw(st.integers(0, 3))):
        host += draw(st.sampled_from([".", ".", ":", "@", ""])) + draw(mostly("abz09-", "_[]Aé %", 6))
    rest = draw(mostly("/?#abc.%=&~\\:@", " \t\n\x00\x7fé", 12))
    return scheme + slashes + host + rest


@MANY
@given(value=url_like() | st.text(max_size=20))
@example("https://stad.gent/werk?x=1#y")
@example("http://localhost/")
@example("https://[::1]/")
def test_url_fast_path_agrees_with_urlsplit(value: str) -> None:
    def full(text: str) -> tuple[str, Any]:
        try:
            return outcome(fields._check_url_fully, text)
        except ValueError as error:  # urlsplit's own refusal: the fast path must not hide it
            return "urlsplit", str(error)

    try:
        fast = outcome(fields._check_url, value)
    except ValueError as error:
        fast = ("urlsplit", str(error))
    assert fast == full(value)


# --- lines ---------------------------------------------------------------------------------------

def line_as_before(value: str) -> str:
    """_check_line as it was written first: the text check, then the one-line check."""
    fields._check_text(value)
    if "\n" in value.strip():
        raise fields._fail("must fit on one line")
    return value.strip()


@MANY
@given(value=st.text(" \t\n\r\x00\x1fab\u2028\u00a0", max_size=8) | st.text(max_size=8))
def test_line_check_agrees_with_the_text_check_it_folds_in(value: str) -> None:
    assert outcome(fields._check_line, value) == outcome(line_as_before, value)


# --- values checked by pydantic-core alone (fields.NativeFirst) ----------------------------------

def test_python_whitespace_is_what_strip_removes() -> None:
    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert fields.PYTHON_WHITESPACE == spaces


def _strict_model(annotation: Any) -> type[BaseModel]:
    return create_model("Holder", __config__=ConfigDict(strict=True), value=(annotation, ...))


NATIVE_FIRST = {"Slug": fields.Slug, "Line": fields.Line, "Text": fields.Text,
                "PartialDate": fields.PartialDate, "Time": fields.Time, "Day": fields.Day, "Url": fields.Url,
                "Email": fields.Email, "HouseNumber": fields.HouseNumber}
# Each type with its native check, and as it was: the same validators without it.
HOLDERS = {name: (_strict_model(kind), _strict_model(Annotated[tuple(get_args(kind)[:-1])]))
           for name, kind in NATIVE_FIRST.items()}


def validated(model: type[BaseModel], value: Any) -> tuple:
    """The stored value, or each error as the loader reads it (type, message, place, context)."""
    try:
        return ("ok", model.model_validate({"value": value}).value)
    except ValidationError as error:
        return ("refused", [(e["type"], e["msg"], e["loc"], e.get("ctx")) for e in map(fields.explain, error.errors())])


HARD_CHARACTERS = " \t\n\r\x00\x01\x0b\x0c\x1c\x1f\x7f\x85\xa0\u2028\u3000\ufeffaZ09-:_é١"
values_near_the_edges = (
    st.text(HARD_CHARACTERS, max_size=12)
    | st.text(max_size=12)
    | st.from_regex(r"\A[ \t]?[a-z0-9]{1,4}(?:-{1,2}[a-z0-9]{1,3}){0,2}[ \n]?\Z")
    | st.from_regex(r"\A[0-9٠١]{1,5}(?:-[0-9]{1,3}){0,2}\Z")
    | st.from_regex(r"\A[0-9]{1,2}:[0-9]{2}\Z")
    | st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z") | st.dates().map(str) | st.dates()
    | st.from_regex(r"\A(?:https?|ftp|HTTP)://[a-zA-Z0-9.-]{0,8}(?:[/?#][ -~é]{0,6})?\Z")
    | st.from_regex(r"\A[a-zA-Z0-9_+.é-]{0,5}@[a-zA-Z0-9.-]{0,10}\.(?:be|org|test|local|gent|x|BE|xn--p1ai)\Z")
    | st.builds(lambda n: "a@" + "b" * n + ".be", st.integers(55, 70))
    | st.builds(lambda n: "a" * n + "@b.be", st.integers(60, 250))
    | st.integers(-3, 3000) | st.booleans() | st.none() | st.floats(allow_nan=False) | st.lists(st.text(max_size=2), max_size=2)
    | st.builds(lambda n, c: c * n, st.sampled_from([299, 300, 301, 4999, 5000, 5001]), st.sampled_from(["x", " ", "\x01"]))
)


@settings(max_examples=3000, deadline=None)
@given(name=st.sampled_from(sorted(NATIVE_FIRST)), value=values_near_the_edges)
@example(name="Line", value="  " + "y" * 299 + "  ")
@example(name="Line", value=" \x0b abc")
@example(name="Line", value="abc\x1c")
@example(name="HouseNumber", value=" 12 ")
@example(name="HouseNumber", value=12)
@example(name="HouseNumber", value=0)
@example(name="Text", value="\x1c")
@example(name="PartialDate", value="2014-02-29")
@example(name="PartialDate", value="0000")
@example(name="Time", value="٠٩:٠٠")
@example(name="Day", value="2024-02-29")
@example(name="Day", value="2023-02-29")
@example(name="Day", value="0001-01-01")
@example(name="Url", value="https://stad.gent/a b")
@example(name="Url", value="https://localhost/")
@example(name="Email", value="werk@stad.gent")
@example(name="Email", value="werk@a--b.be")
@example(name="Email", value="Werk@stad.gent")
@example(name="Email", value="a@" + "b" * 64 + ".be")
def test_native_checks_agree_with_the_validators_they_stand_in_for(name: str, value: Any) -> None:
    native, exact = HOLDERS[name]
    assert validated(native, value) == validated(exact, value)


@MANY
@given(national=st.integers(0, 10**9) | st.integers(10**7, 10**9 - 1).map(lambda n: n))
@example(national=92663500)
@example(national=475123456)
def test_belgian_validity_agrees_with_phonenumbers(national: int) -> None:
    number = phonenumbers.PhoneNumber(country_code=32, national_number=national)
    assert fields._is_valid_belgian(str(national)) == phonenumbers.is_valid_number(number)


@MANY
@given(domain=st.lists(st.sampled_from(["local", "test", "example", "arpa", "invalid", "localhost", "onion",
                                        "in-addr", "home", "stad", "gent", "be", "x"]), min_size=1, max_size=4))
def test_special_use_tails_agree_with_the_suffix_test(domain: list[str]) -> None:
    name = ".".join(domain)
    expected = any(name == special or name.endswith("." + special) for special in fields.SPECIAL_USE_DOMAIN_NAMES)
    assert any(tail in fields._SPECIAL_USE for tail in fields._dot_tails(name)) == expected
