"""Read a YAML file into plain values, remembering where every value and key stands.

PyYAML follows YAML 1.1, which silently turns `13:30` into 810, `no` into False and `0032` into
32, and keeps the last of two equal keys. This reader resolves plain scalars as YAML 1.2 does
(only true/false, null and plain decimal numbers are not text), reports every place where YAML 1.1
would have read something else, and rejects duplicate keys, aliases, tags and tabs, each with its
position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from . import fastyaml
from .diagnostics import Path, Report, format_path as _fmt
from .recordlines import RecordLines
from .yaml_values import MAX_NODES, resolve_plain

# Positions are kept at once down to a record's fields, (kind, index, field): where checks point
# most. Deeper positions are worked out when a message first needs one (see Document.locate).
EAGER_POSITION_DEPTH = 3


@dataclass
class Document:
    """A parsed file: its values, and the position (line, column; 1-based) of each path.

    `positions_depth` says how deep the position tables go (None: all the way); `text` is kept to
    work out the rest when a deeper path is asked for. A document the fast reader read
    (`from_lines`) has no tables at first: its records' positions are read off its lines
    (recordlines), and everything else the exact way, when first asked for. Once its records
    are typed (`typed`), they stand in for `data` there, and `data` may be dropped.
    """

    path: str
    data: Any = None
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    hazards: dict[Path, str] = field(default_factory=dict)
    tagged: bool = False
    positions_depth: int | None = None
    text: str | None = field(default=None, repr=False, compare=False)
    from_lines: bool = False
    typed: Any = field(default=None, repr=False, compare=False)
    lines: RecordLines | None = field(default=None, repr=False, compare=False)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of a path; for a path that does not exist, of its nearest existing parent."""
        if self.from_lines and self.positions_depth is not None:
            if self.lines is None:
                self.lines = RecordLines(self.text or "", self.typed if self.typed is not None else self.data)
            found = self.lines.locate(path, key)
            if found is not None:
                return found
        if self.positions_depth is not None and len(path) > self.positions_depth:
            self._complete_positions()
        table = self.key_positions if key else self.positions
        if path in table:
            return table[path]
        for cut in range(len(path), -1, -1):
            prefix = path[:cut]
            if prefix in self.key_positions and cut < len(path):
                return self.key_positions[prefix]
            if prefix in self.positions:
                return self.positions[prefix]
        return (1, 1)

    def _complete_positions(self) -> None:
        """Read the text again, as read_yaml did, this time keeping the position of every path."""
        parsed, node = _compose_fast(self.text or "")
        if not parsed:
            parsed, node = _compose_exact(self.text or "", self.path, Report())
        complete = Document(self.path)
        if node is not None:
            _convert(node, (), complete, Report(), [0])
        self.positions, self.key_positions = complete.positions, complete.key_positions
        self.positions_depth = None
        self.lines = None


class _Loader(yaml.SafeLoader):
    """Composes nodes without resolving plain scalars, and refuses aliases at their position."""

    yaml_implicit_resolvers: dict = {}

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_marks: list[yaml.Mark] = []

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.alias_marks.append(event.start_mark)
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


class _FastLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's composer, in C, resolving no plain scalar (that is _scalar's job)."""

    yaml_implicit_resolvers: dict = {}

    # libyaml calls these two hooks for every node; with no path resolvers they do nothing, and a
    # built-in that accepts the same arguments does nothing at a fraction of a Python call's cost.
    descend_resolver = {}.get
    ascend_resolver = int

    def resolve(self, kind, value, implicit):  # noqa: ANN001 - PyYAML's signature
        # Called only for untagged nodes: their tag is the default of their kind, no lookup needed.
        return _KIND_TAGS[kind]


def _compose_fast(text: str) -> tuple[bool, yaml.Node | None]:
    """(True, node tree) from libyaml for a file that parses cleanly and has no alias, else (False, None).

    Ten times faster than the pure-Python parser. Anything unusual (a syntax error, a control
    character, a possible alias: libyaml resolves aliases silently) goes to the exact reader,
    whose messages and positions editors see.
    """
    if not yaml.__with_libyaml__ or "*" in text:
        return False, None
    loader = _FastLoader(text)
    try:
        return True, loader.get_single_node()
    except yaml.YAMLError:
        return False, None
    finally:
        loader.dispose()


_DEFAULT_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_SCALAR, _STR = yaml.ScalarNode, "tag:yaml.org,2002:str"
_KIND_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
              yaml.MappingNode: "tag:yaml.org,2002:map"}


def text_of(raw: bytes) -> str:
    """The text of a file's bytes, as read_yaml reads it (UTF-8, without a byte order mark)."""
    return raw.decode("utf-8").removeprefix("\ufeff")


