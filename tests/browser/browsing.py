"""What the browser tests do on a page, the way a visitor does it: which pages exist, searching."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}

# Seed records the tests talk about by name (data/antennes.yaml, data/programmes.yaml).
RABOT = "antennes/werkantenne-rabot/"
ARTICLE_60 = "programmas/artikel-60/"
# One path through the wegwijzer: a group, a need of that group, the answers in one municipality.
WEGWIJZER = "wegwijzer/"
WEGWIJZER_GROUP = "wegwijzer/werkzoekenden/"
WEGWIJZER_NEED = "wegwijzer/werkzoekenden/dienst-zoeken-naar-werk/"
WEGWIJZER_ANSWER = "wegwijzer/werkzoekenden/in-gent/"

# Overviews whose entries are pages of their own: one entry of each is checked as well.
SECTIONS_WITH_ENTRIES = ("organisaties", "doelgroepen", "gemeenten", "soorten", "contacten")

FIXED_PAGES = {
    "home": "",
    "antenne": RABOT,
    "programme": ARTICLE_60,
    "closed antenne": "antennes/werkwinkel-hoogstraat/",
    "wegwijzer": WEGWIJZER,
    "wegwijzer group": WEGWIJZER_GROUP,
    "wegwijzer need": WEGWIJZER_NEED,
    "wegwijzer answer": WEGWIJZER_ANSWER,
    "organisations": "organisaties/",
    "antennes": "antennes/",
    "programmes": "programmas/",
    "target groups": "doelgroepen/",
    "municipalities": "gemeenten/",
    "organisation kinds": "soorten/",
    "contacts": "contacten/",
    "sources": "bronnen/",
    "glossary": "begrippen/",
    "timeline": "tijdlijn/",
    "open data": "open-data/",
    "about": "over/",
    "contributing": "bijdragen/",
    "accessibility": "toegankelijkheid/",
    "privacy": "privacy/",
    "404": "deze-pagina-bestaat-niet/",
}


def first_entry(site: Path, section: str) -> str | None:
    """Path of the first page under an overview (e.g. one organisation), if there is one."""
    entries = sorted(child.name for child in (site / section).iterdir() if (child / "index.html").is_file()) if (site / section).is_dir() else []
    return f"{section}/{entries[0]}/" if entries else None


def page_of_each_kind(site: Path) -> dict[str, str]:
    """One path per kind of page the site has."""
    pages = dict(FIXED_PAGES)
    for section in SECTIONS_WITH_ENTRIES:
        entry = first_entry(site, section)
        if entry:
            pages[f"one of {section}"] = entry
    return pages


@dataclass(frozen=True)
class Result:
    title: str
    path: str  # site-relative, without the #section


RESULT_COUNTER = ".md-search-result__meta"


def open_search(page: Page) -> None:
    """Open the search dialog with Material's keyboard shortcut, which works at every width."""
    page.locator("body").press("/")
    expect(page.locator(".md-search__input")).to_be_focused()


def enter_query(page: Page, query: str) -> None:
    """Put a whole query in the open search field and wait for its results.

    The query goes in at once, followed by a key release (what Material reacts to): typed
    letter by letter, each letter starts a search, and Material may append late results of an
    earlier, shorter query to the list. The field is emptied first, so that the results of a
    previous query are not taken for those of this one.
    """
    field = page.locator(".md-search__input")
    field.fill("")
    field.press("End")
    expect(page.locator(RESULT_COUNTER)).not_to_contain_text(re.compile(r"\d|Geen"))
    field.fill(query)
    field.press("End")
    expect(page.locator(RESULT_COUNTER)).to_contain_text(re.compile(r"\d|Geen"))


def wait_for_typed_results(page: Page) -> None:
    """After typing letter by letter: wait until the result list stops changing."""
    expect(page.locator(RESULT_COUNTER)).to_contain_text(re.compile("overeenkom"))
    result_list = page.locator(".md-search-result__list")
    previous = None
    for _ in range(50):
        current = result_list.inner_html()
        if current == previous:
            return
        previous = current
        page.wait_for_timeout(150)


def announced_count(counter: str) -> int:
    """The number in "24 overeenkomende documenten" (Material's Dutch result counter)."""
    number = re.match(r"\s*(\d+)", counter)
    return int(number.group(1)) if number else 0


def search(page: Page, base_url: str, query: str) -> list[Result]:
    """Search from the page that is open (the home page if none) and read every result."""
    if not page.url.startswith(base_url):
        page.goto(base_url)
    if not page.locator(".md-search__input").evaluate("field => field === document.activeElement"):
        open_search(page)
    enter_query(page, query)
    items = page.locator(".md-search-result__item")
    scroller = page.locator(".md-search__scrollwrap")
    expected = announced_count(page.locator(RESULT_COUNTER).inner_text())
    for _ in range(100):  # Material renders results in batches as the list is scrolled down
        if items.count() >= expected:
            break
        # Material loads the next batch when the list *reaches* its end: leave the end first.
        scroller.evaluate("element => element.scrollTo(0, 0)")
        page.wait_for_timeout(50)
        scroller.evaluate("element => element.scrollTo(0, element.scrollHeight)")
        page.wait_for_timeout(50)
    assert items.count() == expected, f"{items.count()} results shown, {expected} announced"
    results = []
    for link in items.locator("> a.md-search-result__link").all():
        path = urlsplit(link.evaluate("a => a.href")).path.removeprefix(urlsplit(base_url).path)
        results.append(Result(title=link.inner_text().strip().split("\n")[0], path=path))
    return results
