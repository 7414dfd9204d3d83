"""`mkdocs serve` loads unchanged files from memory, and that says exactly what loading them says.

The file cache must never change an answer: a catalogue built from remembered files equals a
fresh one, record for record and position for position; a changed or renamed file is read again;
a file with any message is never remembered. Whole reports of `validate` are remembered on disk
(tests/test_validate_report_cache.py), never the files.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generators.data import loader
from generators.data.catalogue import Catalogue
from generators.checks.load import load_catalogue
from generators.cli import main
from generators.data.diagnostics import DataError, Report
from generators.data.filecache import FileCache

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


def test_a_file_with_any_message_is_never_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = FileCache()
    _, first = load(INVALID / "number_leading-zero.yaml", cache)
    assert first
    loaded = []
    original = loader.load_bytes
    monkeypatch.setattr(loader, "load_bytes", lambda *args: loaded.append(1) or original(*args))
    _, second = load(INVALID / "number_leading-zero.yaml", cache)
    assert loaded and second == first  # loaded again, and says it all again


def test_command_line_remembers_the_report_not_the_files(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main(["validate", "--no-cache", str(data)]) == 0
    uncached = capsys.readouterr().out
    assert not (tmp_path / "xdg").exists()
    assert main(["validate", str(data)]) == 0
    assert capsys.readouterr().out == uncached
    remembered = [p.name for p in (tmp_path / "xdg" / "werkwijzer").rglob("*") if p.is_file()]
    assert remembered and all(name.startswith("report-") for name in remembered)
    forbid_parsing(monkeypatch)
    assert main(["validate", str(data)]) == 0
    assert capsys.readouterr().out == uncached
