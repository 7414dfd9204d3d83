"""Where a data file's lists, records and record fields stand, found from its lines on demand.

The fast reader (fastyaml) gives values without positions, and most are never asked for. What
is asked for is the line of a record (edit links, every message about a record) and of one of
its fields (most messages). This finds those as the YAML reader marks them, and only where the
layout leaves no doubt: a top-level key at the start of a line, its list in block style (`- `
at one indentation, one per record, as many as the data has), each record a mapping whose
first key is on its `- ` line and whose other keys start lines at that key's indentation, the
keys found being the data's, in order. Anything else answers None: the caller then reads the
file the exact way. tests/test_fast_reader.py compares the answers with the exact reader's.
"""

from __future__ import annotations

import re
from typing import Any

Position = tuple[int, int]  # line, column; 1-based

# Searches start with a line break, a literal: far faster than '^' with re.MULTILINE.
_TOP_KEY = re.compile(r"\n([A-Za-z_][A-Za-z0-9_]*)[ ]*:(?=[ \n]|\Z)")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ ]*:(?=[ \n]|\Z)")
_BLANK_OR_COMMENT = re.compile(r"[ ]*(?:#[^\n]*)?(?:\n|\Z)")


class _Unclear(Exception):
    """The layout is not one whose positions can be read off the lines."""


class RecordLines:
    """Positions of top-level keys, records and their fields in a text whose values are `data`."""

    def __init__(self, text: str, data: dict[str, Any]) -> None:
        self.text = text
        self.data = data
        self._sections: dict[str, _Section | None] | None = None

    def locate(self, path: tuple, key: bool = False) -> Position | None:
        """The position the exact reader gives `path` (its key's with key=True), or None."""
        try:
            section = self._section(path[0]) if path and isinstance(path[0], str) else None
            if section is None:
                return None
            if len(path) == 1:
                return section.key_position if key else section.value_position
            if not isinstance(path[1], int):
                return None
            if len(path) == 2:
                return section.record_position(path[1])  # an item has no key: its own position
            if len(path) == 3 and isinstance(path[2], str):
                return section.field_position(path[1], path[2], key)
            return None
        except _Unclear:
            return None

    def _section(self, kind: str) -> _Section | None:
        if self._sections is None:
            self._sections = {}
            keys = [(match.group(1), match.start(1)) for match in _TOP_KEY.finditer("\n" + self.text)]
            keys = [(name, start - 1) for name, start in keys]  # offsets in the text, without that "\n"
            if not _same_keys([name for name, _ in keys], self.data):
                return None  # another layout: every answer comes from the exact reader
            ends = [start for _, start in keys[1:]] + [len(self.text)]
            self._sections = {name: _Section(self.text, start, end, _get(self.data, name))
                              for (name, start), end in zip(keys, ends)}
        return self._sections.get(kind)


