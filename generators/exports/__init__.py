"""Step 3, open data: every build writes the catalogue into the site under `data/` in open formats.

`build_exports(catalogue)` returns the files (path under the site root -> bytes);
`open_data_page(catalogue, exports)` returns the Markdown of the page that describes them.
Both are pure functions of the data, so two builds of the same data give the same bytes: no
clock is read, and the date shown is the newest date found in the data itself (see
`data_date`). May import data/ (and checks/, for the export command's loading) only.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..data.catalogue import Catalogue
from . import geojson, hsds, tables, vcard, werkwijzer_json
from .page import open_data_page

ROOT = "data"
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Naamsvermelding 4.0 Internationaal",
}

__all__ = ["ROOT", "LICENCE", "build_exports", "data_date", "open_data_page", "vcard_url"]


def data_date(catalogue: Catalogue) -> str | None:
    """The newest day in the data: a record's `last_checked`, a source's `retrieved` or full date.

    Not the build's clock, so that building the same data again gives the same files.
    """
    days: list[dt.date] = []
    for _, record in catalogue.entities():
        if record.last_checked:
            days.append(record.last_checked)
    for source in catalogue.sources:
        if source.retrieved:
            days.append(source.retrieved)
        if source.date and len(source.date) == 10:
            days.append(dt.date.fromisoformat(source.date))
    return max(days).isoformat() if days else None


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def build_exports(catalogue: Catalogue) -> dict[str, bytes]:
    """Every open-data file, keyed by its path relative to the site root (all under data/)."""
    built = data_date(catalogue)
    files: dict[str, bytes] = {
        "werkwijzer.json": _json_bytes(werkwijzer_json.export_document(catalogue, LICENCE, built)),
        werkwijzer_json.SCHEMA_FILE: _json_bytes(werkwijzer_json.json_schema()),
        "antennes.geojson": _json_bytes(geojson.feature_collection(catalogue)),
    }
    files.update(tables.csv_files(catalogue, LICENCE, built))
    files.update(hsds.hsds_files(catalogue))
    files.update(vcard.vcard_files(catalogue))
    return {f"{ROOT}/{path}": files[path] for path in sorted(files)}


def vcard_url(contact_id: str) -> str:
    """Path of a contact's vCard relative to the site root, for links from its page."""
    return f"{ROOT}/{vcard.vcard_path(contact_id)}"
