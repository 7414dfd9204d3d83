"""The MkDocs hook with bad data: `build` stops with the validator's messages, `serve` keeps going."""

from __future__ import annotations

import importlib.util
import logging
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from generators.engine import mkdocs_events  # the hook re-exports its events; the state lives here

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "render_catalogue.yaml"


def load_hook():
    """Load the hook file by its path, as MkDocs does."""
    spec = importlib.util.spec_from_file_location("werkwijzer_hook_under_test", ROOT / "generators" / "mkdocs_hook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def config():
    return SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), repo_url="https://github.com/werkwijzer/werkwijzer",
                           site_url="", use_directory_urls=True)


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / FIXTURE.name)
    monkeypatch.setenv("WERKWIJZER_DATA", str(folder))
    return folder / FIXTURE.name


def break_file(path: Path) -> None:
    path.write_text(path.read_text("utf-8").replace("    status: open\n", "    status: opne\n"), "utf-8")


def test_build_stops_on_bad_data_with_file_and_line(config, data: Path) -> None:
    hook = load_hook()
    hook.on_startup(command="build", dirty=False)
    break_file(data)
    with pytest.raises(PluginError) as stopped:
        hook.on_pre_build(config)
    assert "render_catalogue.yaml:" in str(stopped.value) and "'opne' is not allowed" in str(stopped.value)


def test_serve_logs_bad_data_and_keeps_the_last_good_pages(config, data: Path, caplog: pytest.LogCaptureFixture) -> None:
    hook = load_hook()
    hook.on_startup(command="serve", dirty=False)
    hook.on_pre_build(config)
    good = sorted(mkdocs_events._state["pages"])
    assert "antennes/werkantenne-nieuw.md" in good

    break_file(data)
    with caplog.at_level(logging.ERROR):
        hook.on_pre_build(config)  # no exception: the server stays up

    assert sorted(mkdocs_events._state["pages"]) == good
    assert "render_catalogue.yaml:" in caplog.text and "'opne' is not allowed" in caplog.text
