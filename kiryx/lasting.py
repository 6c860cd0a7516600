"""Caches read at the start of a check, left out of the garbage collector's work meanwhile.

A warm check reads its caches (per-file results, file hashes, git history: millions of objects
at 5,000 items) and keeps them to its end. Python's cyclic collector would run many times while
they are made, then walk them all again in each later collection: 80 ms of a 0.5 s check. Made
inside `lasting()`, they are frozen (`gc.freeze`): still freed by reference counting when
dropped, never walked. `release()` ends that when the check is done, so that a long-lived
process (serve, the tests) never keeps frozen garbage: whatever was frozen becomes collectable
again. `publish.py` freezes its imports the same way.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def lasting() -> Iterator[None]:
    """No collection while the block runs; what it made is then left out of collections until `release()`."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def release() -> None:
    """What `lasting()` froze is collected as usual again (the check that needed it quick is over)."""
    gc.unfreeze()
