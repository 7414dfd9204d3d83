"""The contacts directory (/contacten/) as a partner reads it in the built site.

Every contact point is listed under its organisation and on the page of its municipality, with
its phone and e-mail as tel:/mailto: links and its vCard; what is not known is left out. Uses
the `site` fixture (the portal built from data/) and a small site built from the render
fixture with a few contacts added: in several municipalities, in none, and with an attack in
their text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from generators.data.catalogue import Catalogue
from generators.checks.load import load_catalogue
from generators.site.render_format import slugify

from .conftest import DATA, ROOT, build_site

FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "render_catalogue.yaml"
PAYLOAD = "<script>alert(1)</script>"
ADDED_CONTACTS = [
    {   # its own address is in Melle, today Merelbeke-Melle; its organisation has none
        "id": "contact-onthaal-melle",
        "organisation": "dienst-werk-voorbeeld",
        "function": f"Onthaal {PAYLOAD}",
        "phone": "+32 9 210 10 11",
        "email": "onthaalmelle@example.org",
        "hours": f"ma-vr 9-12 uur {PAYLOAD} javascript:alert(1)",
        "address": {"street": "Brusselsesteenweg", "number": "12", "postal_code": "9090"},
        "notes": f'[klik](javascript:alert(1)) <a href="javascript:alert(1)">hier</a> {PAYLOAD}',
        "sources": ["bron-melle-2024"],
    },
    {   # no address of its own or of its organisation: no municipality known
        "id": "contact-zonder-adres",
        "organisation": "dienst-werk-voorbeeld",
        "function": "Jobcoaching",
        "sources": ["bron-gent-2014"],
    },
    {   # in Merelbeke-Melle through its organisation's address (Melle)
        "id": "contact-vzw-onthaal",
        "organisation": "vzw-voorbeeld",
        "function": "Onthaal vzw",
        "email": "onthaal@vzw.example.org",
        "sources": ["bron-melle-2024"],
    },
]


class QuotingDumper(yaml.SafeDumper):
    """Writes every string in quotes, so that "09:00" stays text for the strict loader."""


QuotingDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


class Page(HTMLParser):
    """A built page: links, ids, text, and for each contact (an element with data-ww-contact)
    its section, links and text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.sections: list[str] = []              # ids of the contact groups, in order
        self.contacts: dict[str, dict] = {}        # contact id -> section, links, text
        self._open: list[tuple[str, dict]] = []
        self._parts: list[str] = []
        self._skip = 0
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag in ("script", "style"):
            self._skip += 1
        if "data-ww-contact-group" in attributes:
            self.sections.append(attributes.get("id") or "")
        if "data-ww-contact" in attributes:
            section = next((a.get("id") for t, a in reversed(self._open) if "data-ww-contact-group" in a), None)
            self.contacts[attributes["id"]] = {"section": section, "links": [], "text": []}
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
            for contact in self._current_contacts():
                contact["links"].append(attributes["href"])
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self._open.append((tag, attributes))
        self._parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break
        self._parts.append(" ")

    def handle_data(self, data):
        if self._skip:
            return
        self._parts.append(data)
        for contact in self._current_contacts():
            contact["text"].append(data)

    def _current_contacts(self) -> list[dict]:
        return [self.contacts[a["id"]] for _, a in self._open if "data-ww-contact" in a and a.get("id") in self.contacts]

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self._parts))

    def contact_text(self, contact_id: str) -> str:
        return re.sub(r"\s+", " ", "".join(self.contacts[contact_id]["text"]))


def read(site: Path, path: str) -> Page:
    return Page((site / path / "index.html").read_text("utf-8"))


def contact_pages(site: Path) -> list[Path]:
    return [site / "contacten" / "index.html", *sorted((site / "contacten").glob("*/index.html"))]


