"""axe-core finds no WCAG 2.1 A/AA violation on any kind of page, wide or narrow, with the
search dialog closed and open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import DESKTOP, FIXED_PAGES, PHONE, SECTIONS_WITH_ENTRIES, enter_query, first_entry, open_search
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

AXE_SOURCE = Axe().axe_script  # axe-core as shipped by axe-playwright-python
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PAGE_KINDS = [*FIXED_PAGES, *(f"one of {section}" for section in SECTIONS_WITH_ENTRIES)]
# A query that matches many pages, so the dialog shows a counter, results and highlights.
SEARCH_QUERY = "werk"


def violations_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"][:5]:
            lines.append(f"  at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.append("    " + node.get("failureSummary", "").replace("\n", "\n    "))
        if len(violation["nodes"]) > 5:
            lines.append(f"  ... and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def assert_accessible(page: Page, state: str, scope: str = "html") -> None:
    violations = page.evaluate(
        "([scope, options]) => axe.run(scope, options).then(results => results.violations)", [scope, WCAG_21_AA]
    )
    assert not violations, f"{page.url} ({state}):\n{violations_report(violations)}"


def path_of(kind: str, site) -> str:
    if kind in FIXED_PAGES:
        return FIXED_PAGES[kind]
    section = kind.removeprefix("one of ")
    entry = first_entry(site, section)
    assert entry, f"the site has no page under /{section}/"
    return entry


@pytest.fixture(scope="module", params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def tab(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """One tab per screen width, reused from page to page, that loads axe-core with each page."""
    is_phone = request.param == PHONE
    context = browser.new_context(locale="nl-BE", viewport=request.param, is_mobile=is_phone, has_touch=is_phone)
    context.add_init_script(script=AXE_SOURCE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_has_no_wcag_violations(kind: str, tab: Page, base_url: str, built_site) -> None:
    tab.goto(base_url + path_of(kind, built_site))
    assert_accessible(tab, "search closed")
    open_search(tab)
    enter_query(tab, SEARCH_QUERY)
    # Colours are measured once Material's transitions (dialog, results) have ended.
    tab.evaluate("() => Promise.all(document.getAnimations().map(animation => animation.finished))")
    # Only the header changed (the dialog is part of it); the rest was checked above.
    assert_accessible(tab, f"search open, query {SEARCH_QUERY!r}", scope=".md-header")


def test_search_dialog_has_an_accessible_name(page: Page, base_url: str) -> None:
    page.goto(base_url)
    expect(page.get_by_role("dialog", name="Zoeken")).to_have_count(1)


def test_pages_declare_dutch(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert page.locator("html").get_attribute("lang") == "nl"
