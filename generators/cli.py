"""Command line: `python -m generators COMMAND`.

Each command lives in its own module with two functions, `add_arguments(parser)` and
`run(args) -> exit code`; this table names them, so a command is imported only when it is used.
Exit codes: 0 fine (warnings allowed), 1 errors in the data, 2 wrong usage, 141 output cut off.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .data.diagnostics import DataError

EXIT_ERRORS = 1
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a tool that a closed pipe stopped

# name -> (module under generators/, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("checks.validate", "check the data files and report every mistake"),
    "fmt": ("editing.fmt", "write the data files in their one canonical form (--check: only list them)"),
    "docs": ("editing.docs_cmd", "regenerate the field reference in CONTRIBUTING.md (--check: only compare)"),
    "links": ("editing.links", "check the external links in the data and content/ (slow: the weekly workflow runs it)"),
    "new": ("editing.skeleton", "print an empty record of a kind, every field explained, to paste into a data file"),
    "schema": ("editing.schema", "write the JSON Schema of the data files from the models (--check: only compare)"),
    "export": ("exports.export_cmd", "write the open-data files (JSON, CSV, HSDS, GeoJSON, vCard) to a folder"),
    "render": ("site.render_cmd", "write the generated pages as Markdown files to a folder, for any site engine"),
    "synth": ("data.synth", "write synthetic data of any size, for benchmarks (nothing in it is true)"),
    "build": ("engine.build_cmd", "build the whole site into a folder with MkDocs or, --engine zensical, the second engine"),
}


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generators", description="Werkwijzer's data tools")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:  # import only the command that runs: validate stays fast and independent
            importlib.import_module(f"generators.{module}").add_arguments(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser(next((a for a in argv if not a.startswith("-")), None))
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits 2 on wrong usage, 0 for --help
        return int(stop.code or 0)
    module = importlib.import_module(f"generators.{COMMANDS[args.command][0]}")
    try:
        return module.run(args)
    except DataError as error:
        print(error.report.render("text"), file=sys.stderr)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped reading (`| head`): end quietly, as on SIGPIPE
        _stdout_to_nowhere()
        return EXIT_BROKEN_PIPE


def _stdout_to_nowhere() -> None:
    """Point standard output at /dev/null, so that flushing what is left at exit fails no more."""
    try:
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
        os.close(nowhere)
    except (OSError, ValueError, AttributeError):  # not a real file (captured): nothing to flush
        pass
