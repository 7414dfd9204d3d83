"""`python -m generators validate [--format text|github|json] [paths]`."""

from __future__ import annotations

import argparse

from . import DATA_DIR
from .catalogue import load_catalogue
from .diagnostics import DataError, Report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "github", "json"], default="text",
                        help="text for people, github for workflow annotations, json for tools")
    parser.add_argument("paths", nargs="*", help=f"files or folders to check (default: {DATA_DIR}/)")


def run(args: argparse.Namespace) -> int:
    report = Report()
    try:
        load_catalogue(args.paths or [DATA_DIR], report)
    except DataError:
        pass
    output = report.render(args.format)
    if output:
        print(output)
    return 1 if report.errors else 0
