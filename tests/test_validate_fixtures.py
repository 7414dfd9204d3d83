"""Every mistake an editor can make has a fixture and its exact expected messages.

`tests/fixtures/invalid/<field>_<reason>.yaml` is validated alone; its output must equal
`<field>_<reason>.expected` line for line, positions included. A fixture without an expectation
(or the reverse) fails the suite, so no case can be added half-done.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generators.cli import main

from .conftest import ROOT

INVALID = ROOT / "tests" / "fixtures" / "invalid"
VALID = ROOT / "tests" / "fixtures" / "valid"
FIXTURES = sorted(INVALID.glob("*.yaml"))


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["validate", *args])
    return code, capsys.readouterr().out


@pytest.fixture(autouse=True)
def _from_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Messages name files relative to the working folder, as an editor sees them.
    monkeypatch.chdir(ROOT)


def test_every_fixture_has_an_expectation_and_the_reverse() -> None:
    fixtures = {p.stem for p in INVALID.glob("*.yaml")}
    expectations = {p.stem for p in INVALID.glob("*.expected")}
    assert fixtures == expectations, (
        f"fixtures without expectation: {sorted(fixtures - expectations)}; "
        f"expectations without fixture: {sorted(expectations - fixtures)}"
    )
    assert len(fixtures) >= 40


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_invalid_fixture_gives_its_exact_messages(fixture: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate(capsys, fixture.relative_to(ROOT).as_posix())
    expected = fixture.with_suffix(".expected").read_text("utf-8")
    assert out == expected
    assert code == 1
    assert "Traceback" not in out


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_each_message_names_file_line_column_and_what_is_wrong(fixture: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = validate(capsys, "--format", "json", fixture.relative_to(ROOT).as_posix())
    report = json.loads(out)
    assert report["errors"] >= 1
    for item in report["diagnostics"]:
        assert item["file"] == fixture.relative_to(ROOT).as_posix()
        assert item["line"] >= 1 and item["column"] >= 1
        assert len(item["message"]) > 10


def test_valid_fixtures_pass(capsys: pytest.CaptureFixture[str]) -> None:
    for fixture in sorted(VALID.glob("*.yaml")):
        code, out = validate(capsys, fixture.relative_to(ROOT).as_posix())
        assert code == 0, out


def test_repository_data_has_no_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate(capsys)
    assert code == 0, out
    assert out.splitlines()[-1].startswith("0 error(s)")


def test_all_errors_of_all_files_in_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    a, b = INVALID / "postal_code_unknown.yaml", INVALID / "email_malformed.yaml"
    code, out = validate(capsys, a.relative_to(ROOT).as_posix(), b.relative_to(ROOT).as_posix())
    assert code == 1
    assert "9999 is not a Belgian postal code" in out
    assert "is not an e-mail address" in out


def test_github_format_is_workflow_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate(capsys, "--format", "github", "tests/fixtures/invalid/postal_code_unknown.yaml")
    assert code == 1
    assert out.strip() == (
        "::error file=tests/fixtures/invalid/postal_code_unknown.yaml,line=29,col=20,"
        "title=antennes[0].address.postal_code::9999 is not a Belgian postal code"
    )


def test_warnings_do_not_fail_validation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = (VALID / "minimal.yaml").read_text("utf-8").replace("last_checked: 2026-11-01", "last_checked: 2020-01-01")
    (tmp_path / "stale.yaml").write_text(stale, "utf-8")
    code, out = validate(capsys, str(tmp_path / "stale.yaml"))
    assert code == 0
    assert "warning: organisations[0].id: last checked 2020-01-01, more than 365 days ago" in out
    assert "0 error(s), 4 warning(s)" in out


def test_wrong_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "xml"]) == 2
    assert main(["no-such-command"]) == 2


def test_missing_path_is_a_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate(capsys, "data/does-not-exist.yaml")
    assert code == 1
    assert out.startswith("data/does-not-exist.yaml:1:1: error: cannot read the file")
