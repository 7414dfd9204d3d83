"""Child process: time load + checks and rendering separately, in a fresh interpreter.

`python -m benchmarks.stages DATA PAGES_JSON` prints one JSON line with the timings and record
counts, and writes the rendered pages' paths and sizes to PAGES_JSON for the baseline.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from generators.checks.load import load_catalogue
from generators.site.render import render_pages


def main(data: str, pages_json: str) -> int:
    start = time.perf_counter()
    catalogue = load_catalogue([data])
    loaded = time.perf_counter()
    pages = render_pages(catalogue, repo_url="https://example.org/repo", site_url="https://example.org/")
    rendered = time.perf_counter()
    shape = [[page.src_path, len(page.markdown.encode("utf-8"))] for page in pages]
    Path(pages_json).write_text(json.dumps(shape), encoding="utf-8")
    records = {kind: len(catalogue.records[kind]) for kind in
               ("organisations", "antennes", "programmes", "contacts", "sources", "events")}
    print(json.dumps({"load_checks_s": loaded - start, "render_s": rendered - loaded,
                      "pages": len(pages), "records": records}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
