"""Material's page around a generated page, rendered once per folder instead of once per page.

Generated pages (organisaties/<id>/, every list part, ...) are outside the navigation, so
Material's template gives all pages of one folder the same HTML except for five things: the
title (page.meta.title, printed as it is), the skip link and the table of contents (from the
page's headings), the edit link, and the article. So the template is rendered once per folder
for a stand-in page that carries a marker in each of those places; the result is cut at the
markers, and every page of the folder is its own five things set between the pieces, the table
of contents rendered by Material's own partial. A page that has anything else of its own (a
description, a canonical URL, hidden parts) is rendered by the template as usual, and so is a
folder whose stand-in does not show every marker where it is expected.

`WERKWIJZER_PAGE_SHELL=0` renders every page as usual: the tests compare both builds, and the
benchmark measures what the shell saves.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from mkdocs.structure.toc import get_toc

from .html_squeeze import squeeze

TEMPLATE = "main.html"
SHELL_TEMPLATE = "werkwijzer_shell.html"  # in content/overrides: the template of every generated page
# Markers: letters only, so that escaping leaves them as they are.
TITLE, CONTENT, EDIT = "wwshelltitle", "wwshellcontent", "https://wwshell.invalid/wwshelledit"
SKIP, TOC_MARK = "wwshellskip", "wwshelltoc"
REPEATED = {TITLE, EDIT}  # markers that may stand more than once; the others stand exactly once
# The meta keys a generated page has; any other one makes the page render as usual.
EXPECTED_META = {"title", "search", "template"}
TOC = "{% import 'partials/language.html' as lang with context %}{% include 'partials/toc.html' %}"
ENABLED = os.environ.get("WERKWIJZER_PAGE_SHELL", "1") != "0"


class _StandIn:
    """The page with markers in place of its own values."""

    def __init__(self, page: Any, **own: Any) -> None:
        self._page = page
        self.__dict__.update(own)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


class PageShells:
    """The shells of one build, by folder; `render` is the template global that uses them."""

    def __init__(self, env: Environment) -> None:
        self._env = env
        self._toc = env.from_string(TOC)
        self._shells: dict[tuple, list[str] | None] = {}

    @pass_context
    def render(self, context: Context) -> str:
        values = context.get_all()
        page = values["page"]
        key = _key(page)
        if key is not None and key not in self._shells:
            self._shells[key] = self._cut(values, page, has_toc=key[1], has_edit=key[2])
        pieces = self._shells.get(key) if key is not None else None
        if pieces is None:
            return self._env.get_template(TEMPLATE).render(values)
        own = {TITLE: page.meta["title"], CONTENT: page.content}
        if key[2]:
            own[EDIT] = page.edit_url  # MkDocs' templates do not autoescape: printed as it is
        if key[1]:
            own["#" + SKIP] = page.toc.items[0].url
            own[TOC_MARK] = self._toc.render(values).strip()  # squeezed with the whole page (mkdocs_hook)
        # pieces: text, marker, text, marker, ..., text
        return "".join(own[piece] if n % 2 else piece for n, piece in enumerate(pieces))

    def _cut(self, values: dict, page: Any, *, has_toc: bool, has_edit: bool) -> list[str] | None:
        """The stand-in's page split at its markers, or None when one is not where expected."""
        toc = get_toc([{"level": 2, "id": SKIP, "name": SKIP, "children": []}] if has_toc else [])
        stand_in = _StandIn(page, meta={**page.meta, "title": TITLE}, title=TITLE, content=CONTENT + "<h1>",
                            toc=toc, edit_url=EDIT if has_edit else None)
        html = squeeze(self._env.get_template(TEMPLATE).render({**values, "page": stand_in}))
        html = html.replace(CONTENT + "<h1>", CONTENT)
        markers = [TITLE, CONTENT] + ([EDIT] if has_edit else [])
        if has_toc:
            stand_in_toc = squeeze(self._toc.render({**values, "page": stand_in})).strip()
            if html.count(stand_in_toc) != 1:
                return None
            html = html.replace(stand_in_toc, TOC_MARK)
            markers += ["#" + SKIP, TOC_MARK]
        if any(html.count(m) < 1 or (m not in REPEATED and html.count(m) != 1) for m in markers):
            return None
        return re.split("(" + "|".join(map(re.escape, markers)) + ")", html)


def _key(page: Any) -> tuple | None:
    """What a page's shell depends on: its folder, and whether it has headings and an edit link."""
    if not ENABLED or set(page.meta) - EXPECTED_META or page.canonical_url or page.previous_page or page.next_page:
        return None
    if "<h1" not in (page.content or ""):
        return None
    return (posixpath.dirname(page.url.rstrip("/")), bool(page.toc.items), bool(page.edit_url))
