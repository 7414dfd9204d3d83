"""Lists of everything come in parts of a fixed size: every item once, every part linked from
every other, every link to a contact, source, event or wegwijzer section on the part that holds
it, and no page that grows with the data. Built from synthetic data with an attack planted in
every text field, so that the parts' labels (names, publishers) are hostile too."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generators.checks.load import load_catalogue
from generators.site.render import render_pages
from generators.site.render_paging import LINE_PAGE_SIZE, PAGE_SIZE

from .conftest import ROOT, build_site
from .test_site_html import attacked_copy, generated_pages, read

ORGANISATIONS = 240  # about 360 contacts and programmes, 480 antennes: every list below has parts
# List page -> (items per part, how an item shows in the built HTML).
LISTS = {
    "contacten": (PAGE_SIZE, r'<article class="ww-contact" id="([^"]+)"'),
    "bronnen": (PAGE_SIZE, r'<section class="ww-source" id="([^"]+)"'),
    "programmas": (LINE_PAGE_SIZE, r'<li><a href="(?:\.\./\.\./)?([^/".]+)/"'),
    "antennes": (LINE_PAGE_SIZE, r'<li><a href="(?:\.\./\.\./)?([^/".]+)/"'),
}


def synth(organisations: int, folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "generators", "synth", "--organisations", str(organisations), "--seed", "7",
                    str(folder)], cwd=ROOT, check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("paging")
    attacked_copy(synth(ORGANISATIONS, work / "synth"), work / "data")
    return work / "data"


@pytest.fixture(scope="module")
def site(data: Path) -> Path:
    destination = data.parent / "site"
    result = build_site(destination, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


def parts_of(site: Path, name: str) -> list[Path]:
    """A list's parts in order: its own page, then pagina/2, pagina/3, ..."""
    later = sorted((site / name / "pagina").glob("*/index.html"), key=lambda p: int(p.parent.name))
    return [site / name / "index.html", *later]


def article(path: Path) -> str:
    return re.search(r"<article.*</article>", path.read_text("utf-8"), re.DOTALL).group(0)


@pytest.mark.parametrize("name", LISTS)
def test_a_long_list_shows_every_item_once_in_parts_of_a_fixed_size(site: Path, data: Path, name: str) -> None:
    size, item = LISTS[name]
    catalogue = load_catalogue([data])
    expected = {"contacten": catalogue.contacts, "bronnen": catalogue.sources, "programmas": catalogue.programmes,
                "antennes": catalogue.antennes}[name]
    parts = parts_of(site, name)
    assert len(parts) == -(-len(expected) // size) > 1, f"{name}: {len(parts)} parts for {len(expected)} items"
    seen: list[str] = []
    for part in parts:
        found = re.findall(item, article(part))
        assert 0 < len(found) <= size, f"{part.relative_to(site)}: {len(found)} items"
        seen.extend(found)
    assert sorted(seen) == sorted(record.id for record in expected)


@pytest.mark.parametrize("name", [*LISTS, "tijdlijn"])
def test_every_part_links_to_every_other_and_to_its_neighbours(site: Path, name: str) -> None:
    parts = parts_of(site, name)
    titles = set()
    for number, part in enumerate(parts, 1):
        html = part.read_text("utf-8")
        pager = re.search(r'<nav class="ww-pager" aria-label="Pagina\'s van deze lijst">.*?</nav>', html, re.DOTALL).group(0)
        assert f"Pagina {number} van {len(parts)}" in pager
        assert pager.count('aria-current="page"') == 1
        targets = {(part.parent / unquote(urlsplit(href).path) / "index.html").resolve()
                   for href in re.findall(r'href="([^"]+)"', pager)}
        assert targets == {p.resolve() for p in parts if p != part}, part.relative_to(site)
        rel = dict((r, (part.parent / h / "index.html").resolve()) for h, r in re.findall(r'href="([^"]+)" rel="(prev|next)"', pager))
        assert rel.get("prev") == (parts[number - 2].resolve() if number > 1 else None)
        assert rel.get("next") == (parts[number].resolve() if number < len(parts) else None)
        titles.add(re.search(r"<title>(.*?)</title>", html).group(1))
    assert len(titles) == len(parts), "every part has its own title"


def test_links_to_an_anchor_land_on_the_part_that_holds_it(site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    pages = generated_pages(site)
    for path in pages:
        ids[path.resolve()] = read(path).ids
    checked = 0
    for path in pages:
        for href in read(path).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment or not parts.path:
                continue
            target = (path.parent / unquote(parts.path) / "index.html").resolve()
            if target not in ids:
                continue  # a hand-written page: mkdocs build --strict checks those
            assert unquote(parts.fragment) in ids[target], f"{path.relative_to(site)}: {href} lands on a part without it"
            checked += 1
    assert checked > 1000


def test_labels_of_parts_are_text(site: Path) -> None:
    pager = re.search(r'<nav class="ww-pager".*?</nav>', (site / "bronnen" / "index.html").read_text("utf-8"), re.DOTALL).group(0)
    assert "&lt;script&gt;pwned()&lt;/script&gt;" in pager
    assert "<script" not in pager and "onerror=" not in pager.replace("&lt;img src=x onerror=", "")


def test_no_page_grows_with_the_data(tmp_path: Path) -> None:
    largest = []
    for organisations in (150, 450):
        pages = render_pages(load_catalogue([synth(organisations, tmp_path / str(organisations))]), repo_url="")
        largest.append(max(len(page.markdown.encode("utf-8")) for page in pages))
    # Three times the data: the largest page is a full part either way (names vary a little).
    assert largest[1] < 1.25 * largest[0], largest
