"""Where each generated page lives, and the relative link from one page to another.

Links inside generated pages sit in raw HTML, which MkDocs neither checks nor rewrites, so they
are computed here for the agreed URL scheme (`organisaties/<id>.md` is served at
`/organisaties/<id>/` with use_directory_urls).
"""

from __future__ import annotations

import posixpath
from functools import cached_property, lru_cache
from typing import Any, Callable

from ..data.model import Antenne, Contact, Event, GlossaryEntry, Organisation, Programme, Source

# Record kind -> folder of its pages.
SECTIONS = {"organisations": "organisaties", "antennes": "antennes", "programmes": "programmas"}
CONTACTS_PAGE = "contacten.md"
SOURCES_PAGE = "bronnen.md"
GLOSSARY_PAGE = "begrippen.md"
TIMELINE_PAGE = "tijdlijn.md"
TARGET_GROUPS = "doelgroepen"
MUNICIPALITIES = "gemeenten"
ORGANISATION_KINDS = "soorten"

_KIND_OF = {Organisation: "organisations", Antenne: "antennes", Programme: "programmes"}


def entity_page(kind: str, record_id: str) -> str:
    return f"{SECTIONS[kind]}/{record_id}.md"


def record_target(record: Any) -> tuple[str, str | None]:
    """(page, anchor) where a record is shown: its own page, or its place on a list page."""
    kind = _KIND_OF.get(type(record))
    if kind:
        return entity_page(kind, record.id), None
    if isinstance(record, Contact):
        return CONTACTS_PAGE, record.id
    if isinstance(record, Event):
        return TIMELINE_PAGE, record.id
    if isinstance(record, Source):
        return SOURCES_PAGE, record.id
    if isinstance(record, GlossaryEntry):
        return GLOSSARY_PAGE, record.id
    raise TypeError(f"no page shows a {type(record).__name__}")


def url_of(src_path: str, use_directory_urls: bool = True) -> str:
    """Site-relative URL of a page: organisaties/x.md -> organisaties/x/, index.md -> ''."""
    stem = src_path.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index").removesuffix("index") + "/"


class Links:
    """Relative links from one page (`here`) to any other page or record."""

    def __init__(self, here: str, use_directory_urls: bool = True,
                 placed: Callable[[str, str | None], str] | None = None) -> None:
        self.here = here
        self._directory_urls = use_directory_urls
        # (list page, anchor) -> the part of the list that shows the anchor (render_paging)
        self._placed = placed

    def page(self, src_path: str, anchor: str | None = None) -> str:
        if anchor and self._placed is not None:
            src_path = self._placed(src_path, anchor)
        target = url_of(src_path, self._directory_urls)
        relative = _relative(target, self._folder)
        if self._directory_urls:
            relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{anchor}" if anchor else "")

    @cached_property
    def _folder(self) -> str:
        here = url_of(self.here, self._directory_urls)
        return here.rstrip("/") if self._directory_urls else posixpath.dirname(here)

    def record(self, record: Any) -> str:
        return self.page(*record_target(record))


@lru_cache(maxsize=65536)  # pages link to the same few folders over and over
def _relative(target: str, folder: str) -> str:
    return posixpath.relpath("/" + target, "/" + folder)
