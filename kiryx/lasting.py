"""Caches read at the start of a run, left out of the garbage collector's work.

A warm run reads its caches (per-file results, file hashes, git history, the previous build's
state: millions of objects at 5,000 items) and keeps them to its end. Python's cyclic collector
would run many times while they are made, then walk them all again in each later full
collection: 80 ms of a 0.5 s check. Made inside `lasting()`, they are frozen (`gc.freeze`):
still freed by reference counting when dropped, never walked. `publish.py` does the same for
its imports.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def lasting() -> Iterator[None]:
    """No collection while the block runs; what it made is then left out of later collections."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
