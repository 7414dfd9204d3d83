"""Generated pages set into Material's page once per folder (page_shell.py) are byte for byte the
pages Material's template renders for each, on the repository's data and with an attack in
every text field (titles, edit links and headings come from the data)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generators.engine import page_shell

from .conftest import DATA, ROOT
from .test_site_html import attacked_copy


def built(monkeypatch: pytest.MonkeyPatch, data: Path, site: Path, shells: bool) -> dict[tuple, bool]:
    """Build in this process; give the shells made, each with whether it could be cut."""
    made: dict[tuple, bool] = {}
    cut = page_shell.PageShells._cut

    def counted(self, values, page, **kwargs):
        pieces = cut(self, values, page, **kwargs)
        made[(page.url, *kwargs.values())] = pieces is not None
        return pieces

    monkeypatch.setattr(page_shell, "ENABLED", shells)
    monkeypatch.setattr(page_shell.PageShells, "_cut", counted)
    monkeypatch.setenv("WERKWIJZER_DATA", str(data))
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True))
    return made


def html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html") if "pagefind" not in p.parts}


@pytest.mark.parametrize("attacked", [False, True], ids=["repository", "attacked"])
def test_pages_in_a_shell_equal_pages_rendered_one_by_one(attacked: bool, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    data = DATA
    if attacked:
        attacked_copy(DATA, tmp_path / "data")
        data = tmp_path / "data"
    made = built(monkeypatch, data, tmp_path / "shell", shells=True)
    assert made and all(made.values()), f"folders rendered one by one: {[k for k, ok in made.items() if not ok]}"
    # Pages with headings; with an edit link where the data lies in the repository.
    assert {(has_toc, has_edit) for _, has_toc, has_edit in made} >= {(True, not attacked)}
    assert not built(monkeypatch, data, tmp_path / "plain", shells=False)
    shell, plain = html_files(tmp_path / "shell"), html_files(tmp_path / "plain")
    assert shell.keys() == plain.keys()
    differ = [path for path in shell if shell[path] != plain[path]]
    assert not differ, f"{len(differ)} pages differ, e.g. {differ[:3]}"
