"""Command line: `python -m generators COMMAND`.

Each command lives in its own module with two functions, `add_arguments(parser)` and
`run(args) -> exit code`; this table names them, so a command is imported only when it is used.
Exit codes: 0 fine (warnings allowed), 1 errors in the data, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .diagnostics import DataError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

# name -> (module under generators/, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("validate", "check the data files and report every mistake"),
    "synth": ("synth", "write synthetic data of any size, for benchmarks (nothing in it is true)"),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generators", description="Werkwijzer's data tools")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(f"generators.{module}").add_arguments(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
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
