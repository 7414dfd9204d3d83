"""The fast reader gives exactly what the exact reader gives, or hands the file over to it.

fastyaml reads a file with yaml_rs only when cheap checks of its text pass; recordlines reads the
positions of records and their fields off the lines. A file the fast reader passes must read to
the same values (the same types too: 1 is not 1.0 is not True), with no message and no YAML 1.1
hazard from the exact reader, and every position asked for must be the one the exact reader
gives. These tests generate YAML of every troublesome shape, and mutate it, to find a difference.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generators.data import fastyaml
from generators.cli import main as cli_main
from generators.data.diagnostics import Report
from generators.data.loader import load_bytes
from generators.data.model import DataFile
from generators.data.yamlsource import Document, _compose_exact, _compose_fast, _convert, read_yaml, read_yaml_fast, text_of


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (True is not 1, 1 is not 1.0, -0.0 is not 0.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float):
        return repr(a) == repr(b) or (math.isnan(a) and math.isnan(b))
    return a == b


def has_key_other_than_text(value: Any) -> bool:
    if isinstance(value, dict):
        return any(not isinstance(k, str) or has_key_other_than_text(v) for k, v in value.items())
    return isinstance(value, list) and any(has_key_other_than_text(v) for v in value)


def fully_positioned(text: str) -> Document:
    parsed, node = _compose_fast(text)
    if not parsed:
        parsed, node = _compose_exact(text, "f.yaml", Report())
    document = Document("f.yaml")
    document.data = _convert(node, (), document, Report(), [0])
    return document


def questions(full: Document) -> list[tuple[tuple, bool]]:
    paths = set(full.positions) | set(full.key_positions)
    asked = []
    for path in sorted(paths, key=repr):
        asked += [(path, False), (path, True), (path + ("no-such-field",), True), (path + (999,), False)]
    return asked


def assert_fast_is_exact(text: str) -> bool:
    """Compare the two readers on one text; True when the fast reader took it."""
    raw = text.encode("utf-8")
    try:
        decoded = text_of(raw)
    except UnicodeDecodeError:
        return False
    fast = fastyaml.read_clean(raw, decoded)
    if fast is None:
        return False
    if has_key_other_than_text(fast):
        # The one thing the fast reader may read otherwise (`1:` is the number 1 to it): the data
        # model refuses such a key, and the loader then reads the file the exact way.
        with pytest.raises(ValidationError):
            DataFile.model_validate(fast if isinstance(fast, dict) else {})
        return False
    report = Report()
    exact = read_yaml(raw, "f.yaml", report)
    assert exact is not None and not report.items, f"fast reader passed a file the exact reader refuses: {report.items}"
    assert not exact.hazards, f"fast reader passed a file with YAML 1.1 hazards: {exact.hazards}"
    assert same(fast, exact.data), (fast, exact.data)
    document = read_yaml_fast(raw, "f.yaml", Report())
    assert document is not None and document.from_lines
    full = fully_positioned(decoded)
    for path, key in questions(full):
        assert document.locate(path, key=key) == full.locate(path, key=key), (path, key)
    return True


# --- generated YAML ------------------------------------------------------------------------------

HAZARDOUS = [
    "yes", "no", "on", "off", "y", "n", "Y", "N", "Yes", "NO", "On", "OFF", "true", "True", "TRUE", "false",
    "False", "null", "Null", "NULL", "~", "0", "-0", "12", "+12", "-12", "0032", "08", "1_000", "0x1F", "0o17",
    "0b101", "1.5", "-1.5", "1.", ".5", "+.5", "1e3", "1E3", "1.5e3", "-0.0", "01.5", ".inf", "-.inf", ".NaN",
    "12:30", "13:30:15", "1:20", "190:20:30.15", "2024-01-15", "2024-01-15T12:00:00Z", "123456789012345",
    "1234567890123456789", "3.141592653589793238", "=", "<<", "-", "--", "-a", "?a", ":a", "a:b", "a#b",
    "werkantenne-rabot", "OCMW Gent", "it's", "x y", "09 267 75 72", "+32 9 267 75 72", "ma", "é", "’",
]
PLAIN = st.sampled_from(HAZARDOUS) | st.text(st.sampled_from("ab09:-.#, '\"_+é"), min_size=1, max_size=6)


def scalar(value: str, style: str) -> str:
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return value


# Mostly what a clean file has: quoted text, plain words and plain numbers both read alike; and
# now and then anything from HAZARDOUS, so that the fast reader has something to refuse.
CLEANISH = st.sampled_from(["OCMW Gent", "werkantenne-rabot", "it's", "x y", "ma", "é", "12", "-3", "1.5", "0",
                            "true", "false", "null", "a:b", "a#b", "-a", "09 267 75 72"])
PLAIN = st.one_of(CLEANISH, CLEANISH, CLEANISH, st.sampled_from(HAZARDOUS),
                  st.text(st.sampled_from("ab09:-.#, '\"_+é"), min_size=1, max_size=6))
SCALAR = st.builds(scalar, PLAIN, st.sampled_from(["plain", "plain", "double", "single"]))
FLOW = st.lists(SCALAR, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
KEY = st.sampled_from(["id", "name", "kind", "notes", "address", "k", "no", "on", "1", "true", "x y", '"name"', "'kind'"])


@st.composite
def record(draw: st.DrawFn, indent: int) -> list[str]:
    """A record as lines: '- key: value' then more keys, values of every style."""
    dash = " " * indent + "-" + " " * draw(st.integers(1, 3))
    column = len(dash)
    lines = []
    for number, key in enumerate(draw(st.lists(KEY, min_size=1, max_size=4, unique=True))):
        kind = draw(st.sampled_from(["scalar"] * 4 + ["flow", "flow", "empty", "mapping", "list", "indentless",
                                                      "comment", "continued", "quoted-lines", "block"]))
        head = dash if number == 0 else " " * column
        if kind == "scalar":
            lines.append(f"{head}{key}:{' ' * draw(st.integers(1, 3))}{draw(SCALAR)}")
        elif kind == "flow":
            lines.append(f"{head}{key}: {draw(FLOW)}")
        elif kind == "empty":
            lines.append(f"{head}{key}:")
        elif kind == "comment":
            lines += [f"{head}{key}: # note", " " * (column + 2) + draw(SCALAR)]
        elif kind == "mapping":
            lines += [f"{head}{key}:", "", " " * column + "  # inside", " " * (column + 2) + f"a: {draw(SCALAR)}"]
        elif kind == "list":
            lines += [f"{head}{key}:", " " * (column + 2) + f"- {draw(SCALAR)}", " " * (column + 2) + f"- {draw(SCALAR)}"]
        elif kind == "indentless":
            lines += [f"{head}{key}:", " " * column + f"- {draw(SCALAR)}"]
        elif kind == "continued":
            lines += [f"{head}{key}: {draw(PLAIN)}", " " * (column + draw(st.integers(0, 3))) + draw(PLAIN)]
        elif kind == "quoted-lines":
            lines += [f'{head}{key}: "{draw(PLAIN)}', " " * (column + draw(st.integers(0, 3))) + draw(PLAIN) + '"']
        else:
            lines += [f"{head}{key}: {draw(st.sampled_from(['|', '>', '|-', '>+']))}", " " * (column + 2) + draw(PLAIN)]
    return lines


@st.composite
def document(draw: st.DrawFn) -> str:
    lines = [draw(st.sampled_from(["", "# header"] * 4 + ["\ufeff# header", "---", "%YAML 1.2\n---"]))]
    kinds = st.sampled_from(["antennes", "sources", "contacts", "antennes", "sources", "no", "1"])
    for kind in draw(st.lists(kinds, min_size=1, max_size=3, unique=True)):
        if draw(st.booleans()):
            lines.append(f"{kind}: {draw(st.sampled_from(['[]', '[ ]', '# none', draw(SCALAR)]))}")
            continue
        lines.append(f"{kind}:")
        indent = draw(st.sampled_from([0, 2, 4]))
        for _ in range(draw(st.integers(0, 3))):
            lines += draw(record(indent))
            if draw(st.booleans()):
                lines.append(draw(st.sampled_from(["", "  # between", "#"])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


SNIPPETS = ["", " ", "\n", "\t", "\r", "- ", ": ", "#", " #", "*a", "&a ", "!!str ", "!x ", "|", ">", "{", "}", "[",
            "]", ",", "'", '"', "\\", "\\n", "\\x41", "\x85", "\u2028", "\ufeff", "\x00", "\x1f", "\x7f", "?", "---\n",
            "...\n", "%", "yes", "0", "01", ":30", ".5", "~", "<<: ", "  ", "\n  ", "\n- ", "\nx: 1\n"]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
@example("antennes:\n  - id: a\n    name: b\n")
@example("antennes:\n- id: a\n  name:\n  kind: 0032\n")
@example('antennes:\n  - id: a\n    name: "x\n  - id: y"\n')
@example("\nantennes:\n- id: _0\n")
def test_generated_yaml_reads_the_same_or_is_handed_over(text: str) -> None:
    assert_fast_is_exact(text)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(), st.data())
def test_mutated_yaml_reads_the_same_or_is_handed_over(text: str, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 3))):
        cut = data.draw(st.integers(0, len(text)))
        text = text[:cut] + data.draw(st.sampled_from(SNIPPETS)) + text[cut:]
    assert_fast_is_exact(text)


@pytest.mark.parametrize("value, same_either_way", [
    ("12", True), ("-3", True), ("1.5", True), ("-0.0", True), ("true", True), ("false", True), ("null", True),
    ("0032", False), ("1_000", False), ("0x1F", False), ("1.", False), ("1e3", False), ("+12", False),
    ("yes", False), ("no", False), ("On", False), ("~", False), ("True", False), ("12:30", False), (".inf", False),
    ("_0", False), ("-_1", False), ("_1.5", False), ("__9000", False),  # numbers to yaml_rs, text to PyYAML
])
def test_plain_scalars_that_could_read_differently_are_handed_over(value: str, same_either_way: bool) -> None:
    for text in (f"a: {value}\n", f"a:\n- {value}\n", f"a: [x, {value}]\n", f"a:\n  {value}\n", f"a: [\n  {value}]\n"):
        assert (fastyaml.read_clean(text.encode(), text) is not None) is same_either_way, text
        assert_fast_is_exact(text)
    quoted = f'a: "{value}"\n'
    assert fastyaml.read_clean(quoted.encode(), quoted) == {"a": value}  # quoted: text to both, taken


@pytest.mark.parametrize("text", [
    "a: *x\n", "a: &x 1\n", "a: !!str 1\n", "a: !x b\n", "a: |\n  b\n", "a: >\n  b\n", "a: {b: 1}\n", "a: 1\na: 2\n",
    "a: b\tc\n", "a: 'b\\c'\n", "a: b\x85c\n", "a: b\u2028c\n", "a: b\ufeffc\n", "a: b\x01\n", "---\na: 1\n",
    "%YAML 1.2\n---\na: 1\n", "a: 1\n...\n", "- a\n", "a\n", "", "# only a comment\n", "a: b\r\n",
])
def test_what_the_readers_may_read_differently_is_handed_over(text: str) -> None:
    assert fastyaml.read_clean(text.encode(), text) is None


def test_a_file_with_too_many_values_is_handed_over() -> None:
    text = "a: [" + ",".join(["1"] * 200_001) + "]\n"
    assert fastyaml.read_clean(text.encode(), text) is None
    report = Report()
    assert read_yaml_fast(text.encode(), "f.yaml", report) is None
    assert "more than 200000 values" in report.items[0].message


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("synth") / "data"
    assert cli_main(["synth", "--organisations", "60", "--seed", "3", str(folder)]) == 0
    return sorted(folder.glob("*.yaml"))


def test_synthetic_data_is_read_fast_and_positioned_as_before(synthetic: list[Path]) -> None:
    for path in synthetic:
        assert assert_fast_is_exact(path.read_text("utf-8")), path.name


def test_typed_records_give_the_same_positions(synthetic: list[Path]) -> None:
    # Once loaded, the values are dropped and the typed records stand in for them.
    for path in synthetic:
        text = path.read_text("utf-8")
        loaded = load_bytes(text.encode(), "f.yaml", Report())
        assert loaded is not None and loaded[0].data is None
        full = fully_positioned(text)
        for question, key in questions(full):
            assert loaded[0].locate(question, key=key) == full.locate(question, key=key), (path.name, question, key)
