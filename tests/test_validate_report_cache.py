"""A repeat `validate` of unchanged data gives the last report without loading anything, and only then.

The whole report is remembered by the code, the day, the working folder and every file's name and
bytes: change any of them and the data is checked afresh. The output format is applied after, so
a remembered report prints the same in every format.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from generators.checks import load
from generators.checks import validate as validate_command
from generators.data import filecache
from generators.cli import main

from .conftest import DATA

INVALID = Path(__file__).resolve().parent / "fixtures" / "invalid"
FORMATS = ("text", "json", "github")


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("WERKWIJZER_TODAY", "2026-11-22")
    monkeypatch.chdir(tmp_path)
    return folder


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["validate", *args])
    return code, capsys.readouterr().out


def fresh(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, tuple[int, str]]:
    return {fmt: validate(capsys, "--no-cache", "--format", fmt, *args) for fmt in FORMATS}


class Loads:
    """Counts the runs that load the data although they may remember (not those with --no-cache)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self.all = 0  # --no-cache too
        self._remembering = False
        original_load, original_run = load.load_catalogue, validate_command.run

        def counted(*args: object, **kwargs: object) -> object:
            self.count += self._remembering
            self.all += 1
            return original_load(*args, **kwargs)

        def run(args: argparse.Namespace) -> int:
            self._remembering = not args.no_cache
            return original_run(args)

        monkeypatch.setattr(load, "load_catalogue", counted)
        monkeypatch.setattr(validate_command, "run", run)


def test_a_repeat_run_says_the_same_in_every_format_without_loading(
        data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(INVALID / "id_not-a-slug.yaml", data / "broken.yaml")  # a report with errors is remembered too
    expected = fresh(capsys, "data")
    assert expected["text"][0] == 1 and "error" in expected["text"][1]
    loads = Loads(monkeypatch)
    assert validate(capsys, "data") == expected["text"]
    assert loads.count == 1
    for fmt in FORMATS:
        assert validate(capsys, "--format", fmt, "data") == expected[fmt]
    assert loads.count == 1


def test_an_edited_file_is_checked_afresh(data: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = validate(capsys, "data")
    path = data / "organisations.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("  - id: ", "  - id: Not_An_Id-", 1), "utf-8")
    loads = Loads(monkeypatch)
    after = validate(capsys, "data")
    assert loads.count == 1
    assert after == fresh(capsys, "data")["text"] != before
    assert after[0] == 1 and "is not a valid id" in after[1]
    path.write_text(text, "utf-8")  # back as it was: the first report again, remembered
    assert validate(capsys, "data") == before
    assert loads.count == 1


def test_another_day_is_checked_afresh(data: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    today = validate(capsys, "data")
    monkeypatch.setenv("WERKWIJZER_TODAY", "2015-01-01")  # years before: later dates are in the future
    loads = Loads(monkeypatch)
    later = validate(capsys, "data")
    assert loads.count == 1
    assert later == fresh(capsys, "data")["text"] != today
    assert "is in the future" in later[1]


def test_other_files_or_another_folder_are_checked_afresh(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    validate(capsys, "data")
    loads = Loads(monkeypatch)
    one_file = validate(capsys, "data/organisations.yaml")  # the paths given
    assert loads.count == 1 and one_file == fresh(capsys, "data/organisations.yaml")["text"]
    shutil.copy(data / "sources.yaml", data / "more-sources.yaml")  # a new file in the folder
    added = validate(capsys, "data")
    assert loads.count == 2 and added == fresh(capsys, "data")["text"] and "duplicate id" in added[1]
    (data / "more-sources.yaml").unlink()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # messages name the files from another folder
    elsewhere = validate(capsys, "../data")
    assert loads.count == 3 and elsewhere == fresh(capsys, "../data")["text"]


def test_other_code_is_checked_afresh(data: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    validate(capsys, "data")
    monkeypatch.setattr(filecache, "code_fingerprint", lambda: "another version")
    loads = Loads(monkeypatch)
    validate(capsys, "data")
    assert loads.count == 1


def test_no_cache_neither_reads_nor_writes_reports(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    validate(capsys, "--no-cache", "data")
    assert not (tmp_path / "xdg").exists()
    validate(capsys, "data")
    loads = Loads(monkeypatch)
    validate(capsys, "--no-cache", "data")
    assert loads.all == 1


def test_an_unreadable_file_is_never_answered_from_memory(data: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    loads = Loads(monkeypatch)
    first = validate(capsys, "data", "data/missing.yaml")  # named, but cannot be read
    second = validate(capsys, "data", "data/missing.yaml")
    assert first == second and first[0] == 1 and "cannot read the file" in first[1]
    assert loads.count == 2
