"""`validate` split over two processes says exactly what it says in one, in every format.

On much data, this process and a forked copy each load and check part of the files
(generators/checks/validate_split.py). Here the split is forced on small data, with the files shared out
so that records and the sources they cite land in different parts; its output must equal the
whole way's, whether the data is fine, has mistakes in single records or across files (a
reference, a duplicate id, a parent chain), or has files that do not load.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.data import forking
from generators.checks import validate_split
from generators.cli import main

from .test_validate_fuzz import TOKENS

INVALID = Path(__file__).resolve().parent / "fixtures" / "invalid"
FORMATS = ("text", "json", "github")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@pytest.fixture(autouse=True)
def small_data_splits(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Threads other tests left behind would forbid forking; the copy here touches none of their locks.
    monkeypatch.setattr(forking, "can_fork", lambda: True)
    monkeypatch.setattr(validate_split, "SPLIT_MIN_BYTES", 0)
    monkeypatch.setenv("WERKWIJZER_TODAY", "2026-11-22")
    monkeypatch.chdir(tmp_path)


@pytest.fixture()
def sources_apart(monkeypatch: pytest.MonkeyPatch) -> list:
    """Files whose name starts with "sources" go to the copy, all others stay here; each split
    (this process's files, the copy's) is recorded."""
    splits: list = []
    found: list = []
    data_files = validate_split.data_files
    monkeypatch.setattr(validate_split, "data_files", lambda paths: found.append(data_files(paths)) or found[-1])

    def shares(sizes: list[int]) -> tuple[list[int], list[int]]:
        theirs = [i for i, path in enumerate(found[-1]) if path.name.startswith("sources")]
        mine = [i for i in range(len(sizes)) if i not in theirs]
        splits.append(([found[-1][i] for i in mine], [found[-1][i] for i in theirs]))
        return mine, theirs

    monkeypatch.setattr(validate_split, "_shares", shares)
    return splits


def synthetic(folder: Path, organisations: int = 40) -> Path:
    assert main(["synth", "--organisations", str(organisations), "--seed", "3", str(folder)]) == 0
    return folder


def outputs(capsys: pytest.CaptureFixture[str], folder: Path) -> dict[str, tuple[int, str]]:
    capsys.readouterr()
    found = {fmt: (main(["validate", "--no-cache", "--format", fmt, str(folder)]), capsys.readouterr().out)
             for fmt in FORMATS}
    assert "Traceback" not in capsys.readouterr().err
    return found


def whole_way(capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    with monkeypatch.context() as m:
        m.setattr(validate_split, "validate_split", lambda paths, report: False)
        return outputs(capsys, folder)


def split_as_whole(capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Validate split, which must say it all itself, in every format just as the whole way; the
    exit code and text."""
    with monkeypatch.context() as m:
        said = spy_on_split(m)
        split = outputs(capsys, folder)
    assert said == [True, True, True]
    assert split == whole_way(capsys, folder, monkeypatch)
    return split["text"]


def test_fine_data_split_says_what_the_whole_way_says(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch, sources_apart: list) -> None:
    folder = synthetic(tmp_path / "data")
    code, text = split_as_whole(capsys, folder, monkeypatch)
    assert sources_apart and all(theirs and mine for mine, theirs in sources_apart)  # it really split
    assert code == 0 and "warning: " in text  # stale records: their age comes from the other part's sources


def test_mistakes_in_records_split_say_what_the_whole_way_says(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch, sources_apart: list) -> None:
    folder = synthetic(tmp_path / "data")
    edit(folder / "sources.yaml", r'\n    date: "\d{4}', '\n    date: "2099')  # in the copy; cited here
    edit(folder / "antennes.yaml", r'last_checked: "\d{4}', 'last_checked: "2099')
    edit(folder / "antennes.yaml", r'area_served: \["', 'area_served: ["Nergensdorp", "')
    edit(folder / "antennes.yaml", r'closes: "\d\d:\d\d"', 'closes: "06:00"')
    edit(folder / "antennes.yaml", r'email: "[a-z-]+@', 'email: "jan.peeters@')
    code, text = split_as_whole(capsys, folder, monkeypatch)
    assert code == 1 and text.count(": error: ") >= 5
    for mistake in ("2099", "Nergensdorp", "06:00", "jan.peeters@"):
        assert mistake in text


@pytest.mark.parametrize("mistake", ["duplicate source", "duplicate organisation", "unknown operator",
                                     "unknown source", "parent loop"])
