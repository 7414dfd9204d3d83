"""Browser fixtures: the built site on a local HTTP server, and one Chromium for the session.

Set WERKWIJZER_BUILT_SITE to a folder with an already built site to skip the build while
working on these tests.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browsing import DESKTOP, PHONE
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site like a static host: unknown paths get the site's own 404 page."""

    def send_error(self, code, message=None, explain=None):
        not_found_page = Path(self.directory) / "404.html"
        if code != 404 or not not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass  # keep the test output quiet


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest) -> Path:
    prebuilt = os.environ.get("WERKWIJZER_BUILT_SITE")
    if prebuilt:
        return Path(prebuilt)
    return request.getfixturevalue("site")


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 at a free port; gives its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve() -> Callable[[Path], AbstractContextManager[str]]:
    """Serves another built site than the repository's (e.g. one built from test data)."""
    return serving


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The site served on 127.0.0.1 at a free port, for the whole session."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _context(browser: Browser, **options) -> BrowserContext:
    context = browser.new_context(locale="nl-BE", **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture(scope="session")
def desktop(browser: Browser) -> Iterator[BrowserContext]:
    context = _context(browser, viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture(scope="session")
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = _context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context
    context.close()


@pytest.fixture(scope="session")
def without_javascript(browser: Browser) -> Iterator[BrowserContext]:
    context = _context(browser, viewport=DESKTOP, java_script_enabled=False)
    yield context
    context.close()


@pytest.fixture
def page(desktop: BrowserContext) -> Iterator[Page]:
    """A fresh tab at desktop width."""
    tab = desktop.new_page()
    yield tab
    tab.close()
