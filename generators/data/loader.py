"""Load data files into typed records, turning every problem into a message with its position."""

from __future__ import annotations

import difflib
from pathlib import Path as FsPath
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from .diagnostics import Path, Report, format_path
from .fields import explain
from .datafiles import display_path
from .filecache import FileCache
from .model import DataFile
from .yamlsource import Document, read_yaml, read_yaml_fast


def load_file(path: FsPath, report: Report) -> tuple[Document, DataFile] | None:
    name = display_path(path)
    raw = read_file(path, name, report)
    return None if raw is None else load_bytes(raw, name, report)


def read_file(path: FsPath, name: str, report: Report) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as error:
        report.add(name, 1, 1, "", f"cannot read the file: {error.strerror or error}")
        return None


def load_bytes(raw: bytes, name: str, report: Report) -> tuple[Document, DataFile] | None:
    """A file's records from its bytes; on any problem, messages in the report and None."""
    document = read_yaml_fast(raw, name, report)
    if document is not None and document.from_lines:
        try:
            parsed = DataFile.model_validate(document.data)
        except ValidationError:
            document = read_yaml(raw, name, report)  # to say what is wrong, exactly as before
        else:
            # Nothing reads the values again: the records stand in for them where positions are
            # read off the lines, and the file takes half the memory.
            document.typed, document.data = parsed, None
            return document, parsed
    if document is None:
        return None
    if not isinstance(document.data, dict):
        report.add(name, 1, 1, "", "expected a mapping at the top (for example 'antennes:' followed by a list)")
        return None
    try:
        parsed = DataFile.model_validate(document.data)
    except ValidationError as error:
        error_paths = _report_validation(error, document, report)
        _report_hazards(document, report, skip=error_paths)
        return None
    _report_hazards(document, report, skip=set())
    return document, parsed


# --- many files ----------------------------------------------------------------------------------

Loaded = tuple[Document, DataFile]


def load_files(paths: list[FsPath], report: Report, cache: FileCache | None = None) -> list[Loaded | None]:
    """Each file's records (None where it failed), in the order given, and every message in that order.

    Files the cache knows are not read again; a file that loads without a single message is
    remembered in it.
    """
    results: list[Loaded | None] = []
    for path in paths:
        name = display_path(path)
        raw = read_file(path, name, report)
        if raw is None:
            results.append(None)
            continue
        key = cache.key(name, raw) if cache is not None else ""
        loaded = cache.get(key) if cache is not None else None
        if loaded is None:
            own = Report()
            loaded = load_bytes(raw, name, own)
            report.extend(own.items)
            if cache is not None and loaded is not None and not own.items:
                cache.put(key, loaded)  # only a file without a single message
        results.append(loaded)
    return results


def _report_hazards(document: Document, report: Report, skip: set[Path]) -> None:
    # A value the model took as text, but that YAML 1.1 tools would read as something else.
    for path, hazard in document.hazards.items():
        if path in skip:
            continue
        line, column = document.locate(path)
        value = _value_at(document.data, path)
        report.add(document.path, line, column, format_path(path), f"{hazard}; write it in quotes: \"{value}\"")


def _value_at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _data_path(data: Any, loc: tuple) -> Path:
    """The part of a pydantic error location that exists in the data (drops union branch names)."""
    path: list = []
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(data, dict) and isinstance(part, str):
            path.append(part)  # a missing or unknown key: keep it, it is what the message is about
            break
        else:
            break
        path.append(part)
    return tuple(path)


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the field at a location, to list its allowed fields."""
    model: Any = DataFile
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return None
        model = _inner_model(field.annotation)
        if model is None:
            return None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def nearest(word: str, choices: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def _message(error: dict, data_path: Path) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "werkwijzer":
        return error["msg"]
    if kind == "missing":
        if data_path[-2:-1] == ("person",) and data_path[-1] == "basis":
            return "a named person needs a recorded basis for publishing the name (basis: ...); otherwise give only the function"
        return "is required but missing"
    if kind == "extra_forbidden":
        model = _model_at(tuple(error["loc"]))
        allowed = sorted(model.model_fields) if model else []
        hint = nearest(str(data_path[-1]), allowed)
        text = f"unknown field {data_path[-1]!r}"
        if hint:
            text += f": did you mean {hint!r}?"
        return text + (f" Allowed here: {', '.join(allowed)}" if allowed else "")
    if kind == "string_type":
        extra = " (put it in quotes if you mean it as text)" if isinstance(value, (int, float, bool)) else ""
        return f"expected text, got {_describe(value)}{extra}"
    if kind == "bool_type":
        return f"expected true or false, got {_describe(value)}"
    if kind in ("int_type", "float_type", "int_from_float", "int_parsing", "float_parsing"):
        return f"expected a number, got {_describe(value)}"
    if kind in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        return f"expected a date YYYY-MM-DD, got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), got {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {_describe(value)}"
    if kind == "literal_error":
        allowed = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in allowed.replace(" or ", ", ").split(",")]
        hint = nearest(str(value), options) if isinstance(value, str) else None
        suggestion = f": did you mean {hint!r}?" if hint else "."
        return f"{_describe(value)} is not allowed{suggestion} Expected one of: {', '.join(options)}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        word = "at least" if kind == "greater_than_equal" else "at most"
        return f"{_describe(value)} is out of range: it must be {word} {bound}"
    return error["msg"]


def _report_validation(error: ValidationError, document: Document, report: Report) -> set[Path]:
    seen: set[tuple[Path, str]] = set()
    paths: set[Path] = set()
    # A value the fast way refused is explained by the exact validators (fields.NativeFirst).
    for item in map(explain, error.errors(include_url=False)):
        loc = tuple(item["loc"])
        path = _data_path(document.data, loc)
        message = _message(item, path)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        paths.add(path)
        is_key = item["type"] in ("extra_forbidden",)
        line, column = document.locate(path, key=is_key)
        report.add(document.path, line, column, format_path(path), message)
    return paths
