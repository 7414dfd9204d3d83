"""Loading in worker processes gives the same records and the same messages, in the same order.

Large data is loaded on every CPU; here the threshold is lowered so that a small data set takes
that road, with a broken file among the good ones, and compared with loading one file at a time.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
from pathlib import Path

import pytest

from generators import forking, loader
from generators.catalogue import load_catalogue
from generators.cli import main
from generators.diagnostics import DataError, Report
from generators.filecache import FileCache

from .conftest import ROOT

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parallel") / "data"
    assert main(["synth", "--organisations", "60", "--seed", "7", str(folder)]) == 0
    return folder


def load(paths: list[Path], cache: FileCache | None = None) -> tuple[list, list]:
    report = Report()
    try:
        catalogue = load_catalogue(paths, report, TODAY, cache=cache)
        records = [(kind, record, catalogue.origin(record).file, catalogue.origin(record).line,
                    catalogue.origin(record).locate("address", "postal_code"))
                   for kind, records in catalogue.records.items() for record in records]
    except DataError:
        records = []
    return records, report.items


@pytest.fixture()
def many_cpus(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Parallel loading for any amount of data; returns the list of files loaded in this process."""
    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(forking, "usable_cpus", lambda: 2)
    # As in a fresh `validate`: other tests of this session may have left threads running.
    monkeypatch.setattr(forking, "other_threads", lambda: 0)
    here: list[int] = []
    load_bytes = loader.load_bytes
    parent = os.getpid()

    # load_bytes, not _load_job: a worker is handed _load_job by name, so it must stay the module's.
    def counted(raw: bytes, name: str, report: Report) -> object:
        if os.getpid() == parent:
            here.append(1)
        return load_bytes(raw, name, report)

    monkeypatch.setattr(loader, "load_bytes", counted)
    return here


def test_parallel_loading_gives_what_loading_one_by_one_gives(data: Path, many_cpus: list[int]) -> None:
    sequential = _sequentially(lambda: load([data]))
    many_cpus.clear()
    parallel = load([data])
    assert parallel == sequential and parallel[0]
    files = len(list(data.glob("*.yaml")))
    assert len(many_cpus) < files  # some files were loaded by a worker


def test_messages_keep_their_order_with_broken_files(data: Path, tmp_path: Path, many_cpus: list[int]) -> None:
    folder = tmp_path / "data"
    shutil.copytree(data, folder)
    for fixture in ("name_duplicate-key.yaml", "phone_invalid.yaml", "indentation_tab.yaml"):
        source = ROOT / "tests" / "fixtures" / "invalid" / fixture
        if source.exists():
            shutil.copy(source, folder / f"zz-{fixture}")
    (folder / "antennes.yaml").write_text((folder / "antennes.yaml").read_text("utf-8").replace('status: "open"', 'status: "opn"', 3), "utf-8")
    sequential = _sequentially(lambda: load([folder]))
    parallel = load([folder])
    assert parallel == sequential
    assert parallel[1]  # the broken files did say something


def test_a_worker_that_dies_leaves_its_files_to_this_process(data: Path, many_cpus: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    sequential = _sequentially(lambda: load([data]))
    parent, counted = os.getpid(), loader.load_bytes

    def dying(raw: bytes, name: str, report: Report) -> object:
        if os.getpid() != parent:
            os._exit(3)
        return counted(raw, name, report)

    monkeypatch.setattr(loader, "load_bytes", dying)
    many_cpus.clear()
    assert load([data]) == sequential
    assert len(many_cpus) == len(list(data.glob("*.yaml")))  # every file, in the end, here


def test_a_process_with_threads_loads_alone(data: Path, many_cpus: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [loader._Job(i, p.name, p.read_bytes(), None) for i, p in enumerate(sorted(data.glob("*.yaml")))]
    assert loader._worth_workers(jobs)
    monkeypatch.setattr(forking, "other_threads", lambda: threading.active_count() - 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not loader._worth_workers(jobs)  # forking now could leave a lock held in the child
    finally:
        stop.set()
        other.join()


def _sequentially(run):  # noqa: ANN001, ANN202 - a test helper
    threshold = loader.PARALLEL_MIN_BYTES
    loader.PARALLEL_MIN_BYTES = 10**15
    try:
        return run()
    finally:
        loader.PARALLEL_MIN_BYTES = threshold


def test_entries_written_by_workers_serve_the_next_run(data: Path, tmp_path: Path, many_cpus: list[int],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    sequential = _sequentially(lambda: load([data]))
    assert load([data], FileCache(tmp_path / "cache")) == sequential
    assert len(list((tmp_path / "cache").rglob("*.pickle"))) == len(list(data.glob("*.yaml")))

    def refuse(*args: object) -> None:
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr(loader, "load_bytes", refuse)
    assert load([data], FileCache(tmp_path / "cache")) == sequential
