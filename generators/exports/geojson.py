"""`antennes.geojson`: the places whose coordinates a source gives (RFC 7946).

No coordinates are guessed from an address: a place without `coordinates` is not in the file,
so the collection may well be empty.
"""

from __future__ import annotations

from typing import Any

from ..data.catalogue import Catalogue
from .common import address_parts


def feature_collection(catalogue: Catalogue) -> dict:
    features = [
        _feature(catalogue, antenne)
        for antenne in sorted(catalogue.antennes, key=lambda a: a.id)
        if antenne.coordinates is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def _feature(catalogue: Catalogue, antenne: Any) -> dict:
    parts = address_parts(catalogue, antenne.address)
    return {
        "type": "Feature",
        "id": antenne.id,
        # RFC 7946: longitude first.
        "geometry": {"type": "Point", "coordinates": [antenne.coordinates.longitude, antenne.coordinates.latitude]},
        "properties": {
            "id": antenne.id,
            "name": antenne.name,
            "kind": antenne.kind,
            "kind_label": catalogue.label("location_kinds", antenne.kind),
            "status": antenne.status,
            "operators": list(antenne.operators),
            "street": parts.street if parts else None,
            "postal_code": parts.postal_code if parts else None,
            "municipality": parts.locality if parts else None,
            "phone": antenne.phone,
            "email": antenne.email,
            "website": antenne.website,
            "coordinate_sources": list(antenne.coordinates.sources),
        },
    }
