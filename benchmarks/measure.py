"""Run one command and measure it: wall time and the peak memory of that process alone."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generators.site.render_links import SECTIONS
from generators.site.render_paging import PARTS_FOLDER


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mib: float
    output: str


class CommandFailed(RuntimeError):
    pass


def measure(command: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> Measured:
    """Wall time and peak resident memory (os.wait4 reports that child's own maximum)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                raise CommandFailed(f"timed out after {timeout:.0f} s: {' '.join(command)}")
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if process.returncode != 0:
        raise CommandFailed(f"exit {process.returncode}: {' '.join(command)}\n{output[-3000:]}")
    return Measured(seconds, usage.ru_maxrss / 1024, output)  # ru_maxrss is in KiB on Linux


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under a folder."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            count += 1
    return total, count




def page_sizes(site: Path) -> dict:
    """The largest HTML page (bytes and path) and the median size of a record's own page."""
    largest, largest_path, entity = 0, "", []
    for path in site.rglob("*.html"):
        size = path.stat().st_size
        if size > largest:
            largest, largest_path = size, path.relative_to(site).as_posix()
        parts = path.relative_to(site).parts
        if len(parts) == 3 and parts[0] in SECTIONS.values() and parts[1] != PARTS_FOLDER:  # a record's own page
            entity.append(size)
    entity.sort()
    return {"largest_page_bytes": largest, "largest_page": largest_path,
            "entity_page_bytes": entity[len(entity) // 2] if entity else None}
