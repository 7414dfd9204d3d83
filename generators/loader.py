"""Load data files into typed records, turning every problem into a message with its position."""

from __future__ import annotations

import difflib
import multiprocessing
import os
import pickle
import tempfile
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from . import forking
from .diagnostics import Diagnostic, Path, Report, format_path
from .fields import explain
from .datafiles import display_path
from .filecache import FileCache, entry_of, loaded_from_entry
from .model import DataFile
from .yamlsource import Document, read_yaml, read_yaml_fast, text_of

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
            # read off the lines, and the file is half the size to hand back from a worker or cache.
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

# Below this much data, handing results back from a worker costs more than it saves (measured on
# 2 cores: slower at 2 MB, 8 % faster at 6.6 MB, 30 % at 66 MB).
PARALLEL_MIN_BYTES = 4_000_000
# Taking a file's results back from a worker costs this process this fraction of loading it.
TAKE_BACK_COST = 0.15


@dataclass
class _Job:
    """A file to load: where its results and messages go, its name in messages, its bytes."""

    index: int
    name: str
    raw: bytes
    key: str | None


@dataclass
class _Outcome:
    """A loaded file (None if it failed), its messages, and its cache entry if a worker wrote one."""

    loaded: Loaded | None
    messages: list[Diagnostic]
    entry: bytes | None = None


def load_files(paths: list[FsPath], report: Report, cache: FileCache | None = None) -> list[Loaded | None]:
    """Each file's records (None where it failed), in the order given, and every message in that order.

    Files the cache knows are not read again. The others are loaded here and, when there are many
    megabytes of them and more than one CPU, in worker processes at the same time.
    """
    results: list[Loaded | None] = [None] * len(paths)
    messages: list[list[Diagnostic]] = [[] for _ in paths]
    jobs: list[_Job] = []
    for index, path in enumerate(paths):
        name = display_path(path)
        own = Report()
        raw = read_file(path, name, own)
        messages[index] = own.items
        if raw is None:
            continue
        key = cache.key(name, raw) if cache is not None else None
        found = cache.get(key) if cache is not None and key is not None else None
        if found is not None:
            results[index] = _with_text(found, raw)
        else:
            jobs.append(_Job(index, name, raw, key))
    for job, outcome in zip(jobs, _load_jobs(jobs)):
        results[job.index] = None if outcome.loaded is None else _with_text(outcome.loaded, job.raw)
        messages[job.index] = outcome.messages
        if cache is not None and job.key is not None and outcome.loaded is not None and not outcome.messages:
            cache.put(job.key, outcome.loaded, outcome.entry)  # only a file without a single message
    for items in messages:
        report.extend(items)
    return results


def _with_text(loaded: Loaded, raw: bytes) -> Loaded:
    document = loaded[0]
    if document.text is None and document.positions_depth is not None:
        document.text = text_of(raw)  # cache entries leave the text out: it is the file itself
    return loaded


def _load_jobs(jobs: list[_Job]) -> list[_Outcome]:
    if not _worth_workers(jobs):
        return [_load_job(job.raw, job.name) for job in jobs]
    return _load_in_parallel(jobs, forking.usable_cpus() - 1)


def _worth_workers(jobs: list[_Job]) -> bool:
    """Many megabytes in several files, and a process that may fork (see forking.py)."""
    return len(jobs) > 1 and sum(len(job.raw) for job in jobs) >= PARALLEL_MIN_BYTES and forking.can_fork()


def _load_job(raw: bytes, name: str) -> _Outcome:
    """One file, with its own messages."""
    own = Report()
    return _Outcome(load_bytes(raw, name, own), own.items)


def _load_in_parallel(jobs: list[_Job], workers: int) -> list[_Outcome]:
    """The workers get the largest files, and this process the rest and taking back theirs.

    Each worker gets a share such that it ends when this process has loaded its own files and
    taken back the workers' results, which it does between its own files as they come. A worker
    writes its results to a file and sends back only the file's name: sent through the pool's
    pipe, megabytes of results would wait for this busy process to read them, and the worker
    with them. Whatever a worker cannot do (it could not start, or died) is done here:
    the same work gives the same answer.
    """
    outcomes: list[_Outcome | None] = [None] * len(jobs)
    largest_first = sorted(range(len(jobs)), key=lambda i: len(jobs[i].raw), reverse=True)
    # x each for the workers, the rest here: x = (1 - workers x) + TAKE_BACK_COST workers x.
    their_bytes = int(sum(len(job.raw) for job in jobs) * workers / (1 + workers * (1 - TAKE_BACK_COST)))
    running: dict[int, Future] = {}
    with tempfile.TemporaryDirectory(prefix="werkwijzer-load-") as folder:
        try:
            pool: ProcessPoolExecutor | None = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        except OSError:
            pool = None  # no processes to be had here (a sandbox, a limit)
        handed = 0
        for index in largest_first:
            if pool is None or handed >= their_bytes:
                break
            try:
                running[index] = pool.submit(_load_job_to_file, jobs[index].raw, jobs[index].name, folder)
                handed += len(jobs[index].raw)
            except (BrokenExecutor, OSError):
                pool = None
        waiting = dict(running)
        for index in reversed(largest_first):  # the smallest first: the workers started on the largest
            if index not in running:
                outcomes[index] = _load_job(jobs[index].raw, jobs[index].name)
                for done in [i for i, future in waiting.items() if future.done()]:
                    outcomes[done] = _outcome_or_load_here(waiting.pop(done), jobs[done])
        for index, future in waiting.items():
            outcomes[index] = _outcome_or_load_here(future, jobs[index])
        if pool is not None:
            pool.shutdown()
    return outcomes  # type: ignore[return-value]


def _load_job_to_file(raw: bytes, name: str, folder: str) -> tuple[bool, str]:
    """In a worker: load one file and write what comes back to a file, named in the answer.

    For a clean file that is its cache entry, which this process then stores as it is; for a
    file with messages, the whole outcome.
    """
    outcome = _load_job(raw, name)
    clean = outcome.loaded is not None and not outcome.messages
    handle, path = tempfile.mkstemp(dir=folder, suffix=".pickle")
    with os.fdopen(handle, "wb") as out:
        out.write(entry_of(outcome.loaded) if clean else pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))  # type: ignore[arg-type]
    return clean, path


def _outcome_or_load_here(future: Future, job: _Job) -> _Outcome:
    try:
        clean, path = future.result()
        with open(path, "rb") as written:
            payload = written.read()
        return _Outcome(loaded_from_entry(payload), [], payload) if clean else pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a worker that died: the same work here gives the same answer
        return _load_job(job.raw, job.name)


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