def test_mistakes_across_files_split_say_what_the_whole_way_says(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch, sources_apart: list,
                                                                 mistake: str) -> None:
    folder = synthetic(tmp_path / "data")
    if mistake == "duplicate source":  # first in the copy, again here
        first = re.search(r'- id: "([^"]+)"', (folder / "sources.yaml").read_text("utf-8")).group(1)  # type: ignore[union-attr]
        (folder / "zz-more.yaml").write_text(f'sources:\n  - id: "{first}"\n    publisher: "Stad Gent"\n'
                                             '    title: "Nog een bron"\n    date: "2026-01-15"\n    kind: "presentatie"\n')
    elif mistake == "duplicate organisation":  # first here, again in the copy
        organisations = (folder / "organisations.yaml").read_text("utf-8")
        first = organisations.split("\n  - ", 2)[1]
        (folder / "sources-more.yaml").write_text("organisations:\n  - " + first + "\n", "utf-8")
    elif mistake == "unknown operator":
        edit(folder / "antennes.yaml", r'operators: \["', 'operators: ["bestaat-niet", "')
    elif mistake == "unknown source":  # cited here, missing in the copy's sources
        edit(folder / "antennes.yaml", r'\n    sources: \["', '\n    sources: ["bron-bestaat-niet", "')
    else:  # an organisation that is its own parent
        edit(folder / "organisations.yaml", r'(- id: "([^"]+)"(?:\n    [^\n]*)*?\n    parent: )"[^"]+"', r'\1"\2"')
    code, text = split_as_whole(capsys, folder, monkeypatch)  # the split itself says it
    assert code == 1 and ": error: " in text


def test_a_file_that_does_not_load_stops_the_rules_as_the_whole_way_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sources_apart: list) -> None:
    folder = synthetic(tmp_path / "data")
    shutil.copy(INVALID / "closed_before-opened.yaml", folder / "zz-rule.yaml")  # a rule's mistake
    shutil.copy(INVALID / "name_missing.yaml", folder / "zz-load.yaml")  # a mistake that stops loading
    (folder / "sources-unreadable.yaml").write_bytes(b"sources:\n  - id: \xff\n")  # not UTF-8, in the copy
    code, text = split_as_whole(capsys, folder, monkeypatch)
    assert code == 1 and "sources-unreadable.yaml:2:" in text and "zz-load.yaml" in text
    assert "zz-rule.yaml" not in text  # no rule runs while a file does not load


