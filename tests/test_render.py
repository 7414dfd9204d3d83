"""The rendered pages, read like a reader would: what each page says and where it links.

Rendered from the small catalogue in tests/fixtures/valid/render_catalogue.yaml, on a pinned day.
Golden files: tests/golden/render/ holds every expected page; regenerate them after an intended
change with `WERKWIJZER_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/test_render.py` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generators.checks.load import load_catalogue
from generators.site.render import NEWS_MARKER, render_news, render_pages

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "render_catalogue.yaml"
GOLDEN = ROOT / "tests" / "golden" / "render"
TODAY = dt.date(2026, 11, 22)
REPO = "https://github.com/werkwijzer/werkwijzer"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue([FIXTURE], today=TODAY)


@pytest.fixture(scope="module")
def pages(catalogue) -> dict[str, str]:
    rendered = render_pages(catalogue, repo_url=REPO, site_url="https://werkwijzer.example/", repo_root=ROOT)
    return {page.src_path: page for page in rendered}


def body(pages, src_path: str) -> str:
    return pages[src_path].markdown


INLINE_TAGS = {"a", "span", "time", "strong", "em", "abbr", "br"}


def text_of(markdown: str) -> str:
    """The words a reader sees: tags dropped, character references decoded."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag == "script"
            self.gap(tag)

        def handle_endtag(self, tag):
            self.skip -= tag == "script"
            self.gap(tag)

        def gap(self, tag):
            if tag not in INLINE_TAGS:  # a cell or a line ends: words do not run together
                self.parts.append(" ")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(markdown)
    return re.sub(r"\s+", " ", "".join(parser.parts)).replace(" .", ".")


# --- golden files ------------------------------------------------------------------------------

