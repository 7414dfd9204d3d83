"""`python -m generators fmt`: one canonical form, comments kept, meaning never changed."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from generators.data.diagnostics import Report
from generators.editing.fmt import FormatRefused, format_text
from generators.data.datafiles import data_files
from generators.data.yamlsource import read_yaml

ROOT = Path(__file__).resolve().parent.parent

HEADER = [
    "# yaml-language-server: $schema=../schemas/werkwijzer-data.schema.json",
    "# Antennes for the formatter's tests.",
]

# The canonical file as chunks: (top-level key, records); a record is a list of chunks, each the
# lines of one key with the comment lines above it. Full-line comments belong to what follows.
RECORDS = [
    [
        ["  # Rabot: the first antenne", "  - id: antenne-a"],
        ["    name: Antenne A  # named as on the slide"],
        ["    kind: werkantenne"],
        ["    operators: [stad-gent]"],
        ["    address:", "      street: Jozef II-straat", "      postal_code: \"9000\""],
        ["    opening_hours:",
         "      rules:",
         "        - days: [ma, di]",
         "          opens: \"09:00\"",
         "          closes: \"12:30\"",
         "      sources: [bron]"],
        ["    status: open"],
        ["    opened: \"2014-04\""],
        ["    # the source is a slide deck", "    sources: [bron]"],
    ],
    [
        ["", "  - id: antenne-b"],
        ["    name: Antenne B"],
        ["    kind: werkantenne"],
        ["    operators: [stad-gent]"],
        ["    description: >-", "      Een plek in de buurt waar je terechtkunt", "      met vragen over werk."],
        ["    status: voorgesteld"],
        ["    notes: \"no\""],
        ["    aliases: [\"0032\", Gewoon]"],
        ["    sources: [bron]"],
    ],
    [
        ["", "  # C: closed", "  - id: antenne-c"],
        ["    name: Antenne C"],
        ["    kind: werkwinkel"],
        ["    operators: [vdab]"],
        ["    status: gesloten"],
        ["    closed: \"2014\""],
        ["    sources: [bron]"],
    ],
]
SOURCES = [["  - id: bron"], ["    publisher: Stad Gent"], ["    title: Werkantennes"], ["    kind: presentatie"]]


def _join(parts: list[list[str]]) -> list[str]:
    return [line for part in parts for line in part]


def _canonical() -> str:
    lines = [*HEADER, "sources:", *_join(SOURCES), "", "# The places", "antennes:"]
    for record in RECORDS:
        lines += _join(record)
    return "\n".join(lines) + "\n"


def _shuffled(seed: int) -> str:
    """The same file with top-level lists, records and keys in another order, comments kept."""
    rng = random.Random(seed)
    records = []
    for record in RECORDS:
        first, rest = record[0], [list(chunk) for chunk in record[1:]]
        rng.shuffle(rest)
        # The list item's dash moves to whichever key now comes first.
        comments = list(first[:-1])
        key_line = "    " + first[-1].removeprefix("  - ")
        chunks = [[key_line], *rest]
        rng.shuffle(chunks)
        # A comment above the key on the dash line is the item's comment: keep that case out.
        plain = next(i for i, chunk in enumerate(chunks) if len(chunk) == 1 or not chunk[0].strip().startswith("#"))
        chunks[0], chunks[plain] = chunks[plain], chunks[0]
        chunks[0] = [*comments, *chunks[0]]
        head = chunks[0]
        index = next(i for i, line in enumerate(head) if line.strip() and not line.strip().startswith("#"))
        head[index] = "  - " + head[index].removeprefix("    ")
        records.append(_join(chunks))
    rng.shuffle(records)
    sources = [["    " + SOURCES[0][0].removeprefix("  - ")], *(list(chunk) for chunk in SOURCES[1:])]
    sources.reverse()
    sources[0][0] = "  - " + sources[0][0].removeprefix("    ")
    lines = [*HEADER, "", "# The places", "antennes:", *_join(records), "sources:", *_join(sources)]
    return "\n".join(lines) + "\n"


def test_a_shuffled_file_is_restored_to_the_canonical_bytes():
    canonical = _canonical()
    for seed in range(12):
        shuffled = _shuffled(seed)
        assert shuffled != canonical
        assert format_text(shuffled) == canonical, f"seed {seed}"


def test_the_canonical_file_stays_as_it_is():
    assert format_text(_canonical()) == _canonical()


def test_values_that_yaml_11_misreads_are_quoted_and_others_are_not():
    text = "\n".join([
        "organisations:",
        "  - id: org",
        "    name: 'OCMW Aalst'",
        "    short_name: \"no\"",
        "    kind: 'ocmw'",
        "    founded: 2014-04",
        "    phone: \"053 73 20 20\"",
        "    aliases: ['on', \"0032\", '1_000', plain, \"true\", '12']",
        "    sources: [bron]",
    ]) + "\n"
    result = format_text(text)
    assert "    name: OCMW Aalst\n" in result
    assert "    kind: ocmw\n" in result
    assert '    short_name: "no"\n' in result
    assert '    founded: "2014-04"\n' in result
    assert '    aliases: ["on", "0032", "1_000", plain, "true", "12"]\n' in result


def test_formatting_never_changes_what_the_validator_reads():
    original = _shuffled(3)
    before = read_yaml(original.encode(), "x", Report()).data
    after = read_yaml(format_text(original).encode(), "x", Report()).data
    assert _sorted_like_fmt(before) == after


def _sorted_like_fmt(data: dict) -> dict:
    from generators.editing.fmt import canonical_field_order
    from generators.data.model import DataFile, Antenne, OpeningHours, Source, Address, OpeningRule

    models = {"antennes": Antenne, "sources": Source}
    nested = {"address": Address, "opening_hours": OpeningHours}

    def order(mapping: dict, model) -> dict:
        keys = canonical_field_order(model)
        result = {}
        for key in keys:
            if key in mapping:
                value = mapping[key]
                if key in nested:
                    value = order(value, nested[key])
                if key == "rules":
                    value = [order(rule, OpeningRule) for rule in value]
                result[key] = value
        return result

    return {
        kind: sorted((order(record, models[kind]) for record in data[kind]), key=lambda r: r["id"])
        for kind in DataFile.model_fields if kind in data
    }


def test_it_refuses_a_file_with_a_syntax_error_and_says_where():
    broken = "antennes:\n  - id: a\n    name: A\n    name: B\n"
    with pytest.raises(FormatRefused) as refused:
        format_text(broken, "data/antennes.yaml")
    assert "data/antennes.yaml:4:5: error: antennes[0].name: duplicate key 'name'" in str(refused.value)


def test_check_lists_files_out_of_form_and_changes_nothing(tmp_path: Path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(_canonical(), encoding="utf-8")
    bad.write_text(_shuffled(1), encoding="utf-8")
    result = _fmt("--check", str(tmp_path))
    assert result.returncode == 1
    assert "bad.yaml" in result.stdout and "good.yaml" not in result.stdout
    assert bad.read_text(encoding="utf-8") == _shuffled(1)

    assert _fmt(str(tmp_path)).returncode == 0
    assert bad.read_text(encoding="utf-8") == _canonical()
    assert _fmt("--check", str(tmp_path)).returncode == 0


def test_the_command_refuses_a_broken_file_with_the_validator_message(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("antennes:\n\t- id: a\n", encoding="utf-8")
    result = _fmt(str(broken))
    assert result.returncode == 1
    assert "a tab character is not allowed" in result.stderr
    assert broken.read_text(encoding="utf-8") == "antennes:\n\t- id: a\n"


def _fmt(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generators", "fmt", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("path", data_files([ROOT / "data"]), ids=lambda p: p.name)
def test_the_repository_data_is_in_canonical_form(path: Path):
    text = path.read_text(encoding="utf-8")
    assert format_text(text, path.name) == text, (
        f"{path.name} is not in canonical form: run `python -m generators fmt`"
    )


@pytest.mark.parametrize("path", data_files([ROOT / "data"]), ids=lambda p: p.name)
def test_formatting_is_idempotent(path: Path):
    once = format_text(path.read_text(encoding="utf-8"), path.name)
    assert format_text(once, path.name) == once
