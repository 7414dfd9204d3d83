"""The search index of a built site: Pagefind's, with short page ids and the words for one kind of place.

Whether a visitor finds the right pages is tested in the browser (tests/browser/test_site_search.py);
these tests pin down the files a browser fetches.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from pathlib import Path

import cbor2
import pytest

from generators.engine.search_compact import SIGNATURE, TAG_LENGTH, compact_page_ids
from generators.engine.search_index import ARTICLE_END, ARTICLE_START, PAGEFIND_DIR, SAME_KIND_META, index_site

from .conftest import ROOT, build_site

FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "render_catalogue.yaml"

PAGES = {
    "antennes/werkwinkel-oost/index.html": ("Werkwinkel Oost", "Een werkwinkel in de wijk. " + "Hulp bij je cv. " * 60),
    "antennes/werkantenne-west/index.html": ("Werkantenne West", "Een werkantenne in het buurthuis."),
    "programmas/artikel-60/index.html": ("Artikel 60", "Werken via het OCMW. " * 7),
}


def write_site(site: Path, pages: dict[str, tuple[str, str]]) -> None:
    for path, (title, text) in pages.items():
        file = site / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"<!doctype html><html><body><nav>Menu</nav>{ARTICLE_START}<h1>{title}</h1><p>{text}</p>"
                        f"{ARTICLE_END}</body></html>", encoding="utf-8")


def read_meta(bundle: Path) -> list:
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    raw = gzip.decompress((bundle / f"pagefind.{entry['languages']['nl']['hash']}.pf_meta").read_bytes())
    assert raw.startswith(SIGNATURE)
    return cbor2.loads(raw[len(SIGNATURE):])


def read_fragment(bundle: Path, page_id: str) -> dict:
    raw = gzip.decompress((bundle / "fragment" / f"{page_id}.pf_fragment").read_bytes())
    return json.loads(raw[len(SIGNATURE):])


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    write_site(site, PAGES)
    index_site(site, "nl")
    return site


def test_every_page_has_a_short_id_and_its_own_fragment(indexed: Path) -> None:
    bundle = indexed / PAGEFIND_DIR
    pages = read_meta(bundle)[1]
    ids = [page_id for page_id, _ in pages]
    assert all(re.fullmatch(rf"[0-9a-f]{{{TAG_LENGTH}}}[0-9a-z]+", page_id) for page_id in ids), ids
    assert len({page_id[:TAG_LENGTH] for page_id in ids}) == 1, "one tag for the whole build"
    urls = {read_fragment(bundle, page_id)["url"] for page_id in ids}
    assert urls == {"/" + path.removesuffix("index.html") for path in PAGES}
    assert sorted(p.name for p in (bundle / "fragment").iterdir()) == sorted(f"{i}.pf_fragment" for i in ids), \
        "no fragment is left under its old name"


def test_the_entry_names_the_new_metadata_file_and_the_old_one_is_gone(indexed: Path) -> None:
    bundle = indexed / PAGEFIND_DIR
    metas = list(bundle.glob("*.pf_meta"))
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert [p.name for p in metas] == [f"pagefind.{entry['languages']['nl']['hash']}.pf_meta"]


def test_word_counts_keep_two_significant_digits(indexed: Path) -> None:
    counts = [count for _, count in read_meta(indexed / PAGEFIND_DIR)[1]]
    assert any(count >= 100 for count in counts), counts
    assert all(count == round(count, 2 - len(str(count))) for count in counts), counts


def test_no_scratch_folder_is_left_in_the_site(indexed: Path) -> None:
    assert sorted(p.name for p in indexed.iterdir()) == ["antennes", PAGEFIND_DIR, "programmas"]


def test_a_place_of_one_kind_is_indexed_with_the_word_for_the_other_as_metadata(indexed: Path) -> None:
    bundle = indexed / PAGEFIND_DIR
    fragments = {fragment["url"]: fragment for fragment in
                 (read_fragment(bundle, page_id) for page_id, _ in read_meta(bundle)[1])}
    assert fragments["/antennes/werkwinkel-oost/"]["meta"][SAME_KIND_META] == "werkantenne"
    assert fragments["/antennes/werkantenne-west/"]["meta"][SAME_KIND_META] == "werkwinkel"
    assert SAME_KIND_META not in fragments["/programmas/artikel-60/"]["meta"]
    assert "werkantenne" not in fragments["/antennes/werkwinkel-oost/"]["content"].lower(), \
        "the excerpt shows only the page's own words"
    assert fragments["/antennes/werkwinkel-oost/"]["meta"]["title"] == "Werkwinkel Oost"
    page = (indexed / "antennes/werkwinkel-oost/index.html").read_text("utf-8")
    assert "werkantenne" not in page.lower(), "the page itself is unchanged"


def test_the_tag_changes_when_any_page_changes(tmp_path: Path) -> None:
    write_site(tmp_path, PAGES)
    index_site(tmp_path, "nl")
    before = {page_id for page_id, _ in read_meta(tmp_path / PAGEFIND_DIR)[1]}
    write_site(tmp_path, {**PAGES, "programmas/artikel-60/index.html": ("Artikel 60", "Nu met een andere tekst.")})
    index_site(tmp_path, "nl")
    after = {page_id for page_id, _ in read_meta(tmp_path / PAGEFIND_DIR)[1]}
    assert not before & after, "a browser could combine a cached fragment with the new index"


def test_an_index_of_an_unknown_layout_is_left_as_it_is(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "fragment").mkdir(parents=True)
    (bundle / "fragment" / "nl_abc1234.pf_fragment").write_bytes(b"x")
    meta = gzip.compress(SIGNATURE + cbor2.dumps(["2.0.0", {"pages": [["nl_abc1234", 10]]}]))
    (bundle / "pagefind.nl_0000000000.pf_meta").write_bytes(meta)
    entry = '{"version":"2.0.0","languages":{"nl":{"hash":"nl_0000000000","wasm":"nl","page_count":1}}}'
    (bundle / "pagefind-entry.json").write_text(entry, "utf-8")
    before = {p: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert compact_page_ids(bundle) is False
    assert {p: p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == before


def test_a_list_is_found_by_its_title_and_introduction_and_its_parts_not_at_all(tmp_path: Path) -> None:
    write_site(tmp_path, PAGES)
    for path, extra in (("contacten/index.html", "<p>Jobcoaching Oost, bel 09 123 45 67.</p>"),
                        ("contacten/pagina/2/index.html", ""), ("organisaties/index.html", "<p>Opleidingshuis Noord</p>")):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(f"<html><body>{ARTICLE_START}<h1>Lijst {path}</h1><p>Een lijst van alles.</p>{extra}"
                                     f"{ARTICLE_END}</body></html>", encoding="utf-8")
    index_site(tmp_path, "nl")
    bundle = tmp_path / PAGEFIND_DIR
    fragments = {f["url"]: f for f in (read_fragment(bundle, page_id) for page_id, _ in read_meta(bundle)[1])}
    assert "/contacten/pagina/2/" not in fragments
    for url in ("/contacten/", "/organisaties/"):
        assert fragments[url]["content"].startswith("Lijst") and "Een lijst van alles." in fragments[url]["content"]
        assert "Jobcoaching" not in fragments[url]["content"] and "Opleidingshuis" not in fragments[url]["content"]
    # A record's own page keeps its whole text.
    assert "Hulp bij je cv." in fragments["/antennes/werkwinkel-oost/"]["content"]


def test_a_record_is_found_by_what_it_does_not_by_its_numbers_sources_and_dates(tmp_path: Path) -> None:
    """The real pages: what NOT_SEARCHED leaves out must still match the templates' markup."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURE, data / FIXTURE.name)
    result = build_site(tmp_path / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "antennes/werkantenne-nieuw/index.html").read_text("utf-8")
    shown = ("09 210 10 10", "tewerkstelling@example.org", "dinsdag", "Werkantennes in Gent", "Nog niet nagekeken",
             "sindsdien niet nagekeken", "Meld een fout")
    assert all(text in page for text in shown), "the page shows them"
    bundle = tmp_path / "site" / PAGEFIND_DIR
    fragments = {f["url"]: f for f in (read_fragment(bundle, page_id) for page_id, _ in read_meta(bundle)[1])}
    indexed = html.unescape(fragments["/antennes/werkantenne-nieuw/"]["content"])
    assert "Hier krijg je hulp bij je CV." in indexed and "Brusselsesteenweg" in indexed and "Team Tewerkstelling" in indexed
    for text in shown:
        assert text not in indexed, f"{text!r} is in the search index"
