"""`mkdocs serve` as an editor uses it: save a data file and the pages show the change; save a
mistake and the log names it while the last good pages stay served."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, http.client.HTTPException, OSError):  # e.g. a page read while it is written
        return 0, ""


def _until(check: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout} s: {what}")


class Server:
    def __init__(self, root: Path, log: Path) -> None:
        self.root, self.data, self.log_path = root, root / "data", log
        self.url = f"http://127.0.0.1:{_free_port()}"

    def page(self, path: str) -> tuple[int, str]:
        return _get(f"{self.url}/{path}")

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    # A copy of what the site is made of, so that edits never touch the repository.
    root = tmp_path / "repo"
    for folder in ("data", "content", "generators"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    served = Server(root, tmp_path / "serve.log")
    env = {key: value for key, value in os.environ.items() if key != "WERKWIJZER_DATA"}
    env.update(WERKWIJZER_TODAY="2026-11-22", NO_MKDOCS_2_WARNING="1")
    with open(served.log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", served.url.removeprefix("http://")],
                                   cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _until(lambda: served.page("")[0] == 200, "the first build")
            time.sleep(1)  # the watcher starts after the first build
            yield served
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_an_edited_name_shows_on_its_page_and_in_the_lists(server: Server) -> None:
    _edit(server.data / "organisations.yaml", "name: OCMW Gent\n", "name: OCMW Gent (bewerkt)\n")
    _until(lambda: "OCMW Gent (bewerkt)" in server.page("organisaties/ocmw-gent/")[1], "the page shows the edit")
    assert "OCMW Gent (bewerkt)" in server.page("organisaties/")[1]
    assert "OCMW Gent (bewerkt)" in server.page("gemeenten/gent/")[1]
    # Only the pages the edit touches were built again, not the whole site.
    built = re.search(r"data changed: (\d+) page\(s\) built again", server.log())
    assert built and 0 < int(built.group(1)) < 40, server.log()[-2000:]
    # The downloads follow in the background.
    _until(lambda: "OCMW Gent (bewerkt)" in server.page("data/werkwijzer.json")[1], "the download shows the edit")


def test_a_new_antenne_gets_a_page_and_a_removed_one_loses_it(server: Server) -> None:
    path = server.data / "antennes.yaml"
    text = path.read_text("utf-8")
    block = re.split(r"(?=\n  - id: )", text)[1]
    copy = re.sub(r'- id: "?[\w-]+"?', '- id: "werkantenne-proef"', block, count=1)
    path.write_text(text.rstrip("\n") + copy.rstrip("\n") + "\n", "utf-8")
    _until(lambda: server.page("antennes/werkantenne-proef/")[0] == 200, "the new page")
    assert "werkantenne-proef" in server.page("antennes/")[1]
    path.write_text(text, "utf-8")
    _until(lambda: server.page("antennes/werkantenne-proef/")[0] == 404, "the page is gone")


def test_a_mistake_is_named_and_the_last_good_pages_stay(server: Server) -> None:
    path = server.data / "organisations.yaml"
    _edit(path, "name: OCMW Gent\n", "naam: OCMW Gent (fout)\n")
    _until(lambda: "organisations.yaml:" in server.log() and "naam" in server.log(), "the message names file and field")
    status, page = server.page("organisaties/ocmw-gent/")
    assert status == 200 and "OCMW Gent" in page and "(fout)" not in page
    _edit(path, "naam: OCMW Gent (fout)\n", "name: OCMW Gent (hersteld)\n")
    _until(lambda: "OCMW Gent (hersteld)" in server.page("organisaties/ocmw-gent/")[1], "the fixed page")


def test_a_changed_page_outside_the_data_rebuilds_everything(server: Server) -> None:
    about = server.root / "content" / "over.md"
    about.write_text(about.read_text("utf-8") + "\nProefzin voor de test.\n", "utf-8")
    _until(lambda: "Proefzin voor de test." in server.page("over/")[1], "the hand-written page")
    assert "Documentation built in" in server.log().split("Detected file changes")[-1]


def test_the_data_folder_is_polled_more_often_than_the_rest(tmp_path: Path) -> None:
    """MkDocs polls every 0.5 s; the data folder every 0.1 s, so that an edit shows within 2 s."""
    from mkdocs.livereload import LiveReloadServer

    from generators.engine.mkdocs_serve import DATA_POLL_SECONDS, watch_often

    data, content = tmp_path / "data", tmp_path / "content"
    data.mkdir()
    content.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        usual = server.observer.timeout
        watch_often(server, [data])
        server.watch(str(content))
        polled = {Path(emitter.watch.path): emitter.timeout for emitter in server.observer.emitters}
    finally:
        server.server_close()
    assert polled == {data: DATA_POLL_SECONDS, content: usual}
    assert usual > DATA_POLL_SECONDS
