"""Run one command and measure it: wall time, and peak memory two ways.

`peak_mib` is what os.wait4 reports for the command: the largest resident size that the process,
or any one of the processes it started and waited for, reached. It does not add up processes
that run at the same time, such as a build and the Pagefind it starts. `tree_mib` does: the
largest sum, sampled every 0.1 s, of the proportional set size (PSS: shared pages split between
the processes that share them) of the command and all its descendants, i.e. the memory the
machine had to have for it.
"""

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
    tree_mib: float


class CommandFailed(RuntimeError):
    pass


TREE_SAMPLE_S = 0.1


def measure(command: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> Measured:
    """Wall time, the peak resident size os.wait4 reports, and the peak PSS of the process tree."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline, next_sample, tree_kib = start + timeout, start, 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            now = time.perf_counter()
            if now > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                raise CommandFailed(f"timed out after {timeout:.0f} s: {' '.join(command)}")
            if now >= next_sample:
                tree_kib, next_sample = max(tree_kib, tree_pss_kib(process.pid)), now + TREE_SAMPLE_S
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if process.returncode != 0:
        raise CommandFailed(f"exit {process.returncode}: {' '.join(command)}\n{output[-3000:]}")
    return Measured(seconds, usage.ru_maxrss / 1024, output, tree_kib / 1024)  # both in KiB on Linux


def tree_pss_kib(root: int) -> int:
    """The summed PSS of a running process and its descendants (Linux /proc); 0 where unreadable."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue  # ended between two reads
    return total


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
