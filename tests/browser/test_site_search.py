"""Search in Dutch finds places and programmes by the words people use for them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import ARTICLE_60, RABOT, search
from generators.checks.load import load_catalogue
from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[2] / "data"
# Material lists the best results first; a visitor reads the first few.
TOP = 5


@pytest.fixture(scope="module")
def page(desktop: BrowserContext, base_url: str) -> Iterator[Page]:
    """One tab for all searches, as a visitor who searches again without reloading."""
    tab = desktop.new_page()
    tab.goto(base_url)
    yield tab
    tab.close()


def top_paths(page: Page, base_url: str, query: str) -> list[str]:
    return [result.path for result in search(page, base_url, query)[:TOP]]


@pytest.mark.parametrize("query", ["Werkantenne Rabot", "Rabot", "Jozef II-straat", "Jozef II"])
def test_finds_the_werkantenne_in_rabot(query: str, page: Page, base_url: str) -> None:
    assert RABOT in top_paths(page, base_url, query)


@pytest.mark.parametrize("query", ["art 60", "artikel 60", "art. 60§7", "artikel 60 paragraaf 7", "60§7"])
def test_finds_the_article_60_programme(query: str, page: Page, base_url: str) -> None:
    assert ARTICLE_60 in top_paths(page, base_url, query)


@pytest.fixture(scope="module")
def place_kinds() -> dict[str, str]:
    """Kind (werkantenne, werkwinkel, ...) of every place page, by its path."""
    catalogue = load_catalogue([DATA])
    return {f"antennes/{antenne.id}/": antenne.kind for antenne in catalogue.antennes}


@pytest.mark.parametrize("query", ["werkwinkel", "werkantenne"])
def test_a_kind_of_place_finds_places_of_both_kinds(query: str, page: Page, base_url: str, place_kinds: dict[str, str]) -> None:
    found_kinds = {place_kinds[result.path] for result in search(page, base_url, query) if result.path in place_kinds}
    assert {"werkwinkel", "werkantenne"} <= found_kinds, found_kinds


BRUGGE_ARTICLE_60 = "programmas/tewerkstelling-artikel-60-ocmw-brugge/"


@pytest.mark.parametrize("query", ["trajecten", "begeleidingen"])
def test_a_plural_finds_a_page_that_only_has_the_singular(query: str, page: Page, base_url: str, built_site: Path) -> None:
    """Dutch stemming: the Brugge programme says "traject" and "begeleiding", never the plural,
    so only the stem ("traject", "begeleid") joins the two."""
    text = (built_site / BRUGGE_ARTICLE_60 / "index.html").read_text(encoding="utf-8").lower()
    assert query not in text, "the page must not contain the query word itself"
    assert BRUGGE_ARTICLE_60 in [result.path for result in search(page, base_url, query)]
