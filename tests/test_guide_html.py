"""The portal as a guide, read in the built HTML: record pages open with how to start and say
once what is not known; the wegwijzer leads every target group to every record it has, and
links no question without an answer.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generators.site import render_wegwijzer
from generators.checks.load import load_catalogue
from generators.cli import main
from generators.site.render import Site, _Renderer

from .conftest import DATA
from .test_site_html import generated_pages, read

ENTITY_FOLDERS = {"organisations": "organisaties", "antennes": "antennes", "programmes": "programmas"}
START_HEADINGS = {"organisaties": "Contact", "antennes": "Hoe begin je?", "programmas": "Hoe begin je?"}


def article(path: Path) -> str:
    source = path.read_text("utf-8")
    return source[source.index("<article"):source.index("</article>")]


def words(fragment: str) -> str:
    fragment = re.sub(r"<script.*?</script>", " ", fragment, flags=re.DOTALL)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def entity_pages(site: Path) -> list[Path]:
    return [page for folder in ENTITY_FOLDERS.values() for page in sorted((site / folder).glob("*/index.html"))]


# --- record pages ------------------------------------------------------------------------------

def test_every_record_page_opens_with_how_to_start(site: Path) -> None:
    for page in entity_pages(site):
        body = article(page)
        first_heading = words(re.search(r"<h2[^>]*>(.*?)</h2>", body, re.DOTALL).group(1)).removesuffix(" ¶")
        assert first_heading == START_HEADINGS[page.parent.parent.name], page
        intro, start = body.index('class="ww-intro"'), body.index('class="ww-section ww-start"')
        assert intro < start, page
        assert 'class="ww-freshness' in body[intro:start], f"{page}: the age of the facts is not at the top"


def test_status_of_a_place_is_at_the_top(site: Path) -> None:
    for page in sorted((site / "antennes").glob("*/index.html")):
        body = article(page)
        assert body.index('class="ww-status ') < body.index('class="ww-section ww-start"'), page


def test_a_closed_place_sends_the_visitor_to_its_successor_first(site: Path) -> None:
    start = article(site / "antennes" / "werkwinkel-hoogstraat" / "index.html").split('ww-start">', 1)[1]
    first_route = re.search(r'<li class="ww-route ww-route-(\w+)">(.*?)</li>', start, re.DOTALL)
    assert first_route.group(1) == "successor" and "Ga nu naar:" in words(first_route.group(2))


def test_no_page_says_onbekend_more_than_once(site: Path) -> None:
    for page in generated_pages(site):
        text = words(article(page))
        assert text.lower().count("onbekend") <= 1, f"{page}: {text.lower().count('onbekend')} times 'onbekend'"
        assert text.count("Niet bekend:") <= 1, page


def test_what_is_unknown_is_one_sentence_that_invites_a_correction(site: Path) -> None:
    body = article(site / "antennes" / "werkantenne-rabot" / "index.html")
    gaps = re.findall(r'<p class="ww-gaps">(.*?)</p>', body, re.DOTALL)
    assert len(gaps) == 1
    assert words(gaps[0]).startswith("Niet bekend: het huisnummer, de postcode, de openingsuren, het telefoonnummer")
    assert "issues/new?template=suggestie.yml" in gaps[0] and "Meld een fout" in gaps[0]
    # What is known is not repeated as unknown, field by field.
    assert not re.search(r"(Telefoon|E-mail|Website|Openingsuren)\s*:?\s*onbekend", words(body))


def test_no_heading_is_followed_only_by_a_none_known_sentence(site: Path) -> None:
    for page in generated_pages(site):
        body = article(page)
        sections = re.split(r"<h[1-6][^>]*>.*?</h[1-6]>", body, flags=re.DOTALL)[1:]
        for section in sections:
            assert not re.fullmatch(r"Geen\b[^.]*\bbekend\.?", words(section)), f"{page}: an empty section: {words(section)!r}"


def test_sections_without_content_are_not_in_the_table_of_contents(site: Path) -> None:
    source = (site / "antennes" / "werkantenne-dampoort" / "index.html").read_text("utf-8")
    toc = source[source.index('data-md-component="toc"'):]
    for empty in ("Cijfers", "Tijdlijn", "Openingsuren"):
        assert f">{empty}<" not in toc.split("</nav>")[0]


# --- the wegwijzer -----------------------------------------------------------------------------

def site_path(page: Path, href: str, site: Path) -> tuple[str, str] | None:
    """The site-relative page ('wegwijzer/x/') and fragment a relative link goes to."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    relative = target.relative_to(site.resolve()).as_posix().removesuffix("index.html")
    return relative, parts.fragment


def crawl(site: Path, start: str, inside: str) -> tuple[set[str], set[str]]:
    """Pages under `inside` reached by links from `start`, and every page they link to."""
    seen, linked, todo = set(), set(), [start]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        page = site / current / "index.html"
        for href in read(page).links:
            found = site_path(page, href, site)
            if found is None:
                continue
            linked.add(found[0])
            if found[0].startswith(inside):
                todo.append(found[0])
    return seen, linked


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue([DATA])


def records_of_group(catalogue, group_id: str) -> list[tuple[str, object]]:
    return [(kind, r) for kind in ENTITY_FOLDERS for r in catalogue.records[kind] if group_id in r.target_groups]


