"""The first search result arrives after a small download, whatever the size of the site:
searching must not first download one big index (Material's own search does)."""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

import pytest
from browsing import RABOT, enter_query, open_search
from playwright.sync_api import BrowserContext, Response, expect

pytestmark = pytest.mark.browser

BUDGET = 250_000  # bytes, gzip-compressed
QUERY = "Werkantenne Rabot"
# Fetched with every page, before any search: Material's search settings and the search worker.
SEARCH_SETUP = ("/search/search_index.json", "/assets/javascripts/pagefind-search-worker.js")


def compressed_size(response: Response) -> int:
    """What the response weighs on the wire from a host that gzips (this test server does not)."""
    return len(gzip.compress(response.body(), compresslevel=6))


def test_the_first_result_comes_after_less_than_250_kb(browser, base_url: str) -> None:
    """Counted: the search's files fetched with the page, and everything fetched from opening
    the search to the first result."""
    # A fresh context: nothing of the search is in the browser's cache yet.
    context: BrowserContext = browser.new_context(locale="nl-BE")
    page = context.new_page()
    responses: list[Response] = []
    # On the context: it also reports the requests of the search worker (Pagefind's files).
    context.on("response", lambda response: responses.append(response))
    try:
        page.goto(base_url + "over/")
        page.wait_for_load_state("networkidle")
        with_the_page = len(responses)
        open_search(page)
        enter_query(page, QUERY)
        expect(page.locator(".md-search-result__item").first).to_contain_text("Rabot")
        assert RABOT in page.locator(".md-search-result__link").first.get_attribute("href")
        fetched = {
            urlsplit(response.url).path: compressed_size(response)
            for index, response in enumerate(responses)
            if response.ok and (index >= with_the_page or urlsplit(response.url).path in SEARCH_SETUP)
        }
    finally:
        context.close()

    assert any(path.startswith("/pagefind/") for path in fetched), f"the search fetched no Pagefind files: {sorted(fetched)}"
    assert set(SEARCH_SETUP) <= set(fetched), sorted(fetched)
    total = sum(fetched.values())
    detail = ", ".join(f"{path} {size / 1000:.1f} kB" for path, size in sorted(fetched.items(), key=lambda item: -item[1]))
    print(f"first result after {total / 1000:.1f} kB: {detail}")
    assert total < BUDGET, f"{total / 1000:.1f} kB before the first result: {detail}"
