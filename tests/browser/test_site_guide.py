"""The portal as a guide, in Chromium: on a phone the first screen of a record says how to
start; "onbekend" is said once at most; a keyboard user, with or without JavaScript, follows
the wegwijzer from its first question to an answer for every target group; data typed as HTML
stays text on the new pages."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import ARTICLE_60, FIXED_PAGES, RABOT, WEGWIJZER
from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.conftest import DATA, build_site

from generators.checks.load import load_catalogue

pytestmark = pytest.mark.browser

PHONE_SCREEN = {"width": 375, "height": 800}
RECORD_PAGES = {
    "open antenne": RABOT,
    "closed antenne": "antennes/werkwinkel-hoogstraat/",
    "proposed antenne": "antennes/werkantenne-dampoort/",
    "programme": ARTICLE_60,
    "organisation": "organisaties/stad-gent/",
    "organisation without contact of its own": "organisaties/dienst-maatschappelijke-participatie/",
}
MAX_TABS = 200


@pytest.fixture(scope="module")
def phone_screen(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-BE", viewport=PHONE_SCREEN, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", RECORD_PAGES)
def test_how_to_start_is_on_the_first_phone_screen(kind: str, phone_screen: Page, base_url: str) -> None:
    phone_screen.goto(base_url + RECORD_PAGES[kind])
    heading = phone_screen.get_by_role("heading", name=re.compile(r"^(Hoe begin je\?|Contact)"), level=2)
    block = phone_screen.locator(".ww-start")
    for element in (heading, block):
        box = element.bounding_box()
        assert box is not None, f"{kind}: not shown"
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE_SCREEN["height"], f"{kind}: {box} is below the first screen"
    expect(block.locator("a").first).to_be_visible()  # a route to follow, not only words


@pytest.mark.parametrize("path", sorted({*RECORD_PAGES.values(), *FIXED_PAGES.values()}))
def test_no_element_says_onbekend_more_than_once(path: str, page: Page, base_url: str) -> None:
    page.goto(base_url + path)
    worst = page.evaluate(
        """() => {
            let worst = ["", 0];
            for (const element of document.body.querySelectorAll("*")) {
                const count = (element.innerText || "").toLowerCase().split("onbekend").length - 1;
                if (count > worst[1] || (count === worst[1] && count > 1)) worst = [element.tagName, count];
            }
            return worst;
        }"""
    )
    assert worst[1] <= 1, f"{path}: <{worst[0]}> says 'onbekend' {worst[1]} times"


# --- the wegwijzer by keyboard ------------------------------------------------------------------

def groups_with_records() -> list[tuple[str, str]]:
    catalogue = load_catalogue([DATA])
    used = {g for kind in ("organisations", "antennes", "programmes") for r in catalogue.records[kind] for g in r.target_groups}
    return [(g.id, g.label) for g in catalogue.vocabulary("target_groups") if g.id in used]


def tab_to(page: Page, selector: str) -> str:
    """Press Tab until a link matching `selector` has the focus; its text."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return page.evaluate("() => document.activeElement.textContent.trim()")
    raise AssertionError(f"{page.url}: Tab never reached {selector}")


def follow_by_keyboard(page: Page, base_url: str, group_id: str) -> None:
    page.goto(base_url + WEGWIJZER)
    tab_to(page, f'.ww-choices a[href$="{group_id}/"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/wegwijzer/{group_id}/$"))
    tab_to(page, ".ww-choices a, a.ww-all")  # a need, or "everything" for a group without any
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/wegwijzer/{group_id}/[^/]+/$"))
    tab_to(page, ".ww-places a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/wegwijzer/{group_id}/(in-[^/]+|overal)/"))
    expect(page.locator(".ww-result").first).to_be_visible()


@pytest.mark.parametrize(("group_id", "label"), groups_with_records())
def test_keyboard_reaches_an_answer_for_every_group(group_id: str, label: str, page: Page, base_url: str) -> None:
    follow_by_keyboard(page, base_url, group_id)
    # The result that opened with the keyboard says why it was chosen.
    expect(page.locator(".ww-result .ww-why").first).to_contain_text(f"voor {label[0].lower()}{label[1:]}")


@pytest.mark.parametrize(("group_id", "label"), groups_with_records())
def test_keyboard_reaches_an_answer_without_javascript(group_id: str, label: str, without_javascript: BrowserContext,
                                                      base_url: str) -> None:
    tab = without_javascript.new_page()
    try:
        follow_by_keyboard(tab, base_url, group_id)
    finally:
        tab.close()


# --- data typed as HTML -----------------------------------------------------------------------

PAYLOAD = """<img src=x onerror="window.injected=1"><script>window.injected=2</script><b>vet</b>"""


@pytest.fixture(scope="module")
def site_with_payload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's data with HTML typed into a target group's label and a place's name."""
    data = tmp_path_factory.mktemp("guide-data")
    shutil.copytree(DATA, data, dirs_exist_ok=True)
    quoted = PAYLOAD.replace("'", "''")
    for file, written in (("vocabularies.yaml", "    label: Werkzoekenden\n"), ("antennes.yaml", "    name: Werkantenne Rabot\n")):
        text = (data / file).read_text("utf-8")
        assert written in text
        (data / file).write_text(text.replace(written, written.split(":")[0] + f": 'Payload {quoted}'\n", 1), "utf-8")
    site = tmp_path_factory.mktemp("guide-site")
    result = build_site(site, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.parametrize("path", ["wegwijzer/", "wegwijzer/werkzoekenden/", "wegwijzer/werkzoekenden/dienst-zoeken-naar-werk/",
                                  "wegwijzer/werkzoekenden/in-gent/", RABOT])
def test_html_in_the_data_stays_text_on_the_guide(path: str, site_with_payload: Path, serve, desktop: BrowserContext) -> None:
    with serve(site_with_payload) as url:
        tab = desktop.new_page()
        try:
            tab.goto(url + path)
            assert tab.evaluate("() => window.injected") is None
            expect(tab.locator("article")).to_contain_text(PAYLOAD)
            assert tab.locator("article b, article img").count() == 0
        finally:
            tab.close()
