"""`python -m generators docs [--check]`: regenerate the field reference in CONTRIBUTING.md."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import DATA_DIR
from ..checks.load import load_catalogue
from .fieldref import render_field_reference, replace_section
from ..data.model import VOCABULARY_KINDS

GUIDE = Path("CONTRIBUTING.md")


def expected_guide(guide_text: str, data_dir: str = DATA_DIR) -> str:
    """The guide with its field reference as the models and the data say it should be."""
    catalogue = load_catalogue([data_dir])
    vocabularies = {kind: catalogue.vocabulary(kind) for kind in VOCABULARY_KINDS}
    return replace_section(guide_text, render_field_reference(vocabularies))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help=f"change nothing; exit 1 when {GUIDE} is out of date")


def run(args: argparse.Namespace) -> int:
    current = GUIDE.read_text(encoding="utf-8")
    try:
        expected = expected_guide(current)
    except ValueError as error:
        print(f"{GUIDE}: {error}")
        return 1
    if current == expected:
        return 0
    if args.check:
        print(f"{GUIDE}: the field reference is out of date: run `python -m generators docs`")
        return 1
    GUIDE.write_text(expected, encoding="utf-8")
    print(f"updated the field reference in {GUIDE}")
    return 0
