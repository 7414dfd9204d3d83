"""Pages rendered on two cores are the pages rendered on one, in the same order."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from generators.data import forking
from generators.site import render_parallel
from generators.checks.load import load_catalogue
from generators.site.render import render_pages

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def always_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_parallel, "MIN_ITEMS", 0)
    monkeypatch.setattr(forking, "can_fork", lambda: sys.platform.startswith("linux"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_work_is_shared_with_a_forked_process(always_fork: None) -> None:
    pids = render_parallel.map_forked(lambda _: os.getpid(), list(range(10)))
    assert len(set(pids)) == 2 and pids[0] == os.getpid()


def test_forked_pages_equal_pages_rendered_alone(always_fork: None, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = load_catalogue([ROOT / "data"])
    forked = render_pages(catalogue, repo_url="https://github.com/werkwijzer/werkwijzer", repo_root=ROOT)
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    alone = render_pages(catalogue, repo_url="https://github.com/werkwijzer/werkwijzer", repo_root=ROOT)
    assert [page.src_path for page in forked] == [page.src_path for page in alone]
    assert forked == alone