def _decode(raw: bytes, path: str, report: Report) -> str | None:
    try:
        return text_of(raw)
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        report.add(path, line, column, "", f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}): save it as UTF-8")
        return None


# PyYAML's words for the mistakes editors make most, and what to do about them.
_SYNTAX_HINTS = {
    "mapping values are not allowed here": "check the indentation of this line, or put text that contains ': ' in quotes",
    "expected <block end>": "this line is indented differently from the lines above it",
    "could not find expected ':'": "a line inside a record has no 'key: value'; check this line and the one above",
    "expected ',' or ']'": "a list in [ ] is not closed, or an item contains ':' and needs quotes",
    "expected ',' or '}'": "a mapping in { } is not closed, or a value contains ':' and needs quotes",
    "found unexpected end of stream": "a quote or bracket is opened but never closed",
    "while scanning a quoted scalar": "a quote is opened but never closed",
}


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "invalid YAML"
    if "\\t" in problem or "\t" in problem or "tab" in problem:
        return "a tab character is not allowed here: indent with spaces"
    context = f" ({error.context})" if error.context else ""
    hint = next((h for key, h in _SYNTAX_HINTS.items() if key in problem or key in (error.context or "")), None)
    return f"YAML syntax error: {problem}{context}" + (f": {hint}" if hint else "")


def _compose_exact(text: str, path: str, report: Report) -> tuple[bool, yaml.Node | None]:
    """(True, node tree) by the pure-Python reader, or (False, None) with its messages reported."""
    loader = None
    try:
        loader = _Loader(text)  # the reader already rejects control characters here
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        report.add(path, line, column, "", _syntax_message(error))
        return False, None
    except yaml.reader.ReaderError as error:  # a control character YAML does not allow
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        report.add(path, line, column, "", f"the character U+{ord(error.character) if isinstance(error.character, str) else error.character:04X} is not allowed in a YAML file")
        return False, None
    finally:
        if loader is not None:
            loader.dispose()
    if loader.alias_marks:
        # One message is enough: the first alias, and how many more there are.
        first, more = loader.alias_marks[0], len(loader.alias_marks) - 1
        extra = f" ({more} more in this file)" if more else ""
        report.add(path, first.line + 1, first.column + 1, "",
                   f"aliases (*name) are not allowed: write the value out in full{extra}")
        return False, None
    return True, node


def read_yaml_fast(raw: bytes, path: str, report: Report) -> Document | None:
    """read_yaml, ten times faster for a clean file, but for one thing: the keys of its mappings.

    A clean file is read by the fast reader (fastyaml), which gives the same values, except that
    it may read a plain key such as `1` or `true` as a number or a yes/no value where read_yaml
    reads text. Its caller must refuse such a key (the data model does: every mapping in it is a
    model, whose keys are text) and then read the file again with read_yaml, for its messages.
    Every other file, and every file the fast reader is unsure of, is read by read_yaml.
    """
    text = _decode(raw, path, report)
    if text is None:
        return None
    clean = fastyaml.read_clean(raw, text)
    if clean is not None:
        return Document(path, data=clean, positions_depth=-1, text=text, from_lines=True)
    return read_yaml(raw, path, report)


