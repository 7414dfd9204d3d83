"""Read a clean YAML file fast (yaml_rs, in Rust), or say that it must be read the exact way.

yamlsource's reader is exact but slow: it builds a Python object for every node. yaml_rs reads
YAML 1.2 about ten times faster, but gives values only, resolves plain scalars by its own rules
(`0032` is 32 to it, `yes` is text) and accepts what yamlsource refuses (aliases, tags). So it is
used only where cheap checks of the text show that nothing can read differently:

- no character whose meaning differs between the readers or that yamlsource refuses: tabs,
  carriage returns, control characters, YAML 1.1 line breaks (U+0085, U+2028, U+2029), byte order
  marks, backslash escapes; and none of `* & ! | > { }`, so no alias, anchor, tag, block scalar
  or flow mapping; no directive and no document marker;
- no plain (unquoted) scalar that starts like a number (to yaml_rs, `_1` does too) or a yes/no/null
  word, unless it is one of the few forms both readers read alike (`12`, `-3.5`, `true`, `false`,
  `null`). Every other plain scalar is text to both, and none of them is a YAML 1.1 hazard, since
  each hazard starts with a digit, a sign or a dot, or is a yes/no word.

Checks may refuse a clean file (it is then read the exact way, only slower); they must never pass
a file that the exact reader reads otherwise. tests/test_fast_reader.py compares the two.
"""

from __future__ import annotations

import re
from typing import Any

import yaml_rs

from .yaml_values import BOOL_WORDS, MAX_NODES, NULL_WORDS, YAML11_BOOL_WORDS

# Bytes that never pass: control characters (tab and CR too), DEL, and the indicators named above.
_REFUSED_BYTES = bytes([*range(0x00, 0x0A), *range(0x0B, 0x20), 0x7F]) + b"\\*&!|>{}"
# YAML 1.1 line breaks and characters PyYAML refuses: C1 controls (U+0085 among them, found in
# the UTF-8 bytes), U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF (found at once in a text that has none
# beyond U+00FF, as most have).
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")
_REFUSED_WIDE = "\u2028\u2029\ufeff\ufffe\uffff"
_DOCUMENT_LINE = re.compile(r"\n(?:---|\.\.\.|%)")  # a directive or a document marker
# Values need one of these (see _most_nodes).
_COUNTED_BYTES = b":?-[,"
# Every byte but those: left out in one pass, so that what is left is quick to look at.
_NEITHER = bytes(sorted(set(range(256)) - set(_REFUSED_BYTES) - set(_COUNTED_BYTES)))

# A plain scalar both readers read alike although it is not text; followed by the end of the value.
_SAME_EITHER_WAY = r"(?:-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?|true|false|null)[ ]*(?:[\n,\]#]|\Z)"
# Every word that is not text to one of the readers (yaml_values defines them).
_WORDS = (*YAML11_BOOL_WORDS, *BOOL_WORDS, *NULL_WORDS)
_WORD = f"(?:{'|'.join(map(re.escape, _WORDS))})"
# A whole plain scalar that starts like a number or is a yes/no/null word: it has no space, and
# ends where a value ends (before a comment, a line break, or in a flow list ',', ']' or ':').
_END = r"[ ]*(?:[\n,\]:#]|\Z)"
# yaml_rs also reads digits with underscores in or before them as a number (`_1`, `-_1`, `1__2`).
_FIRST = "".join(sorted({word[0] for word in _WORDS}))
_DOUBTFUL = rf"(?=[-+._0-9{_FIRST}])(?!{_SAME_EITHER_WAY})(?:[-+]?[._0-9]\S*?|{_WORD}){_END}"
# Where a plain scalar can start, one search per first character (a literal first character keeps
# the search fast): after ': ' or '- ' (or on a later line), right after the colon of a quoted
# key ("a":1), and after '[' or ',' in a flow list.
_LATER_LINE = r"(?:[ ]*(?:#[^\n]*)?\n)*[ ]*"  # after the line break: blank and comment lines
_FLOW_GAP = r"(?:\s|#[^\n]*\n)*"
_DOUBTFUL_PLACES = tuple(re.compile(pattern) for pattern in (
    rf":(?: +|\n{_LATER_LINE}|(?<=[\"']:)){_DOUBTFUL}", rf"-(?: +|\n{_LATER_LINE}){_DOUBTFUL}",
    # PyYAML refuses a plain scalar that starts with '?' or ':' in a flow list; yaml_rs reads text.
    rf"\[{_FLOW_GAP}(?:[?:]|{_DOUBTFUL})", rf",{_FLOW_GAP}(?:[?:]|{_DOUBTFUL})",
    # PyYAML reads '?' before a space or a line break as the start of a complex key; yaml_rs may not.
    r"\?(?<=[ \n\[,]\?)(?=[ \n,\]]|\Z)",
))
# ... and after a value's comment, when the value is on a later line ('key: # note'): found from
# the '#', which is rare, and then looked back from for the ':' or '-' and spaces before it.
_COMMENT_THEN_DOUBTFUL = re.compile(rf"#[^\n]*\n{_LATER_LINE}{_DOUBTFUL}")


def read_clean(raw: bytes, text: str) -> dict[str, Any] | None:
    """The values of a file (its bytes and its text as read_yaml decodes it), or None when in doubt."""
    if not _text_is_plain(raw, text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:  # noqa: BLE001 - any failure: the exact reader says what is wrong
        return None
    return data if isinstance(data, dict) else None  # an empty file too: the exact way is quick


def _text_is_plain(raw: bytes, text: str) -> bool:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # read_yaml drops a leading byte order mark; one further on is refused
    kept = raw.translate(None, _NEITHER)
    if kept.translate(None, _COUNTED_BYTES):
        return False  # a refused byte
    if not raw.isascii() and (_C1_CONTROL.search(raw) or any(c in text for c in _REFUSED_WIDE)):
        return False
    if text.startswith(("%", "---", "...", "?")) or _DOCUMENT_LINE.search(text):
        return False
    if len(raw) > 2 * MAX_NODES and _most_nodes(kept) > MAX_NODES:
        return False  # perhaps too many values: the exact reader counts them
    if any(place.search(text) for place in _DOUBTFUL_PLACES):
        return False
    return not _doubtful_after_comment(text)


def _most_nodes(counted: bytes) -> int:
    """More than the values a file can have (at most one per two bytes, anyway), from its bytes
    among _COUNTED_BYTES: each value needs a ':' or '?' (in a mapping), a '-' (in a list), or a
    '[' or ',' (in a flow list)."""
    return (1 + 2 * counted.count(b":") + 2 * counted.count(b"?") + counted.count(b"-") + counted.count(b"[")
            + counted.count(b","))


def _doubtful_after_comment(text: str) -> bool:
    """Whether `[:-][ ]+#[^\n]*\n` and a doubtful value on a later line occur in the text."""
    found = _COMMENT_THEN_DOUBTFUL.search(text)
    while found is not None:
        start = before = found.start()
        while before > 0 and text[before - 1] == " ":
            before -= 1
        if 0 < before < start and text[before - 1] in ":-":
            return True
        found = _COMMENT_THEN_DOUBTFUL.search(text, start + 1)
    return False
