"""Browsing the site sends no request anywhere but to the site itself, and the
Content-Security-Policy blocks nothing that the site needs."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browsing import ARTICLE_60, RABOT, WEGWIJZER, WEGWIJZER_ANSWER, WEGWIJZER_GROUP, WEGWIJZER_NEED, enter_query, open_search
from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.browser

PAGES = ["", RABOT, ARTICLE_60, "organisaties/", "contacten/", "open-data/", "over/",
         WEGWIJZER, WEGWIJZER_GROUP, WEGWIJZER_NEED, WEGWIJZER_ANSWER]


def test_no_request_leaves_the_site(desktop: BrowserContext, base_url: str) -> None:
    page = desktop.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    try:
        for path in PAGES:
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")
        open_search(page)  # the search worker loads its index and language files
        enter_query(page, "werk")
    finally:
        page.close()

    site_host = urlsplit(base_url).hostname
    elsewhere = [url for url in requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != site_host]
    assert requests, "no request was recorded"
    assert not elsewhere, elsewhere
    # A policy violation ("Refused to ...") or a script error shows up as a console error.
    assert not problems, problems


def test_pages_carry_a_content_security_policy(desktop: BrowserContext, base_url: str) -> None:
    page = desktop.new_page()
    try:
        page.goto(base_url + RABOT)
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    finally:
        page.close()
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    # Pagefind's search is WebAssembly: compiling it is allowed, eval() of JavaScript is not.
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy
