"""`validate` on much data: this process and a forked copy each read, load and check part of the files.

Loading is most of validate's time. A build needs every record in one process, but validate needs
only messages, so nothing heavy has to come back from the copy. Each process checks its own files
with the rules that read one record at a time (checks.RECORD_RULES), and, once the two have told
each other the dates of their sources, with the rules that also read the sources a record cites
(checks.CITED_SOURCE_RULES). The copy then sends back its messages and what the rules across
files need of its records: their ids, the ids they name and their parents (checks.ids_of,
references_of, parents_of). When those show that a rule across files has something to say, the
caller validates the whole way, which says it exactly: this only ever says what that would say.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from collections import namedtuple
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any, Iterable

from . import checks, forking
from .catalogue import ALL_KINDS, Catalogue
from .datafiles import data_files, display_path
from .diagnostics import Diagnostic, Report
from .loader import PARALLEL_MIN_BYTES, load_bytes, read_file

# Below this much data a second process costs more than it saves (as for loader's workers).
SPLIT_MIN_BYTES = PARALLEL_MIN_BYTES
# The copy's part of the bytes: this process also has the copy's answer to take in and the
# report to write.
COPY_SHARE = 0.53

# All the rules read of a source kept by the other process (Catalogue.know_sources).
SourceDate = namedtuple("SourceDate", "id date")

# A part's records, kept when its check ends: freeing them object by object takes a tenth of a
# second at 10,000 organisations, and the process ends right after (the copy at once, this one
# through __main__, which exits without freeing). The next run here replaces them.
_kept: list[Catalogue] = []


@dataclass
class _Part:
    """What one process found in its files: enough to decide, with the other's, what to report."""

    failed: bool  # a file could not be read or loaded: then no rule runs, as in the whole way
    messages: list[tuple]  # Diagnostic.as_tuple(): of loading, and of the rules when none failed
    ids: dict[str, list[str]]
    references: checks.References
    parents: list[tuple[str, str | None]]


class _OtherPartDied(Exception):
    """The other process ended before the two had handed each other the dates of their sources."""


@dataclass
class _Exchange:
    """How the two processes hand each other the dates of their sources: written to a file, whose
    name alone goes through the pipe, so that neither ever waits on the other to read a full pipe."""

    connection: Any
    folder: str

    def send(self, dates: list[SourceDate]) -> None:
        handle, path = tempfile.mkstemp(dir=self.folder, suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            pickle.dump([tuple(date) for date in dates], out, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.connection.send(path)
        except OSError:
            pass  # the other part has ended: it needed no dates (a file failed), or died (its result says)

    def receive(self) -> list[SourceDate]:
        try:
            path = self.connection.recv()
        except (EOFError, OSError) as error:
            raise _OtherPartDied from error
        with open(path, "rb") as written:
            return [SourceDate(*date) for date in pickle.load(written)]


def validate_split(paths: Iterable[str | FsPath], report: Report) -> bool:
    """Validate in two processes and add the messages to the report; False (and nothing added)
    when the data is too small, no copy can fork, or only the whole way can say it exactly."""
    files = data_files(paths)
    if len(files) < 2 or len({path.resolve() for path in files}) != len(files) or not forking.can_fork():
        return False  # (a file named twice is loaded twice the whole way: its ids are duplicates)
    sizes = [_size(path) for path in files]
    if sum(sizes) < SPLIT_MIN_BYTES:
        return False
    mine, theirs = _shares(files, sizes)
    parts = _check_in_two(mine, theirs)
    if parts is None or (not any(part.failed for part in parts) and _crossing_says_something(parts)):
        return False
    report.extend(Diagnostic(*item) for part in parts for item in part.messages)
    return True


def _size(path: FsPath) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will say what is wrong


def _shares(files: list[FsPath], sizes: list[int]) -> tuple[list[FsPath], list[FsPath]]:
    """(this process's files, the copy's): the largest first to the copy, up to its share of bytes."""
    target = COPY_SHARE * sum(sizes)
    mine, theirs, copied = [], [], 0
    for size, path in sorted(zip(sizes, files), key=lambda pair: pair[0], reverse=True):
        if copied + size / 2 <= target:
            theirs.append(path)
            copied += size
        else:
            mine.append(path)
    return mine, theirs


def _check_in_two(mine: list[FsPath], theirs: list[FsPath]) -> list[_Part] | None:
    """Both parts, or None when the copy could not start or died."""
    with tempfile.TemporaryDirectory(prefix="werkwijzer-validate-") as folder:
        here, there = multiprocessing.get_context("fork").Pipe()
        forked = forking.start(_check_part, theirs, _Exchange(there, folder))
        there.close()  # the copy holds it now: when the copy ends, this end reads the end of the pipe
        if forked is None:
            here.close()
            return None
        try:
            own: _Part | None = _check_part(mine, _Exchange(here, folder))
        except _OtherPartDied:
            own = None
        finally:
            here.close()
        try:
            copy = forked.result()
        except forking.ForkedDied:
            return None
    return None if own is None else [own, copy]


def _check_part(files: list[FsPath], exchange: _Exchange) -> _Part:
    """Read, load and check `files`, with the dates of the other part's sources."""
    catalogue = Catalogue()
    messages: list[Diagnostic] = []
    failed = False
    for path in files:
        name = display_path(path)
        own = Report()
        raw = read_file(path, name, own)
        loaded = None if raw is None else load_bytes(raw, name, own)
        messages += own.items
        if loaded is None:
            failed = True
        else:
            catalogue.add(*loaded)
    records = catalogue.records
    exchange.send([SourceDate(source.id, source.date) for source in records["sources"]])
    part = _Part(failed, [], checks.ids_of(records), checks.references_of(records), checks.parents_of(records))
    rules = Report()
    if not failed:
        for rule in checks.RECORD_RULES:
            rule(catalogue, rules)
        catalogue.know_sources(exchange.receive())
        for rule in checks.CITED_SOURCE_RULES:
            rule(catalogue, rules)
    part.messages = [d.as_tuple() for d in messages + rules.items]
    _kept[:] = [catalogue]
    return part


def _crossing_says_something(parts: list[_Part]) -> bool:
    """True when a rule across files would report something on all parts' records together."""
    ids: dict[str, list[str]] = {kind: [] for kind in ALL_KINDS}
    references: checks.References = {}
    for part in parts:
        for kind, kind_ids in part.ids.items():
            ids[kind] += kind_ids
        for key, named in part.references.items():
            references.setdefault(key, set()).update(named)
    if checks.has_duplicate_ids(ids):
        return True
    known = {kind: frozenset(kind_ids) for kind, kind_ids in ids.items()}
    if checks.unresolved(references, lambda kinds: frozenset().union(*(known[k] for k in kinds))):
        return True
    return bool(checks.parent_loops([pair for part in parts for pair in part.parents]))
