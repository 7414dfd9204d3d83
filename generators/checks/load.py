"""load_catalogue: read, type and check every data file, the one way in for every command.

It joins the two steps of the pipeline, loading (data/) and the rules across records (rules.py),
so that data/ never needs the rules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path as FsPath
from typing import Iterable

from ..data import clock
from ..data.catalogue import Catalogue
from ..data.collection import collection_paused
from ..data.datafiles import data_files
from ..data.diagnostics import DataError, Report
from ..data.filecache import FileCache
from ..data.loader import load_files
from .rules import run_checks


def load_catalogue(paths: Iterable[str | FsPath], report: Report | None = None, today: dt.date | None = None,
                   cache: FileCache | None = None) -> Catalogue:
    """Load, type and check every file; raise DataError when anything is wrong.

    All files are read even when one fails, so an editor sees every mistake in one run. With a
    cache, files that loaded cleanly before and have not changed since are not parsed again.
    """
    report = report if report is not None else Report()
    catalogue = Catalogue(today=today or clock.today())
    files = data_files(paths)
    if not files:
        report.add(".", 1, 1, "", "no data files found (expected .yaml files)")
    failed = False
    with collection_paused():  # millions of new objects and no garbage
        for loaded in load_files(files, report, cache):
            if loaded is None:
                failed = True
                continue
            catalogue.add(*loaded)
        if cache is not None:
            cache.forget_unused()
        if not failed:
            run_checks(catalogue, report)  # with collection still off: checks only add messages
    if any(item.severity == "error" for item in report.items):
        raise DataError(report)
    return catalogue
