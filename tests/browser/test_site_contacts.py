"""The contacts directory in a real browser: the box that narrows the list as you type (with
JavaScript only), the choices per municipality and organisation without it, and the printout."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser

CONTACTS = "contacten/"
BOX_LABEL = re.compile("Zoek in deze lijst")


def shown_and_hidden(page: Page) -> tuple[list[str], list[str]]:
    """The text of every contact still shown, and of every one the filter hid."""
    contacts = page.locator("[data-ww-contact]")
    shown, hidden = [], []
    for i in range(contacts.count()):
        contact = contacts.nth(i)
        text = contact.evaluate("element => element.closest('[data-ww-contact-group]').querySelector('h2').textContent + ' ' + element.textContent")
        (shown if contact.is_visible() else hidden).append(text)
    return shown, hidden


def test_typing_narrows_the_list_and_says_how_many_are_shown(page: Page, base_url: str) -> None:
    page.goto(base_url + CONTACTS)
    total = page.locator("[data-ww-contact]").count()
    assert total >= 2
    box = page.get_by_label(BOX_LABEL)
    expect(box).to_be_visible()
    status = page.get_by_role("status")
    expect(status).to_have_attribute("aria-live", "polite")

    box.press_sequentially("brugge", delay=20)
    expect(status).to_have_text(re.compile(rf"^\d+ van de {total} contactpunten$"))
    shown, hidden = shown_and_hidden(page)
    assert shown and hidden
    assert all("brugge" in text.casefold() for text in shown)
    assert not any("brugge" in text.casefold() for text in hidden)
    assert status.inner_text() == f"{len(shown)} van de {total} contactpunten"
    # An organisation with no contact left is hidden with its contacts.
    for group in page.locator("[data-ww-contact-group]").all():
        assert group.is_visible() == (group.locator("[data-ww-contact]:not([hidden])").count() > 0)

    box.fill("geen-enkel-contactpunt-heet-zo")
    expect(status).to_have_text(re.compile("^Geen contactpunt gevonden"))
    expect(page.locator("[data-ww-contact-group]:visible")).to_have_count(0)

    box.fill("")
    expect(status).to_have_text(f"{total} contactpunten")
    expect(page.locator("[data-ww-contact]:visible")).to_have_count(total)


def test_the_box_fits_a_phone_screen_with_its_label(phone: BrowserContext, base_url: str) -> None:
    page = phone.new_page()
    try:
        page.goto(base_url + CONTACTS)
        box = page.get_by_label(BOX_LABEL)
        expect(box).to_be_visible()
        field = box.bounding_box()
        assert field["x"] >= 0 and field["x"] + field["width"] <= 375
        label = page.locator("label[for='ww-contacts-query']")
        expect(label).to_be_visible()
        box.fill("gent")
        expect(page.get_by_role("status")).to_have_text(re.compile(r"contactpunt"))
    finally:
        page.close()


def test_without_javascript_there_is_no_box_and_the_choices_work(without_javascript: BrowserContext, base_url: str) -> None:
    page = without_javascript.new_page()
    try:
        page.goto(base_url + CONTACTS)
        expect(page.get_by_label(BOX_LABEL)).to_have_count(0)
        expect(page.locator("[data-ww-contact]").first).to_be_visible()
        choices = page.get_by_role("navigation", name="Contactpunten per gemeente of organisatie")

        # Per organisatie: an anchor to the organisation's section on the same page.
        organisation = choices.locator("a[href^='#']").first
        target = organisation.get_attribute("href")
        organisation.click()
        expect(page).to_have_url(re.compile(re.escape(target) + "$"))
        expect(page.locator(target)).to_be_in_viewport()

        # Per gemeente: a page with the contacts of that municipality only.
        page.goto(base_url + CONTACTS)
        municipality = choices.get_by_role("link", name="Gent", exact=True)
        municipality.click()
        expect(page).to_have_url(re.compile(r"/contacten/gent/$"))
        expect(page.locator("h1")).to_have_text("Contactpunten in Gent")
        expect(page.locator("[data-ww-contact]").first).to_be_visible()
        page.get_by_role("link", name=re.compile("Alle contactpunten")).click()
        expect(page).to_have_url(re.compile(r"/contacten/$"))
    finally:
        page.close()


def test_the_printout_leaves_out_the_header_the_choices_and_the_box(page: Page, base_url: str) -> None:
    page.goto(base_url + CONTACTS)
    expect(page.get_by_label(BOX_LABEL)).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".ww-contacts-search", ".ww-contacts-filter", ".ww-contact-vcard"):
        expect(page.locator(hidden).first).to_be_hidden()
    contact = page.locator("[data-ww-contact]").first
    expect(contact).to_be_visible()
    assert contact.evaluate("element => getComputedStyle(element).breakInside") == "avoid"
    page.emulate_media(media="screen")
    expect(page.locator(".md-header")).to_be_visible()
