"""The baseline: stock MkDocs + Material building plain Markdown pages of the portal's shape.

For every page the portal renders, a page at the same path with the same number of bytes of
plain Markdown (headings, paragraphs, a list, a link to its section), and the same navigation
policy (section indexes in the navigation, single records not), so that the ratio of the two
build times shows what the portal's own machinery costs.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

TEMPLATE = Path(__file__).with_name("templates") / "baseline_mkdocs.yml"
WORDS = ("werk begeleiding traject antenne organisatie gemeente opleiding vacature leefloon "
         "tewerkstelling buurt dienst contact programma doelgroep sollicitatie taal stage "
         "werkgever ervaring ondersteuning aanvraag inschrijving").split()


def in_nav(src_path: str) -> bool:
    """Section indexes and top-level pages are in the navigation; single records are not."""
    parts = src_path.split("/")
    return len(parts) == 1 or (len(parts) == 2 and parts[1] == "index.md")


def page_text(size: int, title: str, rng: random.Random, has_index: bool) -> str:
    lines = [f"# {title}", ""]
    if has_index:
        lines += ["[Terug naar het overzicht](index.md)", ""]
    text = "\n".join(lines)
    while len(text.encode("utf-8")) < size:
        roll = rng.random()
        if roll < 0.15:
            block = f"\n## {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}\n"
        elif roll < 0.35:
            block = "\n" + "".join(f"- {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}\n" for _ in range(3))
        else:
            block = "\n" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + ".\n"
        text += block
    return text[:size] + "\n"


def write_baseline(shape: list[tuple[str, int]], root: Path, seed: int = 1) -> Path:
    """Write docs/ and mkdocs.yml under root; returns the config file."""
    rng = random.Random(seed)
    docs = root / "docs"
    paths = {src for src, _ in shape}
    for src, size in shape:
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        sibling_index = str(Path(src).parent / "index.md")
        has_index = "/" in src and sibling_index in paths and not src.endswith("index.md")
        target.write_text(page_text(size, Path(src).stem.replace("-", " ").capitalize(), rng, has_index), encoding="utf-8")
    if "index.md" not in paths:
        (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    nav = ["index.md", *sorted(src for src in paths if in_nav(src) and src != "index.md")]
    config = TEMPLATE.read_text(encoding="utf-8").replace("nav: NAV", "nav: " + json.dumps(nav))
    path = root / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path
