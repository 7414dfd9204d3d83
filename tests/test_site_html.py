"""The built site, read as HTML: every record has its page, every link lands, data stays text.

Uses the `site` fixture (the portal built once from data/) and builds copies of the data with
`build_site`: one with an attack in every text field, one with a mistake in it.
"""

from __future__ import annotations

import re
import shutil
import typing
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from pydantic import AfterValidator, BaseModel

from generators.data import fields
from generators.checks.load import load_catalogue
from generators.data.model import DataFile

from .conftest import DATA, ROOT, build_site

REPO_URL = "https://github.com/werkwijzer/werkwijzer"
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "render_catalogue.yaml"
GENERATED_FOLDERS = ("organisaties", "antennes", "programmas", "doelgroepen", "gemeenten", "soorten", "wegwijzer")
GENERATED_PAGES = ("contacten", "bronnen", "begrippen", "tijdlijn")


class Page(HTMLParser):
    """A built page: its links, ids, elements and visible text."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text_parts: list[str] = []
        self._script: dict | None = None
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"] or "")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))
        self.text_parts.append(" ")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None
        self.text_parts.append(" ")

    def handle_data(self, data):
        if self._script is not None:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_parts))


def generated_pages(site: Path) -> list[Path]:
    found = [site / "index.html"]
    for folder in (*GENERATED_FOLDERS, *GENERATED_PAGES):  # a list's later parts are below it
        found.extend(sorted((site / folder).rglob("index.html")))
    return found


def read(path: Path) -> Page:
    return Page(path.read_text("utf-8"))


# --- pages and links ---------------------------------------------------------------------------

def test_every_record_has_its_page(site: Path) -> None:
    catalogue = load_catalogue([DATA])
    for folder, records in (("organisaties", catalogue.organisations), ("antennes", catalogue.antennes),
                            ("programmas", catalogue.programmes)):
        for record in records:
            page = site / folder / record.id / "index.html"
            assert page.is_file(), f"no page for {record.id}"
            assert record.name in read(page).text
    contacts = read(site / "contacten" / "index.html")
    assert {c.id for c in catalogue.contacts} <= contacts.ids
    assert {s.id for s in catalogue.sources} <= read(site / "bronnen" / "index.html").ids
    assert {g.id for g in catalogue.glossary} <= read(site / "begrippen" / "index.html").ids


def test_every_link_in_generated_pages_lands_on_a_page_and_anchor(site: Path) -> None:
    broken = []
    cache: dict[Path, Page] = {}
    for path in generated_pages(site):
        for href in read(path).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {href}")
                continue
            if parts.fragment:
                page = cache.setdefault(target, read(target))
                if parts.fragment not in page.ids:
                    broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_overviews_reach_every_record(site: Path) -> None:
    catalogue = load_catalogue([DATA])
    linked = set()
    for overview in ("organisaties", "antennes", "programmas"):
        linked |= {href.strip("/").split("/")[0] for href in read(site / overview / "index.html").links}
    for record in [*catalogue.organisations, *catalogue.antennes, *catalogue.programmes]:
        assert record.id in linked


def test_edit_link_opens_the_yaml_file_of_the_record(site: Path) -> None:
    catalogue = load_catalogue([DATA])
    antenne = catalogue.antennes[0]
    origin = catalogue.origin(antenne)
    page = read(site / "antennes" / antenne.id / "index.html")
    file = Path(origin.file).resolve().relative_to(ROOT).as_posix()
    assert f"{REPO_URL}/edit/main/{file}" in page.links
    assert f"{REPO_URL}/blob/main/{file}#L{origin.line}" in page.links


def test_home_lists_what_is_new(site: Path) -> None:
    home = read(site / "index.html")
    assert any(e == ("div", {"class": "ww-news"}) for e in home.elements)
    assert "<!-- werkwijzer:nieuw -->" not in (site / "index.html").read_text("utf-8")


def test_the_repository_is_linked_from_the_footer_and_the_logo_is_one_cached_file(site: Path) -> None:
    for path in (site / "index.html", site / "antennes" / "werkantenne-rabot" / "index.html"):
        html = path.read_text("utf-8")
        header, footer = html[:html.index('<div class="md-container"')], html[html.index('<footer'):]
        logo = header.split('class="md-header__button md-logo"')[1].split("</a>")[0]
        assert "md-source" not in html, "no repository box in the header or the menu"
        assert "<svg" not in logo and 'assets/images/logo.svg" alt="logo"' in logo, logo
        assert '<a href="https://github.com/werkwijzer/werkwijzer">Broncode</a>' in footer
        assert html.count('assets/images/logo.svg" alt="logo"') == 2  # the header and the menu
    assert (site / "assets" / "images" / "logo.svg").read_text("utf-8").startswith("<svg")


def test_closed_place_points_to_its_successor_and_back(site: Path) -> None:
    catalogue = load_catalogue([DATA])
    closed = next(a for a in catalogue.antennes if a.successors)
    page = read(site / "antennes" / closed.id / "index.html")
    assert "Deze plek is gesloten" in page.text
    for successor in closed.successors:
        assert f"../{successor}/" in page.links
        assert f"../{closed.id}/" in read(site / "antennes" / successor / "index.html").links


# --- untrusted data stays text -----------------------------------------------------------------

ATTACK = ('<script>pwned()</script><img src=x onerror=pwned()><b class="pwned">b</b>'
          '[a](javascript:pwned()) **bold** {: .pwned } &lt; {{ 7*7 }} {++x++} --8<-- "mkdocs.yml"')
ATTACK_TEXT = ATTACK + '\n\n```\n<script>pwned()</script>\n```\n    <i class="pwned">indented</i>\n'
# Checked against the list of municipalities, so an attack there is a data error, not a page.
NOT_FREE_TEXT = {("Address", "place"), ("Address", "municipality"), ("Antenne", "area_served"), ("Programme", "area_served")}
# Kept out of the site on purpose.
NOT_SHOWN = {("Person", "basis")}


def _kind(annotation: typing.Any) -> tuple[str, typing.Any] | None:
    """('text', multiline?) for free-text types, ('model', class), or None; lists unwrapped."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        checks = {m.func for m in annotation.__metadata__ if isinstance(m, AfterValidator)}
        if fields._check_text in checks:
            return ("text", True)
        if fields._check_line in checks:
            return ("text", False)
        return _kind(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    for arg in typing.get_args(annotation):
        found = _kind(arg)
        if found:
            return found
    return None


def _field_kind(model: type[BaseModel], name: str) -> tuple[str, typing.Any] | None:
    field = model.model_fields[name]
    annotation = typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
    return _kind(annotation)


def plant(value: typing.Any, model: type[BaseModel], planted: list[tuple[str, str]]) -> typing.Any:
    """The record with an attack (and a numbered marker) in every free-text field."""
    if isinstance(value, list):
        return [plant(item, model, planted) for item in value]
    result = dict(value)
    for name, item in value.items():
        kind = _field_kind(model, name)
        if kind is None or (model.__name__, name) in NOT_FREE_TEXT:
            continue
        if kind[0] == "model":
            result[name] = plant(item, kind[1], planted)
            continue

        def attack(_: str) -> str:
            marker = f"⟦{len(planted)}⟧"
            planted.append((marker, f"{model.__name__}.{name}"))
            return f"{marker} {ATTACK_TEXT if kind[1] else ATTACK}"

        result[name] = [attack(x) for x in item] if isinstance(item, list) else attack(item)
    return result


class QuotingDumper(yaml.SafeDumper):
    """Writes every string in quotes, so that "09:00" stays text for the strict loader."""


QuotingDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def attacked_copy(source: Path, destination: Path) -> list[tuple[str, str]]:
    planted: list[tuple[str, str]] = []
    destination.mkdir()
    files = sorted(source.glob("*.yaml")) if source.is_dir() else [source]
    for file in files:
        data = yaml.safe_load(file.read_text("utf-8"))
        for kind, records in data.items():
            item_model = typing.get_args(DataFile.model_fields[kind].annotation)[0]
            data[kind] = [plant(record, item_model, planted) for record in records]
        (destination / file.name).write_text(yaml.dump(data, Dumper=QuotingDumper, allow_unicode=True, sort_keys=False), "utf-8")
    return planted


@pytest.fixture(scope="module", params=["fixture", "repository data"])
def attacked_site(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, str]]]:
    source = FIXTURE if request.param == "fixture" else DATA
    work = tmp_path_factory.mktemp("attacked")
    planted = attacked_copy(source, work / "data")
    result = build_site(work / "site", work / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site", planted


def test_attacks_are_planted_in_many_fields(attacked_site) -> None:
    _, planted = attacked_site
    assert len({field for _, field in planted}) >= 20


def test_attacks_in_data_show_as_text_and_never_become_markup(attacked_site) -> None:
    site, planted = attacked_site
    seen_text = ""
    for path in generated_pages(site):
        page = read(path)
        where = path.relative_to(site)
        for tag, attributes in page.elements:
            assert tag not in ("img", "b", "i", "ins", "strong") or "pwned" not in str(attributes), where
            assert "pwned" not in (attributes.get("class") or ""), f"{where}: injected class on <{tag}>"
            assert not any(name.startswith("on") for name in attributes), f"{where}: event handler on <{tag}>"
            for name in ("href", "src", "action"):
                assert not (attributes.get(name) or "").strip().lower().startswith("javascript:"), where
        for attributes, content in page.scripts:
            if "pwned" in content:
                assert attributes.get("type") in ("application/json", "application/ld+json"), where
                assert "<" not in content and ">" not in content, f"{where}: JSON block not escaped"
        assert "<strong>bold</strong>" not in path.read_text("utf-8"), where
        seen_text += page.text
    assert "<script>pwned()</script><img src=x onerror=pwned()>" in seen_text
    assert "{{ 7*7 }}" in seen_text and "&lt;" in seen_text and "[a](javascript:pwned())" in seen_text
    missing = sorted({field for marker, field in planted if marker not in seen_text} - {f"{m}.{n}" for m, n in NOT_SHOWN})
    assert not missing, f"text fields never shown on any page: {missing}"


def test_attack_in_a_name_stays_text_in_the_page_title(attacked_site) -> None:
    site, _ = attacked_site
    source = next((site / "organisaties").glob("*/index.html")).read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", source, re.DOTALL).group(1)
    assert "<script>" not in title and "&lt;script&gt;pwned()&lt;/script&gt;" in title


# --- bad data ----------------------------------------------------------------------------------

def with_a_misspelt_field(tmp_path: Path) -> tuple[Path, int]:
    """A copy of the repository's data whose first antenne has `adress:`; gives it and that line."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    antennes = data / "antennes.yaml"
    text = antennes.read_text("utf-8")
    first = re.search(r"^    name: .*$", text, re.MULTILINE)
    antennes.write_text(text[:first.end()] + "\n    adress: Hoogstraat 1" + text[first.end():], "utf-8")
    return data, text[:first.end()].count("\n") + 2


def a_last_good_site(folder: Path) -> Path:
    """A site folder with one page that a failed build must leave as it is."""
    folder.mkdir()
    (folder / "index.html").write_text("the last good site", "utf-8")
    return folder


def test_bad_data_stops_the_build_with_a_clean_message_and_keeps_the_last_site(tmp_path: Path) -> None:
    data, line = with_a_misspelt_field(tmp_path)
    last_good = a_last_good_site(tmp_path / "site")

    result = build_site(last_good, data)

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"antennes.yaml:{line}:5: error: antennes[0].adress: unknown field 'adress'" in output
    assert "Traceback" not in output
    assert (last_good / "index.html").read_text("utf-8") == "the last good site"
