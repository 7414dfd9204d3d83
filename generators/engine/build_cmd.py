"""`python -m generators build [--engine mkdocs|zensical] [--data DIR] OUT`: build the whole site into OUT.

Why a second engine: MkDocs 1.x is no longer maintained, so the portal must not depend on it.
Zensical (by Material's authors) reads mkdocs.yml and Material's templates, but runs no hooks,
so this module does beforehand what generators/mkdocs_hook.py does during an MkDocs build. It
assembles a build folder next to OUT (Zensical wants the docs and site folders below its config)

    docs/        content/ without overrides/, the rendered pages, the open-data files and page,
                 and the home page with its list of what is new;
    overrides/   the theme overrides that Zensical's templates can use (LEFT_OUT says which not);
    mkdocs.yml   the site's mkdocs.yml without `hooks:` and `watch:`, pointing at the above;

runs `zensical build --strict` there and puts the site in OUT. Two differences from MkDocs are
made up for here:

- Zensical resolves every relative link against the page's source file, in raw HTML too
  (zensical/zensical#258); MkDocs leaves raw HTML alone. Generated pages carry links relative to
  their URL (organisaties/x.md is served at organisaties/x/), so the links of pages not named
  index.md are rebased onto their source folder first (`rebased`).
- Zensical makes every page's edit link from `edit_uri` and the source path; for generated pages
  that file does not exist. Their links are pointed at the YAML file of their record, as the
  hook does, or removed (`_point_edit_links_at_data`).

Search is Zensical's own (search.json, built by Zensical), not Pagefind: Pagefind indexes the
Zensical site fine, but Zensical's search dialog cannot read the answers of the site's Pagefind
worker (tried: it fails reading `prev` of undefined; it expects paged results), so no Pagefind
index is built.

`--engine mkdocs` (the default) checks the data the same way, then runs `mkdocs build --strict`.
Either engine builds into a scratch folder next to OUT, which replaces OUT only when the build
succeeded: a failed build leaves the last good site as it was.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .. import DATA_DIR
from ..checks.load import load_catalogue
from ..data.diagnostics import DataError
from ..exports import build_exports, open_data_page
from ..exports.page import PAGE as OPEN_DATA_PAGE
from ..site.render import EDIT_BRANCH, NEWS_MARKER, render_news, render_pages
from ..site.render_links import url_of

EXIT_ERRORS, EXIT_USAGE = 1, 2  # as in cli.py
HOME_PAGE = "index.md"
DOCS, OVERRIDES, SITE = "docs", "overrides", "site"
OVERRIDES_IN_CONTENT = "overrides"  # theme.custom_dir of mkdocs.yml, relative to docs_dir
# Only for MkDocs: the hook, and the folders `mkdocs serve` watches.
DROPPED_SETTINGS = ("hooks", "watch")
# Overrides that Zensical's templates cannot use; the others are used as in the MkDocs build.
LEFT_OUT = {
    "main.html": "its config block sends search to the Pagefind worker, which Zensical's dialog cannot read; "
                 "its Content-Security-Policy forbids the inline script and styles of Zensical's templates",
    "partials/search.html": "a copy of Material 9.8's search form; Zensical's dialog starts from a button",
    "werkwijzer_shell.html": "Material's page rendered once per folder (page_shell.py): needs the hook's werkwijzer_shell",
}
LINK = re.compile(r'\b(href|src)="([^"]*)"')
TRACEBACK = "Traceback (most recent call last):"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT", help="folder to write the site into (replaced whole)")
    parser.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                        help="mkdocs: the site's own build (default); zensical: the second engine")
    parser.add_argument("--data", default=os.environ.get("WERKWIJZER_DATA") or DATA_DIR,
                        help=f"data folder (default: $WERKWIJZER_DATA or {DATA_DIR}/)")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")


def run(args: argparse.Namespace) -> int:
    out, root = args.out.resolve(), args.config_file.resolve().parent
    if root.is_relative_to(out) or Path(args.data).resolve().is_relative_to(out):
        print(f"error: {args.out} holds the repository or the data; name a folder for the site only", file=sys.stderr)
        return EXIT_USAGE
    if args.engine == "zensical" and importlib.util.find_spec("zensical") is None:
        print("error: Zensical is not installed: .venv/bin/pip install zensical", file=sys.stderr)
        return EXIT_USAGE
    try:
        catalogue = load_catalogue([args.data])
    except DataError as error:
        # Only the errors: the warnings about old facts would bury them (`validate` lists all).
        errors = error.report.errors
        print(*(diagnostic.text() for diagnostic in errors), sep="\n", file=sys.stderr)
        print(f"error: the data has {len(errors)} error(s); the site was not built and {args.out} was left as it was",
              file=sys.stderr)
        return EXIT_ERRORS
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out.parent) as scratch:
        project = Path(scratch)
        built = (_build_with_zensical(catalogue, args.config_file, root, project) if args.engine == "zensical"
                 else _build_with_mkdocs(args, project / SITE))
        if not built:
            print(f"error: {args.engine} could not build the site; {args.out} was left as it was", file=sys.stderr)
            return EXIT_ERRORS
        _replace(project / SITE, out)
    print(f"site built with {args.engine} into {args.out}")
    return 0


def _build_with_mkdocs(args: argparse.Namespace, site: Path) -> bool:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(args.config_file), "-d", str(site)]
    # The hook loads the data again (mkdocs_hook._data_dir), from the same folder.
    env = {**os.environ, "WERKWIJZER_DATA": str(Path(args.data).resolve())}
    return subprocess.run(command, env=env).returncode == 0


def _build_with_zensical(catalogue, config_file: Path, root: Path, project: Path) -> bool:
    config = yaml.safe_load(config_file.read_text("utf-8"))
    generated = _assemble(catalogue, config, root, project)
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(project / "mkdocs.yml")],
                            cwd=project, capture_output=True, text=True)
    # Zensical ends a failed --strict build with a Python traceback: its last line says enough.
    before, traceback, after = result.stderr.partition(TRACEBACK)
    sys.stdout.write(result.stdout)
    sys.stderr.write(before + ((after.strip().splitlines() or [""])[-1] + "\n" if traceback else ""))
    if result.returncode != 0:
        return False
    _point_edit_links_at_data(project / SITE, generated, config)
    return True


def _assemble(catalogue, config: dict, root: Path, project: Path) -> dict[str, str | None]:
    """Write the build folder; return the generated pages, each with the data file it shows."""
    content = root / config.get("docs_dir", "docs")
    docs = project / DOCS
    shutil.copytree(content, docs, ignore=lambda folder, _: [OVERRIDES_IN_CONTENT] if Path(folder) == content else [])
    overrides = content / OVERRIDES_IN_CONTENT
    shutil.copytree(overrides, project / OVERRIDES, ignore=lambda folder, names: [
        name for name in names if (Path(folder) / name).relative_to(overrides).as_posix() in LEFT_OUT])

    pages = render_pages(catalogue, repo_url=config.get("repo_url") or "", edit_branch=EDIT_BRANCH,
                         site_url=config.get("site_url") or "", repo_root=root)
    exports = build_exports(catalogue)
    files: dict[str, str | bytes] = {page.src_path: rebased(page.markdown, page.src_path) for page in pages}
    files[OPEN_DATA_PAGE] = rebased(open_data_page(catalogue, exports), OPEN_DATA_PAGE)
    files.update(exports)
    home = (content / HOME_PAGE).read_text("utf-8")
    files[HOME_PAGE] = home.replace(NEWS_MARKER, render_news(catalogue, use_directory_urls=True))
    for path, text in files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    derived = {key: value for key, value in config.items() if key not in DROPPED_SETTINGS}
    # classic: Material's look, which content/assets/stylesheets/ were written for.
    derived.update(docs_dir=DOCS, site_dir=SITE, use_directory_urls=True,
                   theme={**config["theme"], "custom_dir": OVERRIDES, "variant": "classic"})
    (project / "mkdocs.yml").write_text(yaml.safe_dump(derived, allow_unicode=True, sort_keys=False), "utf-8")
    return {OPEN_DATA_PAGE: None} | {page.src_path: page.edit_path for page in pages}


def rebased(markdown: str, src_path: str) -> str:
    """The page with its relative links made relative to its source file instead of its URL.

    organisaties/x.md links to `../../gemeenten/gent/` from its URL organisaties/x/; Zensical
    reads that from organisaties/, so it becomes `../gemeenten/gent/`. index.md pages are served
    from their own folder: nothing changes.
    """
    if posixpath.basename(src_path) == HOME_PAGE:
        return markdown
    url_folder, source_folder = url_of(src_path), posixpath.dirname(src_path) or "."

    def rebase(match: re.Match) -> str:
        attribute, href = match.groups()
        path = urlsplit(href).path
        if not path or path.startswith("/") or urlsplit(href).scheme or href.startswith("//"):
            return match.group(0)
        target = posixpath.relpath(posixpath.normpath(posixpath.join(url_folder, path)), source_folder)
        return f'{attribute}="{target}{"/" if path.endswith("/") else ""}{href[len(path):]}"'

    return LINK.sub(rebase, markdown)


def _point_edit_links_at_data(site: Path, generated: dict[str, str | None], config: dict) -> None:
    repo, edit_uri = (config.get("repo_url") or "").rstrip("/"), (config.get("edit_uri") or "").strip("/")
    if not repo or not edit_uri or edit_uri.startswith("https://"):
        return
    for src_path, edit_path in generated.items():
        built = site / url_of(src_path) / "index.html"
        html = built.read_text("utf-8")
        wrong = f"{repo}/{edit_uri}/{src_path}"
        if edit_path:
            fixed = html.replace(f'href="{wrong}"', f'href="{repo}/edit/{EDIT_BRANCH}/{edit_path}"')
        else:  # a list of many records: no one file to edit, so no link (MkDocs gives none either)
            fixed = re.sub(rf'<a href="{re.escape(wrong)}"[^>]*>.*?</a>', "", html, flags=re.DOTALL)
        if fixed != html:
            built.write_text(fixed, "utf-8")


def _replace(new: Path, out: Path) -> None:
    """Put the new site in place of the old one (both on the same file system)."""
    old = new.with_name("old-site")
    if out.exists():
        out.rename(old)
    new.rename(out)
