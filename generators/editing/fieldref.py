"""What editors need to know about each field: read from the models, shown in CONTRIBUTING.md.

`field_facts(model)` describes every field (required or not, kind of value, allowed values);
`render_field_reference(vocabularies)` writes the reference section that
`python -m generators docs` keeps up to date between the markers below. The skeletons of
`python -m generators new` use the same facts.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..data import fields as field_types
from ..checks.rules import REFERENCES
from .fmt import canonical_field_order
from ..data.model import VOCABULARY_KINDS, DataFile, GlossaryEntry, Term

BEGIN_MARKER = "<!-- BEGIN FIELD REFERENCE -->"
END_MARKER = "<!-- END FIELD REFERENCE -->"
TEMPLATES = Path(__file__).parent / "templates"

# The record kinds an editor adds, in the order the guide explains them: (list in a data file,
# the command's name for one record, Dutch name, file it usually goes in).
RECORD_KINDS: list[tuple[str, str, str, str]] = [
    ("organisations", "organisation", "Organisatie", "data/organisations.yaml"),
    ("antennes", "antenne", "Antenne (plek)", "data/antennes.yaml"),
    ("programmes", "programme", "Programma", "data/programmes.yaml"),
    ("contacts", "contact", "Contactpunt", "data/contacts.yaml"),
    ("sources", "source", "Bron", "data/sources.yaml"),
    ("events", "event", "Gebeurtenis", "data/events.yaml"),
]

# Dutch names of the parts nested inside records.
PART_NAMES = {
    "Address": "Adres",
    "Coordinates": "Coördinaten",
    "OpeningHours": "Openingsuren",
    "OpeningRule": "Openingsuren: regel",
    "OpeningException": "Openingsuren: uitzondering",
    "Figure": "Cijfer",
    "NamedItem": "Onderdeel (naam en uitleg)",
    "Role": "Rol",
    "Person": "Persoon",
    "Term": "Term van een vaste lijst (in data/vocabularies.yaml)",
    "GlossaryEntry": "Begrip (in de lijst glossary:)",
}

# How each field type is written, in the editor's words.
_VALUE_KINDS: list[tuple[Any, str]] = [
    (field_types.Slug, "id (kleine letters, cijfers, koppeltekens)"),
    (field_types.Line, "tekst op één regel"),
    (field_types.Text, "tekst"),
    (field_types.PartialDate, "datum tussen aanhalingstekens: \"JJJJ\", \"JJJJ-MM\" of \"JJJJ-MM-DD\""),
    (field_types.Day, "dag tussen aanhalingstekens: \"JJJJ-MM-DD\""),
    (field_types.Time, "uur tussen aanhalingstekens: \"UU:MM\""),
    (field_types.Phone, "telefoonnummer tussen aanhalingstekens, bv. \"09 267 75 72\""),
    (field_types.Email, "e-mailadres"),
    (field_types.Url, "webadres dat begint met https:// of http://"),
    (field_types.PostalCode, "Belgische postcode (4 cijfers)"),
    (field_types.HouseNumber, "huisnummer, eventueel met bus"),
]


def _validators(annotation_or_metadata: Any) -> set[Any]:
    """The validator functions in a field's metadata: they tell which field type it is."""
    found: set[Any] = set()
    items = getattr(annotation_or_metadata, "__metadata__", annotation_or_metadata)
    for item in items if isinstance(items, (list, tuple)) else ():
        if callable(getattr(item, "func", None)):
            found.add(item.func)
    return found


_SIGNATURES = [(_validators(alias), label) for alias, label in _VALUE_KINDS]


def _value_kind(annotation: Any, metadata: list[Any]) -> str | None:
    candidates = [annotation, *typing.get_args(annotation)]
    funcs = _validators(metadata)
    for candidate in candidates:
        funcs |= _validators(candidate)
        if typing.get_origin(candidate) is list:
            funcs |= _validators(typing.get_args(candidate)[0])
    for signature, label in sorted(_SIGNATURES, key=lambda s: -len(s[0])):
        if signature and signature <= funcs:
            return label
    plain = [a for a in candidates if a is not type(None)]
    if bool in plain:
        return "true of false"
    if float in plain or int in plain:
        return "getal"
    return None


def _inner(annotation: Any) -> tuple[bool, Any]:
    """(is a list, the type inside) for `X`, `X | None` and `list[X]`."""
    if typing.get_origin(annotation) is list:
        return True, typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _inner(args[0])
    return False, annotation


