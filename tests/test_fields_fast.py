"""The fast paths of the field checks give exactly what the full checks give, or leave it to them.

E-mail addresses, phone numbers and web links in their common forms skip email_validator,
phonenumbers.parse and urlsplit. Hypothesis writes values near those forms and just outside them;
for each, the answer (the stored value, or the message) must be the one the full check gives.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from generators import fields


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
    number = fields._plain_belgian_phone(written)
    assert number is not None and fields.phonenumbers.is_valid_number(number)
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
