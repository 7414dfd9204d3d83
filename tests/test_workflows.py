"""The GitHub workflows: hardened, and every command they run exists in this repository.

GitHub itself cannot run here; these tests read the workflow files as GitHub would, audit them
with zizmor (offline), and run the weekly link checker against a server on 127.0.0.1.
"""

from __future__ import annotations

import http.server
import re
import shlex
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generators.cli import COMMANDS
from generators.data.diagnostics import Report
from generators.editing.links import Link, Suppression, check_links, gather, links_in_markdown, read_suppressions, render_report
from generators.data.yamlsource import read_yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def _read(path: Path) -> dict:
    # yamlsource reads `on:` as the text "on"; YAML 1.1 readers would turn it into True.
    document = read_yaml(path.read_bytes(), path.name, Report())
    assert document is not None
    return document.data


def _jobs(path: Path) -> dict:
    return _read(path)["jobs"]


def _steps(path: Path):
    for job in _jobs(path).values():
        yield from job.get("steps", [])


def _uses_lines(path: Path) -> list[str]:
    return [line.split("uses:", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith(("uses:", "- uses:"))]


def test_there_are_the_three_workflows():
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "deploy.yml", "links.yml"]


def test_zizmor_finds_nothing():
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    result = subprocess.run([zizmor, "--offline", "--no-progress", "--persona", "auditor", "."],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout, result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_their_version(path: Path):
    uses = _uses_lines(path)
    assert uses
    for line in uses:
        assert PINNED.match(line), f"{path.name}: {line} is not pinned as owner/action@<40 hex> # vX.Y.Z"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_permission_unless_a_job_asks_for_it(path: Path):
    workflow = _read(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{name} must say which permissions it needs"
        granted = {k for k, v in job["permissions"].items() if v == "write"}
        allowed = {"pages", "id-token"} if (path.name, name) == ("deploy.yml", "deploy") else set()
        assert granted <= allowed, f"{path.name}:{name} may not write {granted - allowed}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_leaves_no_credentials_behind(path: Path):
    for step in _steps(path):
        if "actions/checkout@" in step.get("uses", ""):
            assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_runs_of_the_same_branch_do_not_pile_up(path: Path):
    assert _read(path)["concurrency"]["group"]


def test_pull_requests_from_forks_run_without_privileged_triggers():
    for path in WORKFLOWS:
        triggers = set(_read(path)["on"])
        assert not triggers & {"pull_request_target", "workflow_run"}, path.name
    assert "pull_request" in _read(ROOT / ".github/workflows/ci.yml")["on"]


def test_the_link_check_runs_weekly_and_only_in_the_real_repository():
    workflow = _read(ROOT / ".github/workflows/links.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert workflow["jobs"]["links"]["if"] == "github.repository == 'werkwijzer/werkwijzer'"


def test_the_tests_run_in_a_debian_image_pinned_by_digest():
    image = _jobs(ROOT / ".github/workflows/ci.yml")["tests"]["container"]["image"]
    assert re.fullmatch(r"debian:bookworm@sha256:[0-9a-f]{64}", image)


def test_ci_keeps_the_built_site_as_a_preview():
    steps = list(_steps(ROOT / ".github/workflows/ci.yml"))
    upload = next(s for s in steps if "actions/upload-artifact@" in s.get("uses", ""))
    assert upload["with"]["name"] == "voorbeeld-site" and upload["with"]["path"] == "site/"
    build = next(s["run"] for s in steps if "mkdocs build" in s.get("run", ""))
    assert "--strict" in build and "--no-directory-urls" in build and "--site-dir site" in build


# --- every command a workflow runs exists -----------------------------------------------------------

def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([A-Za-z0-9_.-]+):", text, re.MULTILINE)}


def _commands(path: Path):
    for step in _steps(path):
        for line in step.get("run", "").splitlines():
            if line.strip():
                yield line.strip()


def _check_command(line: str) -> str | None:
    """Why a command would fail for want of something in the repository, or None."""
    words = shlex.split(line)
    if words[:3] == ["python", "-m", "generators"]:
        return None if words[3] in COMMANDS else f"no command {words[3]!r} in generators/cli.py"
    if words[:3] == ["python", "-m", "mkdocs"]:
        return None if (ROOT / "mkdocs.yml").exists() else "no mkdocs.yml"
    if words[:3] == ["python", "-m", "pip"]:
        return None if (ROOT / "pyproject.toml").exists() else "no pyproject.toml"
    if words[0] == "make":
        missing = [t for t in words[1:] if not t.startswith("-") and t not in _make_targets()]
        return f"no make target {missing}" if missing else None
    if words[0] == "bash":
        return None if (ROOT / words[1]).is_file() else f"no file {words[1]}"
    if words[0] in ("apt-get",):
        return None
    return f"unknown command {words[0]!r}: teach this test what it needs"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_command_refers_to_something_that_exists(path: Path):
    problems = [f"{line}: {why}" for line in _commands(path) if (why := _check_command(line))]
    assert not problems, "\n".join(problems)


def test_the_command_check_would_notice_a_missing_command():
    assert _check_command("python -m generators publish") is not None
    assert _check_command("make deploy") is not None
    assert _check_command("bash .ci/nothing-here") is not None


# --- the weekly link check ------------------------------------------------------------------------

class _Site(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802 - http.server's naming
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self._answer(body=False)
            return
        self.end_headers()

    def do_GET(self):  # noqa: N802
        self._answer(body=True)

    def _answer(self, body: bool):
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path in ("/ok", "/no-head"):
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_link_check_reports_broken_links_with_where_they_are(local_site: str):
    links = gather([
        (f"{local_site}/ok", "data/sources.yaml:4"),
        (f"{local_site}/moved", "data/sources.yaml:9"),
        (f"{local_site}/no-head", "content/index.md:3"),
        (f"{local_site}/gone", "data/organisations.yaml:12"),
        (f"{local_site}/gone", "content/over.md:7"),
        (f"{local_site}/known-problem", "content/over.md:9"),
    ])
    ignore = [Suppression(url=f"{local_site}/known-*", reason="blocks robots; works in a browser")]
    outcomes = check_links(links, ignore, timeout=5, workers=2)
    broken = {o.link.url for o in outcomes if o.broken}
    assert broken == {f"{local_site}/gone"}
    report = render_report(outcomes)
    assert "5 links nagekeken. Werken niet: 1. Bewust overgeslagen: 1." in report
    assert "`data/organisations.yaml:12`<br>`content/over.md:7`" in report
    assert "HTTP 404 (niet gevonden)" in report
    assert "blocks robots; works in a browser" in report


def test_links_are_found_in_the_hand_written_pages(tmp_path: Path):
    (tmp_path / "page.md").write_text(
        "Zie [de stad](https://stad.gent/werk).\nOf <https://www.vdab.be>, en https://example.org/a_b.\n",
        encoding="utf-8")
    found = gather(links_in_markdown(tmp_path))
    assert [(link.url, [p.rsplit("/", 1)[-1] for p in link.places]) for link in found] == [
        ("https://example.org/a_b", ["page.md:2"]),
        ("https://stad.gent/werk", ["page.md:1"]),
        ("https://www.vdab.be", ["page.md:2"]),
    ]


def test_the_suppression_list_needs_a_reason_for_every_entry(tmp_path: Path):
    from generators.editing.links import BadSuppressionList

    assert read_suppressions(ROOT / ".github/link-check-ignore.yml") is not None
    bad = tmp_path / "ignore.yml"
    bad.write_text("ignore:\n  - url: https://stad.gent\n", encoding="utf-8")
    with pytest.raises(BadSuppressionList):
        read_suppressions(bad)
    assert Link("https://x.be").places == []
