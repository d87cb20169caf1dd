"""While the start screen waits for a click, import what opening a project needs, a module at a time.

Opening the first project imported the store, the figures and the six steps' modules: 0.1-0.25 s of
the open on a busy machine (issue 13). Nobody opens a project within a fraction of a second of the
window appearing, so these imports are done in the idle moments before, one module per turn of the
event loop: a click on the start screen waits for one module at most. Launching still paints without
them, and nothing is built: the steps are built when a project opens (tests/ui/test_launch_light.py).
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

AFTER_SHOW_MS = 300  # the start screen has painted, and no click comes sooner


def import_while_idle(modules: Iterable[str], done: Callable[[], bool], owner: QObject) -> None:
    """Import `modules` one per turn of the event loop, from AFTER_SHOW_MS on, until `done()`
    (a project opened: it has imported them itself). Nothing runs once `owner` is gone."""
    waiting = list(modules)

    def import_next() -> None:
        if not waiting or done():
            return
        import_module(waiting.pop(0))
        QTimer.singleShot(0, owner, import_next)

    QTimer.singleShot(AFTER_SHOW_MS, owner, import_next)
