"""MkDocs events: add the pages rendered from data/ as virtual files (nothing is written to content/).

generators/mkdocs_hook.py, the hook that mkdocs.yml names, hands these functions to MkDocs.

The data is loaded in `on_pre_build`, before MkDocs cleans the site folder, so a data error in
`mkdocs build` stops the build with the validator's messages and leaves the last good site as it
was. In `mkdocs serve` the same error is logged and the last good pages stay served.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from ..checks.load import load_catalogue
from ..data.collection import return_freed_memory
from ..data.diagnostics import DataError
from ..exports import build_exports, open_data_page
from ..data.filecache import FileCache
from .html_squeeze import squeeze
from .mkdocs_serve import DataUpdate, IncrementalBuilder, LastBuild, snapshot, watch_often
from .page_html import BodyConverter
from .page_shell import SHELL_TEMPLATE, PageShells
from ..site.render import EDIT_BRANCH, NEWS_MARKER, RenderedPage, Site, render_news, render_site
from ..site.render_tracked import changes_between, render_tracked
from .search_index import SearchIndexError, index_site

log = logging.getLogger("mkdocs.hooks.werkwijzer")
HOME_PAGE = "index.md"

# Survives rebuilds: MkDocs loads a hook module once per process.
_state: dict = {"command": "build", "pages": {}, "news": "", "exports": {}, "open_data": None,
                "catalogue": None, "tracked": None, "builder": None, "file_cache": None}
_last = LastBuild()
OPEN_DATA_PAGE = "open-data.md"


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command
    # In `serve`, unchanged data files are not parsed again after an edit (in memory only).
    _state["file_cache"] = FileCache() if command == "serve" else None


def on_config(config):
    _last.config = config
    _state["bodies"] = BodyConverter(config.markdown_extensions, config.mdx_configs)
    _state["html"] = {}
    return config


def _data_dir(config) -> Path:
    root = Path(config.config_file_path).resolve().parent
    return Path(os.environ.get("WERKWIJZER_DATA") or root / "data").resolve()


def _site(config) -> Site:
    return Site((config.repo_url or "").rstrip("/"), EDIT_BRANCH, config.site_url or "",
                config.use_directory_urls, Path(config.config_file_path).resolve().parent)


def _load(config):
    """The catalogue, or None after logging the errors (serve) or raising them (build)."""
    try:
        return load_catalogue([_last.data_dir], cache=_state["file_cache"])
    except DataError as error:
        report = error.report.render("text")
        if _state["command"] != "serve":
            raise PluginError(f"the data has errors; the site was not built:\n{report}") from None
        log.error("the data has errors; still showing the last good pages:\n%s", report)
        return None


def on_pre_build(config) -> None:
    _last.data_dir = _data_dir(config)
    catalogue = _load(config)
    if catalogue is None:
        return
    if _state["command"] == "serve":
        # Pages with what they depend on, so that an edit renders only what it changes.
        _state["tracked"] = render_tracked(catalogue, _site(config)).tracked
        pages = list(_state["tracked"].pages.values())
    else:
        pages = render_site(catalogue, _site(config))
    _state["catalogue"] = catalogue
    # Keyed by source path: on_page_context looks every page up, so no list scan per page.
    _state["pages"] = {page.src_path: page for page in pages}
    _state["news"] = render_news(catalogue, use_directory_urls=config.use_directory_urls)
    _state["exports"], _state["open_data"] = _exports(catalogue)
    if _state["command"] == "build":
        # The catalogue and the pages live until the build ends: collecting garbage would only
        # walk them again and again while MkDocs builds thousands of pages.
        gc.freeze()


def _exports(catalogue) -> tuple[dict[str, bytes], str]:
    """Open-data downloads and the page that describes them."""
    exports = build_exports(catalogue)
    return exports, open_data_page(catalogue, exports)


def on_files(files: Files, config) -> Files:
    for page in _state["pages"].values():
        files.append(File.generated(config, page.src_path, content=page.markdown))
    for path, content in _state["exports"].items():
        files.append(File.generated(config, path, content=content))
    if _state["open_data"] is not None:
        files.append(File.generated(config, OPEN_DATA_PAGE, content=_state["open_data"]))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    # Search runs on Pagefind (see on_post_build): Material's own index would only be downloaded
    # whole by every visitor, so every page is left out of it (Material's `search.exclude`).
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    if page.file.src_uri in _state["pages"]:
        # A generated body is HTML already: only its headings need Python-Markdown (page_html).
        body = _state["bodies"].convert(markdown)
        if body is not None:
            _state["html"][page.file.src_uri] = body
            page.meta["template"] = SHELL_TEMPLATE  # Material's page around it: page_shell.py
            return ""
    return markdown.replace(NEWS_MARKER, _state["news"]) if NEWS_MARKER in markdown else markdown


def on_page_content(html: str, page, config, files) -> str:
    body = _state["html"].pop(page.file.src_uri, None)
    if body is None:
        return html
    page.toc = get_toc(body.toc_tokens)
    page.present_anchor_ids = set(body.anchor_ids)
    return body.html


def on_page_context(context, page, config, nav):
    rendered: RenderedPage | None = _state["pages"].get(page.file.src_uri)
    if rendered is not None:
        page.edit_url = (f"{config.repo_url.rstrip('/')}/edit/{EDIT_BRANCH}/{rendered.edit_path}"
                         if config.repo_url and rendered.edit_path else None)
    return context


def on_post_page(output: str, page, config) -> str:
    return squeeze(output)


def on_env(env, config, files):
    env.globals["werkwijzer_shell"] = PageShells(env).render
    _last.env, _last.files = env, files
    return env


def on_nav(nav, config, files):
    _last.nav = nav
    return nav


@event_priority(-100)  # last: the whole site is written
def on_post_build(config) -> None:
    if _state["command"] == "build":
        _release_pages()
    _index(config)
    if _state["command"] == "serve":
        _last.data_snapshot = snapshot([_last.data_dir])
        _last.other_snapshot = snapshot(_last.other_paths)


def _release_pages() -> None:
    """Let go of what only writing the pages needed, before Pagefind runs beside this process.

    Every page's Markdown and HTML, the catalogue and the downloads stay in memory until MkDocs
    has written the last page; after that a build needs none of them, and Pagefind needs as much
    again for its index. Freed strings go back to the system only when the C library is told to.
    """
    for name in ("pages", "exports", "html"):
        _state[name] = {}
    _state["catalogue"] = _state["open_data"] = None
    for file in _last.files or ():
        if file.generated_by is not None:
            file.content_bytes = b""  # a generated page's Markdown, a download's bytes
        if file.page is not None:
            file.page.markdown = file.page.content = None
    gc.unfreeze()
    gc.collect()
    return_freed_memory()


def _index(config) -> None:
    try:
        index_site(Path(config.site_dir), config.theme["language"])
    except SearchIndexError as error:
        if _state["command"] != "serve":
            raise PluginError(str(error)) from None
        log.error("%s", error)


# --- mkdocs serve: an edited data file rebuilds only its pages (generators/engine/mkdocs_serve.py) ---

def on_serve(server, config, builder):
    root = Path(config.config_file_path).resolve().parent
    watched = [Path(config.docs_dir), Path(config.config_file_path),
               *(root / path for path in config.watch)]
    _last.other_paths = [p.resolve() for p in watched if p.exists() and p.resolve() != _last.data_dir]
    _last.other_snapshot = snapshot(_last.other_paths)
    _state["builder"] = server.builder = IncrementalBuilder(builder, _last, _update_data, _refresh_rest)
    watch_often(server, [_last.data_dir, _state["builder"].reload_folder])
    return server


def on_shutdown() -> None:
    if _state["builder"] is not None:
        _state["builder"].close()


def _replace(target: Path, content: bytes) -> None:
    """Write a file whole or not at all: the server may be sending it to a browser meanwhile."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(content)
    os.replace(partial, target)


