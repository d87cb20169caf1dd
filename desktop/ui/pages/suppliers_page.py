"""Step 3: the supplier inquiry. The roster, importing CMRT files, and what each file needs fixed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QTabWidget, QWidget

from desktop.core.project import Project
from desktop.core.filing.evidence import project_response_rate
from desktop.ui import dialogs
from desktop.ui.figures import figures_pending
from desktop.ui.pages.base import WizardPage
from desktop.ui.plural import plural, was_were
from desktop.ui.widgets.files_panel import FilesPanel
from desktop.ui.widgets.roster_panel import RosterPanel
from desktop.ui.workers import BackgroundTask

if TYPE_CHECKING:
    from desktop.core.suppliers.inquiry import SupplierFile


class SuppliersPage(WizardPage):
    title = "Supplier inquiry"
    needs_figures = True
    figures_shown = "file questions True"  # each file's questions, in the files list
    subtitle = (
        "List the suppliers of the covered products, ask each for the RMI Conflict Minerals Reporting "
        "Template (CMRT) with Send requests, and import the files they return. Drop files or folders "
        "anywhere on the window."
    )
    import_finished = Signal(str)  # the summary shown to the user

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.task: BackgroundTask | None = None
        self._rate_shown_pending = False  # the response rate shows a placeholder

        self.rate_label = QLabel()
        self.rate_label.setObjectName("outcomeHeadline")
        self.rate_label.setWordWrap(True)
        self.import_files_button = QPushButton("Import CMRT files…")
        self.import_files_button.setObjectName("primary")
        self.import_files_button.clicked.connect(self.choose_files)
        self.import_folder_button = QPushButton("Import a folder…")
        self.import_folder_button.clicked.connect(self.choose_folder)
        top = QHBoxLayout()
        top.addWidget(self.rate_label, 1)
        top.addWidget(self.import_files_button)
        top.addWidget(self.import_folder_button)
        self.body.addLayout(top)

        self.progress_row = QWidget()
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(260)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_import)
        progress_layout.addWidget(self.progress_bar)
        progress_layout.addWidget(self.progress_label, 1)
        progress_layout.addWidget(self.cancel_button)
        self.progress_row.hide()
        self.body.addWidget(self.progress_row)
        self.status_label = QLabel()
        self.status_label.setObjectName("fieldHelp")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        self.body.addWidget(self.status_label)

        self.tabs = QTabWidget()
        self.body.addWidget(self.tabs, 1)  # in place before it is filled in (a widget moved is styled again)
        self.roster = RosterPanel()
        self.roster.changed.connect(self._refresh_counts)
        self.files = FilesPanel()
        self.tabs.addTab(self.roster, "Suppliers")
        self.tabs.addTab(self.files, "Files received")

    def clear_messages(self) -> None:
        self.status_label.clear()
        self.status_label.hide()
        self.files.clear_messages()
        self.tabs.setCurrentIndex(0)

    def load(self, project: Project) -> None:
        super().load(project)
        self.roster.load(project)
        self.files.load(project)
        self._refresh_counts()

    def _rate_pending(self) -> bool:
        return self.project is not None and figures_pending(self.project, "current_declarations")

    def showing_placeholders(self) -> bool:
        return self._rate_shown_pending or self.files.waiting()

    def figures_arrived(self) -> bool:
        filled = self.files.fill_in()
        if filled or (self._rate_shown_pending and not self._rate_pending()):
            self._refresh_counts()
            return True
        return False

    def _refresh_counts(self) -> None:
        if self.project is None:
            return
        self._rate_shown_pending = self._rate_pending()
        self.rate_label.setText(
            ("Counting the suppliers that responded…" if self._rate_shown_pending
             else project_response_rate(self.project).sentence())
            + " Only suppliers marked as asked count as surveyed; a supplier responded when its current CMRT is usable."
        )
        self.tabs.setTabText(0, f"Suppliers ({self.project.supplier_count()})")
        self.tabs.setTabText(1, f"Files received ({self.files.row_count()})")
        self.completeness_changed.emit()

    # -- importing -------------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths = dialogs.ask_open_cmrt_files(self)
        if paths:
            self.start_import(paths)

    def choose_folder(self) -> None:
        folder = dialogs.ask_folder(self, "Import every CMRT in a folder")
        if folder is not None:
            self.start_import([folder])

    def is_importing(self) -> bool:
        return self.task is not None and self.task.running

    def start_import(self, paths: list[Path]) -> bool:
        """Read the files off the UI thread; nothing is saved until the user confirms."""
        if self.project is None or self.is_importing():
            return False
        # Imported here: the CMRT reader is needed to import files, not to open a project.
        from desktop.core.suppliers.inquiry import known_hashes, read_supplier_files

        suppliers = self.project.suppliers()
        hashes = known_hashes(self.project)

        def work(report, cancelled):
            return read_supplier_files(paths, suppliers, hashes, on_progress=report, should_cancel=cancelled)

        self.task = BackgroundTask(work, self)
        self.task.progress.connect(self._show_progress)
        self.task.succeeded.connect(self._files_read)
        self.task.failed.connect(self._import_failed)
        self.task.cancelled.connect(self._import_cancelled)
        self.task.done.connect(self._import_done)
        self.progress_bar.setRange(0, 0)  # busy until the first file is done
        self.progress_label.setText("Reading files…")
        self.cancel_button.setEnabled(True)
        self.progress_row.show()
        self.status_label.clear()
        self.status_label.hide()
        self._set_import_buttons(False)
        self.task.start()
        return True

    def cancel_import(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Cancelling…")

    def _set_import_buttons(self, enabled: bool) -> None:
        self.import_files_button.setEnabled(enabled)
        self.import_folder_button.setEnabled(enabled)

    def _show_progress(self, done: int, total: int, name: str) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.progress_label.setText(f"Read file {done} of {total}: {Path(name).name}")

    def _import_done(self) -> None:
        self.progress_row.hide()
        self._set_import_buttons(True)

    def _import_cancelled(self) -> None:
        self._finish("Import cancelled. Nothing was changed.")

    def _import_failed(self, message: str) -> None:
        self._finish(f"The import stopped: {message}. Nothing was changed.")

    def _files_read(self, files: list[SupplierFile] | None) -> None:
        if self.project is None or self.project.con is None:
            return  # the project was closed while the files were being read
        if files is None:
            self._import_cancelled()
            return
        if not dialogs.review_import(self, files, self.project.suppliers()):
            self._finish("Import cancelled. Nothing was changed.")
            return
        from desktop.core.suppliers.inquiry import save_import

        try:
            save_import(self.project, files)
        except Exception as error:  # the transaction rolled back: the project is as it was
            self._finish(f"The files could not be saved ({error}). Nothing was changed.")
            return
        self.files.refresh()
        self.roster.refresh()
        self._refresh_counts()
        self.tabs.setCurrentWidget(self.files)
        self._finish(import_summary(files))

    def _finish(self, message: str) -> None:
        self._import_done()
        self.status_label.setText(message)
        self.status_label.show()
        self.import_finished.emit(message)

    def is_complete(self) -> bool:
        """Files are in and the requests are on record (the report counts the suppliers asked)."""
        if self.project is None or self.files.row_count() == 0 or self._rate_pending():
            return False
        return project_response_rate(self.project).surveyed > 0

    def step_note(self) -> str:
        if self.project is None:
            return ""
        if self._rate_pending():
            return "counting responses…"
        rate = project_response_rate(self.project)
        return f"{rate.responded} of {rate.surveyed} responded" if rate.surveyed else "no requests yet"


def import_summary(files: list[SupplierFile]) -> str:
    """One plain paragraph: what was imported and what was not."""
    imported = [f for f in files if f.declaration is not None and not f.already_imported]
    duplicates = [f for f in files if f.already_imported]
    unreadable = [f for f in files if f.declaration is None and not f.already_imported]
    parts = [f"Imported {len(imported)} of {plural(len(files), 'file')}."]
    if duplicates:
        verb = was_were(len(duplicates))
        parts.append(f"{len(duplicates)} {verb} already in the project and {verb} skipped.")
    if unreadable:
        parts.append(f"{len(unreadable)} could not be read: " + "; ".join(f.problem for f in unreadable[:5]))
    return " ".join(parts)
