"""Werkwijzer's generators: load and check the YAML data, then render and export it.

The package knows nothing about MkDocs: `python -m generators render OUT` writes the same pages
that the MkDocs hook adds to the site, so another engine can build them.
"""

DATA_DIR = "data"
