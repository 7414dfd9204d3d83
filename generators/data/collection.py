"""Garbage collection paused while much is made and little thrown away (loading, serve's rebuild).

Each collection rescans every live object: at thousands of records that is most of the time
spent, and frees nothing. A pause inside a pause leaves collection to the outer one.
"""

from __future__ import annotations

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
