"""The CSV export: one table per kind of record, child tables for lists, and a Frictionless
Data Package (`datapackage.json`) that describes every column and the foreign keys.

How the model becomes tables (the rules the open-data page explains):
- a record is a row; its nested objects (address, coordinates, opening hours, person) become
  columns with a prefix (`address_postal_code`); `address_municipality_today` and
  `address_province` add today's municipality and province, worked out from the postal code;
- a list of ids at the top of a record (`operators`, `target_groups`, `sources`, ...) becomes a
  link table `<kind>_<field>.csv` with one row per link and foreign keys on both columns;
- a list of objects (`figures`, `opening_hours.rules`, ...) becomes a child table
  `<kind>_<field>.csv` with the record's id and the item's position (0, 1, ...);
- any other list (aliases, days, nested source ids) is one cell holding a JSON array, which
  Table Schema calls type `array`.
Columns are in the model's order; rows are sorted by id, so two exports of the same data are
byte-identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Iterator

from pydantic import BaseModel

from ..data.catalogue import Catalogue
from ..checks.rules import REFERENCES
from ..data.fields import PARTIAL_DATE_PATTERN, PartialDate, Slug
from ..data.model import ENTITY_KINDS, VOCABULARY_KINDS, DataFile

FOLDER = "csv"
RECORD_KINDS = ("sources", *ENTITY_KINDS, "events", "glossary")
SINGULAR = {
    "sources": "source", "organisations": "organisation", "antennes": "antenne",
    "programmes": "programme", "contacts": "contact", "events": "event", "glossary": "glossary_entry",
}
# Reference fields whose targets are of more than one kind: Table Schema cannot declare those
# foreign keys, so the column description names the kinds instead.
TARGETS: dict[tuple[str, str], tuple[str, ...]] = {(k, f): t for k, f, t in REFERENCES}


@dataclass
class Column:
    name: str
    type: str
    description: str
    constraints: dict = field(default_factory=dict)

    def descriptor(self) -> dict:
        data = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "date":
            data["format"] = "%Y-%m-%d"
        if self.constraints:
            data["constraints"] = self.constraints
        return data


@dataclass
class Table:
    name: str
    description: str
    columns: list[Column] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[dict] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def foreign_key(self, column: str, resource: str) -> None:
        # Table Schema names a table's reference to itself with the empty resource "".
        target = "" if resource == self.name else resource
        self.foreign_keys.append({"fields": column, "reference": {"resource": target, "fields": "id"}})

    def csv_bytes(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line endings
        writer.writerow([c.name for c in self.columns])
        for row in self.rows:
            writer.writerow([_cell(v) for v in row])
        return out.getvalue().encode("utf-8")

    def descriptor(self) -> dict:
        schema: dict[str, Any] = {"fields": [c.descriptor() for c in self.columns], "missingValues": [""]}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        return {
            "name": self.name.replace("_", "-"),
            "path": self.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": self.description,
            "schema": schema,
        }


# --- the model's field types, read from the pydantic classes -----------------------------------

def _unwrap_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _list_item(annotation: Any) -> Any | None:
    return typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else None


def _scalar_column(name: str, annotation: Any, description: str) -> Column:
    base = typing.get_args(annotation)[0] if typing.get_origin(annotation) is typing.Annotated else annotation
    if annotation == PartialDate:
        return Column(name, "string", description, {"pattern": PARTIAL_DATE_PATTERN})
    if typing.get_origin(annotation) is typing.Literal:
        return Column(name, "string", description, {"enum": list(typing.get_args(annotation))})
    if base is bool:
        return Column(name, "boolean", description)
    if base is dt.date:
        return Column(name, "date", description)
    if base in (int,):
        return Column(name, "integer", description)
    if base is float or typing.get_origin(base) in (typing.Union, types.UnionType):
        return Column(name, "number", description)
    return Column(name, "string", description)


# --- building the tables -----------------------------------------------------------------------

class TableBuilder:
    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.tables: dict[str, Table] = {}

    def build(self) -> list[Table]:
        for kind in (*VOCABULARY_KINDS, *RECORD_KINDS):
            self._records(kind, DataFile.model_fields[kind].description or kind)
        return [self.tables[name] for name in sorted(self.tables)]

    def _records(self, kind: str, description: str) -> None:
        model = _list_item(DataFile.model_fields[kind].annotation)
        table = Table(kind, description, primary_key=["id"])
        self.tables[kind] = table
        records = sorted(self.catalogue.records[kind], key=lambda r: r.id)
        self._columns(table, kind, model, prefix="", owner=None)
        for record in records:
            table.rows.append(self._row(kind, record, model, "", record.id, top=True))

    def _columns(self, table: Table, kind: str, model: type[BaseModel], prefix: str, owner: str | None) -> None:
        if owner:
            table.columns.append(Column(f"{SINGULAR[owner]}_id", "string", f"Id van het record ({owner}) waar deze rij bij hoort.", {"required": True}))
            table.columns.append(Column("position", "integer", "Plaats in de lijst, vanaf 0.", {"required": True}))
            table.primary_key = [f"{SINGULAR[owner]}_id", "position"]
            table.foreign_key(f"{SINGULAR[owner]}_id", owner)
        for name, info in model.model_fields.items():
            annotation = _unwrap_optional(info.annotation)
            column = prefix + name
            description = info.description or name
            item = _list_item(annotation)
            if _is_model(annotation):
                self._columns(table, kind, annotation, prefix=f"{column}_", owner=None)
                if annotation.__name__ == "Address":
                    table.columns.append(Column(f"{column}_municipality_today", "string", "Gemeente van vandaag, afgeleid uit postcode of plaatsnaam."))
                    table.columns.append(Column(f"{column}_province", "string", "Provincie van vandaag (leeg voor Brussel)."))
            elif item is not None and _is_model(item):
                child = Table(f"{kind}_{column}", description)
                self.tables[child.name] = child
                self._columns(child, kind, item, prefix="", owner=kind)
            elif item is not None and item == Slug and not prefix and not owner:
                self._link_table(kind, name, description)
            elif item is not None:
                table.columns.append(Column(column, "array", description + " (JSON-lijst)"))
            else:
                table.columns.append(_scalar_column(column, info.annotation if annotation is None else _annotated(info), description))
                if name == "id" and not prefix and not owner:
                    table.columns[-1].constraints = {"required": True, "unique": True}
                targets = TARGETS.get((kind, name)) if not prefix and not owner else None
                if targets and len(targets) == 1:
                    table.foreign_key(column, targets[0])

    def _link_table(self, kind: str, name: str, description: str) -> None:
        targets = ("sources",) if name == "sources" else TARGETS.get((kind, name), ())
        link = Table(f"{kind}_{name}", description)
        owner_column, target_column = f"{SINGULAR[kind]}_id", f"{name.removesuffix('s')}_id"
        target_text = f"Id uit {' of '.join(targets)}." if targets else "Id."
        link.columns = [
            Column(owner_column, "string", f"Id uit {kind}.", {"required": True}),
            Column(target_column, "string", target_text, {"required": True}),
        ]
        link.primary_key = [owner_column, target_column]
        link.foreign_key(owner_column, kind)
        if len(targets) == 1:
            link.foreign_key(target_column, targets[0])
        self.tables[link.name] = link

    def _row(self, kind: str, value: Any, model: type[BaseModel], prefix: str, record_id: str, top: bool = False) -> list:
        """The cells of `value` (a record, or an object inside one); lists go to other tables."""
        row: list[Any] = []
        for name, info in model.model_fields.items():
            annotation = _unwrap_optional(info.annotation)
            item = _list_item(annotation)
            current = getattr(value, name) if value is not None else None
            if _is_model(annotation):
                row.extend(self._row(kind, current, annotation, f"{prefix}{name}_", record_id))
                if annotation.__name__ == "Address":
                    place = self.catalogue.municipality(current)
                    row.extend([place.municipality.name, place.municipality.province] if place else [None, None])
            elif item is not None and _is_model(item):
                child = self.tables[f"{kind}_{prefix}{name}"]
                for index, element in enumerate(current or []):
                    child.rows.append([record_id, index, *self._row(kind, element, item, "", record_id)])
            elif item is not None and item == Slug and top:
                self.tables[f"{kind}_{name}"].rows.extend([record_id, target] for target in current)
            elif item is not None:
                row.append(list(current) if current is not None else None)
            else:
                row.append(current)
        return row


def _annotated(info: Any) -> Any:
    """The field's type with its validators, so that PartialDate is told apart from a plain str."""
    annotation = _unwrap_optional(info.annotation)
    if info.metadata and annotation is str:
        return typing.Annotated[(str, *info.metadata)]
    return annotation


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def build_tables(catalogue: Catalogue) -> list[Table]:
    return TableBuilder(catalogue).build()


def datapackage(tables: list[Table], licence: dict, built: str | None) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "werkwijzer",
        "title": "Werkwijzer: sociale tewerkstelling in Vlaanderen",
        "licenses": [licence],
        "created": f"{built}T00:00:00Z" if built else None,
        "resources": [t.descriptor() for t in tables],
    }


def csv_files(catalogue: Catalogue, licence: dict, built: str | None) -> Iterator[tuple[str, bytes]]:
    tables = build_tables(catalogue)
    for table in tables:
        yield f"{FOLDER}/{table.path}", table.csv_bytes()
    package = datapackage(tables, licence, built)
    yield f"{FOLDER}/datapackage.json", (json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
