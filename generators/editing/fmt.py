"""`python -m generators fmt [--check] [paths]`: write data files in one canonical form.

Canonical form, so that a diff shows only what an editor changed:
- top-level lists in the order of `DataFile`'s fields, records sorted by id, the keys of every
  mapping in `canonical_field_order` of its model (unknown keys last, as written);
- 2-space indentation, list items as `  - `, lists of plain values written `[a, b]`;
- text quoted only where needed, and always quoted (with ") where YAML 1.1 tools would misread
  it (`"09:00"`, `"no"`, `"0032"`);
- comments kept. A full-line comment (and a blank line) belongs to the key or list item that
  follows it and moves with it; an end-of-line comment belongs to the key on its line.

Plain scalars are read as the validator reads them (yamlsource: YAML 1.2 core types only), so
formatting never changes what a value means.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import typing
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Iterator

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

from .. import DATA_DIR
from ..data.diagnostics import Report
from ..data.datafiles import data_files, display_path
from ..data.model import DataFile, Record
from ..data.yaml_values import yaml11_hazard
from ..data.yamlsource import read_yaml

# Fields every record shares go after the kind's own fields: a record reads "what it is", then
# "where that comes from". `id` stays first.
FLOW_LIST_WIDTH = 100

SHARED_TAIL = ("notes", "aliases", "as_of", "last_checked", "sources")


def canonical_field_order(model: type[BaseModel]) -> list[str]:
    """Field names in the order fmt writes them (and skeletons and the field reference show them)."""
    names = list(model.model_fields)
    if not issubclass(model, Record):
        return names
    own = [n for n in names if n not in Record.model_fields]
    return ["id", *own, *[n for n in SHARED_TAIL if n in names]]


# --- reading plain scalars the way the validator does --------------------------------------------

_PLAIN_TYPES = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:0|[1-9][0-9]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+)$",
     list("-+0123456789.")),
]


class _ValidatorResolver(VersionedResolver):
    """YAML 1.2 core types exactly as yamlsource reads plain scalars: no dates, no yes/no."""

    _table: dict[str, list[tuple[str, re.Pattern]]] = {}
    for _tag, _pattern, _first in _PLAIN_TYPES:
        for _char in _first:
            _table.setdefault(_char, []).append((_tag, re.compile(_pattern)))

    @property
    def versioned_resolver(self) -> dict:
        return {char: list(rules) for char, rules in self._table.items()}


class _DoubleQuotingEmitter(RoundTripEmitter):
    """Where a value needs quotes, use one style: double quotes, as the messages suggest."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _ValidatorResolver
    yaml.Emitter = _DoubleQuotingEmitter
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100_000  # never fold a line of text
    return yaml


# --- comments ----------------------------------------------------------------------------------

NodeKey = tuple[int, Any]  # (id of the container as loaded, key or index in it)


@dataclass
class _Comments:
    """Every comment of a file, attached to the node it belongs to."""

    header: list[str] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)
    before: dict[NodeKey, list[str]] = field(default_factory=dict)
    end_of_line: dict[NodeKey, str] = field(default_factory=dict)


