"""Write the audit pack off the UI thread, with a progress dialog the user can cancel.

A large filer's pack holds hundreds of supplier originals and a copy of the project (1 GB for
500 suppliers): a minute of work that must not freeze the window. The project is read on the UI
thread (collect_audit_pack, quick, pinned to that moment); the worker writes the zip.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from desktop.core.project import Project, ProjectError
from desktop.ui import dialogs
from desktop.ui.workers import BackgroundTask


class AuditPackWriter(QObject):
    written = Signal(object, object)  # the project it was written from, the pack's path
    stopped = Signal(str)  # cancelled or failed: a plain message for the status line

    def __init__(self, parent: QWidget, project: Project, target: Path):
        super().__init__(parent)
        self.parent_widget, self.project, self.target = parent, project, target
        self.task: BackgroundTask | None = None
        self.dialog: QProgressDialog | None = None
        # Our own flag, not the task's: a pack finished just as Cancel is pressed is still reported
        # as written (the task would report it cancelled, leaving a file the project never records).
        self._cancel = threading.Event()

    def start(self) -> bool:
        """Gather the project's part and start writing; False (with a message shown) if it cannot."""
        from desktop.core.export.audit_pack import PackCancelled, collect_audit_pack, save_audit_pack

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pack = collect_audit_pack(self.project, datetime.now().astimezone().isoformat(timespec="seconds"))
        except (OSError, ValueError, ProjectError) as error:
            QApplication.restoreOverrideCursor()
            dialogs.show_error(self.parent_widget, "Could not write the audit pack", f"{self.target}: {error}")
            return False
        QApplication.restoreOverrideCursor()
        target = self.target

        def work(report, cancelled):
            try:
                return "written", save_audit_pack(pack, target, lambda done, total: report(done, total, ""),
                                                  self._cancel.is_set)
            except PackCancelled:
                return "cancelled", "Audit pack cancelled; nothing was written."
            except (OSError, ProjectError) as error:
                return "failed", f"{target}: {getattr(error, 'strerror', None) or error}"

        self.dialog = QProgressDialog("Writing the audit pack…", "Cancel", 0, 0, self.parent_widget)
        self.dialog.setWindowTitle("Audit pack")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.task = BackgroundTask(work, self)
        self.task.progress.connect(self._progress)
        self.task.succeeded.connect(self._finished)
        self.task.failed.connect(lambda message: self._finished(("failed", message)))
        self.dialog.canceled.connect(self.cancel)
        self.dialog.show()
        self.task.start()
        return True

    def _progress(self, done: int, total: int, _text: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        dialog.setLabelText(f"Writing the audit pack: file {done} of {total}…")
        dialog.setMaximum(total)
        dialog.setValue(done)  # a modal progress dialog handles events here: this may be the last line run

    def cancel(self) -> None:
        """Stop writing (the dialog's Cancel button); nothing is left at the target."""
        self._cancel.set()
        if self.dialog is not None:
            self.dialog.setLabelText("Cancelling…")

    def _finished(self, outcome) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        kind, detail = outcome
        if kind == "written":
            self.written.emit(self.project, self.target)
        elif kind == "cancelled":
            self.stopped.emit(detail)
        else:
            dialogs.show_error(self.parent_widget, "Could not write the audit pack", detail)
            self.stopped.emit("The audit pack was not written.")
