"""Work spread over every core by `fork`: the children inherit the build's memory as it is (compiled templates,
items, context), so nothing is pickled on the way in, and only each job's small result on the way back.

For work that needs the live build objects (rendering pages); independent work on plain values goes to a
process pool instead (kiryx.content.catalogue, kiryx.images.store).
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import BinaryIO, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")


def map_forked(work: Callable[[Job], Result], jobs: Sequence[Job], workers: int | None = None) -> list[Result]:
    """`work(job)` for every job, in `workers` processes (this one included; default: one per core), the results
    in the order of the jobs. `work` must record nothing in memory that the caller needs: a child's memory is
    lost. A child that fails has its share done again here, so its error is raised as if no child had run.

    With other threads running (`serve`'s web server), all is done here: a child could inherit a lock one of
    them holds, and wait for it forever."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))  # pragma: no mutate (cpu_count() is known here)
    if workers < 2 or threading.active_count() > 1:
        return [work(job) for job in jobs]
    shares = [range(first, len(jobs), workers) for first in range(workers)]
    children: list[tuple[int, BinaryIO, range]] = []
    try:
        for share in shares[1:]:
            read, write = os.pipe()
            pid = os.fork()
            # pragma below: no mutate (the parent taking the child's branch ends the test process with status 0,
            # which mutmut reads as tests passed)
            if pid == 0:  # pragma: no mutate
                sent = False  # pragma: no mutate (None: as false)
                try:
                    os.close(read)
                    gc.disable()  # short-lived: collecting would only copy the parent's memory
                    data = pickle.dumps([work(jobs[index]) for index in share])
                    with os.fdopen(write, "wb") as out:
                        out.write(data)
                    sent = True
                finally:  # whatever happened, the child ends here: no exit handlers, no flushing of output
                    os._exit(0 if sent else 1)  # pragma: no mutate (any other status than 0 means failed)
            os.close(write)
            children.append((pid, os.fdopen(read, "rb"), share))
        results: dict[int, Result] = {index: work(jobs[index]) for index in shares[0]}
        while children:
            pid, pipe, share = children[0]
            data = pipe.read()
            pipe.close()
            children.pop(0)  # before it is reaped: a reaped child's number may soon be another process's
            _, status = os.waitpid(pid, 0)
            done = pickle.loads(data) if status == 0 else [work(jobs[index]) for index in share]
            results.update(zip(share, done, strict=True))  # pragma: no mutate (one result per job: same lengths)
    finally:
        for pid, pipe, _ in children:  # this process failed or was interrupted: no child goes on writing
            pipe.close()
            os.kill(pid, signal.SIGKILL)  # not reaped yet, so still this process's child
            os.waitpid(pid, 0)
    return [results[index] for index in range(len(jobs))]
