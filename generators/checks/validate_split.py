"""`validate` on much data: this process and a forked copy each read, load and check part of the files.

Loading is most of validate's time. A build needs every record in one process, but validate needs
only messages, so no record has to come back from the copy. Each part loads its own files, then
the two tell each other, file by file, what rules read of records other than the one they check:
each record's id, an organisation's parent, a source's date, and every id the part's records
name. Each part then runs every rule that reads one record at a time on its own records, with
every source at hand. The rules across files (ids used twice, unknown references, parent chains)
run only when what was told shows they have something to say: then each part stands the other's
records in (`_Elsewhere`) beside its own, in the order of the files, runs them, and keeps the
messages about its own files. One more exchange gives the lines of the first records of ids used
twice, which those messages name. Either way each part says, about its own files, what the rules
run on all records at once say. The copy sends back its messages only.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any, Iterable

from . import rules
from ..data import forking
from ..data.catalogue import ALL_KINDS, Catalogue, Origin
from ..data.datafiles import data_files, display_path
from ..data.diagnostics import Diagnostic, Report
from ..data.loader import Loaded, load_file

# Below this much data a second process costs more than it saves; at 6.4 MB (1,000 organisations)
# it saves a tenth of the time (benchmarks/README.md).
SPLIT_MIN_BYTES = 4_000_000
# The copy's part of the bytes (measured best at 10,000 organisations): this process also takes
# in the copy's messages and writes the report.
COPY_SHARE = 0.53

# A part's records, kept when its check ends: freeing them object by object takes a tenth of a
# second at 10,000 organisations, and the process ends right after (the copy at once, this one
# through __main__, which exits without freeing). The next run here replaces them.
_kept: list[Catalogue] = []


def _naming_nothing(cls: type) -> type:
    """Set, on the class, every field the rules across files read (but an id and a parent) to nothing."""
    fields = {field for _, field, _ in rules.REFERENCES} | {f for names in rules.SOURCE_FIELDS.values() for f in names}
    for field in fields - {"id", "parent"}:
        setattr(cls, field, None)
    return cls


@_naming_nothing
class _Elsewhere:
    """A record the other part keeps: its id, and what rules read of records other than the one
    they check (an organisation's parent, a source's date). It names no record and cites no
    source here: the part that keeps it checks those."""

    __slots__ = ("id", "parent", "date")
    sources: tuple = ()

    def __init__(self, record_id: str, parent: str | None = None, date: str | None = None) -> None:
        self.id, self.parent, self.date = record_id, parent, date


@dataclass
class _ElsewhereOrigin:
    """Where a record the other part keeps was written; its line only where a message names it."""

    file: str
    path: tuple
    line: int = 0

    def locate(self, *subpath: Any, key: bool = False) -> tuple[int, int]:
        return (self.line, 1)  # a message about it is the other part's, and is left out here


def _stand_in(kind: str, record: Any) -> tuple:
    """What _Elsewhere takes of a record: its id, with an organisation's parent or a source's date."""
    if kind == "organisations":
        return (record.id, record.parent)
    if kind == "sources":
        return (record.id, None, record.date)
    return (record.id,)


class _OtherPartDied(Exception):
    """The other process ended before the two had told each other what they needed."""


@dataclass
class _Exchange:
    """How the two processes tell each other things: written to a file, whose name alone goes
    through the pipe, so that neither ever waits for the other to read a full pipe."""

    connection: Any
    folder: str

    def swap(self, mine: Any) -> Any:
        """Send `mine`, and return what the other part sent at the same step."""
        handle, path = tempfile.mkstemp(dir=self.folder, suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(mine, out, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.connection.send(path)
            path = self.connection.recv()
        except (EOFError, OSError) as error:
            raise _OtherPartDied from error
        with open(path, "rb") as written:
            return pickle.load(written)


def validate_split(paths: Iterable[str | FsPath], report: Report) -> bool:
    """Validate in two processes and add the messages to the report; False (and nothing added)
    when the data is too small or no copy can fork or live: then the caller validates alone."""
    files = data_files(paths)
    if len(files) < 2 or len({path.resolve() for path in files}) != len(files) or not forking.can_fork():
        return False  # (a file named twice is loaded twice alone: its ids are duplicates)
    sizes = [_size(path) for path in files]
    if sum(sizes) < SPLIT_MIN_BYTES:
        return False
    mine, theirs = _shares(sizes)
    names = [display_path(path) for path in files]
    messages = _check_in_two([(i, files[i]) for i in mine], [(i, files[i]) for i in theirs], names)
    if messages is None:
        return False
    report.extend(Diagnostic(*item) for item in messages)
    return True


def _size(path: FsPath) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will say what is wrong


def _shares(sizes: list[int]) -> tuple[list[int], list[int]]:
    """(this process's files, the copy's), by index: the largest first to the copy, up to its share."""
    target = COPY_SHARE * sum(sizes)
    mine, theirs, copied = [], [], 0
    for index in sorted(range(len(sizes)), key=lambda i: sizes[i], reverse=True):
        if copied + sizes[index] / 2 <= target:
            theirs.append(index)
            copied += sizes[index]
        else:
            mine.append(index)
    return sorted(mine), sorted(theirs)


Files = list[tuple[int, FsPath]]  # (index among all files, path)


def _check_in_two(mine: Files, theirs: Files, names: list[str]) -> list[tuple] | None:
    """Both parts' messages, or None when the copy could not start or died."""
    with tempfile.TemporaryDirectory(prefix="werkwijzer-validate-") as folder:
        here, there = multiprocessing.get_context("fork").Pipe()
        forked = forking.start(_check_part, theirs, names, _Exchange(there, folder))
        there.close()  # the copy holds it now: when the copy ends, this end reads the end of the pipe
        if forked is None:
            here.close()
            return None
        try:
            own: list[tuple] | None = _check_part(mine, names, _Exchange(here, folder))
        except _OtherPartDied:
            own = None
        finally:
            here.close()
        try:
            copy = forked.result()
        except forking.ForkedDied:
            return None
    return None if own is None else own + copy


