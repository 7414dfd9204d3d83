"""A second validation of unchanged data reads the cache, and says exactly what the first said.

The cache must never change an answer: a catalogue built from cached files equals a fresh one,
record for record and position for position; a changed, renamed or broken file is read again;
a file with any message is never remembered; a broken cache entry is ignored and written anew.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generators import filecache, loader
from generators.catalogue import Catalogue, load_catalogue
from generators.cli import main
from generators.diagnostics import DataError, Report
from generators.filecache import FileCache

from .conftest import DATA, ROOT

TODAY = dt.date(2026, 11, 22)
INVALID = ROOT / "tests" / "fixtures" / "invalid"


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def load(folder: Path, cache: FileCache | None) -> tuple[Catalogue | None, list]:
    report = Report()
    try:
        catalogue = load_catalogue([folder], report, TODAY, cache=cache)
    except DataError:
        catalogue = None
    return catalogue, report.items


def snapshot(catalogue: Catalogue) -> list:
    """Everything a page or a message can take from the catalogue: records, files, positions."""
    seen = []
    for kind, records in catalogue.records.items():
        for record in records:
            origin = catalogue.origin(record)
            deep = [origin.locate(name) for name in type(record).model_fields]
            deep += [origin.locate("address", "postal_code"), origin.locate("sources", 0, key=True)]
            seen.append((kind, record, origin.file, origin.line, deep))
    return seen


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr(loader, "read_yaml", refuse)


def test_cached_catalogue_is_identical_to_a_fresh_one(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh, fresh_messages = load(data, None)
    cache = FileCache()
    load(data, cache)
    forbid_parsing(monkeypatch)
    cached, cached_messages = load(data, cache)
    assert fresh is not None and cached is not None
    assert snapshot(cached) == snapshot(fresh)
    assert cached_messages == fresh_messages


def test_disk_cache_serves_a_new_process_the_same_catalogue(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh, fresh_messages = load(data, None)
    load(data, FileCache(tmp_path / "cache"))
    forbid_parsing(monkeypatch)
    cached, cached_messages = load(data, FileCache(tmp_path / "cache"))  # nothing in memory: all from disk
    assert cached is not None and fresh is not None
    assert snapshot(cached) == snapshot(fresh)  # deep positions too: worked out from the file's text
    assert cached_messages == fresh_messages


def test_an_edited_file_is_read_again(data: Path) -> None:
    cache = FileCache()
    first, _ = load(data, cache)
    path = data / "organisations.yaml"
    path.write_text(path.read_text("utf-8").replace("OCMW", "Sociaal Huis", 1), "utf-8")
    second, _ = load(data, cache)
    fresh, _ = load(data, None)
    assert first is not None and second is not None and fresh is not None
    assert snapshot(second) == snapshot(fresh) != snapshot(first)


def test_the_same_bytes_under_another_name_keep_their_own_name(data: Path) -> None:
    cache = FileCache()
    load(data, cache)
    renamed = data / "organisaties.yaml"
    (data / "organisations.yaml").rename(renamed)
    catalogue, _ = load(data, cache)
    assert catalogue is not None
    assert catalogue.origin(catalogue.organisations[0]).file.endswith("organisaties.yaml")


def test_a_file_with_any_message_is_never_remembered(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache = FileCache(folder)
    _, messages = load(INVALID / "number_leading-zero.yaml", cache)
    assert messages
    assert not list(folder.rglob("*.pickle"))


def test_a_broken_cache_entry_is_ignored_and_written_again(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    fresh, fresh_messages = load(data, None)
    load(data, FileCache(folder))
    entries = sorted(folder.rglob("*.pickle"))
    assert entries
    for number, entry in enumerate(entries):
        entry.write_bytes(b"not a pickle" if number % 2 else entry.read_bytes()[:40])
    cached, cached_messages = load(data, FileCache(folder))
    assert cached is not None and fresh is not None
    assert snapshot(cached) == snapshot(fresh) and cached_messages == fresh_messages
    assert all(entry.read_bytes().startswith(b"\x80") for entry in entries)  # whole pickles again


def test_other_code_uses_other_entries(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (data / "sources.yaml").read_bytes()
    before = FileCache.key("data/sources.yaml", raw)
    monkeypatch.setattr(filecache, "code_fingerprint", lambda: "another version")
    assert FileCache.key("data/sources.yaml", raw) != before


def test_command_line_uses_the_cache_and_says_the_same(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main(["validate", "--no-cache", str(data)]) == 0
    uncached = capsys.readouterr().out
    assert not (tmp_path / "xdg").exists()
    assert main(["validate", str(data)]) == 0
    assert capsys.readouterr().out == uncached
    assert list((tmp_path / "xdg" / "werkwijzer").rglob("*.pickle"))
    forbid_parsing(monkeypatch)
    assert main(["validate", str(data)]) == 0
    assert capsys.readouterr().out == uncached
