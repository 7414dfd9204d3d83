"""`mkdocs serve` that shows an edited data file within a second or two, at thousands of pages.

MkDocs rebuilds the whole site on every change: over a minute at 1,000 organisations. When only
files under the data folder changed, this builder instead reloads the data (unchanged files come
from the load cache), renders again only the pages the edit can change (render_tracked), and has
MkDocs build just those pages, with the navigation, theme and files of the last full build. The
few pages that list everything (hundreds of kilobytes each), the downloads, the open-data page and
the search index follow in a background thread, and the browsers reload again once the lists are
there. Any change outside the data folder (pages, templates, mkdocs.yml, generators)
gets MkDocs' own full rebuild, and so does any failure of the quick path.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..data.collection import collection_paused

log = logging.getLogger("mkdocs.hooks.werkwijzer.serve")

Snapshot = dict[str, tuple[int, int]]


def snapshot(paths: list[Path]) -> Snapshot:
    """(modification time, size) of every file under the paths, Python's bytecode cache left out."""
    found: Snapshot = {}
    for root in paths:
        if root.is_file():
            stat = root.stat()
            found[str(root)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, folders, names in os.walk(root):
            folders[:] = [name for name in folders if name != "__pycache__"]
            for name in names:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


@dataclass
class LastBuild:
    """What the quick path needs from the last full build; the hook fills it in."""

    config: Any = None
    files: Files | None = None
    nav: Any = None
    env: Any = None
    data_dir: Path | None = None
    other_paths: list[Path] = field(default_factory=list)
    data_snapshot: Snapshot = field(default_factory=dict)
    other_snapshot: Snapshot = field(default_factory=dict)


# MkDocs polls watched folders every 0.5 s; an edited data file should show within 2 s, so the
# data folder is polled more often. Polling stats its few files: no noticeable work.
DATA_POLL_SECONDS = 0.1


def watch_often(server: Any, paths: list[Path]) -> None:
    """server.watch(path) for each path, polled every DATA_POLL_SECONDS. The interval is the one
    watchdog's observer holds (`_timeout`) when a watch is added; without it, MkDocs' pace stays."""
    observer = getattr(server, "observer", None)
    usual = getattr(observer, "_timeout", None)
    quicker = isinstance(usual, (int, float)) and not isinstance(usual, bool) and usual > DATA_POLL_SECONDS
    if quicker:
        observer._timeout = DATA_POLL_SECONDS
    try:
        for path in paths:
            server.watch(str(path))
    finally:
        if quicker:
            observer._timeout = usual


class IncrementalBuilder:
    """Stands in for `mkdocs serve`'s builder (see the hook's on_serve)."""

    def __init__(self, full_build: Callable[..., None], last: LastBuild,
                 update_data: Callable[[], "DataUpdate | None"], refresh_rest: Callable[[int], None]) -> None:
        self._full_build = full_build
        self._last = last
        self._update_data = update_data      # reloads and renders; None when the data has errors
        self._refresh_rest = refresh_rest    # downloads, sitemap, search: slow, in the background
        self._generation = 0
        self.lock = threading.Lock()         # one build at a time, background work included
        # MkDocs reloads the browsers after each build it starts; a file written in this watched
        # folder starts one that finds nothing to do, after the background work changed pages.
        self.reload_folder = Path(tempfile.mkdtemp(prefix="werkwijzer-reload-"))

    def reload_browsers(self) -> None:
        (self.reload_folder / "reload").write_text(str(time.time_ns()), encoding="utf-8")

    def close(self) -> None:
        shutil.rmtree(self.reload_folder, ignore_errors=True)

    @property
    def generation(self) -> int:
        return self._generation

    def __call__(self, config: Any = None) -> None:
        last = self._last
        if config is not None or last.files is None or snapshot(last.other_paths) != last.other_snapshot:
            self._generation += 1
            self._full(config)
            return
        data_now = snapshot([last.data_dir])
        if data_now == last.data_snapshot:
            return  # nothing of ours changed (or reload_browsers asked): MkDocs just reloads the browsers
        self._generation += 1
        start = time.perf_counter()
        try:
            with self.lock, collection_paused():  # the collection runs after, once the pages are written
                update = self._update_data()
                last.data_snapshot = data_now
                if update is None:
                    return  # the hook logged the errors; the last good pages stay
                rendered = time.perf_counter()
                self.rebuild(update.changed, update.removed, update.kept)
        except Exception:  # noqa: BLE001 - the quick path must never leave a half-built site
            log.exception("the quick rebuild failed; building everything again")
            self._full(None)
            return
        done = time.perf_counter()
        log.info("data changed: %d page(s) built again in %.2f s (data and rendering %.2f s, MkDocs %.2f s); "
                 "search and downloads follow", len(update.changed) + len(update.removed), done - start,
                 rendered - start, done - rendered)
        threading.Thread(target=self._refresh_rest, args=(self._generation,), daemon=True).start()

    def _full(self, config: Any) -> None:
        with self.lock:
            self._full_build(config)

    def rebuild(self, changed: dict[str, str | None], removed: list[str] = (), kept: frozenset[str] | None = None) -> None:
        """Build some pages again with new Markdown (None: as they are); hold `lock` to call it."""
        # MkDocs 1.6's own steps for one page. They are internal: should a release rename them,
        # the ImportError lands in __call__'s fallback, a full rebuild, and the site stays right.
        from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page

        last = self._last
        config, files = last.config, last.files
        for src_path in removed:
            file = files.get_file_from_path(src_path)
            if file is not None:
                files.remove(file)
                Path(file.abs_dest_path).unlink(missing_ok=True)
        pages = []
        for src_path, content in changed.items():
            file = files.get_file_from_path(src_path)
            if file is None:
                file = File.generated(config, src_path, content=content)
                files.append(file)
                Page(None, file, config)
            elif content is not None:
                file.content_string = content
            pages.append(file.page)
        doc_files = files.documentation_pages()
        for page in pages:
            _populate_page(page, config, files)
        for page in pages:
            _build_page(page, config, doc_files, last.nav, last.env)
        if removed or (kept is not None and any(src not in kept for src in changed)):
            _build_theme_template("sitemap.xml", last.env, files, config, last.nav)


@dataclass(frozen=True)
class DataUpdate:
    changed: dict[str, str | None]  # src path -> new Markdown (None: as it is), for pages to build again
    removed: list[str]
    kept: frozenset[str]         # src paths that existed before
