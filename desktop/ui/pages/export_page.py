"""The last step: what is still missing, one button per export, and the history of what was written."""

from __future__ import annotations

from dataclasses import replace
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

from desktop.core.export.records import DRAFT_PREFIX
from desktop.core.export.report_data import ReportData
from desktop.core.filing.customer_cmrt import EXPORT_KIND as CUSTOMER_CMRT_KIND
from desktop.core.filing.evidence import project_determination, project_rollup
from desktop.core.filing.readiness_checks import STALE_STATUS_REASON_KEY, late_filing_warning, status_date_problem
from desktop.core.project import Project, ProjectError
from desktop.core.filing.readiness import blockers
from desktop.core.smelters.to_resolve import still_to_resolve
from desktop.core.filing.report_builder import NotReadyToExport, missing_with_steps, report_data_from_project
from desktop.ui import dialogs
from desktop.ui.audit_pack_writer import AuditPackWriter
from desktop.core.export.records import record_for
from desktop.ui.dialogs.figures import FiguresDialog
from desktop.ui.export_worker import (
    DRAFT_KIND,
    EXPORT_KINDS,
    KINDS_BY_KEY,
    ExportTask,
    default_export_folder,
    target_for,
)
from desktop.ui.models.rows_model import RowsTableModel
from desktop.ui.figures import figures_pending
from desktop.ui.pages.base import WizardPage
from desktop.ui.widgets.edgar_checklist import EdgarChecklist
from desktop.ui.widgets.readiness_list import ReadinessList

FOLDER_SETTING = "export_folder"
AUDIT_PACK_KIND = "audit_pack"
KIND_LABELS = {
    "report_pdf": "Report PDF", "annex_pdf": "Annex A PDF", "annex_xlsx": "Annex A Excel",
    "annex_csv": "Annex A CSV", "edgar_form_sd": "EDGAR Form SD", "edgar_ex101": "EDGAR Exhibit 1.01",
    "customer_cmrt": "Our CMRT for customers", "audit_pack": "Audit pack",
}  # fmt: skip
KIND_LABELS |= {DRAFT_PREFIX + key: f"DRAFT {label}" for key, label in KIND_LABELS.items()}


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


