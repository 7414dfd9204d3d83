"""`python -m generators validate [--format text|github|json] [--no-cache] [paths]`."""

from __future__ import annotations

import argparse
import gc

from . import DATA_DIR
from .catalogue import load_catalogue
from .diagnostics import DataError, Report
from .filecache import FileCache, default_folder


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
    report = Report()
    cache = None if args.no_cache else FileCache(default_folder())
    try:
        load_catalogue(args.paths or [DATA_DIR], report, cache=cache)
    except DataError:
        pass
    output = report.render(args.format)
    if output:
        print(output)
    return 1 if any(item.severity == "error" for item in report.items) else 0
