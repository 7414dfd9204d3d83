"""Which files are data files, and how messages name them."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

DATA_SUFFIXES = (".yaml", ".yml")


def data_files(paths: Iterable[str | Path]) -> list[Path]:
    """The YAML files named, and those inside the folders named, in a stable order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in DATA_SUFFIXES and p.is_file()))
        else:
            found.append(path)
    return found


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working folder when they can be, as editors see them."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
