"""Run long work (reading 200 files, writing a PDF) off the UI thread, with progress and cancel.

A `BackgroundTask` wraps a plain function `work(report, cancelled)`; the function never touches
widgets. It calls `report(done, total, text)` for progress and checks `cancelled()` between steps.
Signals arrive on the UI thread (the task object lives there), so slots may update widgets.
"""

from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class BackgroundTask(QObject):
    progress = Signal(int, int, str)  # done, total, current item
    succeeded = Signal(object)  # the work's result
    failed = Signal(str)  # a plain message
    cancelled = Signal()
    done = Signal()  # after any of the three above

    def __init__(self, work: Work, parent: QObject | None = None):
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.running = False

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    def _run(self) -> None:
        try:
            result = self._work(lambda d, t, text: self.progress.emit(d, t, text), self.is_cancelled)
        except Exception as error:  # the UI shows the message; the app keeps running
            traceback.print_exc()
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            if self.is_cancelled():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)
        finally:
            self.running = False
            self.done.emit()


class _Runner(QRunnable):
    def __init__(self, task: BackgroundTask):
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task._run()
