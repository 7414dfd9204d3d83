"""`python -m generators render OUT`: write the generated pages as Markdown files into a folder.

The same pages the MkDocs hook adds to the site, for another engine to build. Links between them
follow the site's URL scheme (`organisaties/<id>/`, i.e. use_directory_urls).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import DATA_DIR
from ..checks.load import load_catalogue
from .render import render_pages


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, help="folder to write the pages into (created if needed)")
    parser.add_argument("--data", default=DATA_DIR, help=f"data folder (default: {DATA_DIR}/)")
    parser.add_argument("--repo-url", default="", help="repository URL, for the edit and 'meld een fout' links")
    parser.add_argument("--site-url", default="", help="the site's public URL, for links in issue reports")


def run(args: argparse.Namespace) -> int:
    catalogue = load_catalogue([args.data])  # DataError: the command line prints the report
    pages = render_pages(catalogue, repo_url=args.repo_url, site_url=args.site_url)
    for page in pages:
        target = args.out / page.src_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    print(f"{len(pages)} pages written to {args.out}")
    return 0
