"""Search: a Pagefind index of a built site, in its `pagefind/` folder.

Material's search dialog asks content/assets/javascripts/pagefind-search-worker.js, which queries
this index. Only the article of each page is indexed, not the navigation, header and footer that
every page repeats. Works on any built site folder, whatever engine wrote it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

PAGEFIND_DIR = "pagefind"
ARTICLE_START = '<article class="md-content__inner md-typeset">'
ARTICLE_END = "</article>"
NOT_INDEXED = {"404.html"}
# Pagefind joins the text of adjacent <dt>/<dd> and table cells without a space ("WijkRabot").
CELL_END = re.compile(r"(</(?:dt|dd|th|td)>)(?=<)")


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


def index_site(site: Path, language: str) -> None:
    """Index the built site with Pagefind (the stemmer of `language`) into site/pagefind/."""
    with tempfile.TemporaryDirectory(prefix="werkwijzer-search-") as scratch:
        _copy_articles(site, Path(scratch))
        # The command line, not Pagefind's Python API: 8 s instead of 493 s at 1,000 organisations.
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", scratch, "--output-path", str(site / PAGEFIND_DIR),
             "--force-language", language, "--exclude-selectors", ".headerlink", "--quiet"],
            capture_output=True, text=True,
        )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index the site; search will not work:\n{result.stdout}{result.stderr}")


def _copy_articles(site: Path, scratch: Path) -> None:
    """Each page as a small file holding only its article, at the same path as on the site."""
    for page in site.rglob("*.html"):
        path = page.relative_to(site)
        html = page.read_text(encoding="utf-8")
        start, end = html.find(ARTICLE_START), html.rfind(ARTICLE_END)
        if path.as_posix() in NOT_INDEXED or start < 0 or end < start:
            continue
        article = CELL_END.sub(r"\1 ", html[start:end + len(ARTICLE_END)])
        (scratch / path).parent.mkdir(parents=True, exist_ok=True)
        (scratch / path).write_text(f"<!doctype html><html><body>{article}</body></html>", encoding="utf-8")
