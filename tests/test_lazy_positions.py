"""Positions kept only down to a record's fields give the same answers as positions of every path.

read_yaml keeps positions to EAGER_POSITION_DEPTH and works out deeper ones when a message asks
for one. Every message must still point where it did when every position was kept: these tests
compare the two for every path of real and synthetic data, and for paths that do not exist.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.data.diagnostics import Report
from generators.cli import main as cli_main
from generators.data.yamlsource import EAGER_POSITION_DEPTH, Document, _compose_exact, _compose_fast, _convert, read_yaml, read_yaml_fast

from .conftest import DATA, ROOT

VALID = sorted(DATA.glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.yaml"))


def fully_positioned(path: Path) -> Document:
    """The document as read when every position was kept."""
    text = path.read_text("utf-8")
    parsed, node = _compose_fast(text)
    if not parsed:  # the exact reader, as read_yaml falls back to it
        parsed, node = _compose_exact(text, str(path), Report())
    assert parsed
    document = Document(str(path))
    document.data = _convert(node, (), document, Report(), [0])
    return document


def every_question(full: Document) -> list[tuple[tuple, bool]]:
    """Each path the file has, as value and as key, and a missing child and index under each."""
    paths = set(full.positions) | set(full.key_positions)
    questions = []
    for path in sorted(paths, key=repr):
        questions += [(path, False), (path, True), (path + ("no-such-field",), False),
                      (path + ("no-such-field",), True), (path + (999,), False)]
    return questions


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("synth") / "data"
    assert cli_main(["synth", "--organisations", "40", "--seed", "5", str(folder)]) == 0
    return sorted(folder.glob("*.yaml"))


def assert_same_answers(path: Path) -> None:
    full = fully_positioned(path)
    for read in (read_yaml, read_yaml_fast):
        shallow = read(path.read_bytes(), str(path), Report())
        assert shallow is not None and shallow.data == full.data
        for question, key in every_question(full):
            assert shallow.locate(question, key=key) == full.locate(question, key=key), (read.__name__, question, key)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_lazy_positions_answer_as_full_positions_on_real_data(path: Path) -> None:
    assert_same_answers(path)


def test_lazy_positions_answer_as_full_positions_on_synthetic_data(synthetic: list[Path]) -> None:
    for path in synthetic:
        assert_same_answers(path)


def test_shallow_paths_need_no_second_reading(synthetic: list[Path]) -> None:
    path = next(p for p in synthetic if p.name.startswith("antennes"))
    document = read_yaml(path.read_bytes(), str(path), Report())
    assert document is not None and document.positions_depth == EAGER_POSITION_DEPTH
    document.locate(("antennes", 0, "id"))
    assert document.positions_depth == EAGER_POSITION_DEPTH
    document.locate(("antennes", 0, "address", "postal_code"))
    assert document.positions_depth is None  # completed on the first deeper question


def test_fast_read_paths_need_no_second_reading(synthetic: list[Path]) -> None:
    path = next(p for p in synthetic if p.name.startswith("antennes"))
    document = read_yaml_fast(path.read_bytes(), str(path), Report())
    assert document is not None and document.from_lines  # read fast: no positions kept at all
    document.locate(("antennes", 0))
    document.locate(("antennes", 3, "id"))
    document.locate(("antennes", 2, "name"), key=True)
    assert document.positions_depth is not None  # records and their fields: read off the lines
    document.locate(("antennes", 0, "address", "postal_code"))
    assert document.positions_depth is None  # completed on the first deeper question


BLOCK = """\
items:
  - id: a
    list: [x, "y", 3, {k: v}]
    nested:
      deeper:
        - {a: 1, b: [2, 3]}
        - text
    "quoted key": 'single'
  - id: b
"""


@settings(max_examples=200, deadline=None)
@given(cut=st.integers(0, len(BLOCK)), insert=st.sampled_from(["", " ", "  ", "\n", "- ", ": ", "x: 1\n", "# c\n", "[", "{"]))
def test_lazy_positions_answer_as_full_positions_on_edited_yaml(cut: int, insert: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    text = BLOCK[:cut] + insert + BLOCK[cut:]
    path = tmp_path_factory.mktemp("edit") / "file.yaml"
    path.write_text(text, "utf-8")
    parsed, node = _compose_fast(text)
    if not parsed or node is None:
        return  # not YAML, or empty: nothing to locate
    full = Document(str(path))
    report = Report()
    full.data = _convert(node, (), full, report, [0])
    document = read_yaml(text.encode(), str(path), Report())
    if document is None or report.items or full.hazards:
        return  # refused or flagged: read the exact way, with every position
    assert document.data == full.data
    for question, key in every_question(full):
        assert document.locate(question, key=key) == full.locate(question, key=key)
