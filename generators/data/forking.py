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
from typing import Any, Callable


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


class ForkedDied(Exception):
    """The forked copy ended without sending a result (it died, or its work raised)."""


class Forked:
    """A function running in a forked copy of this process; `result()` waits for what it returns."""

    def __init__(self, process: Any, receiving: Any) -> None:
        self._process, self._receiving = process, receiving

    def result(self) -> Any:
        try:
            return self._receiving.recv()
        except (EOFError, OSError) as error:
            raise ForkedDied from error
        finally:
            self._receiving.close()
            self._process.join()


def start(function: Callable[..., Any], *args: Any) -> Forked | None:
    """function(*args) in a forked copy (which shares all memory, nothing pickled); None if no copy
    could start. Only the result is pickled, to come back."""
    context = multiprocessing.get_context("fork")
    try:
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(target=_send_result, args=(sending, function, args), daemon=True)
        process.start()
    except OSError:
        return None
    sending.close()
    return Forked(process, receiving)


def _send_result(sending: Any, function: Callable[..., Any], args: tuple) -> None:
    try:
        result = function(*args)
    except BaseException:  # noqa: BLE001 - no traceback from the copy: the caller does the work itself
        os._exit(1)
    sending.send(result)
    sending.close()
