"""One publish at a time: an exclusive lock file in the state folder.

Publishing runs on the (POSIX) server; `fcntl` is imported only there, so the staff's preview
commands also run on Windows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(RuntimeError):
    """Another publish holds the lock."""


@contextmanager
def exclusive(state: Path) -> Iterator[None]:
    """Hold `<state>/publish.lock` for the duration; fail at once if another process has it."""
    import fcntl

    state.mkdir(parents=True, exist_ok=True)
    handle = os.open(state / "publish.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"another publish is running (lock: {state / 'publish.lock'})") from None
        os.ftruncate(handle, 0)
        os.write(handle, str(os.getpid()).encode())
        yield
    finally:
        os.close(handle)
