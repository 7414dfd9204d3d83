"""`python -m generators validate [--format text|github|json] [--no-cache] [paths]`."""

from __future__ import annotations

import argparse
import gc

from .. import DATA_DIR
from ..data import clock
from ..data.diagnostics import DataError, Diagnostic, Report
from ..data.filecache import ReportCache, default_folder


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "github", "json"], default="text",
                        help="text for people, github for workflow annotations, json for tools")
    parser.add_argument("--no-cache", action="store_true",
                        help=f"read every file afresh, and remember nothing in {default_folder()}")
    parser.add_argument("paths", nargs="*", help=f"files or folders to check (default: {DATA_DIR}/)")


def run(args: argparse.Namespace) -> int:
    # A short run whose objects all live until it exits: a collection would only rescan millions
    # of them (about a second at 10,000 organisations) and free nothing.
    gc.disable()
    paths = args.paths or [DATA_DIR]
    report = Report()
    if args.no_cache:
        _validate(paths, report)
    else:
        _validate_remembered(paths, report)
    output = report.render(args.format)
    if output:
        print(output)
    return 1 if any(item.severity == "error" for item in report.items) else 0


def _validate(paths: list[str], report: Report) -> None:
    # Loading's libraries, only when there is loading to do.
    from .load import load_catalogue
    from .validate_split import validate_split

    if validate_split(paths, report):
        return  # much data: two processes, each on part of it
    try:
        load_catalogue(paths, report)
    except DataError:
        pass


def _validate_remembered(paths: list[str], report: Report) -> None:
    """The last report of the same files, bytes, day, folder and code; else a run, remembered."""
    reports = ReportCache(default_folder())
    key = ReportCache.key(paths, clock.today())
    found = reports.get(key) if key is not None else None
    if found is not None:
        report.extend(Diagnostic(*item) for item in found)
        return
    _validate(paths, report)
    # Kept only when nothing changed while the run read the files (an editor saving meanwhile).
    if key is not None and ReportCache.key(paths, clock.today()) == key:
        reports.put(key, [d.as_tuple() for d in report.items])
