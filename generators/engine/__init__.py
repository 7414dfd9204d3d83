"""Step 5, the site engine: the rendered pages built into a site by MkDocs (or Zensical).

mkdocs_events.py holds the MkDocs events (generators/mkdocs_hook.py hands them over);
mkdocs_serve.py keeps `mkdocs serve` quick; page_shell.py, page_html.py and html_squeeze.py
shape the built HTML; search_index.py runs Pagefind; build_cmd.py is `python -m generators
build`. May import every step before it; nothing imports it.
"""