class _Section:
    """A top-level key and its list of records: text[start:end]."""

    def __init__(self, text: str, start: int, end: int, records: Any) -> None:
        self.text, self.start, self.end, self.records = text, start, end, records
        self.line = text.count("\n", 0, start) + 1
        if not isinstance(records, list):
            raise _Unclear
        self._starts: list[tuple[int, int, int]] | None = None  # (offset of the line, line, key column)
        self._first_keys: list[tuple[str | None, int | None]] = []  # (first key, column of its value)
        self._fields: dict[int, dict[str, tuple[Position, Position]]] = {}

    @property
    def key_position(self) -> Position:
        return (self.line, 1)

    @property
    def value_position(self) -> Position:
        line_end = self._line_end(self.start)
        colon = self.text.index(":", self.start)
        rest = self.text[colon + 1:line_end].strip(" ")
        if rest and not rest.startswith("#"):
            if rest == "[]" and self.records == []:
                return (self.line, self.text.index("[", colon) - self.start + 1)
            raise _Unclear
        starts = self._record_starts()
        if not starts:
            raise _Unclear
        offset, line, key_column = starts[0]
        return (line, self.text.index("-", offset) - offset + 1)

    def record_position(self, index: int) -> Position:
        offset, line, key_column = self._record(index)
        match = _KEY.match(self.text, offset + key_column)
        if match is None or not _has(self.records[index], match.group(1)):
            raise _Unclear
        return (line, key_column + 1)

    def field_position(self, index: int, name: str, key: bool) -> Position | None:
        offset, line, column = self._record(index)
        first, value_column = self._first_keys[index]
        if first == name and _has(self.records[index], name):
            # The first key, on the '- ' line: most messages point here (at the id).
            if key:
                return (line, column + 1)
            if value_column is not None:
                return (line, value_column + 1)
            colon = self.text.index(":", offset + column + len(name))
            end = self._record_end(index)
            return self._value_position(colon, self._line_end(offset), line, column, end, _get(self.records[index], name))
        fields = self._fields.get(index)
        if fields is None:
            fields = self._fields[index] = self._read_fields(index)
        found = fields.get(name)
        return None if found is None else found[0] if key else found[1]

    # --- reading the lines ----------------------------------------------------------------------

    def _line_end(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end

    def _record(self, index: int) -> tuple[int, int, int]:
        starts = self._record_starts()
        if not 0 <= index < len(starts) or not _is_mapping(self.records[index]):
            raise _Unclear
        return starts[index]

    def _record_starts(self) -> list[tuple[int, int, int]]:
        if self._starts is not None:
            return self._starts
        text = self.text
        first = self._next_content_line(self._line_end(self.start) + 1)
        if first is None or not isinstance(self.records, list):
            raise _Unclear
        indent = _indent(text, first)
        # A '- ' line, its first key (group 1, its name group 2), and where that key's value starts
        # when it is on the line.
        dash = re.compile(rf"\n {{{indent}}}-(?:[ ]+((?:([A-Za-z_][A-Za-z0-9_]*)[ ]*:(?:[ ]+(?=[^ \n#]))?)?)|(?=\n)|\Z)")
        starts, first_keys = [], []
        line, counted_to, size = self.line, self.start, len(text)
        for match in dash.finditer(text, first - 1, self.end):
            head, name = match.group(1, 2)
            begin, end = match.start() + 1, match.end()
            if end >= size or text[end] in "\n#" and not head:
                raise _Unclear  # the record's first key is not on the '- ' line
            line += text.count("\n", counted_to, begin)
            counted_to = begin
            if head is None:
                starts.append((begin, line, end - begin))
                first_keys.append((None, None))
            else:
                starts.append((begin, line, match.start(1) - begin))
                first_keys.append((name, end - begin if head.endswith(" ") else None))
        if len(starts) != len(self.records):
            raise _Unclear
        self._starts, self._first_keys = starts, first_keys
        return starts

    def _next_content_line(self, offset: int, end: int | None = None) -> int | None:
        """The offset of the first line from `offset` on that is not blank or a comment."""
        end = self.end if end is None else end
        while offset < end:
            match = _BLANK_OR_COMMENT.match(self.text, offset)
            if match is None or match.end() == offset:
                return offset
            offset = match.end()
        return None

    def _record_end(self, index: int) -> int:
        starts = self._record_starts()
        return starts[index + 1][0] if index + 1 < len(starts) else self.end

    def _read_fields(self, index: int) -> dict[str, tuple[Position, Position]]:
        """Every field of record `index`: (key position, value position)."""
        offset, line, column = self._record(index)
        end = self._record_end(index)
        text, record = self.text, self.records[index]
        found: dict[str, tuple[Position, Position]] = {}
        names: list[str] = []
        line_start = offset
        while line_start < end:
            line_end = self._line_end(line_start)
            indent = _indent(text, line_start)
            if line_start == offset or (indent == column and line_start + indent < line_end
                                         and text[line_start + indent] not in "-#"):
                match = _KEY.match(text, line_start + column)
                if match is None:
                    raise _Unclear
                name = match.group(1)
                names.append(name)
                colon = text.index(":", match.start(1) + len(name))
                found[name] = ((line, column + 1), self._value_position(colon, line_end, line, column, end,
                                                                         _get(record, name)))
            elif indent < column and line_start + indent < line_end and text[line_start + indent] != "#":
                raise _Unclear  # a line that ends the record before the next one starts
            line_start, line = line_end + 1, line + 1
        if not _same_keys(names, record):
            raise _Unclear
        return found

    def _value_position(self, colon: int, line_end: int, line: int, column: int, end: int, value: Any) -> Position:
        text = self.text
        after = colon + 1
        while after < line_end and text[after] == " ":
            after += 1
        line_start = text.rfind("\n", 0, colon) + 1
        if after < line_end and text[after] != "#":
            return (line, after - line_start + 1)
        following = self._next_content_line(line_end + 1, end)
        if following is not None:
            indent = _indent(text, following)
            if indent > column or (indent == column and text.startswith("- ", following) and isinstance(value, list)):
                return (line + text.count("\n", line_end, following), indent + 1)
        if value is not None:
            raise _Unclear
        return (line, colon - line_start + 2)  # an empty value: just after the colon, as PyYAML marks it


# The values are the fast reader's (dicts and lists), or once typed the records themselves (a
# pydantic model knows which fields the file set, not in which order: that is checked by name).

def _is_mapping(value: Any) -> bool:
    return isinstance(value, dict) or hasattr(value, "model_fields_set")


def _has(mapping: Any, name: str) -> bool:
    return name in mapping if isinstance(mapping, dict) else name in mapping.model_fields_set


def _get(mapping: Any, name: str) -> Any:
    return mapping.get(name) if isinstance(mapping, dict) else getattr(mapping, name, None)


def _same_keys(names: list[str], mapping: Any) -> bool:
    if isinstance(mapping, dict):
        return names == list(mapping)
    return len(names) == len(set(names)) and set(names) == mapping.model_fields_set


def _indent(text: str, offset: int) -> int:
    """The number of spaces the line at `offset` starts with."""
    position = offset
    while position < len(text) and text[position] == " ":
        position += 1
    return position - offset
