"""Text that an editor typed shows in the search results as text, never as markup: the result
list is HTML that the search worker builds from the pages' words."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import RABOT, search
from tests.conftest import DATA, build_site
from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

SEARCH_WORD = "Zoekwoordplek"
PAYLOAD = f"""{SEARCH_WORD} <img src=x onerror="window.injected=1"> <script>window.injected=2</script> <b>vet</b>"""


@pytest.fixture(scope="module")
def site_with_payload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's data, with HTML typed into the name of the werkantenne in Rabot."""
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(DATA, data, dirs_exist_ok=True)
    antennes = data / "antennes.yaml"
    text = antennes.read_text(encoding="utf-8")
    assert "    name: Werkantenne Rabot\n" in text
    quoted = PAYLOAD.replace("'", "''")
    antennes.write_text(text.replace("    name: Werkantenne Rabot\n", f"    name: '{quoted}'\n", 1), encoding="utf-8")
    site = tmp_path_factory.mktemp("site")
    result = build_site(site, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def page(desktop: BrowserContext, site_with_payload: Path, serve) -> Iterator[tuple[Page, str]]:
    with serve(site_with_payload) as url:
        tab = desktop.new_page()
        yield tab, url
        tab.close()


def test_html_in_a_name_is_shown_as_text_in_the_results(page: tuple[Page, str]) -> None:
    tab, url = page
    results = search(tab, url, SEARCH_WORD)

    assert RABOT in [result.path for result in results]
    result_list = tab.locator(".md-search-result__list")
    assert result_list.locator("img, script, b").count() == 0, result_list.inner_html()
    assert tab.evaluate("() => window.injected") is None
    first = tab.locator(".md-search-result__item").first
    # The title shows what the editor typed, character for character; the excerpt too.
    assert first.locator("h1").inner_text() == PAYLOAD
    assert '<img src=x onerror="window.injected=1">' in first.locator("p").first.inner_text()
    # The searched word is still highlighted.
    assert first.locator("mark").first.inner_text() == SEARCH_WORD