def read_yaml(raw: bytes, path: str, report: Report) -> Document | None:
    """Parse one file; on failure add diagnostics to the report and return None."""
    text = _decode(raw, path, report)
    if text is None:
        return None
    for number, line in enumerate(text.splitlines() if "\t" in text else (), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            report.add(path, number, len(line) - len(stripped) + 1, "", "a tab character is not allowed in indentation: indent with spaces")
            return None
    parsed, node = _compose_fast(text)
    if not parsed:
        parsed, node = _compose_exact(text, path, report)
    if not parsed:
        return None
    document = Document(path)
    if node is None:
        document.data = {}
        return document
    try:
        return _read_shallow(node, path, text)
    except _Unusual:
        pass  # read it again the exact way, which says what is unusual
    counter = [0]
    try:
        document.data = _convert(node, (), document, report, counter)
    except _TooLarge:
        report.add(path, 1, 1, "", f"the file has more than {MAX_NODES} values: split it up")
        return None
    # A tagged value means something else than it says: stop before checking what it means.
    return None if document.tagged else document


class _TooLarge(Exception):
    pass


class _Unusual(Exception):
    """Something _convert would report or flag: a tag, a duplicate or non-text key, a hazard, too many values."""


def _read_shallow(node: yaml.Node, path: str, text: str) -> Document:
    """The values of a clean file, with positions down to EAGER_POSITION_DEPTH; _Unusual otherwise.

    Gives exactly the values and positions _convert gives where the file is clean, at a fraction
    of the cost: most values are never pointed at by a message.
    """
    document = Document(path, positions_depth=EAGER_POSITION_DEPTH, text=text)
    counter = [1]
    document.data = _convert_shallow(node, (), document, counter)
    if counter[0] > MAX_NODES:
        raise _Unusual
    return document


def _convert_shallow(node: yaml.Node, path: Path, doc: Document, counter: list[int]) -> Any:
    doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _DEFAULT_TAGS:
        raise _Unusual
    if len(path) == EAGER_POSITION_DEPTH:
        return _plain_value(node, counter)
    if len(path) == EAGER_POSITION_DEPTH - 1 and isinstance(node, yaml.MappingNode):
        return _last_positioned_mapping(node, path, doc, counter)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        counter[0] += len(node.value)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value in result:
                raise _Unusual
            key = key_node.value
            doc.key_positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert_shallow(value_node, path + (key,), doc, counter)
        return result
    if isinstance(node, yaml.SequenceNode):
        counter[0] += len(node.value)
        return [_convert_shallow(item, path + (i,), doc, counter) for i, item in enumerate(node.value)]
    return _plain_scalar(node)


def _last_positioned_mapping(node: yaml.MappingNode, path: Path, doc: Document, counter: list[int]) -> dict[str, Any]:
    """_convert_shallow of a mapping whose fields are the last positioned level (a record's), unrolled."""
    result: dict[str, Any] = {}
    counter[0] += len(node.value)
    positions, key_positions = doc.positions, doc.key_positions
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value in result:
            raise _Unusual
        key = key_node.value
        mark = key_node.start_mark
        key_positions[path + (key,)] = (mark.line + 1, mark.column + 1)
        mark = value_node.start_mark
        positions[path + (key,)] = (mark.line + 1, mark.column + 1)
        result[key] = _plain_value(value_node, counter)
    return result


def _plain_value(node: yaml.Node, counter: list[int]) -> Any:
    """A value below the eager positions, read as _convert reads it."""
    if node.tag not in _DEFAULT_TAGS:
        raise _Unusual
    if isinstance(node, yaml.ScalarNode):
        return _plain_scalar(node)
    counter[0] += len(node.value)
    if isinstance(node, yaml.SequenceNode):
        # Quoted text, the most common item, is read here: a call per item would cost more.
        return [item.value if item.__class__ is _SCALAR and item.style and item.tag == _STR else _plain_value(item, counter)
                for item in node.value]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value in result:
            raise _Unusual
        if value_node.__class__ is _SCALAR and value_node.style and value_node.tag == _STR:
            result[key_node.value] = value_node.value
        else:
            result[key_node.value] = _plain_value(value_node, counter)
    return result


def _plain_scalar(node: yaml.ScalarNode) -> Any:
    if node.style:  # quoted or block: text, exactly as written
        return node.value
    value, hazard = resolve_plain(node.value)
    if hazard:
        raise _Unusual
    return value


def _convert(node: yaml.Node, path: Path, doc: Document, report: Report, counter: list[int]) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise _TooLarge
    doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _DEFAULT_TAGS and not node.tag.endswith(":null"):
        doc.tagged = True
        report.add(doc.path, node.start_mark.line + 1, node.start_mark.column + 1, _fmt(path),
                   f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: remove it")
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                report.add(doc.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1, _fmt(path),
                           "a key must be a plain name")
                continue
            key = key_node.value
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = doc.key_positions[path + (key,)]
                report.add(doc.path, *key_pos, _fmt(path + (key,)),
                           f"duplicate key {key!r}: it is already set on line {first[0]}; keep one of the two")
                continue
            doc.key_positions[path + (key,)] = key_pos
            result[key] = _convert(value_node, path + (key,), doc, report, counter)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, report, counter) for i, item in enumerate(node.value)]
    return _scalar(node, path, doc)


def _scalar(node: yaml.ScalarNode, path: Path, doc: Document) -> Any:
    if node.style:  # quoted or block scalar (plain is None in PyYAML, '' in libyaml): always text, exactly as written
        return node.value
    value, hazard = resolve_plain(node.value)
    if hazard:
        doc.hazards[path] = hazard
    return value
