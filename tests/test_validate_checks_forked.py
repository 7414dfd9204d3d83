"""Checks shared with a forked copy of the process say exactly what they say in one process.

On large data some rules run in a forked copy while the others run here (checks.FORKED_RULES);
the messages must be the same, and a copy that dies must cost nothing but time.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest

from generators import checks, forking
from generators.catalogue import Catalogue, load_catalogue
from generators.diagnostics import DataError, Report

from .conftest import DATA

TODAY = dt.date(2026, 11, 22)
INVALID = Path(__file__).resolve().parent / "fixtures" / "invalid"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@pytest.fixture(autouse=True)
def may_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    # Threads other tests left behind would forbid forking; the copy here touches none of their locks.
    monkeypatch.setattr(forking, "can_fork", lambda: True)


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    """The real data with mistakes the rules find: a stale record, an unknown reference, a bad date."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    for name in ("id_duplicate.yaml", "closed_before-opened.yaml", "area_served_unknown-municipality.yaml",
                 "email_personal-address.yaml", "date_source-in-future.yaml"):
        shutil.copy(INVALID / name, folder / f"zz-{name}")
    return folder


def messages(folder: Path, monkeypatch: pytest.MonkeyPatch, forked: bool) -> list:
    monkeypatch.setattr(checks, "PARALLEL_MIN_RECORDS", 0 if forked else 10**9)
    report = Report()
    try:
        load_catalogue([folder], report, TODAY)
    except DataError:
        pass
    return report.sorted()


def test_forked_checks_say_what_one_process_says(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started = []
    original = forking.start
    monkeypatch.setattr(forking, "start", lambda *args: started.append(1) or original(*args))
    alone = messages(data, monkeypatch, forked=False)
    assert not started
    shared = messages(data, monkeypatch, forked=True)
    assert started  # the copy really ran
    assert shared == alone
    assert any(d.severity == "warning" for d in shared) and any(d.severity == "error" for d in shared)


def test_a_copy_that_dies_costs_only_time(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = messages(data, monkeypatch, forked=False)
    monkeypatch.setattr(checks, "_forked_messages", lambda catalogue: os._exit(3))
    assert messages(data, monkeypatch, forked=True) == alone


def test_no_copy_for_small_data() -> None:
    catalogue = Catalogue(today=TODAY)
    assert not checks._worth_forking(catalogue)


def test_a_copy_whose_work_fails_prints_no_traceback(data: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capfd: pytest.CaptureFixture[str]) -> None:
    alone = messages(data, monkeypatch, forked=False)

    def broken(catalogue: Catalogue) -> list:
        raise RuntimeError("broken in the copy")

    monkeypatch.setattr(checks, "_forked_messages", broken)
    assert messages(data, monkeypatch, forked=True) == alone
    assert "Traceback" not in capfd.readouterr().err
