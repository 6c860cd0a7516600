"""Work on every core by fork (kiryx.forked): results in order, errors raised here, no child left behind."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiryx.forked import Background, map_forked


def with_pid(job: int) -> tuple[int, int]:
    return job * job, os.getpid()


def test_results_come_back_in_the_order_of_the_jobs(no_child_left: Callable[[], bool]) -> None:
    results = map_forked(with_pid, list(range(11)), workers=3)
    assert [square for square, _ in results] == [n * n for n in range(11)]
    pids = [pid for _, pid in results]
    assert pids[::3] == [os.getpid()] * 4  # the first share is this process's
    assert len(set(pids[1::3])) == len(set(pids[2::3])) == 1 and len(set(pids)) == 3  # one child per other share
    assert no_child_left()


def test_one_process_per_core_unless_told(no_child_left: Callable[[], bool]) -> None:
    results = map_forked(with_pid, list(range(10)))
    assert [square for square, _ in results] == [n * n for n in range(10)]
    assert len({pid for _, pid in results}) == min(os.cpu_count() or 1, 10)
    assert no_child_left()


def test_what_a_child_writes_stays_written(tmp_path: Path) -> None:
    def write(n: int) -> int:
        (tmp_path / f"{n}.txt").write_text(str(os.getpid()))
        return n

    assert map_forked(write, list(range(6)), workers=2) == list(range(6))
    writers = [(tmp_path / f"{n}.txt").read_text() for n in range(6)]
    assert writers[::2] == [str(os.getpid())] * 3 and len(set(writers[1::2]) - {str(os.getpid())}) == 1


def test_a_job_that_fails_in_a_child_raises_its_own_error_here(no_child_left: Callable[[], bool]) -> None:
    parent = os.getpid()

    def work(n: int) -> tuple[int, int]:
        if n == 5 and os.getpid() != parent:
            raise ValueError(f"job {n} is wrong")
        return n, os.getpid()

    # the child's whole share is done again here, where job 5 succeeds
    assert map_forked(work, list(range(8)), workers=2) == [(n, parent) for n in range(8)]

    def failing(n: int) -> int:
        if n == 5:
            raise ValueError(f"job {n} is wrong")
        return n

    with pytest.raises(ValueError, match="job 5 is wrong"):
        map_forked(failing, list(range(8)), workers=2)
    assert no_child_left()


def test_when_this_process_fails_no_child_goes_on(tmp_path: Path, no_child_left: Callable[[], bool]) -> None:
    started = tmp_path / "child started"

    def work(n: int) -> int:
        if n % 2:  # the child's share: it would take a minute
            started.touch()
            time.sleep(60)
            return n
        for _ in range(3000):  # this process's: fails once the child is at work
            if started.exists():
                raise KeyboardInterrupt
            time.sleep(0.01)
        raise AssertionError("the child never started")

    began = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        map_forked(work, list(range(4)), workers=2)
    assert no_child_left()
    assert time.monotonic() - began < 30


def test_one_worker_or_one_job_runs_here() -> None:
    assert map_forked(with_pid, [1, 2, 3], workers=1) == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
    assert map_forked(with_pid, [3], workers=4) == [(9, os.getpid())]


@contextmanager
def another_thread() -> Iterator[None]:
    """A thread running meanwhile, as `serve`'s web server does."""
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        yield
    finally:
        stop.set()
        server.join()


def test_with_other_threads_running_all_is_done_here() -> None:
    with another_thread():
        assert map_forked(with_pid, list(range(200)), workers=2) == [(n * n, os.getpid()) for n in range(200)]


def test_background_work_goes_on_while_this_process_forks_its_own(tmp_path: Path,
                                                                  no_child_left: Callable[[], bool]) -> None:
    def slow(n: int) -> None:
        time.sleep(0.2)
        (tmp_path / f"{n}.done").write_text(str(os.getpid()))

    drawing = Background(fork_from=4)
    drawing.start(slow, list(range(4)))
    assert not list(tmp_path.glob("*.done"))  # start returned before the work was done
    results = map_forked(with_pid, list(range(10)), workers=2)
    assert len({pid for _, pid in results}) == 2  # background children are no threads: forking stays safe
    drawing.wait()
    doers = {(tmp_path / f"{n}.done").read_text() for n in range(4)}
    assert len(doers) == min(os.cpu_count() or 1, 4) and str(os.getpid()) not in doers
    assert not drawing.running and no_child_left()


def test_background_work_with_other_threads_running_is_done_at_once_here(tmp_path: Path) -> None:
    with another_thread():
        drawing = Background(fork_from=2)
        drawing.start(lambda n: (tmp_path / f"{n}.done").write_text(str(os.getpid())), list(range(4)))
        assert not drawing.running
        assert {(tmp_path / f"{n}.done").read_text() for n in range(4)} == {str(os.getpid())}


def test_background_children_give_way_to_this_process_and_its_forked_work(tmp_path: Path,
                                                                          no_child_left: Callable[[], bool]) -> None:
    def niceness(_: int) -> int:
        return os.getpriority(os.PRIO_PROCESS, 0)

    here = niceness(0)
    assert set(map_forked(niceness, list(range(4)), workers=2)) == {here}  # awaited work: as urgent as this
    drawing = Background(fork_from=2)
    drawing.start(lambda n: (tmp_path / str(n)).write_text(str(niceness(n))), [0, 1])
    drawing.wait()
    assert {(tmp_path / str(n)).read_text() for n in (0, 1)} == {str(min(here + 10, 19))}
    assert no_child_left()


def test_stopped_background_work_is_not_awaited(no_child_left: Callable[[], bool]) -> None:
    drawing = Background(fork_from=2)
    drawing.start(time.sleep, [60, 60])
    began = time.monotonic()
    drawing.stop()
    drawing.wait()  # nothing left to wait for
    assert time.monotonic() - began < 30 and no_child_left()