@dataclass(frozen=True)
class FieldFacts:
    name: str
    description: str
    required: bool
    default: Any
    is_list: bool
    part: type[BaseModel] | None  # a nested model
    choices: tuple[str, ...]  # allowed values of a fixed list in the model
    vocabulary: str | None  # a vocabulary in data whose ids are allowed
    points_to: tuple[str, ...]  # kinds of records whose ids are allowed
    value_kind: str | None
    examples: tuple[Any, ...]
    min_items: int

    @property
    def part_name(self) -> str | None:
        return PART_NAMES.get(self.part.__name__, self.part.__name__) if self.part else None


def _references(list_kind: str | None) -> dict[str, tuple[str, ...]]:
    return {name: kinds for kind, name, kinds in REFERENCES if kind == list_kind}


def field_facts(model: type[BaseModel], list_kind: str | None = None) -> list[FieldFacts]:
    """Every field of a model, in the order fmt writes them. list_kind: the list it is in."""
    references = _references(list_kind)
    facts = []
    for name in canonical_field_order(model):
        info = model.model_fields[name]
        is_list, inner = _inner(info.annotation)
        part = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        choices = tuple(typing.get_args(inner)) if typing.get_origin(inner) is Literal else ()
        targets = references.get(name, ())
        if name == "sources":
            targets = ("sources",)
        vocabulary = targets[0] if len(targets) == 1 and targets[0] in VOCABULARY_KINDS else None
        default = None if info.default is PydanticUndefined or info.default is None else info.default
        min_items = next((getattr(m, "min_length", 0) for m in info.metadata if hasattr(m, "min_length")), 0)
        facts.append(FieldFacts(
            name=name,
            description=info.description or "",
            required=info.is_required(),
            default=default,
            is_list=is_list,
            part=part,
            choices=choices,
            vocabulary=vocabulary,
            points_to=() if vocabulary else targets,
            value_kind=None if part or choices else _value_kind(inner if is_list else info.annotation, list(info.metadata)),
            examples=tuple(info.examples or ()),
            min_items=min_items if is_list else 0,
        ))
    return facts


def parts_of(models: list[type[BaseModel]]) -> list[type[BaseModel]]:
    """Nested models reachable from these, each once, in the order they are first met."""
    seen: list[type[BaseModel]] = []
    queue = list(models)
    while queue:
        model = queue.pop(0)
        for facts in field_facts(model):
            if facts.part and facts.part not in seen and facts.part not in models:
                seen.append(facts.part)
                queue.append(facts.part)
    return seen


def record_model(list_kind: str) -> type[BaseModel]:
    return typing.get_args(DataFile.model_fields[list_kind].annotation)[0]


# --- Markdown -------------------------------------------------------------------------------

def _cell(text: Any) -> str:
    """One Markdown table cell: no line breaks, no column separators, no HTML."""
    value = " ".join(str(text).split())
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


KIND_NAMES = {"organisations": "organisatie", "antennes": "antenne", "programmes": "programma",
              "contacts": "contactpunt", "sources": "bron", "events": "gebeurtenis"}


def _anchor(title: str) -> str:
    """GitHub's heading anchor: lower case, spaces to hyphens, most punctuation dropped."""
    kept = "".join(c for c in title.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def render_field_reference(vocabularies: dict[str, list[Any]]) -> str:
    """The section between the markers (markers included), from the models and the vocabularies."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["cell"] = _cell
    env.filters["anchor"] = _anchor
    records = [(kind, title, field_facts(record_model(kind), kind)) for kind, _, title, _ in RECORD_KINDS]
    parts = parts_of([record_model(kind) for kind, *_ in RECORD_KINDS]) + [Term, GlossaryEntry]
    part_rows = [(PART_NAMES.get(p.__name__, p.__name__), field_facts(p)) for p in parts]
    vocabulary_rows = [
        (kind, DataFile.model_fields[kind].description, vocabularies.get(kind, []))
        for kind in VOCABULARY_KINDS
    ]
    return env.get_template("field-reference.md.j2").render(
        begin=BEGIN_MARKER, end=END_MARKER, records=records, parts=part_rows,
        vocabularies=vocabulary_rows, kind_names=KIND_NAMES,
    )


def replace_section(document: str, section: str) -> str:
    """The document with its field reference section replaced; ValueError without the markers."""
    start, end = document.find(BEGIN_MARKER), document.find(END_MARKER)
    if start < 0 or end < start:
        raise ValueError(f"the markers {BEGIN_MARKER} and {END_MARKER} are missing")
    return document[:start] + section.rstrip("\n") + document[end + len(END_MARKER):]
