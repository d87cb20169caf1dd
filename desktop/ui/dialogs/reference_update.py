"""Update the smelter reference offline from RMI files, seeing every change before it applies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.smelters import ReferenceDiff, ReferenceFileError, apply_reference_update, load_reference
from desktop.core.smelters import preview_reference_update
from desktop.ui import dialogs
from desktop.ui.workers import BackgroundTask


def reference_summary(today: date | None = None) -> str:
    reference = load_reference()
    text = (
        f"Smelter list: {reference.lookup_source or 'shipped with the app'}. "
        f"RMAP statuses as of {reference.status_as_of or 'an unknown date'}."
    )
    warning = reference.stale_warning(today or date.today())
    return f"{text} {warning}" if warning else text


class ReferenceUpdateDialog(QDialog):
    """Pick RMI files, preview what changes, then apply (the previous version is kept)."""

    preview_done = Signal()  # the preview (or the message why there is none) is shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Update smelter reference")
        self.resize(760, 520)
        self.diff: ReferenceDiff | None = None
        self.applied_path: Path | None = None
        intro = QLabel(
            "Update the smelter names, IDs and RMAP statuses without an internet connection: choose a "
            "newer blank CMRT (its Smelter Look-up sheet) and/or RMI's facility lists as downloaded "
            "(Conformant, Cross-recognized, Active, Smelter Reference list, revisions), one or several, as "
            "Excel (XML or .xls) downloads, .xlsx or CSV. A list you do not pick is kept as it is. You will see every change before it applies; "
            "the previous version is kept. Each project keeps the statuses it uses until you move it to the "
            "new lists yourself (Smelter review step, “Smelter statuses for this project”)."
        )
        intro.setWordWrap(True)
        self.current = QLabel(reference_summary())
        self.current.setObjectName("fieldHelp")
        self.current.setWordWrap(True)
        self.choose_button = QPushButton("Choose files…")
        self.choose_button.clicked.connect(self.choose_files)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.changes = QListWidget()
        self.changes.setObjectName("referenceChanges")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("Apply these changes")
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.current)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.buttons)

    def choose_files(self) -> None:
        paths = dialogs.ask_open_reference_files(self)
        if paths:
            self.preview(paths)

    def preview(self, paths: list[Path]) -> None:
        """Read the files off the UI thread (an RMI list can take seconds), then show the changes."""
        self.changes.clear()
        self.diff = None
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.choose_button.setEnabled(False)
        self.progress.setRange(0, max(len(paths), 1))
        self.progress.setValue(0)
        self.progress.show()
        reference = load_reference()
        files = [str(p) for p in paths]

        def work(report, _cancelled):
            try:
                return preview_reference_update(reference, files, on_progress=report)
            except (ReferenceFileError, ValueError) as error:  # the message names the file
                return error

        self.task = BackgroundTask(work, self)
        self.task.progress.connect(self._progress)
        self.task.succeeded.connect(self._show_preview)
        self.task.failed.connect(lambda message: self._show_preview(ValueError(message)))
        self.task.start()

    def _progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"Reading {name}…" if name else "Comparing…")

    def _show_preview(self, result) -> None:
        self.progress.hide()
        self.choose_button.setEnabled(True)
        if isinstance(result, Exception):
            self.changes.addItem(str(result))
        else:
            self.diff = result
            self.changes.addItems(result.lines())
            if result.is_empty:
                self.changes.addItem("Nothing changes: the reference already holds these facts.")
            self.buttons.button(QDialogButtonBox.Ok).setEnabled(not result.is_empty)
        self.preview_done.emit()

    def apply(self) -> None:
        if self.diff is None:
            return
        self.applied_path = apply_reference_update(self.diff)
        super().accept()
