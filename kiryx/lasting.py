"""The caches a catalogue is checked from, and the catalogue a build reads, left out of the garbage collector's
work meanwhile.

A warm check reads its caches (per-file results and file hashes: millions of objects at 5,000
items). Python's cyclic collector would run many times while they are made, then walk them all
again in each later collection: 80 ms of a 0.5 s check. Made inside `lasting()`, they are frozen
(`gc.freeze`): still freed by reference counting when dropped, never walked. The catalogue's
`load` calls `release()` when it is done, so that a long-lived process (serve, the tests) keeps
no frozen garbage from one run to the next; that also ends `publish.py`'s freeze of its imports,
whose later collections walk them again, as they did before it. A build runs `frozen()`: its full
collections walked the catalogue and the imports too (at 5,000 items, 275 ms of collecting in a 3.3 s
rebuild; 110 ms so).
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


@contextmanager
def frozen() -> Iterator[None]:
    """What exists now (the checked catalogue, everything imported) is left out of collections while the block
    runs, and collected as usual again after it: a build's collections walk only what the build makes."""
    gc.freeze()
    try:
        yield
    finally:
        release()


def release() -> None:
    """Everything frozen is collected as usual again (the work that needed it quick is over)."""
    gc.unfreeze()
