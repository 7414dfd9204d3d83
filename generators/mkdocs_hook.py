"""MkDocs hook (named in mkdocs.yml): the site's events, which live in generators/engine/mkdocs_events.py.

MkDocs loads this file by its path, not as part of the package, so it first makes the repository
importable.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, for `generators`

from generators.engine.mkdocs_events import (  # noqa: E402,F401 - MkDocs looks these names up here
    on_startup,
    on_config,
    on_pre_build,
    on_files,
    on_page_markdown,
    on_page_content,
    on_page_context,
    on_post_page,
    on_env,
    on_nav,
    on_post_build,
    on_serve,
    on_shutdown,
)
