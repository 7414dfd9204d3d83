"""Text from the data, made safe to place in a Markdown page as HTML, and glossary tooltips.

Generated pages are Markdown files whose body is raw HTML. Python-Markdown passes raw HTML blocks
through, but its preprocessors (fenced code, snippets, critic marks, macros) read the raw text
first. So besides the five HTML characters, every character that some Markdown syntax starts
with is written as a numeric character reference: the browser shows the same text, and no
Markdown syntax can ever be recognised in it.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable

from markupsafe import Markup

# Characters that start fences, critic marks, template tags, links, emphasis or maths. (Inline
# syntax is not applied inside raw HTML, but the cost is nothing if an extension ever does.)
_MARKDOWN_CHARS = "`~{}[]*_\\|$"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _MARKDOWN_CHARS}
# A line break from the data never starts a new line of Markdown source: running text goes
# through `paragraphs`, which turns it into <p> and <br> first.
_TABLE.update({ord("\n"): " ", ord("\r"): " ", ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&#34;", ord("'"): "&#39;"})


def escape_text(value: Any) -> Markup:
    """Text from the data as HTML that shows it literally. Markup passes through unchanged."""
    if isinstance(value, Markup):
        return value
    if value is None:
        # A missing fact must be said ("onbekend") by the template, never printed as "None".
        raise TypeError("a template printed None: say 'onbekend' or leave the part out")
    return Markup(str(value).translate(_TABLE))


def json_for_script(data: Any) -> Markup:
    """JSON for a <script type="application/...json"> block: no `<`, `>` or `&` can end it.

    Compact: only machines read it, and it is on every record's page (the exports stay indented).
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def paragraphs(text: str, glossary: "GlossaryLinker | None" = None) -> Markup:
    """Running text as <p> elements: a blank line starts a paragraph, a newline becomes <br>.

    Each paragraph stays on one line of the page, so no text from the data starts a line of
    Markdown source.
    """
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    html = []
    for block in blocks:
        lines = [inline(line.strip(), glossary) for line in block.splitlines()]
        html.append(Markup("<p>") + Markup("<br>").join(lines) + Markup("</p>"))
    return Markup("").join(html)


def inline(text: str, glossary: "GlossaryLinker | None" = None) -> Markup:
    """One line of running text, with glossary terms marked when a linker is given."""
    return glossary.mark(text) if glossary else escape_text(text)


class GlossaryLinker:
    """Marks the first occurrence of each glossary term on one page as a link with a tooltip.

    One linker is made per page, so that a term is explained once, where the reader first meets it.
    """

    def __init__(self, entries: Iterable[Any], href: Any) -> None:
        self._by_form: dict[str, Any] = {}
        for entry in entries:
            for form in (entry.term, *entry.aliases):
                self._by_form.setdefault(form.casefold(), entry)
        forms = sorted(self._by_form, key=len, reverse=True)
        self._pattern = (
            re.compile("(?<!\\w)(" + "|".join(re.escape(f) for f in forms) + ")(?!\\w)", re.IGNORECASE)
            if forms else None
        )
        self._href = href  # entry id -> URL of its place on the glossary page
        self._used: set[str] = set()

    def mark(self, text: str) -> Markup:
        if self._pattern is None:
            return escape_text(text)
        out: list[Markup] = []
        position = 0
        for match in self._pattern.finditer(text):
            entry = self._by_form[match.group(1).casefold()]
            if entry.id in self._used:
                continue
            self._used.add(entry.id)
            out.append(escape_text(text[position:match.start()]))
            out.append(
                Markup('<a class="ww-term" href="{}" title="{}">{}</a>').format(
                    escape_text(self._href(entry.id)), escape_text(entry.definition), escape_text(match.group(1))
                )
            )
            position = match.end()
        out.append(escape_text(text[position:]))
        return Markup("").join(out)
