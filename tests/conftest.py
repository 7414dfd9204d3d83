"""Shared fixtures: the repository's paths, and the site built once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# Builds and checks see a fixed day, so that ages and "new" lists do not change under the tests.
os.environ.setdefault("WERKWIJZER_TODAY", "2026-11-22")


def build_site(destination: Path, data_dir: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into a folder, optionally from another data folder."""
    env = {**os.environ, **(extra_env or {})}
    if data_dir is not None:
        env["WERKWIJZER_DATA"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The portal built from the repository's data, once per session."""
    destination = tmp_path_factory.mktemp("site")
    result = build_site(destination)
    assert result.returncode == 0, result.stdout + result.stderr
    return destination
