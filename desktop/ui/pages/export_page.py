"""The last step: what is still missing, one button per export, and the history of what was written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.export.report_data import ReportData
from desktop.core.filing import project_determination, project_rollup
from desktop.core.project import Project, ProjectError
from desktop.core.smelters.to_resolve import still_to_resolve
from desktop.core.report_builder import NotReadyToExport, missing_with_steps, report_data_from_project
from desktop.ui import dialogs
from desktop.ui.customer_cmrt_dialog import CustomerCmrtDialog
from desktop.ui.export_worker import EXPORT_KINDS, KINDS_BY_KEY, ExportTask, default_export_folder, target_for
from desktop.ui.models.rows_model import RowsTableModel
from desktop.ui.pages.base import WizardPage

FOLDER_SETTING = "export_folder"
KIND_LABELS = {
    "report_pdf": "Report PDF", "annex_pdf": "Annex A PDF", "annex_xlsx": "Annex A Excel",
    "annex_csv": "Annex A CSV", "edgar_form_sd": "EDGAR Form SD", "edgar_ex101": "EDGAR Exhibit 1.01",
    "customer_cmrt": "Our CMRT for customers",
}  # fmt: skip


def _record_in_closed_project(path: Path, records: list) -> None:
    try:
        project = Project.open(path)
    except (ProjectError, OSError):
        return  # moved or deleted meanwhile; the exported files themselves are complete
    try:
        for record in records:
            project.record_export(record.kind, record.path, record.sha256, record.created_at)
    finally:
        project.close()


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class ExportHistoryModel(RowsTableModel):
    """Exports recorded in the project, newest first: kind, file, when, SHA-256."""

    KIND, FILE, WHEN, SHA256 = range(4)
    headers = ("What", "File", "When", "SHA-256")

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = [dict(row) for row in rows]
        self.endResetModel()

    def data(self, index, role=Qt.DisplayRole):
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.DisplayRole:
            return [
                KIND_LABELS.get(row["kind"], row["kind"]),
                Path(row["path"]).name,
                _local_time(row["created_at"]),
                row["sha256"][:16] + "…",
            ][column]
        if role == Qt.ToolTipRole:
            return {self.FILE: row["path"], self.SHA256: row["sha256"]}.get(column)
        return None


class ExportPage(WizardPage):
    title = "Export"
    subtitle = (
        "Write the filing documents. File the EDGAR HTML with the SEC; publish the PDF on your website. "
        "Each file is listed below with its fingerprint (SHA-256) so you can show what was filed."
    )
    export_finished = Signal(str)  # kind key, after the files are written and recorded
    export_failed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None, thread_pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = thread_pool or QThreadPool.globalInstance()
        self.data: ReportData | None = None
        self.running: ExportTask | None = None
        self.exporting_for: Project | None = None
        self.folder = Path()
        self.customer_dialog = None

        # Everything scrolls together: a long list of missing facts must not squeeze the table away.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 0)
        column.addWidget(self._build_readiness_box())
        column.addWidget(self._build_buttons_box())
        column.addWidget(self._build_customers_box())
        history = QGroupBox("Exported files")
        history_layout = QVBoxLayout(history)
        self.history_model = ExportHistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().hide()
        self.history_view.setSelectionBehavior(QTableView.SelectRows)
        self.history_view.setEditTriggers(QTableView.NoEditTriggers)
        header = self.history_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(ExportHistoryModel.FILE, QHeaderView.Stretch)
        self.history_view.setMinimumHeight(150)
        history_layout.addWidget(self.history_view)
        column.addWidget(history, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        self.body.addWidget(self.scroll, 1)

    # -- layout ----------------------------------------------------------------------------------

    def _build_readiness_box(self) -> QWidget:
        box = QFrame()
        box.setObjectName("outcomeBox")
        layout = QVBoxLayout(box)
        self.readiness_headline = QLabel()
        self.readiness_headline.setObjectName("outcomeHeadline")
        self.readiness_headline.setWordWrap(True)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.stale_label = QLabel()
        self.stale_label.setObjectName("fieldError")
        self.stale_label.setWordWrap(True)
        for label in (self.readiness_headline, self.missing_label, self.stale_label):
            layout.addWidget(label)
        return box

    def _build_buttons_box(self) -> QWidget:
        group = QGroupBox("Export")
        layout = QVBoxLayout(group)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("Folder"))
        self.folder_edit = QLineEdit()
        self.folder_edit.setReadOnly(True)
        self.folder_button = QPushButton("Choose folder…")
        self.folder_button.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        layout.addLayout(folder_row)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.export_buttons: dict[str, QPushButton] = {}
        for index, kind in enumerate(EXPORT_KINDS):
            button = QPushButton(kind.button)
            button.setObjectName("primary" if kind.key == "report_pdf" else f"export_{kind.key}")
            button.setToolTip(kind.help)
            button.setMinimumWidth(140)
            button.clicked.connect(lambda _=False, key=kind.key: self.start_export(key))
            self.export_buttons[kind.key] = button
            help_label = QLabel(kind.help)
            help_label.setObjectName("fieldHelp")
            help_label.setWordWrap(True)
            grid.addWidget(button, index // 2, (index % 2) * 2)
            grid.addWidget(help_label, index // 2, (index % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)

        status_row = QHBoxLayout()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy indicator: the writers do not report progress
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.open_folder_button = QPushButton("Open folder")
        self.open_folder_button.clicked.connect(lambda: dialogs.open_folder(self.folder))
        self.open_folder_button.hide()
        status_row.addWidget(self.busy)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.open_folder_button)
        layout.addLayout(status_row)
        return group

    def _build_customers_box(self) -> QWidget:
        group = QGroupBox("For your customers")
        row = QHBoxLayout(group)
        self.customer_cmrt_button = QPushButton("Our CMRT for customers…")
        self.customer_cmrt_button.setObjectName("export_customer_cmrt")
        self.customer_cmrt_button.clicked.connect(self.open_customer_cmrt)
        help_label = QLabel(
            "Customers send you a CMRT to fill. This fills RMI's blank from this project: you check each "
            "answer and its reason before the file is written."
        )
        help_label.setObjectName("fieldHelp")
        help_label.setWordWrap(True)
        row.addWidget(self.customer_cmrt_button)
        row.addWidget(help_label, 1)
        return group

    def open_customer_cmrt(self) -> None:
        if self.project is None:
            return
        dialog = CustomerCmrtDialog(self.project, self.folder, self, self.pool)
        dialog.written.connect(lambda _path: self.refresh())
        self.customer_dialog = dialog  # window-modal and not blocking: tests reach it here
        dialog.finished.connect(self._customer_dialog_closed)
        dialog.resize(self.window().size() * 0.92)
        dialog.open()

    def _customer_dialog_closed(self) -> None:
        if self.customer_dialog is not None:
            self.customer_dialog.deleteLater()
        self.customer_dialog = None

    # -- data ------------------------------------------------------------------------------------

    def load(self, project: Project) -> None:
        super().load(project)
        self.folder = Path(project.setting(FOLDER_SETTING, "") or default_export_folder(project.path))
        self.folder_edit.setText(str(self.folder))
        self.refresh()

    def refresh(self) -> None:
        """Work out again what can be exported; cheap enough to run whenever the page is shown."""
        project = self.project
        rolled = project_rollup(project)
        self.data, missing, headline = None, [], ""
        try:
            self.data = report_data_from_project(project, rolled)
        except NotReadyToExport as blocked:
            headline = f"Nothing can be exported yet. {blocked} (Step: {blocked.step}.)"
        if self.data is not None:
            missing = missing_with_steps(self.data)
            if self.data.outcome == "no_filing":
                headline = project_determination(project, rolled).headline
            elif missing:
                headline = "Before you can export the filing, please fill in:"
            else:
                headline = {
                    "sd_with_cmr": "Ready: Form SD with the Conflict Minerals Report (Exhibit 1.01) and Annex A.",
                    "sd_only": "Ready: Form SD only; no Conflict Minerals Report is needed.",
                }[self.data.outcome]
        self.readiness_headline.setText(headline)
        by_step: dict[str, list[str]] = {}
        for fact in missing:
            by_step.setdefault(fact.step, []).append(fact.what)
        self.missing_label.setText(
            "\n".join(f"• In the {step} step: {'; '.join(facts)}." for step, facts in by_step.items())
        )
        self.missing_label.setVisible(bool(missing))
        warnings = [rolled.stale_warning(date.today()) if rolled.smelters else ""]
        unresolved = len(still_to_resolve(rolled.unresolved))  # the count the Smelter review step shows
        if unresolved:
            warnings.append(
                f"{unresolved} smelter {'name' if unresolved == 1 else 'names'} your suppliers reported "
                f"{'is' if unresolved == 1 else 'are'} still to resolve, so not in Annex A. Decide what "
                f"{'it is' if unresolved == 1 else 'they are'} in the Smelter review step."
            )
        stale = "\n".join(w for w in warnings if w)
        self.stale_label.setText(stale)
        self.stale_label.setVisible(bool(stale))
        self._update_buttons()
        self.history_model.set_rows(project.export_history())

    def _update_buttons(self) -> None:
        busy = self.running is not None
        for key, button in self.export_buttons.items():
            button.setEnabled(not busy and self._can_export(key))
        self.folder_button.setEnabled(not busy)
        self.customer_cmrt_button.setEnabled(self.project is not None)

    def _can_export(self, key: str) -> bool:
        data = self.data
        if data is None:
            return False
        kind = KINDS_BY_KEY[key]
        if kind.annex_only:
            return bool(data.annex_rows) and not missing_with_steps(data, annex_only=True)
        return data.outcome != "no_filing" and not missing_with_steps(data)

    def choose_folder(self) -> None:
        folder = dialogs.ask_folder(self, "Choose the folder for the exports", self.folder)
        if folder is None or self.project is None:
            return
        self.folder = folder
        self.folder_edit.setText(str(folder))
        self.project.set_setting(FOLDER_SETTING, str(folder))

    # -- exporting -------------------------------------------------------------------------------

    def start_export(self, key: str) -> None:
        if self.running is not None or self.project is None:
            return
        self.refresh()  # the facts may have changed since the page was shown
        if not self._can_export(key):
            return
        kind = KINDS_BY_KEY[key]
        task = ExportTask(kind, self.data, target_for(kind, self.data, self.folder))
        task.setAutoDelete(False)  # the page keeps it until its signal arrives
        task.signals.finished.connect(self._export_done)
        task.signals.failed.connect(self._export_error)
        self.running = task
        self.exporting_for = self.project  # another project may be opened before the file is written
        self.busy.show()
        self.open_folder_button.hide()
        self.status_label.setText(f"Writing {kind.button}…")
        self._update_buttons()
        self.pool.start(task)

    def _export_done(self, key: str, records: list) -> None:
        self.running = None
        self.busy.hide()
        owner = self.exporting_for
        if owner is None:
            return
        if owner.con is None or owner is not self.project:
            # The user closed the project while the file was written: still record it in that project.
            _record_in_closed_project(owner.path, records)
            return
        for record in records:
            owner.record_export(record.kind, record.path, record.sha256, record.created_at)
        names = ", ".join(Path(r.path).name for r in records)
        self.status_label.setText(f"Written: {names}")
        self.open_folder_button.show()
        self.refresh()
        self.completeness_changed.emit()  # the step list ticks Export without reopening the project
        self.export_finished.emit(key)

    def _export_error(self, key: str, message: str) -> None:
        self.running = None
        self.busy.hide()
        self.status_label.setText("The export did not finish.")
        self._update_buttons()
        dialogs.show_error(self, f"Could not export the {KINDS_BY_KEY[key].button}", message)
        self.export_failed.emit(key, message)

    def clear_messages(self) -> None:
        self.status_label.clear()  # "Written: form_sd.htm ..." was about the other project
        self.open_folder_button.hide()

    def is_complete(self) -> bool:
        return self.project is not None and bool(self.project.export_history())

    def step_note(self) -> str:
        count = len(self.project.export_history()) if self.project is not None else 0
        return f"{count} file{'s' if count != 1 else ''} exported" if count else ""
