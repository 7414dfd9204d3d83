"""Bytes a browser transfers (compressed) before it can show the first search result.

Material's search: the worker downloads the whole index before it answers anything, so the
figure is the gzip size of search/search_index.json, the search worker and the lunr files for
Dutch, computed from the built files (gzip -9, what a server with compression sends).

The site (Pagefind behind Material's search box): what it fetches depends on the query, so a
real Chromium types the query into the search box of the site on a local server, and every file
fetched until the first result shows is counted (Pagefind's index files are gzip-compressed
already; the others are counted gzip -9).
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


SEARCH_INPUT = ".md-search__input"
RESULT = ".md-search-result__item"


def site_first_result(site: Path, query: str, worker: str) -> dict:
    """Bytes the site's own search box makes Chromium fetch until its first result shows.

    The query goes into the search box of the home page, as a visitor's does. Counted: the
    search worker (`worker`, a path in the site) and every file fetched from typing until the
    first result is on screen: Pagefind's script, WebAssembly, metadata and index chunks for
    every word searched, and the fragments of the pages listed.
    """
    from playwright.sync_api import sync_playwright

    responses = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/", wait_until="networkidle")
        context.on("response", lambda response: responses.append(response))
        # One query for the whole text: typed letter by letter, every prefix would be one too.
        # Material searches on keyup, so all but the last letter are filled in, and that one typed.
        page.locator(SEARCH_INPUT).fill(query[:-1])
        page.locator(SEARCH_INPUT).press(query[-1])
        page.locator(RESULT).first.wait_for(state="visible", timeout=120_000)
        fetched = {r.url.removeprefix(base): transfer_size(r.body()) for r in responses if r.ok}
        shown = page.locator(RESULT).count()
        first = page.locator(f"{RESULT} a").first.get_attribute("href").removeprefix(base)
        browser.close()
    # The worker is fetched with the page, before anything is typed: counted from its file.
    fetched[f"/{worker}"] = gzip_size((site / worker).read_bytes())
    return {"query": query, "shown": shown, "first": first, "files": fetched, "bytes": sum(fetched.values()),
            "fragments": sum(1 for name in fetched if name.endswith(".pf_fragment"))}