def test_pages_match_the_golden_files(catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without JSON-LD: its content belongs to generators/exports and has its own tests there.
    monkeypatch.setattr("generators.site.render._jsonld_builder", lambda: None)
    rendered = render_pages(catalogue, repo_url=REPO, site_url="https://werkwijzer.example/", repo_root=ROOT)
    produced = {page.src_path: page.markdown for page in rendered}
    produced["_news.html"] = render_news(catalogue)
    if os.environ.get("WERKWIJZER_REGENERATE_GOLDEN"):
        for src, markdown in produced.items():
            (GOLDEN / src).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / src).write_text(markdown, "utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(produced) == sorted(expected), "pages added or removed: regenerate the golden files"
    for src, markdown in produced.items():
        assert markdown == expected[src], f"{src} differs from tests/golden/render/{src}"


# --- every record has a page, and the overviews list them --------------------------------------

def test_every_record_has_its_page(pages, catalogue) -> None:
    for org in catalogue.organisations:
        assert f"organisaties/{org.id}.md" in pages
    for antenne in catalogue.antennes:
        assert f"antennes/{antenne.id}.md" in pages
    for programme in catalogue.programmes:
        assert f"programmas/{programme.id}.md" in pages
    for overview in ("organisaties/index.md", "antennes/index.md", "programmas/index.md", "contacten.md",
                     "bronnen.md", "begrippen.md", "tijdlijn.md", "doelgroepen/werkzoekenden.md",
                     "gemeenten/merelbeke-melle.md", "gemeenten/gent.md", "soorten/vzw.md"):
        assert overview in pages


def test_entity_pages_know_the_yaml_line_that_produced_them(pages) -> None:
    page = pages["antennes/werkantenne-nieuw.md"]
    assert page.edit_path == "tests/fixtures/valid/render_catalogue.yaml"
    lines = FIXTURE.read_text("utf-8").splitlines()
    assert lines[page.edit_line - 1].strip() == "- id: werkantenne-nieuw"
    assert f'{REPO}/blob/main/tests/fixtures/valid/render_catalogue.yaml#L{page.edit_line}' in html.unescape(page.markdown)


def test_report_link_opens_the_issue_form_with_page_and_record(pages) -> None:
    markdown = body(pages, "antennes/werkantenne-nieuw.md")
    assert (f"{REPO}/issues/new?template=suggestie.yml&amp;title=Suggestie%3A+Werkantenne+Nieuw"
            "&amp;pagina=https%3A%2F%2Fwerkwijzer.example%2Fantennes%2Fwerkantenne-nieuw%2F"
            "&amp;record=werkantenne-nieuw") in markdown


# --- what a reader sees ------------------------------------------------------------------------

def test_closed_place_says_since_when_and_links_to_its_successor_and_back(pages) -> None:
    closed = body(pages, "antennes/werkwinkel-oud.md")
    assert "Deze plek is gesloten sinds" in text_of(closed) and "april 2014" in text_of(closed)
    assert '<a href="../werkantenne-nieuw/">Werkantenne Nieuw</a>' in closed
    successor = body(pages, "antennes/werkantenne-nieuw.md")
    assert "Deze plek vervangt:" in successor
    assert '<a href="../werkwinkel-oud/">Werkwinkel Oud</a>' in successor


def test_unknown_facts_are_said_once_with_an_invitation_to_correct_them(pages) -> None:
    markdown = body(pages, "organisaties/vzw-voorbeeld.md")
    text = text_of(markdown)
    assert "onbekend" not in text
    assert text.count("Niet bekend:") == 1
    assert "de straat en het huisnummer, de postcode, het telefoonnummer, het e-mailadres en de website." in text
    gaps = re.search(r'<p class="ww-gaps">.*?</p>', markdown, re.DOTALL).group(0)
    assert f"{REPO}/issues/new?template=suggestie.yml" in gaps and "Meld een fout" in gaps


def test_a_closed_place_misses_no_opening_hours(pages) -> None:
    text = text_of(body(pages, "antennes/werkwinkel-oud.md"))
    assert "openingsuren" not in text.casefold() and "telefoonnummer" not in text


def test_sections_with_nothing_in_them_are_left_out(pages) -> None:
    markdown = body(pages, "antennes/werkwinkel-oud.md")
    headings = re.findall(r"^## (.+)$", markdown, re.MULTILINE)
    assert headings[0] == "Hoe begin je?"
    assert "Cijfers" not in headings and "Openingsuren" not in headings
    assert not re.search(r"Geen (cijfers|gebeurtenissen|partners|plekken|programma's) bekend", markdown)


def test_stale_record_warns_and_a_checked_record_does_not(pages) -> None:
    stale = text_of(body(pages, "antennes/werkwinkel-oud.md"))
    assert "Let op: informatie uit 2014, sindsdien niet nagekeken." in stale
    assert "Nog niet nagekeken" in stale
    fresh = text_of(body(pages, "organisaties/stad-voorbeeld.md"))
    assert "werd sindsdien niet nagekeken" not in fresh
    assert "Laatst nagekeken: 1 oktober 2026" in fresh


def test_merged_municipality_is_shown_under_todays_name(pages) -> None:
    assert "9090 Melle (sinds 2025 Merelbeke-Melle)" in text_of(body(pages, "antennes/werkantenne-nieuw.md"))
    assert "Melle (sinds 2025 Merelbeke-Melle)" in text_of(body(pages, "organisaties/vzw-voorbeeld.md"))
    town = body(pages, "gemeenten/merelbeke-melle.md")
    assert "werkantenne-nieuw" in town and "vzw-voorbeeld" in town


def test_phone_numbers_read_nationally_and_dial_internationally(pages) -> None:
    markdown = body(pages, "organisaties/stad-voorbeeld.md")
    assert '<a href="tel:+3292677572">09 267 75 72</a>' in markdown
    assert '<a href="mailto:werk@example.org">werk@example.org</a>' in markdown


def test_organisation_lists_its_parts_partners_places_programmes_and_contacts(pages) -> None:
    parent = body(pages, "organisaties/stad-voorbeeld.md")
    for href in ("../dienst-werk-voorbeeld/", "../../antennes/werkwinkel-oud/", "../../programmas/artikel-60-voorbeeld/",
                 "../../contacten/#contact-werk-voorbeeld"):
        assert f'href="{href}"' in parent
    child = body(pages, "organisaties/dienst-werk-voorbeeld.md")
    assert 'href="../stad-voorbeeld/"' in child and 'href="../vzw-voorbeeld/"' in child
    assert 'href="../dienst-werk-voorbeeld/"' in body(pages, "organisaties/vzw-voorbeeld.md")  # partner, named on one side


def test_aliases_are_visible_for_search(pages) -> None:
    text = text_of(body(pages, "programmas/artikel-60-voorbeeld.md"))
    assert "Ook bekend als: art. 60, artikel 60, art. 60§7" in text


def test_glossary_term_is_explained_once_per_page(pages) -> None:
    markdown = body(pages, "antennes/werkantenne-nieuw.md")
    assert markdown.count('class="ww-term"') == 1
    assert ('<a class="ww-term" href="../../begrippen/#artikel-60" title="Een tijdelijke job via het OCMW, '
            'zodat iemand recht krijgt op een uitkering.">artikel 60</a>') in markdown


def test_opening_hours_table_exceptions_and_holidays(pages) -> None:
    markdown = body(pages, "antennes/werkantenne-nieuw.md")
    text = text_of(markdown)
    assert "woensdag 13:00–16:00 (alleen op afspraak)" in text
    assert "vrijdag gesloten" in text
    assert "24 december 2026: gesloten (teamdag)" in text
    assert "25 december 2026: Kerstmis" in text
    assert '<script type="application/json" id="hours-werkantenne-nieuw">' in markdown
    assert 'data-opening-hours="hours-werkantenne-nieuw" hidden' in markdown


def test_status_labels_are_explained(pages) -> None:
    index = text_of(body(pages, "antennes/index.md"))
    for phrase in ("De plek is beslist, maar nog niet open.", "De plek is gesloten."):
        assert phrase in index
    planned = text_of(body(pages, "antennes/werkantenne-later.md"))
    assert "nog niet open (gepland: februari 2027)" in planned


def test_timeline_is_newest_first_grouped_by_year(pages) -> None:
    markdown = body(pages, "tijdlijn.md")
    years = re.findall(r"^## (\d{4})$", markdown, re.MULTILINE)
    assert years == sorted(years, reverse=True) and "2014" in years and "2027" in years
    assert 'id="werkwinkels-samengebracht"' in markdown


def test_title_front_matter_is_escaped_and_quoted(catalogue) -> None:
    from generators.site.render import _Renderer, Site  # noqa: PLC0415

    renderer = _Renderer(catalogue, Site(REPO))
    page = renderer.render(renderer.page("x.md", "org_kind.md.j2", 'a <b>"c"</b>: d',
                                         term=catalogue.vocabulary("organisation_kinds")[0], found=[]))
    assert page.markdown.startswith('---\ntitle: "a &lt;b&gt;&quot;c&quot;&lt;/b&gt;: d"\n---\n')


def test_entity_pages_carry_escaped_json_ld(pages) -> None:
    markdown = body(pages, "programmas/artikel-60-voorbeeld.md")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', markdown, re.DOTALL)
    assert block and json.loads(block.group(1))["name"] == "Tewerkstelling artikel 60§7"


def test_news_lists_the_most_recent_past_moments(catalogue) -> None:
    news = render_news(catalogue)
    assert NEWS_MARKER not in news
    assert "De werkwinkels worden samengebracht" in news
    assert "Werkantenne Later" not in news  # planned for 2027: not news yet


def test_render_command_writes_the_pages(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generators", "render", str(tmp_path / "out"), "--data", str(FIXTURE)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "WERKWIJZER_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "antennes" / "werkantenne-nieuw.md").read_text("utf-8").startswith("---\ntitle:")