def municipality_slug(cat: Catalogue, contact) -> str | None:
    """The municipality a partner expects a contact under: its address, else its organisation's."""
    org = cat.get("organisations", contact.organisation)
    for address in (contact.address, org.address):
        place = cat.municipality(address)
        if place:
            return slugify(place.municipality.name)
    return None


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalogue]:
    """A site from the render fixture with ADDED_CONTACTS, and its catalogue."""
    work = tmp_path_factory.mktemp("contacts")
    data = yaml.safe_load(FIXTURE.read_text("utf-8"))
    data["contacts"] = [*data["contacts"], *ADDED_CONTACTS]
    (work / "data").mkdir()
    (work / "data" / "catalogue.yaml").write_text(yaml.dump(data, Dumper=QuotingDumper, allow_unicode=True, sort_keys=False), "utf-8")
    result = build_site(work / "site", work / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site", load_catalogue([work / "data"])


@pytest.fixture(scope="module", params=["repository data", "small data"])
def built(request) -> tuple[Path, Catalogue]:
    if request.param == "small data":
        return request.getfixturevalue("small")
    return request.getfixturevalue("site"), load_catalogue([DATA])


# --- grouped by organisation and by municipality ----------------------------------------------

def test_the_list_shows_every_contact_under_its_organisation_in_order_of_name(built) -> None:
    site, cat = built
    page = read(site, "contacten")
    assert {c.id for c in cat.contacts} == set(page.contacts)
    for contact in cat.contacts:
        assert page.contacts[contact.id]["section"] == f"organisatie-{contact.organisation}", contact.id
    names = [cat.get("organisations", s.removeprefix("organisatie-")).name.casefold() for s in page.sections]
    assert names == sorted(names) and len(names) == len(set(names))
    # The choice "per organisatie" leads to each organisation's section on the page.
    assert {f"#{section}" for section in page.sections} <= set(page.links)


def test_each_municipality_has_a_page_with_only_its_contacts(built) -> None:
    site, cat = built
    expected: dict[str, set[str]] = {}
    for contact in cat.contacts:
        expected.setdefault(municipality_slug(cat, contact) or "zonder-gemeente", set()).add(contact.id)
    listed = read(site, "contacten")
    for slug, contact_ids in expected.items():
        assert f"{slug}/" in listed.links, f"the list does not link to the page of {slug}"
        assert set(read(site, f"contacten/{slug}").contacts) == contact_ids, slug
    pages = {p.parent.name for p in (site / "contacten").glob("*/index.html")}
    assert pages == set(expected)


def test_a_merged_municipality_lists_its_contacts_under_todays_name(small) -> None:
    site, _ = small
    page = read(site, "contacten/merelbeke-melle")
    assert set(page.contacts) == {"contact-onthaal-melle", "contact-vzw-onthaal"}
    assert "Contactpunten in Merelbeke-Melle" in page.text
    assert set(read(site, "contacten/gent").contacts) == {"contact-werk-voorbeeld"}


def test_contacts_without_a_municipality_share_one_page_that_says_so_once(small) -> None:
    site, _ = small
    page = read(site, "contacten/zonder-gemeente")
    assert set(page.contacts) == {"contact-zonder-adres"}
    assert page.text.count("weten we niet in welke gemeente") == 1
    assert "gemeente" not in page.contact_text("contact-zonder-adres").casefold()


# --- routes: phone, e-mail, vCard --------------------------------------------------------------

def test_phone_and_email_are_tel_and_mailto_links(small) -> None:
    site, cat = small
    page = read(site, "contacten")
    for contact in cat.contacts:
        links = page.contacts[contact.id]["links"]
        tel = [href for href in links if href.startswith("tel:")]
        mail = [href for href in links if href.startswith("mailto:")]
        assert tel == ([f"tel:{contact.phone}"] if contact.phone else []), contact.id
        assert mail == ([f"mailto:{contact.email}"] if contact.email else []), contact.id
        for href in tel:
            assert re.fullmatch(r"tel:\+[1-9]\d{5,14}", href)
        for href in mail:
            assert re.fullmatch(r"mailto:[^@\s]+@[^@\s]+\.[a-z]+", href)
    assert "Bel 09 266 00 00" in page.contact_text("contact-werk-voorbeeld")
    assert "Mail tewerkstelling@example.org" in page.contact_text("contact-werk-voorbeeld")


def _resolve(page_file: Path, href: str) -> Path:
    target = (page_file.parent / unquote(urlsplit(href).path)).resolve()
    return target / "index.html" if target.is_dir() else target


def test_every_contact_links_its_own_vcard_and_the_list_links_all(built) -> None:
    site, cat = built
    for page_file in contact_pages(site):
        page = Page(page_file.read_text("utf-8"))
        for contact_id, contact in page.contacts.items():
            cards = [href for href in contact["links"] if href.endswith(".vcf")]
            assert len(cards) == 1, f"{page_file}: {contact_id}"
            card = _resolve(page_file, cards[0])
            assert card.is_file(), f"{page_file}: {cards[0]}"
            assert f"UID:urn:werkwijzer:contact:{contact_id}" in card.read_text("utf-8")
    listed = site / "contacten" / "index.html"
    everything = [href for href in Page(listed.read_text("utf-8")).links if href.endswith("contacten.vcf")]
    assert len(everything) == 1
    text = _resolve(listed, everything[0]).read_text("utf-8")
    assert text.count("BEGIN:VCARD") == len(cat.contacts)


def test_every_link_on_the_contacts_pages_lands_on_a_page_and_anchor(built) -> None:
    site, _ = built
    broken = []
    for page_file in contact_pages(site):
        for href in Page(page_file.read_text("utf-8")).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = _resolve(page_file, href) if parts.path else page_file
            if not target.is_file():
                broken.append(f"{page_file.relative_to(site)}: {href}")
            elif parts.fragment and parts.fragment not in Page(target.read_text("utf-8")).ids:
                broken.append(f"{page_file.relative_to(site)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


# --- what is not known is left out, said once at most ------------------------------------------

def test_unknown_is_said_once_at_most_and_never_field_by_field(built) -> None:
    site, _ = built
    for page_file in contact_pages(site):
        text = Page(page_file.read_text("utf-8")).text
        where = page_file.relative_to(site)
        assert text.casefold().count("onbekend") <= 1, where
        assert not re.search(r"\bgeen\b[^.]{0,40}\bbekend\b", text, re.IGNORECASE), where


def test_missing_routes_are_said_once_on_the_page_and_not_per_contact(small) -> None:
    site, _ = small
    page = read(site, "contacten")
    assert page.text.count("nog geen telefoonnummer of e-mailadres") == 1
    assert "Van 1 van de 4 contactpunten" in page.text
    assert "telefoon" not in page.contact_text("contact-zonder-adres").casefold()


def test_a_person_is_named_only_when_the_data_names_one(small) -> None:
    site, cat = small
    page = read(site, "contacten")
    for contact in cat.contacts:
        text = page.contact_text(contact.id)
        if contact.person:
            assert f"Contactpersoon: {contact.person.name}" in text
        else:
            assert "Contactpersoon" not in text


def test_each_contact_says_its_source_and_the_age_of_its_data_in_one_line(small) -> None:
    site, _ = small
    text = read(site, "contacten").contact_text("contact-werk-voorbeeld")
    assert "Bron: Stad Gent. Gegevens uit 2014, nog niet nagekeken." in text


# --- untrusted data stays text -------------------------------------------------------------------

def test_a_planted_payload_stays_text(small) -> None:
    site, _ = small
    for page_file in [p for p in contact_pages(site) if "contact-onthaal-melle" in p.read_text("utf-8")]:
        source = page_file.read_text("utf-8")
        page = Page(source)
        assert PAYLOAD not in source, page_file
        for tag, attributes in page.tags:
            for name, value in attributes.items():
                assert not (value or "").strip().lower().startswith("javascript:"), f"{page_file}: <{tag} {name}>"
        text = page.contact_text("contact-onthaal-melle")
        assert f"Onthaal {PAYLOAD}" in text and "javascript:alert(1)" in text
        assert '<a href="javascript:alert(1)">hier</a>' in text


# --- the filter box is JavaScript's ----------------------------------------------------------------

def test_the_filter_box_is_added_by_script_and_not_in_the_html(built) -> None:
    site, _ = built
    for page_file in contact_pages(site):
        page = Page(page_file.read_text("utf-8"))
        assert "ww-contacts-query" not in page.ids and "ww-contacts-count" not in page.ids, page_file
        assert any("data-ww-contacts" in attributes for _, attributes in page.tags), page_file
        assert any(tag == "script" and (a.get("src") or "").endswith("contacts-filter.js") for tag, a in page.tags)
