"""The second engine: `python -m generators build --engine zensical OUT` builds a working site.

The repository's data is built once; every rendered and hand-written page must be there, every
link inside the site must land, edit links must point at the file that made the page. Copies of
the data check that names stay text and that bad data leaves the last good site alone.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generators import cli
from generators.checks.load import load_catalogue
from generators.site.render import render_pages
from generators.site.render_links import SECTIONS, url_of

from .conftest import DATA, ROOT
from .test_site_html import a_last_good_site, with_a_misspelt_field

pytestmark = pytest.mark.skipif(importlib.util.find_spec("zensical") is None,
                                reason="Zensical is not installed (pip install -e '.[test]' installs it)")

REPO_URL = "https://github.com/werkwijzer/werkwijzer"  # repo_url of mkdocs.yml
CONTENT = ROOT / "content"
EXTERNAL = {"http", "https", "mailto", "tel"}
ATTACK = "<script>alert(1)</script> & Co"
EDIT_BUTTON = re.compile(r'<a href="([^"]*)"[^>]*class="md-content__button md-icon"')


def build(out: Path, data: Path = DATA, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generators", "build", "--engine", "zensical", "--data", str(data),
                           *options, str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)


def built_page(src_path: str) -> str:
    """organisaties/x.md -> organisaties/x/index.html, index.md -> index.html."""
    return url_of(src_path) + "index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("zensical") / "site"
    result = build(out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def rendered():
    catalogue = load_catalogue([DATA])
    return catalogue, render_pages(catalogue, repo_url=REPO_URL, repo_root=ROOT)


def hand_written() -> list[str]:
    return [path.relative_to(CONTENT).as_posix() for path in CONTENT.rglob("*.md")
            if not path.relative_to(CONTENT).as_posix().startswith("overrides/")]


def title_of(page: Path) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page.read_text("utf-8"), re.S).group(1)).strip()


# --- every page -------------------------------------------------------------------------------

def test_every_rendered_and_hand_written_page_is_built(site: Path, rendered) -> None:
    _, pages = rendered
    expected = {built_page(page.src_path) for page in pages} | {built_page(path) for path in hand_written()}
    expected.add("open-data/index.html")
    missing = sorted(path for path in expected if not (site / path).is_file())
    assert not missing, f"{len(missing)} of {len(expected)} pages not built: {missing[:10]}"


def test_every_record_has_its_page_with_its_name(site: Path, rendered) -> None:
    catalogue, _ = rendered
    for kind, folder in SECTIONS.items():
        records = catalogue.records[kind]
        assert records, f"no {kind} in data/"
        for record in records:
            page = site / folder / record.id / "index.html"
            assert page.is_file(), f"{kind} {record.id}: no page"
            assert title_of(page).startswith(record.name), f"{kind} {record.id}: title {title_of(page)!r}"


# --- links ------------------------------------------------------------------------------------

class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]


def test_every_link_inside_the_site_lands_on_a_file(site: Path) -> None:
    broken: dict[str, list[str]] = {}
    checked = 0
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text("utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme in EXTERNAL or url.startswith("//") or not parts.path:
                continue  # another site, or a place on this page
            checked += 1
            target = site / parts.path.lstrip("/") if parts.path.startswith("/") else page.parent / unquote(parts.path)
            if parts.scheme or not target.resolve().is_relative_to(site.resolve()):
                broken.setdefault(url, []).append(page.relative_to(site).as_posix())
                continue
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.setdefault(url, []).append(page.relative_to(site).as_posix())
    assert checked > 1000, f"only {checked} links found: is the site empty?"
    assert not broken, "\n".join(f"{url} on {pages[:3]} ({len(pages)} pages)" for url, pages in list(broken.items())[:20])


def test_edit_links_point_at_the_file_that_made_the_page(site: Path, rendered) -> None:
    _, pages = rendered
    wrong = []
    for page in pages:
        buttons = EDIT_BUTTON.findall((site / built_page(page.src_path)).read_text("utf-8"))
        expected = [f"{REPO_URL}/edit/main/{page.edit_path}"] if page.edit_path else []
        if buttons != expected:
            wrong.append(f"{page.src_path}: {buttons} instead of {expected}")
    for path in hand_written():
        buttons = EDIT_BUTTON.findall((site / built_page(path)).read_text("utf-8"))
        if buttons != [f"{REPO_URL}/edit/main/content/{path}"]:
            wrong.append(f"{path}: {buttons}")
    assert not wrong, "\n".join(wrong[:20])


def test_zensical_search_index_holds_every_record_page(site: Path, rendered) -> None:
    catalogue, _ = rendered
    locations = {item["location"].split("#")[0] for item in json.loads((site / "search.json").read_text("utf-8"))["items"]}
    missing = [f"{folder}/{record.id}/" for kind, folder in SECTIONS.items() for record in catalogue.records[kind]
               if f"{folder}/{record.id}/" not in locations]
    assert not missing, missing[:10]


# --- data copies ------------------------------------------------------------------------------

def test_a_name_with_html_in_it_shows_as_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    organisations = data / "organisations.yaml"
    text = organisations.read_text("utf-8")
    record_id = re.search(r"^  - id: (\S+)$", text, re.M).group(1)
    organisations.write_text(re.sub(r"^    name: .*$", f"    name: {json.dumps(ATTACK)}", text, count=1, flags=re.M),
                             "utf-8")
    out = tmp_path / "site"
    result = build(out, data)
    assert result.returncode == 0, result.stdout + result.stderr

    page = out / SECTIONS["organisations"] / record_id / "index.html"
    source = page.read_text("utf-8")
    escaped = html.escape(ATTACK, quote=False)
    assert re.search(rf"<h1[^>]*>{re.escape(escaped)}</h1>", source)
    assert title_of(page).startswith(ATTACK)
    unescaped = [path.relative_to(out).as_posix() for path in out.rglob("*.html") if "<script>alert(1)" in path.read_text("utf-8")]
    assert not unescaped, f"the name is HTML on {unescaped}"


def test_bad_data_fails_with_file_and_line_and_keeps_the_last_site(tmp_path: Path) -> None:
    data, line = with_a_misspelt_field(tmp_path)
    out = a_last_good_site(tmp_path / "site")

    result = build(out, data)

    assert result.returncode == 1
    assert f"antennes.yaml:{line}:5: error: antennes[0].adress: unknown field 'adress'" in result.stderr
    assert result.stderr.splitlines()[-1] == f"error: the data has 1 error(s); the site was not built and {out} was left as it was"
    assert "Traceback" not in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "site"]  # no scratch folder left
    assert [path.name for path in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text("utf-8") == "the last good site"


def test_a_failed_zensical_build_keeps_the_last_site(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(CONTENT, root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    with (root / "content" / "over.md").open("a", encoding="utf-8") as page:
        page.write("\n[kapot](bestaat-niet.md)\n")
    out = a_last_good_site(tmp_path / "site")

    result = build(out, DATA, "--config-file", str(root / "mkdocs.yml"))

    assert result.returncode == 1
    assert "over.md" in result.stdout + result.stderr
    assert result.stderr.splitlines()[-1] == f"error: zensical could not build the site; {out} was left as it was"
    assert "Traceback" not in result.stderr
    assert (out / "index.html").read_text("utf-8") == "the last good site"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["repo", "site"]


def test_without_zensical_the_command_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if name == "zensical" else find_spec(name, *rest))

    assert cli.main(["build", "--engine", "zensical", "--data", str(DATA), str(tmp_path / "site")]) == 2

    assert capsys.readouterr().err == "error: Zensical is not installed: .venv/bin/pip install zensical\n"
    assert not (tmp_path / "site").exists()
