"""The core content of a place is there without JavaScript, and a place or programme prints
on one A4 page."""

from __future__ import annotations

import re

import pytest
from browsing import ARTICLE_60, RABOT
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser


def test_antenne_page_shows_its_content_without_javascript(without_javascript: BrowserContext, base_url: str) -> None:
    page = without_javascript.new_page()
    try:
        page.goto(base_url + RABOT)
        article = page.locator("article")
        expect(article.locator("h1")).to_have_text(re.compile("Werkantenne Rabot"))
        expect(article.get_by_text(re.compile("Jozef II")).first).to_be_visible()
        # The menu's links are there too, so a visitor can go on without scripts.
        expect(page.locator(".md-nav--primary a[href$='organisaties/']").first).to_be_attached()
    finally:
        page.close()


def printed_page_count(pdf: bytes) -> int:
    """Number of pages in a PDF written by Chromium (one page object per sheet)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_every_antenne_and_programme_prints_on_one_a4_sheet(page: Page, base_url: str, built_site) -> None:
    paths = [f"{section}/{entry.name}/" for section in ("antennes", "programmas")
             for entry in sorted((built_site / section).iterdir()) if (entry / "index.html").is_file()]
    assert RABOT in paths and ARTICLE_60 in paths
    too_long = {}
    for path in paths:
        page.goto(base_url + path)
        sheets = printed_page_count(page.pdf(format="A4"))
        if sheets != 1:
            too_long[path] = sheets
    assert not too_long, f"A4 sheets per page: {too_long}"
