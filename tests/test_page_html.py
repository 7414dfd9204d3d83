"""Generated bodies skip Python-Markdown (generators/engine/page_html.py): the HTML, the table of contents
and the anchors must be exactly what Python-Markdown with the site's extensions makes of them,
for the repository's data, for hostile data, and for synthetic data of every kind."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from generators.checks.load import load_catalogue
from generators.engine.page_html import BodyConverter
from generators.site.render import render_pages
from tests.test_site_html import attacked_copy

ROOT = Path(__file__).resolve().parent.parent


def site_markdown_config() -> tuple[list, dict]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    extensions, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions.append(name)
        if options:
            settings[name] = options
    return extensions, settings


def bodies(data: Path) -> dict[str, str]:
    pages = render_pages(load_catalogue([data]), repo_url="https://github.com/werkwijzer/werkwijzer", repo_root=ROOT)
    return {page.src_path: page.markdown.split("---\n", 2)[2] for page in pages}


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("page-html")
    attacked_copy(ROOT / "data", work / "attacked")
    subprocess.run([sys.executable, "-m", "generators", "synth", "--organisations", "12", "--seed", "5", str(work / "synth")],
                   cwd=ROOT, check=True, capture_output=True)
    return {"repository": ROOT / "data", "attacked": work / "attacked", "synthetic": work / "synth"}


@pytest.mark.parametrize("name", ["repository", "attacked", "synthetic"])
def test_fast_bodies_equal_python_markdown(name: str, datasets: dict[str, Path]) -> None:
    extensions, settings = site_markdown_config()
    converter = BodyConverter(extensions, settings)
    checked = 0
    for path, body in bodies(datasets[name]).items():
        fast = converter.convert(body)
        assert fast is not None, f"{path}: fell back to Python-Markdown"
        md = markdown.Markdown(extensions=extensions, extension_configs=settings)
        slow = md.convert(body)
        squeeze = lambda text: re.sub(r"\n+", "\n", text.strip())  # noqa: E731 - blank lines do not matter in HTML
        assert squeeze(fast.html) == squeeze(slow), path
        assert fast.toc_tokens == md.toc_tokens, path
        checked += 1
    assert checked > 20


def test_ids_in_the_html_are_the_anchors(datasets: dict[str, Path]) -> None:
    extensions, settings = site_markdown_config()
    converter = BodyConverter(extensions, settings)
    page = converter.convert(bodies(datasets["repository"])["begrippen.md"])
    headings = {token["id"] for token in page.toc_tokens}
    assert "werkantenne" in page.anchor_ids and headings and headings <= page.anchor_ids
    assert page.anchor_ids == set(re.findall(r'\bid="([^"]*)"', page.html))


@pytest.mark.parametrize("body", [
    "## Kop\n\nGewone tekst in Markdown.\n",
    "<div>\n<p>a</p>\n</div>\n\n- een lijst\n",
    "## Kop\nmet een tweede regel\n",
    "<span>inline begin</span>\n",
])
def test_other_markdown_is_left_to_python_markdown(body: str) -> None:
    extensions, settings = site_markdown_config()
    assert BodyConverter(extensions, settings).convert(body) is None