def test_every_target_group_leads_to_every_record_it_has(site: Path, catalogue) -> None:
    start_links = {site_path(site / "wegwijzer" / "index.html", href, site)[0]
                   for href in read(site / "wegwijzer" / "index.html").links if not urlsplit(href).scheme}
    for group in catalogue.vocabulary("target_groups"):
        records = records_of_group(catalogue, group.id)
        group_page = f"wegwijzer/{group.id}/"
        if not records:
            assert group_page not in start_links, f"{group.id} has no record but is linked"
            continue
        assert group_page in start_links, f"the wegwijzer does not ask for {group.id}"
        visited, linked = crawl(site, group_page, group_page)
        answers = [p for p in visited if 'class="ww-result"' in (site / p / "index.html").read_text("utf-8")]
        assert answers, f"no answer page for {group.id}"
        unreached = [r.id for kind, r in records if f"{ENTITY_FOLDERS[kind]}/{r.id}/" not in linked]
        assert not unreached, f"{group.id}: records not reached from its wegwijzer: {unreached}"


def test_every_link_to_an_answer_lands_on_results(site: Path) -> None:
    pages = sorted((site / "wegwijzer").rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        for href in read(page).links:
            found = site_path(page, href, site)
            if found is None or href.startswith("#") or not found[0].startswith("wegwijzer/"):
                continue
            target, fragment = found
            body = article(site / target / "index.html")
            if fragment:
                section = re.search(rf'<section[^>]*id="{re.escape(fragment)}".*?</section>', body, re.DOTALL)
                assert section and 'class="ww-result"' in section.group(0), f"{page}: {href} lands on no result"
            elif target.count("/") == 3 and not target.endswith(("alles/",)) and "/in-" in target:
                assert 'class="ww-result"' in body, f"{page}: {href} lands on no result"


def test_every_result_says_why_it_matched(site: Path, catalogue) -> None:
    for group in catalogue.vocabulary("target_groups"):
        for page in sorted((site / "wegwijzer" / group.id).glob("*/index.html")):
            body = article(page)
            for result in re.findall(r'<li class="ww-result">(.*?)</li>\s*(?=<li class="ww-result">|</ol>)', body, re.DOTALL):
                why = words(re.search(r'<p class="ww-why">(.*?)</p>', result, re.DOTALL).group(1))
                assert why.lower().startswith(f"past bij je keuze: voor {group.label.lower()}"), (page, why)
                place = page.parent.name
                if place == "overal":
                    assert why.endswith("zonder vaste gemeente."), (page, why)
                elif place.startswith("in-"):
                    name = words(re.search(r"<h1[^>]*>(.*?)</h1>", body, re.DOTALL).group(1)).rsplit(" in ", 1)[1]
                    assert why.endswith(f"in {name}.") or why.endswith(f"inwoners van {name}."), (page, why)


def test_a_need_lands_on_its_section_with_what_was_matched(site: Path) -> None:
    question = site / "wegwijzer" / "werkzoekenden" / "dienst-zoeken-naar-werk" / "index.html"
    hrefs = [h for h in read(question).links if "#dienst-zoeken-naar-werk" in h]
    assert any("in-gent/" in h for h in hrefs)
    body = article(site / "wegwijzer" / "werkzoekenden" / "in-gent" / "index.html")
    section = re.search(r'<section[^>]*id="dienst-zoeken-naar-werk".*?</section>', body, re.DOTALL).group(0)
    assert "Werkantenne Rabot" in words(section)
    assert "biedt hulp bij het zoeken naar werk" in words(section)


def test_needs_that_no_record_serves_are_named_once_and_not_linked(site: Path, catalogue) -> None:
    served = {s for p in catalogue.antennes if "werkzoekenden" in p.target_groups for s in p.services}
    served |= {p.kind for p in catalogue.programmes if "werkzoekenden" in p.target_groups}
    page = site / "wegwijzer" / "werkzoekenden" / "index.html"
    links = read(page).links
    for term in [*catalogue.vocabulary("service_kinds"), *catalogue.vocabulary("programme_kinds")]:
        if term.id in served:
            assert any(f"-{term.id}/" in h for h in links), term.id
        else:
            assert not any(f"-{term.id}/" in h for h in links), term.id
            gaps = words(re.search(r'<p class="ww-gaps">(.*?)</p>', article(page), re.DOTALL).group(1))
            assert term.label[1:] in gaps, term.id


def test_wegwijzer_pages_grow_with_groups_and_places_not_with_their_product(tmp_path: Path) -> None:
    counts = []
    for organisations in (40, 160):
        folder = tmp_path / str(organisations)
        assert main(["synth", "--organisations", str(organisations), "--seed", "4", str(folder)]) == 0
        cat = load_catalogue(sorted(folder.glob("*.yaml")))
        pages = [spec.src_path for spec in _Renderer(cat, Site("")).wegwijzer_pages()]
        guide = render_wegwijzer.build(cat)
        groups = len(guide.answers)
        places = sum(len(by_place) for by_place in guide.answers.values())
        needs = sum(len(guide.needs_of(g)) for g in guide.answers)
        # The start, then per group: its page, "alles", one page per need it has, one per place.
        assert len(pages) == 1 + 2 * groups + needs + places
        assert len(pages) == len(set(pages))
        counts.append(len(pages))
    assert counts[1] < 4 * counts[0], counts  # four times the organisations: not more than four times the pages
