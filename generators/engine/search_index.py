"""Search: a Pagefind index of a built site, in its `pagefind/` folder.

Material's search dialog asks content/assets/javascripts/pagefind-search-worker.js, which queries
this index. Only the article of each page is indexed, not the navigation, header and footer that
every page repeats; pages get short ids (search_compact.py). The new index replaces the old one
whole, so a site being served never answers from half an index. Works on any built site folder,
whatever engine wrote it.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..site import render_wegwijzer
from ..site.render_links import CONTACTS_PAGE, MUNICIPALITIES, ORGANISATION_KINDS, SECTIONS, SOURCES_PAGE, TARGET_GROUPS, TIMELINE_PAGE
from ..site.render_paging import PARTS_FOLDER
from .search_compact import compact_page_ids

log = logging.getLogger(__name__)

PAGEFIND_DIR = "pagefind"
ARTICLE_START = '<article class="md-content__inner md-typeset">'
ARTICLE_END = "</article>"
NOT_INDEXED = {"404.html"}
# Pagefind joins the text of adjacent <dt>/<dd> and table cells without a space ("WijkRabot").
CELL_END = re.compile(r"(</(?:dt|dd|th|td)>)(?=<)")
TAG = re.compile(r"<[^>]*>")
# Words for the same kind of place: a page whose title has one is found by a search for the other
# too, ranked a bit lower. The other word goes into the indexed copy only (the page itself is
# unchanged), as metadata that is not text: Pagefind adds a bonus for a match in metadata
# (`metaWeights` in the search worker, 0.8 of a match in the title), and the excerpt stays the
# page's own words. Done here rather than by searching for both words, because every word
# searched costs the visitor an index chunk: about 50 kB at 5,000 organisations.
SAME_KIND = (("werkwinkel", "werkantenne"),)
SAME_KIND_META = "same_kind"
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
# Pages that list records shown on their own pages (every contact, source, moment, the answers
# of the wegwijzer, the records of a group or a municipality): a search should find the list by
# its title and introduction, and each record on its own page, not a hundred list parts naming
# it again. Indexing only that also keeps Pagefind's memory (about 0.5 kB per indexed word)
# from growing with every list. A list's later parts (…/pagina/<n>/) are left out.
LIST_FOLDERS = (render_wegwijzer.FOLDER, TARGET_GROUPS, MUNICIPALITIES, ORGANISATION_KINDS,
                *(page.removesuffix(".md") for page in (CONTACTS_PAGE, SOURCES_PAGE, TIMELINE_PAGE)))
LIST_PAGES = {f"{folder}/index.html" for folder in SECTIONS.values()}
PART = re.compile(rf"(^|/){PARTS_FOLDER}/\d+/index\.html$")
FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?</p>", re.S)
# What a page shows but the index leaves out, because nobody searches a page by it: where its
# facts come from, how old they are and what is unknown, how to report a mistake, the dates of
# its timeline, opening hours, phone numbers and e-mail addresses (each one adds words that no
# other page has), and the permalinks of headings. Pagefind's memory grows with the distinct
# words of every page: leaving these out took it from 660 to 463 MiB at 1,000 organisations and
# from 2,738 to 1,952 MiB at 5,000 (benchmarks/README.md).
NOT_SEARCHED = (".headerlink", ".ww-sources", ".ww-freshness", ".ww-gaps", ".ww-record-footer", ".ww-moments",
                ".ww-hours", 'a[href^="tel:"]', 'a[href^="mailto:"]')


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


def index_site(site: Path, language: str) -> None:
    """Index the built site with Pagefind (the stemmer of `language`) into site/pagefind/."""
    with tempfile.TemporaryDirectory(prefix="werkwijzer-search-") as scratch, \
            tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site) as output:
        _copy_articles(site, Path(scratch))
        bundle = Path(output) / PAGEFIND_DIR
        # The command line, not Pagefind's Python API: 8 s instead of 493 s at 1,000 organisations.
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", scratch, "--output-path", str(bundle),
             "--force-language", language, "--quiet",
             *(option for selector in NOT_SEARCHED for option in ("--exclude-selectors", selector))],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise SearchIndexError(f"Pagefind could not index the site; search will not work:\n{result.stdout}{result.stderr}")
        if not compact_page_ids(bundle):
            log.warning("Pagefind's index has a layout this version does not know: its page ids stay long, "
                        "so a first search downloads more")
        _swap_in(bundle, site / PAGEFIND_DIR)


def _swap_in(new: Path, target: Path) -> None:
    """Put the new index in place of the old one; a folder cannot be replaced in one step, so the
    old one is moved aside first, and the gap lasts two renames."""
    old = new.with_name("old")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _copy_articles(site: Path, scratch: Path) -> None:
    """Each page as a small file holding only its article, at the same path as on the site."""
    for page in site.rglob("*.html"):
        path = page.relative_to(site)
        if path.as_posix() in NOT_INDEXED or PART.search(path.as_posix()):
            continue
        html = page.read_text(encoding="utf-8")
        start, end = html.find(ARTICLE_START), html.rfind(ARTICLE_END)
        if start < 0 or end < start:
            continue
        article = html[start:end + len(ARTICLE_END)]
        if _is_list(path.as_posix()):
            article = _title_and_introduction(article)
        article = _with_same_kind_words(CELL_END.sub(r"\1 ", article))
        (scratch / path).parent.mkdir(parents=True, exist_ok=True)
        (scratch / path).write_text(f"<!doctype html><html><body>{article}</body></html>", encoding="utf-8")


def _is_list(path: str) -> bool:
    return path in LIST_PAGES or path.split("/", 1)[0] in LIST_FOLDERS


def _title_and_introduction(article: str) -> str:
    """A list's article cut to its title and the paragraph after it."""
    title = H1.search(article)
    if not title:
        return article
    intro = FIRST_PARAGRAPH.search(article, title.end())
    return f"{ARTICLE_START}{title.group(0)}{intro.group(0) if intro else ''}{ARTICLE_END}"


def _with_same_kind_words(article: str) -> str:
    """The article with, under its title, the words of SAME_KIND whose partner is in the title."""
    title_match = H1.search(article)
    if not title_match:
        return article
    title = TAG.sub(" ", title_match.group(1)).lower()
    words = [word for group in SAME_KIND if any(partner in title for partner in group)
             for word in group if word not in title]
    if not words:
        return article
    meta = f'<div data-pagefind-ignore><span data-pagefind-meta="{SAME_KIND_META}">{" ".join(words)}</span></div>'
    return article[:title_match.end()] + meta + article[title_match.end():]
