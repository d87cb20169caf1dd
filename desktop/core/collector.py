"""Pausing Python's cycle collector while bulk work builds many objects that hold no cycles.

Decoding a large project's declarations and rolling up its smelter rows create hundreds of
thousands of small objects. Each full pass of the collector walks every live object, and with the
heap growing during the work, those passes made 200,000 rows cost 5x what 50,000 did (issue 13).
Reference counting still frees everything the work throws away. When the collector resumes, what
the work made is put with the oldest objects without being walked: left to itself the collector
would walk it twice (as the young, then the middle generation), and even one pass on resuming
cost 0.15 s of 1.4 at 50,000 rows (decoding and rolling up), for objects that hold no cycles and
that the next full pass walks anyway. (gc.freeze then gc.unfreeze moves every tracked object to
the oldest generation, as the documentation says; nothing in the app keeps objects frozen.)
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_active = 0  # bulk works running now, in any thread: the collector resumes when the last ends
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.freeze()
                gc.unfreeze()  # what the work made, to the oldest generation, unwalked
                gc.enable()