def _tokens(value: Any) -> Iterator[CommentToken]:
    if isinstance(value, CommentToken):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _tokens(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _tokens(item)


def _containers(node: Any) -> Iterator[Any]:
    if isinstance(node, (CommentedMap, CommentedSeq)):
        yield node
        for child in (node.values() if isinstance(node, CommentedMap) else node):
            yield from _containers(child)


def _node_starts(node: Any, found: list[tuple[int, NodeKey]]) -> None:
    """(line, node) of every key and block-list item, in document order (parents first)."""
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            found.append((node.lc.key(key)[0], (id(node), key)))
            _node_starts(value, found)
    elif isinstance(node, CommentedSeq) and not node.fa.flow_style():
        for index, value in enumerate(node):
            found.append((node.lc.item(index)[0], (id(node), index)))
            _node_starts(value, found)


def _scalar_content_lines(text: str) -> set[int]:
    """Lines inside multi-line values (block text, long quoted text): never comments."""
    content: set[int] = set()
    lines = text.splitlines()
    stack = [yaml.compose(text, Loader=yaml.SafeLoader)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif node is not None and node.end_mark.line > node.start_mark.line:
            last = min(node.end_mark.line, len(lines) - 1)
            while last > node.start_mark.line and not lines[last].strip():
                last -= 1  # blank lines after the text separate it from what follows
            content.update(range(node.start_mark.line + 1, last + 1))
    return content


def _end_of_line_comments(root: Any, lines: list[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for container in _containers(root):
        ca = container.ca
        for token in _tokens([ca.comment, ca.items, ca.end]):
            mark = token.start_mark
            if mark is None or token.value.startswith("\n") or mark.line >= len(lines):
                continue
            if lines[mark.line][: mark.column].strip():  # code before it: an end-of-line comment
                found[mark.line] = token.value.split("\n")[0].strip()
    return found


def _collect_comments(root: Any, text: str) -> _Comments:
    lines = text.splitlines()
    inside_values = _scalar_content_lines(text)
    full_lines = [n for n, line in enumerate(lines)
                  if n not in inside_values and (not line.strip() or line.lstrip().startswith("#"))]
    starts: list[tuple[int, NodeKey]] = []
    _node_starts(root, starts)
    comments = _Comments()
    first_line = starts[0][0] if starts else len(lines)
    # The file's opening comment (up to a blank line) stays on top, whatever key comes first.
    header_end = next((n for n in full_lines if n < first_line and not lines[n].strip()), first_line)
    for number in full_lines:
        text_of_line = lines[number].strip()
        owner = next((node for line, node in starts if line > number), None)
        if number < header_end:
            comments.header.append(text_of_line)
        elif owner is None:
            comments.trailer.append(text_of_line)
        else:
            comments.before.setdefault(owner, []).append(text_of_line)
    for number, comment in _end_of_line_comments(root, lines).items():
        on_line = [node for line, node in starts if line == number]
        if on_line:
            comments.end_of_line[on_line[-1]] = comment
    return comments


def _squeeze_blank_lines(texts: list[str]) -> list[str]:
    result: list[str] = []
    for text in texts:
        if text or not result or result[-1]:
            result.append(text)
    return result


def _attach(container: Any, key: Any, before: list[str], end_of_line: str | None, column: int) -> None:
    before = _squeeze_blank_lines(before)
    if not before and not end_of_line:
        return
    slot = container.ca.items.setdefault(key, [None, None, None, None])
    if before:
        slot[1] = [CommentToken(f"{text}\n", CommentMark(column if text else 0)) for text in before]
    if end_of_line:
        slot[2] = CommentToken(f" {end_of_line}\n", CommentMark(0))  # two spaces before #


# --- canonical structure -----------------------------------------------------------------------

def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model inside `Model`, `Model | None` or `list[Model]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found:
            return found
    return None


# YAML 1.1 tools read 2014-04-23 as a date object; partial dates are quoted for the same look.
_DATE_LIKE = re.compile(r"^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?(?:[Tt ].*)?$")


def _needs_quotes(text: str) -> bool:
    return yaml11_hazard(text) is not None or bool(_DATE_LIKE.match(text))


def _scalar(value: Any) -> Any:
    if isinstance(value, ScalarString):  # block scalars (| and >) stay as the editor wrote them
        return value
    if isinstance(value, str):
        if "\n" in value.strip("\n"):
            return LiteralScalarString(value)
        if _needs_quotes(value):
            return DoubleQuotedScalarString(value)
        return value
    return value


class _Formatter:
    """Rebuilds the loaded tree in canonical order, carrying each comment to its node's new place.

    `column` arguments are where the owning key (or the list's dash) starts, so that moved comments
    are indented like the line they stand above.
    """

    def __init__(self, comments: _Comments) -> None:
        self.comments = comments

    def node(self, value: Any, model: type[BaseModel] | None, owner_column: int) -> Any:
        if isinstance(value, CommentedMap):
            return self.mapping(value, model, owner_column + 2)
        if isinstance(value, CommentedSeq):
            return self.sequence(value, model, owner_column, sort=False)
        return _scalar(value)

    def mapping(self, old: CommentedMap, model: type[BaseModel] | None, column: int) -> CommentedMap:
        order = canonical_field_order(model) if model else []
        keys = [k for k in order if k in old] + [k for k in old if k not in order]
        new = CommentedMap()
        for key in keys:
            field_model = _model_of(model.model_fields[key].annotation) if model and key in model.model_fields else None
            new[key] = self.node(old[key], field_model, column)
            self._carry(old, key, new, key, column)
        return new

    def sequence(self, old: CommentedSeq, item_model: type[BaseModel] | None, owner_column: int, sort: bool) -> CommentedSeq:
        dash = owner_column + 2
        indexes = list(range(len(old)))
        if sort:
            def by_id(index: int) -> tuple[int, str, int]:
                item = old[index]
                ident = item.get("id") if isinstance(item, CommentedMap) else None
                return (0, str(ident), index) if isinstance(ident, str) else (1, "", index)
            indexes.sort(key=by_id)
        new = CommentedSeq()
        for position, index in enumerate(indexes):
            new.append(self.node(old[index], item_model, dash))
            self._carry(old, index, new, position, dash)
        if self._fits_on_one_line(new, dash) and not self._has_comments(old):
            new.fa.set_flow_style()
        else:
            new.fa.set_block_style()
            self._lift_first_key_comments(new, dash)
        return new

    @staticmethod
    def _fits_on_one_line(seq: CommentedSeq, column: int) -> bool:
        # Short lists of plain values read best as [a, b]; long ones as one item per line.
        if any(isinstance(item, (CommentedMap, CommentedSeq)) or "\n" in str(item) for item in seq):
            return False
        return column + len(", ".join(str(item) for item in seq)) <= FLOW_LIST_WIDTH

    def _has_comments(self, old: CommentedSeq) -> bool:
        return any((id(old), i) in self.comments.before or (id(old), i) in self.comments.end_of_line for i in range(len(old)))

    def _carry(self, old: Any, old_key: Any, new: Any, new_key: Any, column: int) -> None:
        node = (id(old), old_key)
        _attach(new, new_key, self.comments.before.get(node, []), self.comments.end_of_line.get(node), column)

    @staticmethod
    def _lift_first_key_comments(seq: CommentedSeq, column: int) -> None:
        # `- key:` shares its line with the list item: comments above the key go above the item.
        for index, item in enumerate(seq):
            if not isinstance(item, CommentedMap) or not item:
                continue
            first = next(iter(item))
            slot = item.ca.items.get(first)
            if slot and slot[1]:
                lifted = [CommentToken(t.value, CommentMark(column if t.value.strip() else 0)) for t in slot[1]]
                target = seq.ca.items.setdefault(index, [None, None, None, None])
                target[1] = (target[1] or []) + lifted
                slot[1] = None

    def document(self, root: CommentedMap) -> CommentedMap:
        fields = list(DataFile.model_fields)
        keys = [k for k in fields if k in root] + [k for k in root if k not in fields]
        new = CommentedMap()
        for key in keys:
            value = root[key]
            model = _model_of(DataFile.model_fields[key].annotation) if key in DataFile.model_fields else None
            if isinstance(value, CommentedSeq) and key in DataFile.model_fields:
                new[key] = self.sequence(value, model, 0, sort=True)
            else:
                new[key] = self.node(value, model, 0)
            self._carry(root, key, new, key, 0)
        return new


# --- files -------------------------------------------------------------------------------------

class FormatRefused(Exception):
    """The file is not valid YAML (or not a mapping): formatting could change its meaning."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(report.render("text"))


def format_text(text: str, name: str = "<data>") -> str:
    """The canonical form of a data file's text; raises FormatRefused on a syntax error."""
    report = Report()
    document = read_yaml(text.encode("utf-8"), name, report)
    if document is not None and document.data is not None and not isinstance(document.data, dict):
        report.add(name, 1, 1, "", "expected a mapping at the top (for example 'antennes:' followed by a list)")
    if document is None or report.errors:
        raise FormatRefused(report)
    yaml = _yaml()
    root = yaml.load(text)
    if root is None:
        return text
    comments = _collect_comments(root, text.removeprefix("\ufeff"))
    formatted = _Formatter(comments).document(root)
    out = io.StringIO()
    yaml.dump(formatted, out)
    header = "".join(f"{line}\n" for line in _squeeze_blank_lines(comments.header))
    trailer = "".join(f"{line}\n" for line in _squeeze_blank_lines(comments.trailer)).rstrip("\n")
    body = out.getvalue()
    return header + body + (trailer + "\n" if trailer.strip() else "")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true",
                        help="change nothing; list the files that are not in canonical form and exit 1")
    parser.add_argument("paths", nargs="*", help=f"files or folders (default: {DATA_DIR}/)")


def run(args: argparse.Namespace) -> int:
    not_canonical: list[str] = []
    refused = False
    for path in data_files(args.paths or [DATA_DIR]):
        name = display_path(path)
        original = path.read_bytes().decode("utf-8", errors="replace")
        try:
            formatted = format_text(original, name)
        except FormatRefused as error:
            print(error.report.render("text"), file=sys.stderr)
            print(f"{name}: not formatted: correct the error above first", file=sys.stderr)
            refused = True
            continue
        if formatted == original:
            continue
        not_canonical.append(name)
        if not args.check:
            FsPath(path).write_text(formatted, encoding="utf-8")
    verb = "would reformat" if args.check else "reformatted"
    for name in not_canonical:
        print(f"{verb} {name}")
    if args.check and not_canonical:
        print("Run `python -m generators fmt` to write these files in canonical form.", file=sys.stderr)
    return 1 if refused or (args.check and not_canonical) else 0
