"""Generated page bodies as HTML, without Python-Markdown reading every byte of them.

A generated body is raw HTML blocks with Markdown section headings between them. Python-Markdown
passes the blocks through unchanged, but only after two HTML parsers have read them (its own
raw-HTML handling, and MkDocs' anchor collection): at tens of thousands of pages that was the
largest single cost of the build. Here only the heading lines go through Python-Markdown, with
the site's own extensions and settings, so ids, permalinks and the table of contents come out
exactly as before; the blocks are copied as they are. A body with anything else in it (Markdown
lists, tables, code) is left to Python-Markdown: `convert` returns None.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import markdown
from markdown.util import BLOCK_LEVEL_ELEMENTS

_HEADING = re.compile(r"#{1,6}[ \t]")
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_HTML_BLOCK_START = re.compile(r"</?(!--|[A-Za-z][A-Za-z0-9]*)[\s/>]")
_HEADING_ELEMENT = re.compile(r"<h[1-6][\s>].*?</h[1-6]>", re.S)
# What MkDocs collects as anchors from raw HTML: every id, and the name of an <a>.
_ANCHOR = re.compile(r"""<(?:[A-Za-z][A-Za-z0-9]*\s[^>]*?\bid|a\s[^>]*?\bname)="([^"]*)\"""")


@dataclass(frozen=True)
class PageHtml:
    html: str
    toc_tokens: list[dict[str, Any]]
    anchor_ids: frozenset[str]


class BodyConverter:
    """Turns generated bodies into HTML with the site's Markdown configuration."""

    def __init__(self, extensions: list[Any], extension_configs: dict[str, Any] | None = None) -> None:
        self._markdown = markdown.Markdown(extensions=extensions, extension_configs=extension_configs or {})
        self._headings = lru_cache(maxsize=4096)(self._convert_headings)

    def convert(self, body: str) -> PageHtml | None:
        """The body as HTML with its table of contents, or None when it holds other Markdown."""
        parts: list[str | int] = []   # HTML blocks, and the index of each heading
        headings: list[str] = []
        for block in _BLOCK_SPLIT.split(body.strip("\n")):
            block = block.strip("\n")
            if not block.strip():
                continue
            if _HEADING.match(block):
                if "\n" in block:
                    return None
                parts.append(len(headings))
                headings.append(block)
            elif _is_html_block(block):
                parts.append(block)
            else:
                return None
        converted = self._headings(tuple(headings)) if headings else ((), [])
        if converted is None:
            return None
        elements, toc_tokens = converted
        text = "\n".join(elements[part] if isinstance(part, int) else part for part in parts)
        return PageHtml(text, toc_tokens, frozenset(html.unescape(a) for a in _ANCHOR.findall(text)))

    def _convert_headings(self, lines: tuple[str, ...]) -> tuple[tuple[str, ...], list[dict[str, Any]]] | None:
        # Cached: most pages of a kind have the same headings, and the ids depend on all of them.
        self._markdown.reset()
        output = self._markdown.convert("\n\n".join(lines))
        elements = tuple(_HEADING_ELEMENT.findall(output))
        if len(elements) != len(lines):
            return None
        return elements, getattr(self._markdown, "toc_tokens", [])


def _is_html_block(block: str) -> bool:
    """Whether Python-Markdown would take the block as raw HTML and pass it through."""
    match = _HTML_BLOCK_START.match(block)
    return bool(match) and (match.group(1) == "!--" or match.group(1).lower() in BLOCK_LEVEL_ELEMENTS)