_search_lock = threading.Lock()  # one Pagefind run at a time


def _update_data() -> DataUpdate | None:
    config = _last.config
    catalogue = _load(config)
    if catalogue is None:
        return None
    # Lists come in parts (render_paging), so an edit renders a few small pages again.
    result = render_tracked(catalogue, _site(config), _state["tracked"], changes_between(_state["catalogue"], catalogue))
    kept = frozenset(_state["pages"])
    _state["catalogue"], _state["tracked"] = catalogue, result.tracked
    _state["pages"] = dict(result.tracked.pages)
    changed: dict[str, str | None] = {path: result.tracked.pages[path].markdown for path in result.changed_pages}
    news = render_news(catalogue, use_directory_urls=config.use_directory_urls)
    if news != _state["news"]:
        _state["news"] = news
        changed[HOME_PAGE] = None  # the hand-written home page, with the new list in it
    return DataUpdate(changed, result.removed_pages, kept)


def _refresh_rest(generation: int) -> None:
    """After an edit, in a background thread: the downloads, the open-data page and the search
    index. A newer edit makes this one stop: its own refresh follows."""
    builder, config = _state["builder"], _last.config
    try:
        with builder.lock:
            if generation != builder.generation:
                return
            catalogue = _state["catalogue"]
        exports, open_data = _exports(catalogue)
        with builder.lock:
            if generation != builder.generation:
                return
            _state["exports"], _state["open_data"] = exports, open_data
            for path, content in exports.items():
                _replace(Path(config.site_dir) / path, content)
            builder.rebuild({OPEN_DATA_PAGE: open_data})
        with _search_lock:
            if generation == builder.generation:
                _index(config)
    except Exception:  # noqa: BLE001 - a thread's error would otherwise vanish into stderr
        log.exception("refreshing the downloads and search after an edit failed; save again or restart")