@dataclass
class _Told:
    """What a part tells the other once its files are loaded."""

    failed: bool  # a file could not be read or loaded: then no rule runs, as when run alone
    records: dict[int, dict[str, list[tuple]]]  # file index -> kind -> _stand_in() of each record
    references: rules.References  # every id its records name


def _check_part(files: Files, names: list[str], exchange: _Exchange) -> list[tuple]:
    """Read, load and check `files` among all; their messages, as Diagnostic.as_tuple()."""
    own = Catalogue()
    loaded: dict[int, Loaded] = {}
    messages: list[Diagnostic] = []
    for index, path in files:
        found = Report()
        item = load_file(path, found)
        messages += found.items
        if item is not None:
            loaded[index] = item
            own.add(*item)
    _kept[:] = [own]
    told = _Told(len(loaded) < len(files),
                 {index: {kind: [_stand_in(kind, r) for r in getattr(data, kind)] for kind in ALL_KINDS}
                  for index, (_, data) in loaded.items()},
                 rules.references_of(own.records))
    theirs: _Told = exchange.swap(told)
    if told.failed or theirs.failed:
        return [d.as_tuple() for d in messages]  # no rule runs while a file does not load
    found = Report()
    if _crossing_says_something(told, theirs, names):
        everything = _beside_the_others(loaded, theirs.records, names)
        _kept.append(everything)
        _exchange_first_lines(everything, exchange)
        for rule in rules.CROSSING_RULES:
            rule(everything, found)
    own.cite_sources_of(_beside_the_others(loaded, theirs.records, names, kinds=("sources",)))
    for rule in rules.RECORD_RULES + rules.CITED_SOURCE_RULES:
        rule(own, found)
    own_names = {names[index] for index, _ in files}
    return [d.as_tuple() for d in messages] + [d.as_tuple() for d in found.items if d.file in own_names]


def _crossing_says_something(told: _Told, theirs: _Told, names: list[str]) -> bool:
    """Whether the rules across files would say something about all records: both parts answer
    alike, from what each told the other."""
    records = {**told.records, **theirs.records}
    ids: dict[str, list[str]] = {kind: [] for kind in ALL_KINDS}
    parents: list[tuple[str, str | None]] = []
    for index in range(len(names)):
        for kind, rows in records[index].items():
            ids[kind] += [row[0] for row in rows]
        parents += records[index]["organisations"]
    if rules.has_duplicate_ids(ids):
        return True
    known = {kind: frozenset(kind_ids) for kind, kind_ids in ids.items()}
    references = {key: named | theirs.references[key] for key, named in told.references.items()}
    if rules.unresolved(references, lambda kinds: frozenset().union(*(known[k] for k in kinds))):
        return True
    return bool(rules.parent_loops(parents))


def _beside_the_others(loaded: dict[int, Loaded], their_records: dict, names: list[str],
                       kinds: tuple[str, ...] = ALL_KINDS) -> Catalogue:
    """A catalogue of this part's records and the other part's stand-ins, of some kinds, in the
    order of the files."""
    everything = Catalogue()
    for index, name in enumerate(names):
        if index in loaded:
            everything.add(*loaded[index], kinds=kinds)
            continue
        for kind in kinds:
            everything.add_records(kind, [(_Elsewhere(*row), _ElsewhereOrigin(name, (kind, position)))
                                          for position, row in enumerate(their_records[index][kind])])
    return everything


def _exchange_first_lines(everything: Catalogue, exchange: _Exchange) -> None:
    """Tell the other part the lines of this part's first records of ids used twice, and learn
    the lines of its own: a duplicate's message says where its id was used first."""
    firsts = [everything.origin(record) for record in rules.firsts_of_duplicates(everything)]
    lines = {(origin.file, origin.path): origin.line for origin in firsts if isinstance(origin, Origin)}
    their_lines = exchange.swap(lines)
    for origin in firsts:
        if isinstance(origin, _ElsewhereOrigin):
            origin.line = their_lines[(origin.file, origin.path)]