def test_a_copy_that_dies_costs_only_time(tmp_path: Path, capfd: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = synthetic(tmp_path / "data")
    shutil.copy(INVALID / "closed_before-opened.yaml", folder / "zz-rule.yaml")
    expected = whole_way(capfd, folder, monkeypatch)  # type: ignore[arg-type]
    original = validate_split._check_part
    parent = os.getpid()
    monkeypatch.setattr(validate_split, "_check_part",
                        lambda files, names, exchange: original(files, names, exchange) if os.getpid() == parent else os._exit(3))
    assert outputs(capfd, folder) == expected  # type: ignore[arg-type]


def test_the_real_split_shares_out_the_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = synthetic(tmp_path / "data", organisations=60)
    splits = []
    original = validate_split._shares
    monkeypatch.setattr(validate_split, "_shares", lambda sizes: splits.append((sizes, original(sizes))) or splits[-1][1])
    split = outputs(capsys, folder)
    assert split == whole_way(capsys, folder, monkeypatch)
    sizes, (mine, theirs) = splits[0]
    assert mine and theirs and sorted(mine + theirs) == list(range(len(sizes)))
    copied = sum(sizes[i] for i in theirs) / sum(sizes)
    assert abs(copied - validate_split.COPY_SHARE) < max(sizes) / sum(sizes)


def test_a_file_named_twice_is_validated_the_whole_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = synthetic(tmp_path / "data")
    capsys.readouterr()
    code = main(["validate", "--no-cache", str(folder), str(folder / "sources.yaml")])
    assert code == 1 and "duplicate id" in capsys.readouterr().out


def test_the_command_splits_large_data_and_prints_every_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = synthetic(tmp_path / "data", organisations=700)
    assert sum(f.stat().st_size for f in folder.glob("*.yaml")) >= validate_split.SPLIT_MIN_BYTES  # splits for real
    edit(folder / "antennes.yaml", r'last_checked: "\d{4}', 'last_checked: "2099')
    command = [sys.executable, "-m", "generators", "validate", "--no-cache", str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == whole_way(capsys, folder, monkeypatch)["text"]
    assert result.stderr == ""


def test_output_cut_off_by_the_reader_ends_quietly(tmp_path: Path) -> None:
    folder = synthetic(tmp_path / "data", organisations=300)
    command = [sys.executable, "-m", "generators", "validate", "--no-cache", str(folder)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        assert ": warning: " in process.stdout.readline()  # type: ignore[union-attr]
        process.stdout.close()  # type: ignore[union-attr]  # as `| head -1` does
        assert process.wait(timeout=120) == 141
        assert process.stderr.read() == ""  # type: ignore[union-attr]


def edit(path: Path, pattern: str, replacement: str) -> None:
    """Replace the first match of a pattern in a file, which must have one."""
    text, count = re.subn(pattern, replacement, path.read_text("utf-8"), count=1)
    assert count == 1, (path, pattern)
    path.write_text(text, "utf-8")


def spy_on_split(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the split said it all (True) or left it to the whole way, each time."""
    answers: list[bool] = []
    original = validate_split.validate_split
    monkeypatch.setattr(validate_split, "validate_split",
                        lambda paths, report: answers.append(original(paths, report)) or answers[-1])
    return answers


@pytest.fixture(scope="module")
def synthetic_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("synthetic")
    subprocess.run([sys.executable, "-m", "generators", "synth", "--organisations", "25", "--seed", "4", str(folder)],
                   check=True, capture_output=True)
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.yaml"))}


@st.composite
def edited(draw: st.DrawFn, files: dict[str, bytes]) -> dict[str, bytes]:
    """The files after a few edits an editor (or an attacker) might make: first some that keep
    every file readable but cross files (an id used twice, a reference to another or no record),
    then perhaps some that break a file."""
    texts = {name: raw.decode("utf-8") for name, raw in files.items()}
    ids = sorted(set(re.findall(r'- id: "([^"]+)"', "".join(texts.values()))))
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(sorted(texts)))
        records = re.findall(r"(?m)^  - [^\n]*\n(?:    [^\n]*\n)*", texts[name])
        top = re.match(r"(?:#[^\n]*\n)*([a-z_]+:\n)", texts[name])
        if draw(st.booleans()) and records and top:  # a record copied into a new file
            texts[f"zz-{len(texts)}.yaml"] = top.group(1) + draw(st.sampled_from(records))
        else:  # a quoted id in a list now names another record, or none
            target = draw(st.sampled_from(ids) | st.just("bestaat-niet"))
            texts[name] = re.sub(r'\["[a-z0-9-]+"', lambda _: f'["{target}"', texts[name], count=1)
    for _ in range(draw(st.integers(0, 2))):
        name = draw(st.sampled_from(sorted(texts)))
        lines = texts[name].splitlines(keepends=True)
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "move", "insert", "replace-value"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "move":  # a line to another file
            other = draw(st.sampled_from(sorted(texts)))
            texts[other] += lines.pop(at)
        elif action == "insert":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(st.sampled_from(TOKENS)) + lines[at][column:]
        else:
            value = ": " + draw(st.sampled_from(TOKENS) | st.text(max_size=10)).replace("\n", " ")
            lines[at] = re.sub(r":\s.*$", lambda _: value, lines[at].rstrip("\n")) + "\n"
        texts[name] = "".join(lines)
    return {name: text.encode("utf-8", "surrogatepass") for name, text in texts.items()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_edited_data_split_anyhow_says_what_the_whole_way_says(data: st.DataObject, synthetic_files: dict[str, bytes],
                                                                tmp_path_factory: pytest.TempPathFactory,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    files = data.draw(edited(synthetic_files))
    folder = tmp_path_factory.mktemp("edited")
    for name, raw in files.items():
        (folder / name).write_bytes(raw)
    theirs = data.draw(st.sets(st.integers(0, len(files) - 1), min_size=1, max_size=len(files) - 1))
    with monkeypatch.context() as m:
        m.setattr(validate_split, "_shares", lambda sizes: ([i for i in range(len(sizes)) if i not in theirs], sorted(theirs)))
        said = spy_on_split(m)
        capsys.readouterr()
        split = main(["validate", "--no-cache", str(folder)]), capsys.readouterr()
    assert said == [True]
    whole = whole_way(capsys, folder, monkeypatch)["text"]
    assert (split[0], split[1].out) == whole
    assert "Traceback" not in split[1].err
