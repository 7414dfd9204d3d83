"""MkDocs hook: adds the pages rendered from data/ as virtual files (nothing is written to content/).

The data is loaded in `on_pre_build`, before MkDocs cleans the site folder, so a data error in
`mkdocs build` stops the build with the validator's messages and leaves the last good site as it
was. In `mkdocs serve` the same error is logged and the last good pages stay served.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, for `generators`

from generators.catalogue import load_catalogue  # noqa: E402
from generators.diagnostics import DataError  # noqa: E402
from generators.exports import build_exports, open_data_page  # noqa: E402
from generators.render import NEWS_MARKER, RenderedPage, render_news, render_pages  # noqa: E402
from generators.search_index import SearchIndexError, index_site  # noqa: E402

log = logging.getLogger("mkdocs.hooks.werkwijzer")
EDIT_BRANCH = "main"

# Survives rebuilds: MkDocs loads a hook module once per process.
_state: dict = {"command": "build", "pages": {}, "news": "", "exports": {}, "open_data": None}
OPEN_DATA_PAGE = "open-data.md"


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_pre_build(config) -> None:
    root = Path(config.config_file_path).resolve().parent
    data_dir = Path(os.environ.get("WERKWIJZER_DATA") or root / "data")
    try:
        catalogue = load_catalogue([data_dir])
    except DataError as error:
        report = error.report.render("text")
        if _state["command"] != "serve":
            raise PluginError(f"the data has errors; the site was not built:\n{report}") from None
        log.error("the data has errors; still showing the last good pages:\n%s", report)
        return
    # Keyed by source path: on_page_context looks every page up, so no list scan per page.
    pages = render_pages(catalogue, repo_url=config.repo_url or "", edit_branch=EDIT_BRANCH,
                         site_url=config.site_url or "", use_directory_urls=config.use_directory_urls,
                         repo_root=root)
    _state["pages"] = {page.src_path: page for page in pages}
    _state["news"] = render_news(catalogue, use_directory_urls=config.use_directory_urls)
    _state["exports"], _state["open_data"] = _exports(catalogue)


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
    return markdown.replace(NEWS_MARKER, _state["news"]) if NEWS_MARKER in markdown else markdown


def on_page_context(context, page, config, nav):
    rendered: RenderedPage | None = _state["pages"].get(page.file.src_uri)
    if rendered is not None:
        page.edit_url = (f"{config.repo_url.rstrip('/')}/edit/{EDIT_BRANCH}/{rendered.edit_path}"
                         if config.repo_url and rendered.edit_path else None)
    return context


@event_priority(-100)  # last: the whole site is written
def on_post_build(config) -> None:
    try:
        index_site(Path(config.site_dir), config.theme["language"])
    except SearchIndexError as error:
        if _state["command"] != "serve":
            raise PluginError(str(error)) from None
        log.error("%s", error)
