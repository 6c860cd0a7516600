"""Work spread over every core by `fork`: the children inherit the build's memory as it is (compiled templates,
items, context), so nothing is pickled on the way in, and only each job's small result on the way back.

`map_forked` waits for the results (reading and checking files, rendering photos and pages); `Background` lets
this process go on meanwhile and waits later (drawing social cards).

With other threads running (`serve`'s web server), all is done here: a child could inherit a lock one of them
holds, and wait for it forever.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import BinaryIO, Generic, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")


def _forking_is_safe(workers: int) -> bool:
    return workers >= 2 and threading.active_count() == 1


def _shares(count: int, workers: int) -> list[range]:
    """The indexes of `count` jobs dealt out to `workers` in turn (each share takes from the whole list)."""
    return [range(first, count, workers) for first in range(workers)]


class Forked(Generic[Job, Result]):
    """`work(job)` for each share of the jobs (ranges of their indexes), each share in a child process started
    now. `work` must record nothing in memory that the caller needs: a child's memory is lost."""

    def __init__(self, work: Callable[[Job], Result], jobs: Sequence[Job], shares: list[range], nice: int = 0):
        self.work, self.jobs = work, jobs
        self.children: list[tuple[int, BinaryIO, range]] = []
        try:
            for share in shares:
                self.children.append(self._fork(share, nice))
        except BaseException:
            self.stop()
            raise

    def _fork(self, share: range, nice: int) -> tuple[int, BinaryIO, range]:
        read, write = os.pipe()
        pid = os.fork()
        # pragma below: no mutate (the parent taking the child's branch ends the test process with status 0,
        # which mutmut reads as tests passed)
        if pid == 0:  # pragma: no mutate
            sent = False  # pragma: no mutate (None: as false)
            try:
                os.close(read)
                gc.disable()  # short-lived: collecting would only copy the parent's memory
                os.nice(nice)
                data = pickle.dumps([self.work(self.jobs[index]) for index in share])
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                sent = True
            finally:  # whatever happened, the child ends here: no exit handlers, no flushing of output
                os._exit(0 if sent else 1)  # pragma: no mutate (any other status than 0 means failed)
        os.close(write)
        return pid, os.fdopen(read, "rb"), share

    def wait(self) -> dict[int, Result]:
        """The results by job index, once every child is done. A child that failed has its share done again
        here, so its error is raised as if no child had run; then no child goes on."""
        results: dict[int, Result] = {}
        try:
            while self.children:
                pid, pipe, share = self.children[0]
                data = pipe.read()
                pipe.close()
                self.children.pop(0)  # before it is reaped: a reaped child's number may soon be another process's
                _, status = os.waitpid(pid, 0)
                done = pickle.loads(data) if status == 0 else [self.work(self.jobs[index]) for index in share]
                results.update(zip(share, done, strict=True))  # pragma: no mutate (one result per job: same lengths)
        finally:
            self.stop()
        return results

    def stop(self) -> None:
        """Kill the children not awaited yet (this process failed or was interrupted): none goes on writing."""
        for pid, pipe, _ in self.children:
            pipe.close()
            os.kill(pid, signal.SIGKILL)  # not reaped yet, so still this process's child
            os.waitpid(pid, 0)
        self.children = []


def map_forked(work: Callable[[Job], Result], jobs: Sequence[Job], workers: int | None = None) -> list[Result]:
    """`work(job)` for every job, in `workers` processes (this one included; default: one per core), the results
    in the order of the jobs; a child's error is raised here (`Forked`)."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))  # pragma: no mutate (cpu_count() is known here)
    if not _forking_is_safe(workers):
        return [work(job) for job in jobs]
    shares = _shares(len(jobs), workers)
    children = Forked(work, jobs, shares[1:])
    try:
        results = {index: work(jobs[index]) for index in shares[0]}
    except BaseException:
        children.stop()
        raise
    results.update(children.wait())
    return [results[index] for index in range(len(jobs))]


class Background:
    """Jobs done in child processes, one per core, while this process goes on: at low priority, since what this
    process does meanwhile (reading, rendering on every core) is what the build waits for. `wait` returns once
    all are done and raises the first error; `stop` abandons them. A few jobs, or other threads running, and
    `start` does them at once, here."""

    def __init__(self, fork_from: int):
        self.fork_from = fork_from
        self.running: list[Forked] = []

    def start(self, work: Callable[[Job], object], jobs: Sequence[Job]) -> None:
        workers = min(os.cpu_count() or 1, len(jobs))  # pragma: no mutate (cpu_count() is known here)
        if len(jobs) < self.fork_from or not _forking_is_safe(workers):
            for job in jobs:
                work(job)
            return
        self.running.append(Forked(work, jobs, _shares(len(jobs), workers), nice=10))

    def wait(self) -> None:
        try:
            for children in self.running:
                children.wait()
        finally:
            self.stop()

    def stop(self) -> None:
        for children in self.running:
            children.stop()
        self.running = []
