"""Work spread over every core by `fork`: the children inherit the build's memory as it is (compiled templates,
items, context), so nothing is pickled on the way in, and only each job's small result on the way back.

For work that needs the live build objects (rendering pages); independent work on plain values goes to a
process pool instead (kiryx.content.catalogue, kiryx.images.store).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")


def map_forked(work: Callable[[Job], Result], jobs: Sequence[Job], workers: int | None = None) -> list[Result]:
    """`work(job)` for every job, in `workers` processes (this one included; default: one per core), the results
    in the order of the jobs. `work` must record nothing in memory that the caller needs: a child's memory is
    lost. A child that fails has its share done again here, so its error is raised as if no child had run.

    With other threads running (`serve`'s web server), all is done here: a child could inherit a lock one of
    them holds, and wait for it forever."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers < 2 or threading.active_count() > 1:
        return [work(job) for job in jobs]
    shares = [range(first, len(jobs), workers) for first in range(workers)]
    children: list[tuple[int, int, range]] = []
    try:
        for share in shares[1:]:
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read)
                _child(work, jobs, share, write)
            os.close(write)
            children.append((pid, read, share))
        results: dict[int, Result] = {index: work(jobs[index]) for index in shares[0]}
        while children:
            pid, read, share = children[0]
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            children.pop(0)
            done = pickle.loads(data) if status == 0 and data else [work(jobs[index]) for index in share]
            results.update(zip(share, done, strict=True))
    finally:
        for pid, read, _ in children:  # this process failed or was interrupted: no child goes on writing
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(read)
    return [results[index] for index in range(len(jobs))]


def _child(work: Callable[[Job], Result], jobs: Sequence[Job], share: range, write: int) -> None:
    """A forked child: do its share, send the results, and end without running anything of the parent's (no exit
    handlers, no flushing of output buffered before the fork)."""
    status = 1
    try:
        gc.disable()  # short-lived: collecting would only copy the parent's pages
        data = pickle.dumps([work(jobs[index]) for index in share])
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)
