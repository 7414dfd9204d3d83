"""A keyboard user can skip to the content, search and open a result, and always sees where
the focus is."""

from __future__ import annotations

import re

import pytest
from browsing import RABOT, wait_for_typed_results
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser

MAX_TABS = 40


def focus_is_visible(page: Page) -> bool:
    """The focused element draws an outline or a box shadow (WCAG 2.4.7)."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
            return outline || style.boxShadow !== "none";
        }"""
    )


def focused(page: Page, selector: str) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def test_first_tab_reaches_a_visible_skip_link_that_moves_to_the_content(page: Page, base_url: str) -> None:
    page.goto(base_url + RABOT)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text(re.compile("Ga naar inhoud"))
    expect(skip).to_be_in_viewport()
    assert page.evaluate("() => getComputedStyle(document.activeElement).opacity") != "0"
    assert focus_is_visible(page)

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop after skipping is inside the page content, not in the header or the menu.
    assert page.evaluate("() => document.activeElement.closest('article') !== null"), page.evaluate(
        "() => document.activeElement.outerHTML"
    )
    assert focus_is_visible(page)


def test_search_opens_and_a_result_is_followed_with_the_keyboard(page: Page, base_url: str) -> None:
    page.goto(base_url)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        assert focus_is_visible(page), page.evaluate("() => document.activeElement.outerHTML")
        if focused(page, ".md-search__input"):
            break
    else:
        pytest.fail(f"the search field was not reached in {MAX_TABS} presses of Tab")

    page.keyboard.type("Werkantenne Rabot")
    wait_for_typed_results(page)
    first_result = page.locator(".md-search-result__item > a").first
    page.keyboard.press("ArrowDown")
    expect(first_result).to_be_focused()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(RABOT)))


def test_every_link_on_a_page_shows_focus(page: Page, base_url: str) -> None:
    page.goto(base_url + RABOT)
    seen = set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        if element in seen or focused(page, "body"):
            break
        seen.add(element)
        assert focus_is_visible(page), f"no visible focus on {element}"


def test_on_a_phone_the_menu_and_the_search_open_with_the_keyboard(phone: BrowserContext, base_url: str) -> None:
    page = phone.new_page()
    try:
        page.goto(base_url + RABOT)
        menu = page.get_by_role("button", name="Menu")
        menu.focus()
        assert focus_is_visible(page)
        page.keyboard.press("Enter")
        expect(page.locator("#__drawer")).to_be_checked()
        page.keyboard.press("Space")
        expect(page.locator("#__drawer")).not_to_be_checked()

        page.get_by_role("button", name="Zoeken").focus()
        page.keyboard.press("Space")
        expect(page.locator(".md-search__input")).to_be_focused()
    finally:
        page.close()
