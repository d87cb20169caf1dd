"""Background figure work gives way to the window (desktop/core/foreground.py), never for good."""

from __future__ import annotations

import threading

from desktop.core import foreground
from desktop.core.foreground import background_work, give_way, window_busy, worker_awaited


def _background(steps: list[str], started: threading.Event, done: threading.Event) -> threading.Thread:
    def work():
        with background_work():
            started.set()
            give_way()
            steps.append("worker went on")
            done.set()

    thread = threading.Thread(target=work)
    thread.start()
    return thread


def test_a_worker_waits_while_the_window_is_busy_then_goes_on():
    steps, started, done = [], threading.Event(), threading.Event()
    with window_busy():
        thread = _background(steps, started, done)
        assert started.wait(5)
        assert not done.wait(0.2)  # it gives way while the window works
        steps.append("window done")
    assert done.wait(5)
    thread.join(5)
    assert steps == ["window done", "worker went on"]


def test_the_window_waiting_for_the_worker_lets_it_run():
    steps, started, done = [], threading.Event(), threading.Event()
    with window_busy():
        with worker_awaited():  # as evidence._take_ahead does around Future.result()
            thread = _background(steps, started, done)
            assert done.wait(5)  # no deadlock: the worker did not wait for the waiting window
        steps.append("window done")
    thread.join(5)
    assert steps == ["worker went on", "window done"]


def test_work_on_the_ui_thread_never_waits_for_itself():
    with window_busy():
        finished = threading.Event()

        def same_thread_style():  # not marked as background work: give_way returns at once
            give_way()
            finished.set()

        thread = threading.Thread(target=same_thread_style)
        thread.start()
        assert finished.wait(5)
        give_way()  # and on this (the "UI") thread too
    thread.join(5)


def test_a_worker_never_waits_longer_than_the_limit(monkeypatch):
    monkeypatch.setattr(foreground, "LONGEST_WAIT", 0.1)
    steps, started, done = [], threading.Event(), threading.Event()
    foreground.enter_window_busy()  # a window that never says it is done
    try:
        thread = _background(steps, started, done)
        assert done.wait(5)
    finally:
        foreground.leave_window_busy()
    thread.join(5)
    assert steps == ["worker went on"]
