"""A list in parts in Chromium: no WCAG 2.1 AA violation on a later part, wide or narrow; the next
part is reached by keyboard alone, with JavaScript and without; a link to a contact on a later
part opens that part at the contact."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from browsing import DESKTOP
from playwright.sync_api import Browser, BrowserContext, Page, expect
from test_site_accessibility import assert_accessible, tab  # noqa: F401 - tab: axe in each tab, wide and narrow

from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.browser

PARTS = ("contacten/pagina/2/", "bronnen/pagina/2/", "tijdlijn/", "antennes/pagina/2/")


@pytest.fixture(scope="module")
def paged_url(tmp_path_factory: pytest.TempPathFactory, serve) -> Iterator[str]:
    work = tmp_path_factory.mktemp("paged-site")
    subprocess.run([sys.executable, "-m", "generators", "synth", "--organisations", "130", "--seed", "2", str(work / "data")],
                   cwd=ROOT, check=True, capture_output=True)
    result = build_site(work / "site", work / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(work / "site") as url:
        yield url


@pytest.mark.parametrize("path", PARTS)
def test_a_part_has_no_wcag_violations(path: str, tab: Page, paged_url: str) -> None:
    tab.goto(paged_url + path)
    expect(tab.locator(".ww-pager").first).to_be_visible()
    assert_accessible(tab, "a part of a list")
    tab.locator(".ww-pager-all summary").click()
    assert_accessible(tab, "all parts listed")


def tab_to(page: Page, name: str, limit: int = 400) -> None:
    """Press Tab until the focused element is a link with this accessible text."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"no link {name!r} reached by Tab")


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_the_next_part_and_any_part_are_reached_by_keyboard(javascript: bool, browser: Browser, paged_url: str) -> None:
    context: BrowserContext = browser.new_context(locale="nl-BE", viewport=DESKTOP, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(paged_url + "contacten/")
        tab_to(page, "Volgende")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/contacten/pagina/2/$"))
        expect(page.locator(".ww-pager p").first).to_contain_text("Pagina 2 van")
        # The list of all parts opens from the keyboard and leads back to the first.
        page.locator(".ww-pager-all summary").focus()
        page.keyboard.press("Enter")
        first = page.locator(".ww-pager-all li a").first
        expect(first).to_be_visible()
        first.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/contacten/$"))
    finally:
        context.close()


def test_a_link_to_a_contact_on_a_later_part_opens_it_there(page: Page, paged_url: str) -> None:
    page.goto(paged_url + "contacten/pagina/2/")
    contact = page.locator("article.ww-contact").first.get_attribute("id")
    # The organisation's own page links its contact point to this part.
    org_link = page.locator(f"xpath=//article[@id='{contact}']/ancestor::section//h2//a").first
    org_link.click()
    link = page.locator(f"a[href*='#{contact}']").first
    expect(link).to_have_attribute("href", re.compile(r"contacten/pagina/2/#"))
    link.click()
    page.wait_for_url(re.compile(rf"/contacten/pagina/2/#{re.escape(contact)}$"))
    expect(page.locator(f"#{contact}")).to_be_in_viewport()
