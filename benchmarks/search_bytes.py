"""Bytes a browser transfers (compressed) before it can show the first search result.

Material's search: the worker downloads the whole index before it answers anything, so the
figure is the gzip size of search/search_index.json, the search worker and the lunr files for
Dutch, computed from the built files (gzip -9, what a server with compression sends).

Pagefind: what it fetches depends on the query, so a real Chromium runs a query through
Pagefind's own JavaScript API on a local server, and every file it fetched is counted (its
index files are gzip-compressed already; the others are counted gzip -9).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LUNR_FOR_DUTCH = ("lunr.stemmer.support.min.js", "lunr.nl.min.js")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def transfer_size(data: bytes) -> int:
    """What goes over the wire: gzip files as they are, anything else compressed."""
    return len(data) if data[:2] == b"\x1f\x8b" else gzip_size(data)


def material_first_result(site: Path) -> dict[str, int] | None:
    """Gzip bytes per file Material's search fetches before its first result; None without it."""
    index = site / "search" / "search_index.json"
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not index.exists() or not workers:
        return None
    files = [index, workers[0], *(site / "assets" / "javascripts" / "lunr" / "min" / n for n in LUNR_FOR_DUTCH)]
    return {path.relative_to(site).as_posix(): gzip_size(path.read_bytes()) for path in files if path.exists()}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002 - the server's signature
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A static server for the folder on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


QUERY_SCRIPT = """async (query) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  const search = await pagefind.search(query);
  const first = search.results.length ? await search.results[0].data() : null;
  return {count: search.results.length, first: first ? first.url : null};
}"""


def pagefind_first_result(site: Path, query: str) -> dict:
    """Bytes Pagefind fetches to show the first result of a query, measured in Chromium."""
    from playwright.sync_api import sync_playwright

    responses = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{base}/404.html")  # any page of the site; the query runs through the API
        page.on("response", lambda response: responses.append(response))
        answer = page.evaluate(QUERY_SCRIPT, query)
        fetched = {r.url.removeprefix(base): transfer_size(r.body()) for r in responses if "/pagefind/" in r.url and r.ok}
        browser.close()
    ui = [site / "pagefind" / name for name in ("pagefind-ui.js", "pagefind-ui.css")]
    return {"query": query, "results": answer["count"], "first": answer["first"], "files": fetched,
            "bytes": sum(fetched.values()),
            "default_ui_bytes": sum(gzip_size(p.read_bytes()) for p in ui if p.exists())}
