"""Background figure work gives way while the window does its own work.

Python runs one thread at a time. While the figures of a large project are worked out off the UI
thread (filing/evidence.compute_ahead), the window filling in a step it was just asked for shares
the interpreter with that work and takes two to five times as long (a 500-supplier files list:
0.2 s alone, over a second beside the roll-up). So the UI thread marks such moments with
`window_busy()`, and the worker calls `give_way()` between declarations: it waits there until the
window is done. When the window itself waits for the worker's result (`worker_awaited()`), the
worker runs on; and it never waits long in any case, so nothing can stall for good.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

LONGEST_WAIT = 1.0  # seconds a worker gives way at most, whatever the window does

_condition = threading.Condition()
_thread = threading.local()  # .background: this thread does background work that gives way
_busy = 0  # window_busy() blocks entered and not yet left (the UI thread only; they may nest)
_awaited = 0  # the window is waiting for the worker's result: the worker must not wait for it


def enter_window_busy() -> None:
    """On the UI thread: background work gives way until the matching leave_window_busy()."""
    global _busy
    with _condition:
        _busy += 1


def leave_window_busy() -> None:
    global _busy
    with _condition:
        _busy = max(_busy - 1, 0)
        _condition.notify_all()


@contextmanager
def window_busy() -> Iterator[None]:
    """On the UI thread: background work gives way until this block ends."""
    enter_window_busy()
    try:
        yield
    finally:
        leave_window_busy()


@contextmanager
def worker_awaited() -> Iterator[None]:
    """Around waiting for a worker's result: it must run meanwhile, even inside window_busy()."""
    global _awaited
    with _condition:
        _awaited += 1
        _condition.notify_all()
    try:
        yield
    finally:
        with _condition:
            _awaited -= 1


@contextmanager
def background_work() -> Iterator[None]:
    """Marks the calling (worker) thread: its give_way() calls wait for the window. Elsewhere, on
    the UI thread above all (the same roll-up runs there after a decision), they do nothing."""
    _thread.background = True
    try:
        yield
    finally:
        _thread.background = False


def give_way() -> None:
    """In background work, between two pieces: wait while the window is busy (at most LONGEST_WAIT)."""
    if not _busy or not getattr(_thread, "background", False):  # the common cases cost two reads
        return
    with _condition:
        _condition.wait_for(lambda: _busy == 0 or _awaited > 0, timeout=LONGEST_WAIT)
