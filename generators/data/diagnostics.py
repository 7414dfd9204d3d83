"""Messages for editors: compiler-style, with file, line, column and field path, in three formats."""

from __future__ import annotations

import json
from typing import Iterable, Literal, NamedTuple

Severity = Literal["error", "warning"]
Path = tuple  # of str (mapping keys) and int (list indexes)


def format_path(path: Path) -> str:
    """('antennes', 3, 'address', 'postal_code') -> 'antennes[3].address.postal_code'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class Diagnostic(NamedTuple):
    """One message. A tuple: made, compared, sorted and pickled fast (25,000 at a time on large data)."""

    file: str
    line: int
    column: int
    severity: Severity
    field: str
    message: str

    def as_tuple(self) -> tuple[str, int, int, Severity, str, str]:
        """The fields in order, as Diagnostic(*...) takes them back: pickles and JSON fastest."""
        return tuple(self)  # type: ignore[return-value]

    def text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {self.severity}: {what}"

    def github(self) -> str:
        # Workflow commands: the message must escape %, CR and LF; properties also , and :
        def data(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(value: str) -> str:
            return data(value).replace(":", "%3A").replace(",", "%2C")

        title = prop(self.field or "werkwijzer")
        return (
            f"::{self.severity} file={prop(self.file)},line={self.line},col={self.column},"
            f"title={title}::{data(self.message)}"
        )


class Report:
    """Collects every diagnostic of a run, so that an editor sees all mistakes at once."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, file: str, line: int, column: int, field: str, message: str, severity: Severity = "error") -> None:
        self.items.append(Diagnostic(file, line, column, severity, field, message))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self.items.extend(items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        """Each message once, by file, line, column, severity, field and message (the tuple's order)."""
        return sorted(set(self.items))

    def render(self, fmt: str = "text") -> str:
        items = self.sorted()
        errors = sum(1 for d in items if d.severity == "error")
        warnings = sum(1 for d in items if d.severity == "warning")
        if fmt == "json":
            return json.dumps(
                {
                    "errors": errors,
                    "warnings": warnings,
                    "diagnostics": [d._asdict() for d in items],
                },
                ensure_ascii=False,
                indent=2,
            )
        if fmt == "github":
            return "\n".join(d.github() for d in items)
        lines = [d.text() for d in items]
        lines.append(f"{errors} error(s), {warnings} warning(s)")
        return "\n".join(lines)


class DataError(Exception):
    """Raised when the data has errors; carries the full report for the caller to show."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__("\n".join(d.text() for d in report.errors))
