"""`python -m generators schema [--check]`: the JSON Schema of a data file, from the models.

Editors get completion, descriptions and inline errors from it (VS Code's YAML extension, GitHub's
web editor does not read it). The committed file is generated, never edited: a test fails when it
drifts from `model.py`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..data.model import DataFile

SCHEMA_PATH = Path("schemas/werkwijzer-data.schema.json")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def build_schema() -> dict[str, Any]:
    """The schema of one file under data/, with every description and example of the models."""
    generated = DataFile.model_json_schema(mode="validation")
    generated.pop("title", None)
    generated.pop("description", None)
    return {
        "$schema": DIALECT,
        "title": "Werkwijzer-gegevensbestand",
        "description": (
            "Eén bestand in data/ van Werkwijzer: lijsten van bronnen, organisaties, antennes, "
            "programma's, contactpunten, gebeurtenissen, vaste lijsten (vocabularia) en begrippen. "
            "Gegenereerd uit generators/data/model.py met `python -m generators schema`."
        ),
        **generated,
    }


def render_schema() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true",
                        help=f"change nothing; exit 1 when {SCHEMA_PATH} differs from the models")
    parser.add_argument("--output", type=Path, default=SCHEMA_PATH, help=f"where to write (default: {SCHEMA_PATH})")


def run(args: argparse.Namespace) -> int:
    text = render_schema()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(f"{args.output} is out of date: run `python -m generators schema`")
            return 1
        return 0
    if current != text:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0
