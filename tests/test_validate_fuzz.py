"""Whatever an editor does to a data file, the validator answers with messages, never a traceback.

Hypothesis takes the repository's real data files and corrupts them the way hands in a web editor
do: lines deleted, duplicated, swapped or re-indented, stray characters, YAML 1.1 surprises,
tags, aliases, bytes that are not UTF-8, files cut short.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.checks.load import load_catalogue
from generators.data.diagnostics import DataError, Report

from .conftest import DATA

DATA_FILES = sorted(DATA.glob("*.yaml"))
TOKENS = [
    ":", ": ", "- ", "-", "\t", "  ", "#", "&a ", "*a", "<<: *a", "!!python/object:os.system", "!x ",
    "'", '"', "[", "]", "{", "}", "|", ">-", "---", "...", "?", "%YAML 1.1", "@", "`",
    "yes", "no", "on", "off", "ja", "nee", "13:30", "0032", "0174", "1e3", ".inf", "~", "null",
    "2026-02-31", "9999", "javascript:alert(1)", "<script>alert(1)</script>", "é", "\u2028",
    "\x00", "\x1b", "\ufeff", "adress", "id", "sources", "[]", "{}", "-1", "999999999999999999999",
]


@st.composite
def corrupted(draw: st.DrawFn) -> tuple[Path, bytes]:
    path = draw(st.sampled_from(DATA_FILES))
    lines = path.read_text("utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "insert", "replace-value", "truncate"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "indent":
            lines[at] = " " * draw(st.integers(0, 9)) + lines[at].lstrip(" ")
        elif action == "insert":
            column = draw(st.integers(0, len(lines[at])))
            token = draw(st.sampled_from(TOKENS) | st.text(max_size=8))
            lines[at] = lines[at][:column] + token + lines[at][column:]
        elif action == "replace-value":
            token = draw(st.sampled_from(TOKENS) | st.text(max_size=12))
            value = ": " + token.replace("\n", " ")
            lines[at] = re.sub(r":\s.*$", lambda _: value, lines[at].rstrip("\n")) + "\n"  # a token is not a pattern
        else:
            lines = lines[:at]
    raw = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=3)) + raw[at:]
    return path, raw


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=corrupted())
def test_corrupted_data_gives_messages_never_a_traceback(case: tuple[Path, bytes], tmp_path_factory) -> None:
    original, raw = case
    folder = tmp_path_factory.mktemp("data")
    for path in DATA_FILES:
        shutil.copy(path, folder / path.name)
    (folder / original.name).write_bytes(raw)
    report = Report()
    try:
        load_catalogue([folder], report)
    except DataError as error:
        assert error.report.errors
    for item in report.items:
        assert item.file.endswith(".yaml")
        assert item.line >= 1 and item.column >= 1
        assert item.message and "Traceback" not in item.message
        assert "\n" not in item.text()