def _add_with_help(grid: QGridLayout, button: QPushButton, text: str) -> None:
    """A button on the grid's next row, with its explanation beside it."""
    row = grid.rowCount() if grid.count() else 0
    help_label = QLabel(text)
    help_label.setObjectName("fieldHelp")
    help_label.setWordWrap(True)
    grid.addWidget(button, row, 0)
    grid.addWidget(help_label, row, 1)


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
    needs_figures = True
    subtitle = (
        "Write the filing documents. File the EDGAR HTML with the SEC; publish the PDF on your website. "
        "Each file is listed below with its fingerprint (SHA-256) so you can show what was filed."
    )
    export_finished = Signal(str)  # kind key, after the files are written and recorded
    export_failed = Signal(str, str)
    go_to_step = Signal(str)  # a readiness STEP_* name: the wizard shows that step

    def __init__(self, parent: QWidget | None = None, thread_pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = thread_pool or QThreadPool.globalInstance()
        self.data: ReportData | None = None
        self.blockers: list = []  # readiness blockers of the project, from refresh()
        self.running: ExportTask | None = None
        self.exporting_for: Project | None = None
        self.folder = Path()
        self.customer_dialog = None
        self.figures_dialog = None

        # Everything scrolls together: a long list of missing facts must not squeeze the table away.
        # The scroll area is in place before its content is filled in: a widget moved into
        # another parent is styled again with all it holds (wizard.py).
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.body.addWidget(self.scroll, 1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 0)
        self.scroll.setWidget(content)
        column.addWidget(self._build_readiness_box())
        column.addWidget(self._build_figures_box())
        column.addWidget(self._build_buttons_box())
        self.edgar_checklist = EdgarChecklist()
        column.addWidget(self.edgar_checklist)
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

    # -- layout ----------------------------------------------------------------------------------

    def _build_readiness_box(self) -> QWidget:
        box = QFrame()
        box.setObjectName("outcomeBox")
        layout = QVBoxLayout(box)
        self.readiness_headline = QLabel()
        self.readiness_headline.setObjectName("outcomeHeadline")
        self.readiness_headline.setWordWrap(True)
        self.readiness_list = ReadinessList()
        self.readiness_list.go_to_step.connect(self.go_to_step)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.stale_label = QLabel()
        self.stale_label.setObjectName("fieldError")
        self.stale_label.setWordWrap(True)
        self.late_label = QLabel()
        self.late_label.setObjectName("fieldError")
        self.late_label.setWordWrap(True)
        for widget in (self.readiness_headline, self.readiness_list):
            layout.addWidget(widget)
        # Statuses older than 12 months: update the lists, or say here why they are still right.
        self.stale_reason_box = QWidget()
        reason_layout = QVBoxLayout(self.stale_reason_box)
        reason_layout.setContentsMargins(0, 4, 0, 0)
        reason_label = QLabel(
            "Smelter statuses older than 12 months: update the RMI lists, or record here why they are "
            "still the right ones (kept in the project):"
        )
        reason_label.setWordWrap(True)
        reason_layout.addWidget(reason_label)
        self.stale_reason = QLineEdit()
        self.stale_reason.setObjectName("staleStatusReason")
        self.stale_reason.setPlaceholderText("e.g. RMI's lists of March 2026 show no change for these smelters")
        self.stale_reason.editingFinished.connect(self._save_stale_reason)
        reason_layout.addWidget(self.stale_reason)
        layout.addWidget(self.stale_reason_box)
        for widget in (self.missing_label, self.stale_label, self.late_label):
            layout.addWidget(widget)
        return box

    def _build_figures_box(self) -> QWidget:
        group = QGroupBox("What the report will print")
        layout = QVBoxLayout(group)
        self.figures_label = QLabel()
        self.figures_label.setObjectName("reportFigures")
        self.figures_label.setWordWrap(True)
        self.figures_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.figures_label)
        self.figures_button = QPushButton("Show the rows behind each figure…")
        self.figures_button.setObjectName("show_figures")
        self.figures_button.clicked.connect(self.open_figures)
        layout.addWidget(self.figures_button, 0, Qt.AlignLeft)
        return group

    def open_figures(self) -> None:
        if self.project is None:
            return
        self.figures_dialog = FiguresDialog(self.project, self)
        self.figures_dialog.resize(self.window().size() * 0.92)
        self.figures_dialog.open()

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
        draft_row = QHBoxLayout()
        self.draft_button = QPushButton(DRAFT_KIND.button)
        self.draft_button.setObjectName("exportDraft")
        self.draft_button.setToolTip(DRAFT_KIND.help)
        self.draft_button.clicked.connect(lambda: self.start_export(DRAFT_KIND.key))
        draft_help = QLabel(
            "Writes every file with DRAFT on each page and in its name, to review with colleagues while "
            "items above are still open. The buttons above write the final filing; they work once nothing blocks it."
        )
        draft_help.setObjectName("fieldHelp")
        draft_help.setWordWrap(True)
        draft_row.addWidget(self.draft_button, 0, Qt.AlignTop)
        draft_row.addWidget(draft_help, 1)
        layout.addLayout(draft_row)

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
        group = QGroupBox("For your customers and auditors")
        grid = QGridLayout(group)
        self.customer_cmrt_button = QPushButton("Our CMRT for customers…")
        self.customer_cmrt_button.setObjectName("export_customer_cmrt")
        self.customer_cmrt_button.clicked.connect(self.open_customer_cmrt)
        _add_with_help(grid, self.customer_cmrt_button, (
            "Customers send you a CMRT to fill. This fills RMI's blank from this project: you check each "
            "answer and its reason before the file is written."
        ))
        self.audit_pack_button = QPushButton("Export audit pack…")
        self.audit_pack_button.setObjectName("export_audit_pack")
        self.audit_pack_button.clicked.connect(self.export_audit_pack)
        _add_with_help(grid, self.audit_pack_button, (
            "One zip for your auditors: the supplier files with their SHA-256, the smelter status lists, "
            "your decisions, the determination and its evidence, every export, and a workbook tracing each "
            "figure to its rows."
        ))
        grid.setColumnStretch(1, 1)
        return group

    def export_audit_pack(self) -> None:
        if self.project is None:
            return
        stem = self.project.path.stem
        target = dialogs.ask_save_file(self, "Save the audit pack", self.folder / f"{stem} audit pack.zip",
                                       "Zip archive (*.zip)")
        if target is None:
            return
        if target.suffix.lower() != ".zip":
            target = target.with_suffix(".zip")
        self.audit_pack_button.setEnabled(False)
        self.pack_writer = AuditPackWriter(self, self.project, target)
        self.pack_writer.written.connect(self._audit_pack_written)
        self.pack_writer.stopped.connect(self._audit_pack_stopped)
        if not self.pack_writer.start():
            self.audit_pack_button.setEnabled(True)

    def _audit_pack_written(self, project: Project, target: Path) -> None:
        self.audit_pack_button.setEnabled(True)
        record = record_for(AUDIT_PACK_KIND, target)
        if project.con is None:  # closed while the pack was written: still record it there
            _record_in_closed_project(project.path, [record])
            return
        project.record_export(record.kind, record.path, record.sha256, record.created_at)
        if project is self.project:
            self.status_label.setText(f"Written: {target.name}")
            self.refresh()

    def _audit_pack_stopped(self, message: str) -> None:
        self.audit_pack_button.setEnabled(True)
        self.status_label.setText(message)

    def open_customer_cmrt(self) -> None:
        if self.project is None:
            return
        # Imported here: the dialog brings the CMRT reader, which opening a project does not need.
        from desktop.ui.dialogs.customer_cmrt import CustomerCmrtDialog

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
        if figures_pending(project, "rollup"):  # what is ready to file depends on every smelter
            self.data, self.blockers = None, []
            self.show_waiting("Checking what is ready to file: the smelters reported in the supplier files "
                              "are being rolled up… This step shows here as soon as that is done.")
            return
        self.show_waiting("")
        rolled = project_rollup(project)
        self.data, missing, headline = None, [], ""
        self.blockers = blockers(project)
        try:
            self.data = report_data_from_project(project, rolled, open_items=self.blockers)
        except NotReadyToExport as blocked:
            headline = f"Nothing can be exported yet. {blocked}"
        if self.data is not None:
            # Facts the readiness list does not already name (the auditor's name, for one).
            listed = {b.step for b in self.blockers}
            missing = [m for m in missing_with_steps(self.data) if "auditor" in m.what or not listed]
            if self.data.outcome == "no_filing":
                headline = project_determination(project, rolled).headline
            elif self.blockers or missing:
                count = len(self.blockers) + len(missing)
                headline = (
                    f"Not ready to file: {count} item{'s' if count != 1 else ''} to settle first. "
                    "You can export a draft meanwhile; every page of it says DRAFT."
                )
            else:
                headline = {
                    "sd_with_cmr": "Ready: Form SD with the Conflict Minerals Report (Exhibit 1.01) and Annex A.",
                    "sd_only": "Ready: Form SD only; no Conflict Minerals Report is needed.",
                }[self.data.outcome]
        elif self.blockers and not headline:
            headline = f"Not ready to file: {len(self.blockers)} item{'s' if len(self.blockers) != 1 else ''} to settle first."
        self.readiness_headline.setText(headline)
        self.readiness_list.set_blockers(self.blockers)
        by_step: dict[str, list[str]] = {}
        for fact in missing:
            by_step.setdefault(fact.step, []).append(fact.what)
        self.missing_label.setText(
            "\n".join(f"• In the {step} step: {'; '.join(facts)}." for step, facts in by_step.items())
        )
        self.missing_label.setVisible(bool(missing))
        problem = status_date_problem(project)
        # The readiness list already names statuses too old for the reporting year.
        warnings = [rolled.stale_warning(date.today()) if rolled.smelters and not problem else ""]
        stale = "\n".join(w for w in warnings if w)
        self.stale_label.setText(stale)
        self.stale_label.setVisible(bool(stale))
        reason = project.answers().get(STALE_STATUS_REASON_KEY, "")
        self.stale_reason_box.setVisible(bool(problem or reason))
        if self.stale_reason.text() != reason:
            self.stale_reason.setText(reason)
        late = late_filing_warning(project.registrant().reporting_year, date.today()) if self.data else ""
        self.late_label.setText(late)
        self.late_label.setVisible(bool(late))
        self.figures_label.setText(self._figures_text(rolled))
        self.edgar_checklist.load(project)
        self._update_buttons()
        self.history_model.set_rows(project.export_history())

    def _figures_text(self, rolled) -> str:
        """The computed figures as the report prints them, so the user sees them before exporting."""
        data = self.data
        if data is None:
            return "Nothing to show until the outcome is settled."
        rcoi = data.rcoi
        lines = [
            f"Determination: {project_determination(self.project, rolled).headline}",
            f"Suppliers surveyed (marked as asked): {rcoi.suppliers_surveyed}; responded with a usable CMRT: "
            f"{rcoi.suppliers_responded} ({rcoi.response_rate}%); sent a reminder or follow-up (on record): "
            f"{rcoi.suppliers_followed_up}.",
        ]
        waiting = len(still_to_resolve(rolled.unresolved))
        for summary in data.metal_summaries:
            lines.append(
                f"{summary.metal}: {summary.known} smelters and refiners, {summary.conformant_or_active} "
                f"Conformant or Active ({summary.percent_conformant_or_active}%)."
            )
        if data.status_as_of:
            lines.append(f"Smelter statuses as of {data.status_as_of:%B} {data.status_as_of.day}, {data.status_as_of.year}.")
        if waiting:
            lines.append(
                f"Not final: {waiting} smelter name{'s are' if waiting != 1 else ' is'} still undecided, "
                "so these figures can change. A draft prints them marked DRAFT."
            )
        return "\n".join(lines)

    def _save_stale_reason(self) -> None:
        if self.project is None:
            return
        text = self.stale_reason.text().strip()
        if text != self.project.answers().get(STALE_STATUS_REASON_KEY, ""):
            self.project.set_answer(STALE_STATUS_REASON_KEY, text)
            self.refresh()

    def _update_buttons(self) -> None:
        busy = self.running is not None
        for key, button in self.export_buttons.items():
            button.setEnabled(not busy and self._can_export(key))
        self.draft_button.setEnabled(not busy and self._can_export(DRAFT_KIND.key))
        self.folder_button.setEnabled(not busy)
        self.customer_cmrt_button.setEnabled(self.project is not None)

    def is_ready(self) -> bool:
        """Nothing blocks the final filing (the readiness checks and the facts the writers need)."""
        return self.data is not None and not self.blockers and not missing_with_steps(self.data)

    def _can_export(self, key: str) -> bool:
        data = self.data
        if data is None:
            return False
        if key == DRAFT_KIND.key:
            return data.outcome != "no_filing" or bool(data.annex_rows)
        if data.draft:
            return False  # report_builder: something blocks the filing, or a fact its files need is missing
        kind = KINDS_BY_KEY[key]
        return bool(data.annex_rows) if kind.annex_only else data.outcome != "no_filing"

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
            if key != DRAFT_KIND.key and self.data is not None and self.data.draft:
                items = [b.message for b in self.blockers]
                items += [f"In the {m.step} step: {m.what}." for m in missing_with_steps(self.data)]
                dialogs.show_error(
                    self, "Not ready to file",
                    "The final filing cannot be exported yet:\n\n" + "\n".join(f"• {item}" for item in items)
                    + "\n\nExport a draft to review it meanwhile.",
                )
            return
        if key == DRAFT_KIND.key:
            kind, data = DRAFT_KIND, replace(self.data, draft=True)
            task = ExportTask(kind, data, self.folder, folder=self.folder)
        else:
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
        what = DRAFT_KIND.button.lower() if key == DRAFT_KIND.key else f"the {KINDS_BY_KEY[key].button}"
        dialogs.show_error(self, f"Could not {what}" if key == DRAFT_KIND.key else f"Could not export {what}", message)
        self.export_failed.emit(key, message)

    def clear_messages(self) -> None:
        self.status_label.clear()  # "Written: form_sd.htm ..." was about the other project
        self.open_folder_button.hide()

    def _final_exports(self) -> list:
        if self.project is None:
            return []
        # Neither a draft nor our CMRT for customers is the filing.
        return [row for row in self.project.export_history()
                if not row["kind"].startswith(DRAFT_PREFIX) and row["kind"] not in (CUSTOMER_CMRT_KIND, AUDIT_PACK_KIND)]

    def is_complete(self) -> bool:
        return bool(self._final_exports())  # a draft does not finish the step

    def step_note(self) -> str:
        count = len(self._final_exports())
        return f"{count} file{'s' if count != 1 else ''} exported" if count else ""
