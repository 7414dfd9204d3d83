"""`python -m generators new KIND`: print an empty record with every field, to paste into a file.

Required fields are written out, ready to fill in. Every other field is there as a comment: an
editor who needs it removes the `# ` before its lines. Above each field stands its description
from the model, so the skeleton explains itself in GitHub's web editor.
"""

from __future__ import annotations

import argparse
from typing import Any

from pydantic import BaseModel

from .fieldref import RECORD_KINDS, FieldFacts, field_facts, record_model

KINDS = {name: (list_kind, title, file) for list_kind, name, title, file in RECORD_KINDS}
INDENT = "  "
REQUIRED = "VERPLICHT."
REQUIRED_IN_PART = "VERPLICHT als je dit deel gebruikt."


def _explanation(facts: FieldFacts, vocabularies: dict[str, list[str]], nested: bool) -> str:
    parts = [REQUIRED_IN_PART if nested else REQUIRED] if facts.required else []
    parts.append(facts.description)
    if facts.choices:
        parts.append("Kies uit: " + ", ".join(facts.choices) + ".")
    elif facts.vocabulary and vocabularies.get(facts.vocabulary):
        parts.append("Kies uit: " + ", ".join(vocabularies[facts.vocabulary]) + ".")
    if facts.examples and not facts.part:
        parts.append("Bijvoorbeeld: " + ", ".join(_example(e) for e in facts.examples) + ".")
    return " ".join(parts)


def _example(value: Any) -> str:
    return f"[{', '.join(map(str, value))}]" if isinstance(value, list) else str(value)


def _empty_value(facts: FieldFacts) -> str:
    """What stands after `name:` before the editor fills it in."""
    if facts.default is not None and not facts.is_list:
        return f" {str(facts.default).lower() if isinstance(facts.default, bool) else facts.default}"
    if facts.is_list and not facts.required:
        return " []"
    return ""


def _field_lines(facts: FieldFacts, depth: int, vocabularies: dict[str, list[str]]) -> list[str]:
    """The lines of one field: its explanation, then the field (with its parts, if any)."""
    pad = INDENT * depth
    lines = [f"{pad}# {_explanation(facts, vocabularies, nested=depth > 2)}"]
    if facts.part is not None:
        lines.append(f"{pad}{facts.name}:")
        if facts.is_list:  # list items: `- ` two spaces in from the key, their fields two more
            lines += _mapping_lines(facts.part, depth + 2, vocabularies, dash=True)
        else:
            lines += _mapping_lines(facts.part, depth + 1, vocabularies)
    elif facts.is_list and facts.required:
        lines += [f"{pad}{facts.name}:", f"{pad}{INDENT}-"]
    else:
        lines.append(f"{pad}{facts.name}:{_empty_value(facts)}")
    return lines


def _mapping_lines(model: type[BaseModel], depth: int, vocabularies: dict[str, list[str]], *, dash: bool = False,
                   list_kind: str | None = None, optional_as_comments: bool = False) -> list[str]:
    """All fields of a model at this depth; with dash=True as the first item of a list."""
    lines: list[str] = []
    for facts in field_facts(model, list_kind):
        block = _field_lines(facts, depth, vocabularies)
        if optional_as_comments and not facts.required:
            block = [block[0], *(_comment_out(line, depth) for line in block[1:])]
        lines += block
    if dash:
        # `- ` goes before the first field line, and the comments above it move up with it.
        first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
        pad = INDENT * depth
        lines = [line if i != first else f"{INDENT * (depth - 1)}- {line[len(pad):]}" for i, line in enumerate(lines)]
        lines = [(f"{INDENT * (depth - 1)}{line[len(pad):]}" if i < first else line) for i, line in enumerate(lines)]
    return lines


def _comment_out(line: str, depth: int) -> str:
    """`    name:` -> `    # name:`: removing `# ` gives the line back, indentation and all."""
    pad = INDENT * depth
    return f"{pad}# {line[len(pad):]}"


def skeleton(kind: str, vocabularies: dict[str, list[str]] | None = None) -> str:
    """The text printed for `new KIND`: a list item to paste under the kind's list."""
    list_kind, title, file = KINDS[kind]
    vocabularies = vocabularies or {}
    header = [
        f"# Nieuw record: {title}. Plak dit onder '{list_kind}:' in {file}.",
        "# Vul elk veld in waar VERPLICHT boven staat. Wil je een ander veld gebruiken, haal dan '# ' weg",
        "# vóór de veldnaam en vóór de regels eronder die erbij horen. Wis wat je niet gebruikt.",
    ]
    body = _mapping_lines(record_model(list_kind), 2, vocabularies, dash=True, list_kind=list_kind,
                          optional_as_comments=True)
    return "\n".join([f"{INDENT}{line}" for line in header] + body) + "\n"


def _vocabularies() -> dict[str, list[str]]:
    """The ids of the vocabularies in data/, to list the allowed values; empty if data is broken."""
    from .. import DATA_DIR
    from ..checks.load import load_catalogue
    from ..data.diagnostics import DataError, Report
    from ..data.model import VOCABULARY_KINDS

    try:
        catalogue = load_catalogue([DATA_DIR], Report())
    except DataError:
        return {}
    return {kind: [term.id for term in catalogue.vocabulary(kind)] for kind in VOCABULARY_KINDS}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=list(KINDS), help="the kind of record")


def run(args: argparse.Namespace) -> int:
    print(skeleton(args.kind, _vocabularies()), end="")
    return 0


def required_fields(kind: str) -> list[str]:
    """The fields an editor must fill in, for tests and the guide."""
    list_kind = KINDS[kind][0]
    return [f.name for f in field_facts(record_model(list_kind), list_kind) if f.required]

