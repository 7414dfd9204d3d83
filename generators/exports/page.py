"""The open-data page (`open-data.md`): what each export holds, its fields and size, its licence.

The text is a Jinja template (`templates/open_data.md.j2`, autoescaped); this module only
gathers the facts it shows, from the exports themselves, so the page cannot describe a file
that was not built.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import jinja2

from ..data.catalogue import Catalogue
from . import hsds, tables, vcard

PAGE = "open-data.md"


@dataclass(frozen=True)
class Download:
    path: str  # relative to the site root, e.g. data/werkwijzer.json
    size: int

    @property
    def name(self) -> str:
        return self.path.removeprefix("data/")

    @property
    def human_size(self) -> str:
        return human_size(self.size)


def human_size(size: int) -> str:
    """Bytes in the way Dutch readers write them: 980 bytes, 12,3 kB, 1,4 MB (powers of 1000)."""
    if size < 1000:
        return f"{size} bytes"
    for unit, factor in (("kB", 1000), ("MB", 1000**2), ("GB", 1000**3)):
        if size < factor * 1000 or unit == "GB":
            return f"{size / factor:.1f} {unit}".replace(".", ",")
    raise AssertionError("unreachable")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generators.exports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def open_data_page(catalogue: Catalogue, exports: dict[str, bytes]) -> str:
    """The Markdown of the open-data page; `exports` is what `build_exports` returned."""
    from . import LICENCE, ROOT, data_date

    downloads = {path: Download(path, len(content)) for path, content in exports.items()}
    package = json.loads(exports[f"{ROOT}/{tables.FOLDER}/datapackage.json"])
    cards = [d for p, d in downloads.items() if p.startswith(f"{ROOT}/{vcard.FOLDER}/")]
    hsds_files = [d for p, d in downloads.items() if p.startswith(f"{ROOT}/{hsds.FOLDER}/")]
    geo = json.loads(exports[f"{ROOT}/antennes.geojson"])
    return _environment().get_template("open_data.md.j2").render(
        root=ROOT,
        licence=LICENCE,
        data_date=data_date(catalogue),
        downloads=downloads,
        main=downloads[f"{ROOT}/werkwijzer.json"],
        schema=downloads[f"{ROOT}/werkwijzer.schema.json"],
        geojson=downloads[f"{ROOT}/antennes.geojson"],
        geojson_count=len(geo["features"]),
        csv_tables=[(downloads[f"{ROOT}/{tables.FOLDER}/{r['path']}"], r) for r in package["resources"]],
        datapackage=downloads[f"{ROOT}/{tables.FOLDER}/datapackage.json"],
        hsds_files=[(d, len(json.loads(exports[d.path]))) for d in hsds_files],
        all_cards=downloads[f"{ROOT}/{vcard.ALL_FILE}"],
        cards=cards,
        cards_size=human_size(sum(d.size for d in cards)),
        counts={kind: len(catalogue.records[kind]) for kind in catalogue.records},
    )
