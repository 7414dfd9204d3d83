"""Step 4, the pages: the catalogue rendered through Jinja templates into Markdown pages (raw HTML
bodies), for any site engine.

render.py lays out every page; render_*.py each shape one part of a page (links, paging, hours,
start routes, wegwijzer, contacts, timeline); render_tracked.py renders again only what an edit
changes. Knows nothing of MkDocs. May import data/, checks/ and exports/ (JSON-LD, vCard links).
"""
