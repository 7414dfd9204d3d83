"""Memory: garbage collection paused while much is made and little thrown away (loading, serve's
rebuild), and freed memory handed back when a build lets go of its pages.

Each collection rescans every live object: at thousands of records that is most of the time
spent, and frees nothing. A pause inside a pause leaves collection to the outer one.
"""

from __future__ import annotations

import ctypes
import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collection_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def return_freed_memory() -> None:
    """Give the memory that Python freed back to the system; the C library keeps it otherwise."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: this process reuses the memory, but keeps it
