"""Render pages on every core: a forked copy of the process renders half of them meanwhile.

Forking shares the loaded catalogue and the compiled templates without copying or pickling them;
only the finished pages come back. Where this process may not fork (forking.py) or the work is
small, the pages render in this process alone, with the same result.
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

from ..data import forking

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 400  # below this, starting a process costs more than it saves

_work: tuple[Callable, Sequence] | None = None  # what the forked child reads: set just before forking


def map_forked(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """[function(item) for item in items], shared between this process and a forked one."""
    if len(items) < MIN_ITEMS or not forking.can_fork():
        return [function(item) for item in items]
    global _work
    _work = (function, items)
    # Objects that exist now are left out of garbage collection in both processes: a collection
    # in the child would touch, and so copy, every page of the shared memory.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            # Alternate items, so that both halves get their share of the large list pages.
            theirs = pool.submit(_run_share, 1)
            mine = _run_share(0)
            results_theirs = theirs.result()
    finally:
        _work = None
        gc.unfreeze()
    merged: list = [None] * len(items)
    merged[0::2], merged[1::2] = mine, results_theirs
    return merged


def _run_share(offset: int) -> list:
    function, items = _work  # type: ignore[misc]
    return [function(item) for item in items[offset::2]]
