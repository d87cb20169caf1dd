"""Bulk work pauses the cycle collector and gives it back as it found it."""

from __future__ import annotations

import gc
import threading

from desktop.core.collector import collector_paused


def test_paused_inside_and_running_again_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # a roll-up inside an opening
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_resumes_it():
    try:
        with collector_paused():
            raise ValueError("a damaged declaration")
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_it_resumes_only_when_the_last_of_two_threads_is_done():
    inside, leave = threading.Event(), threading.Event()

    def other_work():
        with collector_paused():
            inside.set()
            leave.wait(10)

    worker = threading.Thread(target=other_work)
    with collector_paused():
        worker.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the other thread's work is still running
    leave.set()
    worker.join(10)
    assert gc.isenabled()


def test_what_the_work_made_is_kept_with_the_old_objects():
    with collector_paused():
        made = [[] for _ in range(1000)]  # rows and matches, say
    young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation=generation)}
    assert id(made) not in young and id(made[0]) not in young
    assert any(o is made for o in gc.get_objects(generation=2))
