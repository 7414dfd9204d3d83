"""`python -m generators export OUT [--data DIR]`: write the open-data files to a folder.

The same files that every build puts under the site's `data/`, plus the open-data page
(`open-data.md`), written below OUT (OUT/data/werkwijzer.json, ...).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import DATA_DIR
from ..checks.load import load_catalogue
from . import build_exports, open_data_page
from .page import PAGE


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT", help="folder to write the files into (created if needed)")
    parser.add_argument("--data", default=DATA_DIR, help=f"folder with the data files (default: {DATA_DIR}/)")


def run(args: argparse.Namespace) -> int:
    catalogue = load_catalogue([args.data])
    exports = build_exports(catalogue)
    files = {**exports, PAGE: open_data_page(catalogue, exports).encode("utf-8")}
    out = Path(args.out)
    for relative, content in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    print(f"{len(files)} files written to {out}")
    return 0
