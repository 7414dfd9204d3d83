"""Render again only the pages an edit can change, for `mkdocs serve` at thousands of pages.

While a page renders, the catalogue is replaced by a `_Recorder` that notes the id of every record
the page reads, every id it asks about (`pointing_at(relation, id)`), and the sources of those
records (the catalogue reads them to date the facts). After an edit, a page is rendered again when it noted an id that changed, when it is
new, or when its list of records (who is in a municipality, a target group, ...) changed. An id
changed when its record differs, appeared or went, and so do the ids that record starts or stops
pointing at: that is how an organisation's page learns that an antenne now names it as operator. A record that only moved to another line changes its own page alone (its edit link
carries the line).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import BaseModel

from ..data.catalogue import ALL_KINDS, Catalogue
from .render import PageSpec, RenderedPage, Site, _Renderer

_DEPTH = 8  # context values nest lists in dicts in tuples in lists: deeper than any template needs


@dataclass
class TrackedPages:
    pages: dict[str, RenderedPage]
    depends_on: dict[str, frozenset[str]]
    fingerprints: dict[str, tuple]
    placement: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)  # render_paging


@dataclass(frozen=True)
class Rendered:
    tracked: TrackedPages
    changed_pages: list[str]     # src paths rendered anew (new pages included)
    removed_pages: list[str]


@dataclass(frozen=True)
class Changes:
    ids: set[str]        # records that differ, appeared or went, and the ids they point at
    moved: set[str]      # records that only stand on another line: their own page links to it


def render_tracked(catalogue: Catalogue, site: Site, previous: TrackedPages | None = None,
                   changes: Changes | None = None) -> Rendered:
    """All pages with their dependencies; with `previous`, only those the changes can alter."""
    renderer = _Renderer(catalogue, site)
    renderer._moments_by_id  # computed once from the whole catalogue, before any page is watched
    specs = renderer.all_specs()
    placement = renderer.placement.as_dict()
    if previous is not None and changes is not None:
        # A record that moved to another part of a long list: the pages linking to it change.
        moved = {key[1] for key in placement.keys() | previous.placement.keys()
                 if placement.get(key) != previous.placement.get(key)}
        changes = Changes(changes.ids | moved, changes.moved)
    pages: dict[str, RenderedPage] = {}
    depends_on: dict[str, frozenset[str]] = {}
    fingerprints: dict[str, tuple] = {}
    changed_pages: list[str] = []
    for spec in specs:
        fingerprint = _fingerprint(spec)
        path = spec.src_path
        fingerprints[path] = fingerprint
        before = previous.pages.get(path) if previous is not None else None
        if before is not None and changes is not None and not _affected(spec, fingerprint, previous, changes):
            pages[path], depends_on[path] = before, previous.depends_on[path]
            continue
        recorder = _Recorder(catalogue)
        recorder.note(spec.record)
        recorder.note(spec.context)
        pages[path] = renderer.render(spec, cat=recorder)
        depends_on[path] = frozenset(recorder.ids)
        changed_pages.append(path)
    removed = sorted(set(previous.pages) - set(pages)) if previous is not None else []
    return Rendered(TrackedPages(pages, depends_on, fingerprints, placement), changed_pages, removed)


def _affected(spec: PageSpec, fingerprint: tuple, previous: TrackedPages, changes: Changes) -> bool:
    path = spec.src_path
    return (previous.fingerprints.get(path) != fingerprint or bool(previous.depends_on[path] & changes.ids)
            or getattr(spec.record, "id", None) in changes.moved)


def changes_between(old: Catalogue, new: Catalogue) -> Changes:
    """What differs between two catalogues, by id."""
    changed: set[str] = set()
    moved: set[str] = set()
    for kind in ALL_KINDS:
        before = {record.id: record for record in old.records[kind]}
        after = {record.id: record for record in new.records[kind]}
        for record_id in before.keys() | after.keys():
            a, b = before.get(record_id), after.get(record_id)
            if a is b:
                continue
            if a is None or b is None or a != b:
                changed.add(record_id)
            elif _place(old, a) != _place(new, b):
                moved.add(record_id)
    for record_id in list(changed):
        # Records it now points at, or no longer: their pages list it, or stop listing it.
        changed |= old.references_of(record_id) ^ new.references_of(record_id)
    return Changes(changed, moved)


def _place(catalogue: Catalogue, record: Any) -> tuple[str, int]:
    origin = catalogue.origin(record)
    return origin.file, origin.line


def _fingerprint(spec: PageSpec) -> tuple:
    """What a page is made of, by id: a change means that it must be rendered again."""
    if not spec.context:  # a record's own page, most of them
        return (spec.template, spec.title, getattr(spec.record, "id", None))
    return (spec.template, spec.title, _ids_of(spec.record, _DEPTH), _ids_of(spec.context, _DEPTH))


def _ids_of(value: Any, depth: int) -> Any:
    if isinstance(value, BaseModel):
        return getattr(value, "id", type(value).__name__)
    if depth <= 0:
        return None
    if isinstance(value, dict):
        return tuple((key, _ids_of(item, depth - 1)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_ids_of(item, depth - 1) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(_ids_of(getattr(value, f.name), depth - 1) for f in dataclasses.fields(value))
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


class _Recorder:
    """Stands in for the catalogue while one page renders, and notes the ids it reads."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self.ids: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._catalogue, name)
        if not callable(value):
            self.note(value)
            return value
        return self._watched(value)

    def _watched(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.note(args, asked=True)
            self.note(kwargs, asked=True)
            result = method(*args, **kwargs)
            self.note(result)
            return result
        return call

    def note(self, value: Any, depth: int = _DEPTH, asked: bool = False) -> None:
        """Note the records in a value; with `asked`, its strings too (ids a page asks about)."""
        if isinstance(value, str):
            if asked:
                self.ids.add(value)
        elif isinstance(value, BaseModel):
            record_id = getattr(value, "id", None)
            if isinstance(record_id, str) and record_id not in self.ids:
                self.ids.add(record_id)
                # The catalogue reads these itself, unseen: a record's date is its sources' date.
                self.ids.update(getattr(value, "sources", None) or ())
        elif depth <= 0:
            return
        elif isinstance(value, dict):
            for item in value.values():
                self.note(item, depth - 1, asked)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                self.note(item, depth - 1, asked)
        elif isinstance(getattr(value, "record", None), BaseModel):  # a dated moment of a record
            self.note(value.record, depth - 1)
