"""`mkdocs serve` renders again only the pages an edit can change: after every kind of edit an
editor makes, those pages together with the ones kept must equal a full render of the new data."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from generators.checks.load import load_catalogue
from generators.site.render import Site
from generators.site.render_tracked import changes_between, render_tracked

ROOT = Path(__file__).resolve().parent.parent
SITE = Site("https://github.com/werkwijzer/werkwijzer", repo_root=ROOT)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth") / "data"
    subprocess.run([sys.executable, "-m", "generators", "synth", "--organisations", "15", "--seed", "3", str(folder)],
                   cwd=ROOT, check=True, capture_output=True)
    return folder


def _first_id(text: str) -> str:
    return re.search(r'- id: "([^"]+)"', text).group(1)


def rename_organisation(data: Path) -> None:
    path = data / "organisations.yaml"
    path.write_text(re.sub(r'(\n    name: "[^"]+)"', r'\1 (nieuw)"', path.read_text("utf-8"), count=1), "utf-8")


def shift_lines(data: Path) -> None:
    path = data / "organisations.yaml"
    path.write_text("# een opmerking bovenaan\n" + path.read_text("utf-8"), "utf-8")


def move_antenne_to_another_operator(data: Path) -> None:
    organisations = re.findall(r'\n  - id: "([^"]+)"', (data / "organisations.yaml").read_text("utf-8"))
    path = data / "antennes.yaml"
    text = path.read_text("utf-8")
    current = re.search(r'operators: \["([^"]+)"\]', text).group(1)
    other = next(org for org in organisations if org != current)
    path.write_text(text.replace(f'operators: ["{current}"]', f'operators: ["{other}"]', 1), "utf-8")


def move_antenne_to_another_municipality(data: Path) -> None:
    path = data / "antennes.yaml"
    text = path.read_text("utf-8")
    text = re.sub(r'postal_code: "\d{4}"', 'postal_code: "9000"', text, count=1)
    path.write_text(re.sub(r'area_served: \["[^"]+"\]', 'area_served: ["Gent"]', text, count=1), "utf-8")


def delete_programme(data: Path) -> None:
    path = data / "programmes.yaml"
    text = path.read_text("utf-8")
    victim = _first_id(text)
    blocks = re.split(r"(?=\n  - id: )", text)
    kept = [b for b in blocks if f'- id: "{victim}"' not in b]
    path.write_text("".join(kept), "utf-8")
    # Nothing may point at it any more.
    for other in data.glob("*.yaml"):
        content = other.read_text("utf-8")
        content = re.sub(rf'"{re.escape(victim)}", |, "{re.escape(victim)}"', "", content)
        other.write_text(content.replace(f'["{victim}"]', "[]"), "utf-8")


def add_organisation(data: Path) -> None:
    path = data / "organisations.yaml"
    text = path.read_text("utf-8")
    block = re.split(r"(?=\n  - id: )", text)[1]
    old_id = _first_id(block)
    copy = block.replace(f'id: "{old_id}"', 'id: "nieuwe-organisatie"', 1)
    copy = re.sub(r'name: "[^"]+"', 'name: "Nieuwe organisatie"', copy, count=1)
    copy = re.sub(r'\n    parent: "[^"]+"', "", copy)
    path.write_text(text.rstrip("\n") + copy.rstrip("\n") + "\n", "utf-8")


def change_glossary_definition(data: Path) -> None:
    path = data / "glossary.yaml"
    path.write_text(re.sub(r'definition: "', 'definition: "Kort gezegd: ', path.read_text("utf-8"), count=1), "utf-8")


def change_source_date(data: Path) -> None:
    path = data / "sources.yaml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r'date: "\d{4}-\d{2}-\d{2}"', 'date: "2026-11-01"', text, count=1), "utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "rename": rename_organisation, "lines shifted": shift_lines,
    "operator": move_antenne_to_another_operator, "municipality": move_antenne_to_another_municipality,
    "delete": delete_programme, "add": add_organisation, "glossary": change_glossary_definition,
    "source date": change_source_date,
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_incremental_render_equals_a_full_render(edit: str, synthetic: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(synthetic, data)
    before = load_catalogue([data])
    first = render_tracked(before, SITE)
    EDITS[edit](data)
    after = load_catalogue([data])
    incremental = render_tracked(after, SITE, first.tracked, changes_between(before, after))
    full = render_tracked(after, SITE)
    assert incremental.tracked.pages.keys() == full.tracked.pages.keys()
    stale = [path for path, page in full.tracked.pages.items() if incremental.tracked.pages[path] != page]
    assert stale == []
    assert incremental.changed_pages, "the edit changed nothing"
    # And it is worth it: most pages are kept. A glossary term may appear on any page; a record
    # that comes or goes changes the pages of all it points at, many at this small size.
    share = {"glossary": 1.01, "add": 0.8, "delete": 0.8}.get(edit, 0.5)
    assert len(incremental.changed_pages) < len(full.tracked.pages) * share, incremental.changed_pages
    removed = set(first.tracked.pages) - set(full.tracked.pages)
    assert set(incremental.removed_pages) == removed


def test_tracked_pages_equal_the_plain_render() -> None:
    from generators.site.render import render_pages  # noqa: PLC0415

    catalogue = load_catalogue([ROOT / "data"])
    plain = {page.src_path: page for page in render_pages(catalogue, repo_url=SITE.repo_url, repo_root=ROOT)}
    assert render_tracked(catalogue, SITE).tracked.pages == plain


def test_a_record_that_moves_to_another_part_of_a_list_is_linked_there(tmp_path: Path) -> None:
    """Renaming an organisation moves its contacts to the front of the contacts directory, which
    pushes others onto its next part: every page linking to those must follow."""
    data = tmp_path / "data"
    subprocess.run([sys.executable, "-m", "generators", "synth", "--organisations", "90", "--seed", "3", str(data)],
                   cwd=ROOT, check=True, capture_output=True)
    before = load_catalogue([data])
    first = render_tracked(before, SITE)
    assert "contacten/pagina/2.md" in first.tracked.pages
    last = max((o for o in before.organisations if any(c.organisation == o.id for c in before.contacts)),
               key=lambda o: o.name.casefold())
    path = next(p for p in data.glob("organisations*.yaml") if f'name: "{last.name}"' in p.read_text("utf-8"))
    path.write_text(path.read_text("utf-8").replace(f'name: "{last.name}"', 'name: "Aaa Eerste"', 1), "utf-8")
    after = load_catalogue([data])
    incremental = render_tracked(after, SITE, first.tracked, changes_between(before, after))
    full = render_tracked(after, SITE)
    assert first.tracked.placement != full.tracked.placement, "no contact changed part"
    stale = [path for path, page in full.tracked.pages.items() if incremental.tracked.pages[path] != page]
    assert stale == []
