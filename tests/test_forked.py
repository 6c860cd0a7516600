"""Work on every core by fork (kiryx.forked): results in order, errors raised here, no child left behind."""

from __future__ import annotations

import os
import threading
import time

import pytest

from kiryx.forked import map_forked


def no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_results_come_back_in_the_order_of_the_jobs() -> None:
    results = map_forked(lambda job: (job * job, os.getpid()), list(range(11)), workers=3)
    assert [square for square, _ in results] == [n * n for n in range(11)]
    assert len({pid for _, pid in results}) == 3  # this process and two children
    assert [pid for _, pid in results][::3] == [os.getpid()] * 4  # the first share is this process's
    assert no_child_left()


def test_what_a_child_writes_stays_written(tmp_path) -> None:
    def write(n: int) -> int:
        return (tmp_path / f"{n}.txt").write_text(str(n))

    assert map_forked(write, list(range(6)), workers=2) == [1] * 6
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{n}.txt" for n in range(6)]


def test_a_job_that_fails_in_a_child_raises_its_own_error_here() -> None:
    def work(n: int) -> int:
        if n == 5 and os.getpid() != parent:
            raise ValueError(f"job {n} is wrong")
        return n

    parent = os.getpid()
    assert map_forked(work, list(range(8)), workers=2) == list(range(8))  # done again here, where it succeeds

    def failing(n: int) -> int:
        if n == 5:
            raise ValueError(f"job {n} is wrong")
        return n

    with pytest.raises(ValueError, match="job 5 is wrong"):
        map_forked(failing, list(range(8)), workers=2)
    assert no_child_left()


def test_when_this_process_fails_no_child_goes_on() -> None:
    def work(n: int) -> int:
        if n % 2:  # the child's share: it would take a minute
            time.sleep(60)
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        map_forked(work, list(range(4)), workers=2)
    assert no_child_left()
    assert time.monotonic() - started < 30


def test_one_worker_or_one_job_runs_here() -> None:
    assert map_forked(lambda _: os.getpid(), [1, 2, 3], workers=1) == [os.getpid()] * 3
    assert map_forked(lambda _: os.getpid(), [1], workers=4) == [os.getpid()]


def test_with_other_threads_running_all_is_done_here() -> None:
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        assert map_forked(lambda _: os.getpid(), list(range(200)), workers=2) == [os.getpid()] * 200
    finally:
        stop.set()
        server.join()
