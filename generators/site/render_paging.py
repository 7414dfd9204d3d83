"""Lists of everything, split into pages of a fixed number of items.

A page that lists what grows with the data (all organisations, every contact, source or moment,
all a target group or a large municipality has) shows at most PAGE_SIZE items. Its first part
keeps the list's own address; the others follow at `<list>/pagina/<n>/`. Every part links to
all the others, named by what they hold, so that a visitor leafs through without JavaScript and
a phone never loads megabytes. `Placement` remembers which part shows an anchor (a contact, a
source, an event, a wegwijzer section), so that a link to it lands on the right part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, Iterable, Iterator, Sequence, TypeVar

PAGE_SIZE = 100  # items such as a contact, a source or a wegwijzer answer: each about 1 KB
LINE_PAGE_SIZE = 250  # items of one line each: a row of a table, a link with its place or date
PARTS_FOLDER = "pagina"  # a record id may be any slug, so the parts live one folder deeper

T = TypeVar("T")


def part_path(src_path: str, number: int) -> str:
    """Source path of part `number`: bronnen.md -> bronnen/pagina/2.md, organisaties/index.md ->
    organisaties/pagina/2.md."""
    if number == 1:
        return src_path
    stem = src_path.removesuffix(".md").removesuffix("/index")
    return f"{stem}/{PARTS_FOLDER}/{number}.md"


@dataclass(frozen=True)
class PartLink:
    number: int
    src_path: str
    label: str          # what the part holds, e.g. "Aalst – Atelier De Bron"


@dataclass(frozen=True)
class Pager:
    """Where one part stands among the parts of its list."""

    number: int
    parts: tuple[PartLink, ...]

    @property
    def total(self) -> int:
        return len(self.parts)

    @property
    def previous(self) -> PartLink | None:
        return self.parts[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> PartLink | None:
        return self.parts[self.number] if self.number < self.total else None


@dataclass(frozen=True)
class Part(Generic[T]):
    src_path: str
    items: Sequence[T]
    pager: Pager

    def title(self, title: str) -> str:
        """The browser tab's title: each part has its own (WCAG 2.4.2)."""
        return title if self.pager.number == 1 else f"{title} (pagina {self.pager.number} van {self.pager.total})"


class Placement:
    """(list page, anchor) -> the first part of that list that shows the anchor (a section may
    run on over the next part); a link to anything else stays as it is."""

    def __init__(self) -> None:
        self._parts: dict[tuple[str, str], str] = {}

    def page_of(self, src_path: str, anchor: str | None) -> str:
        return self._parts.get((src_path, anchor), src_path) if anchor else src_path

    def as_dict(self) -> dict[tuple[str, str], str]:
        return dict(self._parts)

    def add(self, src_path: str, anchor: str, part: str) -> None:
        self._parts.setdefault((src_path, anchor), part)


def split(src_path: str, items: Sequence[T], label: Callable[[Sequence[T]], str], placement: Placement,
          anchors: Callable[[T], Iterable[str]] | None = None, size: int = PAGE_SIZE) -> Iterator[Part[T]]:
    """The parts of a list; an empty list is one empty part, so the page still says so."""
    chunks = [items[start:start + size] for start in range(0, len(items), size)] or [items[:0]]
    links = tuple(PartLink(n, part_path(src_path, n), label(chunk)) for n, chunk in enumerate(chunks, 1))
    for link, chunk in zip(links, chunks):
        if anchors is not None:
            for item in chunk:
                for anchor in anchors(item):
                    placement.add(src_path, anchor, link.src_path)
        yield Part(link.src_path, chunk, Pager(link.number, links))


def span(first: str, last: str) -> str:
    """A part's label from its first and last item."""
    return first if first == last else f"{first} – {last}"
