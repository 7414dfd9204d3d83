"""`python -m generators links`: check the external links in the data and in content/*.md.

Slow and dependent on other people's servers, so it runs weekly in its own workflow, never on a
pull request. The report is Markdown for an editor (the workflow puts it in the job summary).
Links that fail for a known reason are listed in `.github/link-check-ignore.yml`, each with a
reason that the report repeats.
"""

from __future__ import annotations

import argparse
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import DATA_DIR
from ..data.catalogue import ALL_KINDS
from ..checks.load import load_catalogue
from ..data.diagnostics import Report
from ..data.datafiles import display_path
from ..data.yamlsource import read_yaml

IGNORE_FILE = Path(".github/link-check-ignore.yml")
CONTENT_DIR = Path("content")
TEMPLATES = Path(__file__).parent / "templates"
USER_AGENT = "Mozilla/5.0 (compatible; werkwijzer-link-check; +https://github.com/werkwijzer/werkwijzer)"
_URL_IN_TEXT = re.compile(r"https?://[^\s<>()\[\]\"'`]+")


# --- what to check ---------------------------------------------------------------------------

@dataclass
class Link:
    url: str
    places: list[str] = field(default_factory=list)  # "file:line" where the link is written


def _urls_in(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _urls_in(getattr(value, name), path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _urls_in(item, path + (index,))
    elif isinstance(value, str) and re.fullmatch(r"https?://\S+", value):
        yield path, value


def links_in_data(paths: Iterable[str | Path]) -> Iterator[tuple[str, str]]:
    """(url, "file:line") of every web address in a field of the data."""
    catalogue = load_catalogue(paths, Report())
    for kind in ALL_KINDS:
        for record in catalogue.records[kind]:
            origin = catalogue.origin(record)
            for subpath, url in _urls_in(record, ()):
                yield url, f"{origin.file}:{origin.locate(*subpath)[0]}"


def links_in_markdown(folder: Path) -> Iterator[tuple[str, str]]:
    """(url, "file:line") of every web address written in the hand-written pages."""
    for path in sorted(folder.rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in _URL_IN_TEXT.finditer(line):
                yield match.group().rstrip(".,;:!?*_"), f"{display_path(path)}:{number}"


def gather(found: Iterable[tuple[str, str]]) -> list[Link]:
    links: dict[str, Link] = {}
    for url, place in found:
        links.setdefault(url, Link(url)).places.append(place)
    return sorted(links.values(), key=lambda link: link.url)


# --- suppressions --------------------------------------------------------------------------------

class Suppression(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    url: str = Field(min_length=8, description="The link, or a prefix of links when it ends with *.")
    reason: str = Field(min_length=3, description="Why the checker may not report it.")

    def matches(self, url: str) -> bool:
        return url.startswith(self.url[:-1]) if self.url.endswith("*") else url == self.url


class SuppressionList(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    ignore: list[Suppression] = Field(default_factory=list)


class BadSuppressionList(Exception):
    pass


def read_suppressions(path: Path) -> list[Suppression]:
    if not path.exists():
        return []
    report = Report()
    document = read_yaml(path.read_bytes(), display_path(path), report)
    if document is None or report.errors:
        raise BadSuppressionList(report.render("text"))
    try:
        return SuppressionList.model_validate(document.data or {}).ignore
    except ValidationError as error:
        raise BadSuppressionList(f"{display_path(path)}: {error}") from None


# --- checking ----------------------------------------------------------------------------------

@dataclass
class Outcome:
    link: Link
    status: int | None = None
    problem: str | None = None
    reason_ignored: str | None = None

    @property
    def broken(self) -> bool:
        return self.problem is not None and self.reason_ignored is None


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_url(url: str, timeout: float = 20) -> tuple[int | None, str | None]:
    """(HTTP status, problem in words or None). Servers that refuse HEAD get a GET."""
    if not url.startswith(("https://", "http://")):
        return None, "geen webadres"
    try:
        status = _request(url, "HEAD", timeout)
        if status >= 400:
            status = _request(url, "GET", timeout)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, f"geen antwoord ({reason})"
    if status >= 400:
        return status, f"HTTP {status}" + (" (niet gevonden)" if status in (404, 410) else "")
    return status, None


def check_links(links: list[Link], suppressions: list[Suppression], timeout: float = 20, workers: int = 8) -> list[Outcome]:
    def one(link: Link) -> Outcome:
        status, problem = check_url(link.url, timeout)
        reason = next((s.reason for s in suppressions if s.matches(link.url)), None) if problem else None
        return Outcome(link, status, problem, reason)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, links))


def render_report(outcomes: list[Outcome]) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["cell"] = lambda text: " ".join(str(text).split()).replace("|", "\\|").replace("<", "&lt;")
    return env.get_template("link-report.md.j2").render(
        broken=[o for o in outcomes if o.broken],
        ignored=[o for o in outcomes if o.reason_ignored],
        total=len(outcomes),
        ignore_file=IGNORE_FILE.as_posix(),
    )


# --- command -----------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--summary", type=Path, help="append the Markdown report to this file (e.g. $GITHUB_STEP_SUMMARY)")
    parser.add_argument("--ignore-file", type=Path, default=IGNORE_FILE, help=f"suppression list (default: {IGNORE_FILE})")
    parser.add_argument("--timeout", type=float, default=20, help="seconds to wait for each server")
    parser.add_argument("--list", action="store_true", help="only list the links and where they are; check nothing")
    parser.add_argument("paths", nargs="*", help=f"data files or folders (default: {DATA_DIR}/)")


def run(args: argparse.Namespace) -> int:
    try:
        suppressions = read_suppressions(args.ignore_file)
    except BadSuppressionList as error:
        print(error)
        return 1
    links = gather([*links_in_data(args.paths or [DATA_DIR]), *links_in_markdown(CONTENT_DIR)])
    if args.list:
        for link in links:
            print(f"{link.url}  ({', '.join(link.places)})")
        return 0
    outcomes = check_links(links, suppressions, timeout=args.timeout)
    report = render_report(outcomes)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(report)
    print(report)
    return 1 if any(o.broken for o in outcomes) else 0
