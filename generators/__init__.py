"""Werkwijzer's generators: load and check the YAML data, then render and export it.

One folder per step of the pipeline; each imports only the steps before it:

    data/     read: the model, field types, YAML with positions, loading into a Catalogue
    checks/   check: rules across records and files, load_catalogue, `validate`
    exports/  open data: JSON, CSV, HSDS, GeoJSON, vCard, JSON-LD
    site/     pages: the catalogue through Jinja templates into Markdown, for any engine
    engine/   the site engine: MkDocs events, serve, the built HTML, search, `build`
    editing/  editors' tools beside the pipeline: fmt, new, schema, field reference, links

Only engine/ knows MkDocs: `python -m generators render OUT` writes the same pages that the
MkDocs hook (mkdocs_hook.py, a thin file) adds to the site, so another engine can build them.
cli.py maps each command to the module that runs it.
"""

DATA_DIR = "data"
