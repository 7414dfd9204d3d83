"""Whether this process may share work with forked copies of itself.

Forking shares everything loaded without copying or pickling it. It is safe on Linux only (macOS'
system libraries break in a forked child), worth it only with a spare CPU, and never with other
threads running (mkdocs serve): one of them could hold a lock that the child then waits on for
ever. Spawning instead would run the caller's main script again, so such a process works alone.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading


def can_fork() -> bool:
    return (sys.platform.startswith("linux") and usable_cpus() > 1 and other_threads() == 0
            and "fork" in multiprocessing.get_all_start_methods())


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def other_threads() -> int:
    return threading.active_count() - 1
