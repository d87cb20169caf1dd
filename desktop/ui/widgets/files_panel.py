"""The files tab of the supplier inquiry: what each supplier file says, and the follow-up message."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cmrt.model import Severity
from desktop.core.filing.evidence import file_questions, stored_declarations
from desktop.core.project import Project
from desktop.core.suppliers import Sender, follow_up_recipient, follow_up_subject, follow_up_text, write_eml
from desktop.core.suppliers.followup import finding_text
from desktop.ui import dialogs
from desktop.ui.figures import figures_pending
from desktop.ui.table_view import fit_columns, make_table_view
from desktop.ui.models.declaration_table import (
    FILE,
    ROW_ROLE,
    SUPPLIER,
    VERDICT,
    VERDICT_TEXT,
    VERDICT_THEME_COLOUR,
    DeclarationRow,
    DeclarationTableModel,
    SearchProxy,
    dot_icon,
)
from desktop.ui.theme import current_theme

# Each finding is one line in the list; the dot's colour and the tooltip say how serious it is.
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
SEVERITY_THEME_COLOUR = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "muted"}
SEVERITY_TIP = {
    Severity.ERROR: "Must be corrected by the supplier before the file counts.",
    Severity.WARNING: "Please check with the supplier.",
    Severity.NOTE: "For your own review; not sent to the supplier.",
}


EMPTY_FILES = (
    "No supplier files yet. Send requests from the Suppliers tab; when the CMRT files come back, "
    "import them with Import CMRT files… or drop them anywhere on the window."
)


READING_FILES = "Reading the supplier files in the project… The list shows here in a moment."
CHECKING_NAMES = (
    "Checking the smelter names in this file against the smelter lists… Questions about them show "
    "here in a moment; the follow-up message can be written once they are known."
)


class FilesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self._waiting_for: str | None = None  # "files" or "questions" (see fill_in)
        self._expected = 0
        self.model = DeclarationTableModel(self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table_view("filesTable")
        self.table.setModel(self.proxy)
        self.table.sortByColumn(SUPPLIER, Qt.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search files: supplier, file name, result…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.show_replaced = QCheckBox("Show replaced files")
        self.show_replaced.setToolTip("Older files a supplier has since replaced (kept in the records).")
        self.show_replaced.toggled.connect(lambda _checked: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_replaced)

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_findings_pane())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.empty_label = QLabel(EMPTY_FILES)
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)

    def _build_findings_pane(self) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(6, 0, 0, 0)
        self.findings_title = QLabel("Select a file to see what needs fixing.")
        self.findings_title.setObjectName("outcomeHeadline")
        self.findings_title.setWordWrap(True)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("fileVerdict")
        self.verdict_label.setWordWrap(True)
        self.findings_list = QListWidget()
        self.findings_list.setObjectName("findingsList")
        self.findings_list.setWordWrap(True)
        self.copy_button = QPushButton("Copy follow-up message")
        self.copy_button.setToolTip("A message to the supplier listing exactly what to fix, ready to paste.")
        self.copy_button.clicked.connect(self.copy_follow_up)
        self.eml_button = QPushButton("Save e-mail draft…")
        self.eml_button.setToolTip("An .eml draft your e-mail program opens, addressed to the supplier.")
        self.eml_button.clicked.connect(self.save_follow_up_draft)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.eml_button)
        buttons.addStretch(1)
        layout.addWidget(self.findings_title)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.findings_list, 1)
        layout.addLayout(buttons)
        self._enable_follow_up(False)
        return pane

    def clear_messages(self) -> None:
        self.search.clear()
        self.show_replaced.setChecked(False)

    def load(self, project: Project) -> None:
        self.project = project
        self.refresh()

    # What the list waits for while it is worked out off the UI thread (evidence.compute_ahead).
    def files_pending(self) -> bool:
        """The files are still being read from the project: the list shows a note instead."""
        return self.project is not None and not self.show_replaced.isChecked() and figures_pending(
            self.project, "current_declarations")

    def questions_pending(self) -> bool:
        """The smelter names are still being checked: the list says so where they would show."""
        if self.project is None:
            return False
        return figures_pending(self.project, "file questions True" if not self.show_replaced.isChecked()
                               else "row matches")

    def waiting(self) -> bool:
        return self._waiting_for is not None

    def fill_in(self) -> bool:
        """Show what has been worked out since the list was shown; True when something was."""
        if self._waiting_for == "files" and not self.files_pending():
            self.refresh()
            return True
        if self._waiting_for == "questions" and not self.questions_pending():
            self.model.set_questions(file_questions(self.project, not self.show_replaced.isChecked()))
            self._waiting_for = None
            self._show_findings(self.selected_row())
            return True
        return False

    def refresh(self) -> None:
        if self.project is None:
            return
        current_only = not self.show_replaced.isChecked()
        self._waiting_for = None
        if self.files_pending():
            self._waiting_for = "files"
            self._expected = len(self.project.declaration_rows(current_only))
            self.model.set_rows([])
            self.empty_label.setText(READING_FILES)
            self.empty_label.setVisible(bool(self._expected))
            self._show_findings(None)
            return
        self.empty_label.setText(EMPTY_FILES)
        suppliers = {s.id: s.name for s in self.project.suppliers()}
        checking = self.questions_pending()
        questions = {} if checking else file_questions(self.project, current_only)
        if checking:
            self._waiting_for = "questions"
        rows = []
        for stored in stored_declarations(self.project, current_only):
            name = suppliers.get(stored.supplier_id)
            if name is None:
                company = stored.declaration.company.name.strip() if stored.declaration else ""
                name = f"(unassigned) {company}".strip()
            if not stored.is_current:
                name += " — replaced"
            rows.append(DeclarationRow(stored, name, questions.get(stored.id, []), questions_known=not checking))
        self.model.set_rows(rows)
        fit_columns(self.table, 170)
        self.empty_label.setVisible(not rows)
        self._show_findings(None)

    def row_count(self) -> int:
        """Files in the list (while they are being read, how many there are)."""
        return self._expected if self._waiting_for == "files" else self.model.rowCount()

    def selected_row(self) -> DeclarationRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.proxy.data(indexes[0], ROW_ROLE) if indexes else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_findings(self.selected_row())

    def _enable_follow_up(self, enabled: bool) -> None:
        self.copy_button.setEnabled(enabled)
        self.eml_button.setEnabled(enabled)

    def _show_findings(self, row: DeclarationRow | None) -> None:
        self.findings_list.clear()
        self.verdict_label.clear()
        if row is None:
            self.findings_title.setText("Select a file to see what needs fixing.")
            self._enable_follow_up(False)
            return
        declaration = row.stored.declaration
        self._show_verdict(row)
        if declaration is None:
            self.findings_title.setText(f"{row.stored.file_name} cannot be used")
            self._add_finding_line(row.stored.problem, Severity.ERROR)
            self._enable_follow_up(False)
            return
        self.findings_title.setText(f"{row.supplier_name}: {row.stored.file_name}")
        findings = sorted(declaration.findings + self.smelter_findings(row), key=lambda f: SEVERITY_ORDER[f.severity])
        if not findings and row.questions_known:
            self.findings_list.addItem("Nothing to fix: the file is complete.")
        for finding in findings:
            self._add_finding_line(finding_text(finding), finding.severity)
        if not row.questions_known:
            # The follow-up message lists the smelter names to confirm: none is written without them.
            self.findings_list.addItem(CHECKING_NAMES)
        self._enable_follow_up(row.questions_known)

    def _show_verdict(self, row: DeclarationRow) -> None:
        colour = current_theme().colour(VERDICT_THEME_COLOUR.get(row.verdict, "text"))
        to_fix = row.to_fix()
        text = VERDICT_TEXT.get(row.verdict, row.verdict) + (f": {to_fix}" if to_fix and row.stored.declaration else "")
        self.verdict_label.setText(text)
        self.verdict_label.setStyleSheet(f"color: {colour.name()}; font-weight: 600;")

    def _add_finding_line(self, text: str, severity: Severity) -> None:
        item = QListWidgetItem(dot_icon(SEVERITY_THEME_COLOUR[severity]), text)
        item.setToolTip(SEVERITY_TIP[severity])
        item.setData(Qt.UserRole, severity.value)
        self.findings_list.addItem(item)

    def smelter_findings(self, row: DeclarationRow):
        """Smelter List rows the supplier should correct or confirm (typos, unknown names, bad IDs)."""
        return row.smelter_questions

    def _sender(self) -> Sender:
        registrant = self.project.registrant()
        return Sender(name=registrant.contact_name, company=registrant.company_name, phone=registrant.contact_phone)

    def _supplier_of(self, row: DeclarationRow):
        return next((s for s in self.project.suppliers() if s.id == row.stored.supplier_id), None)

    def follow_up_message(self) -> str:
        row = self.selected_row()
        if row is None or row.stored.declaration is None:
            return ""
        return follow_up_text(
            row.stored.declaration, self._supplier_of(row), self._sender(), self.smelter_findings(row)
        )

    def copy_follow_up(self) -> None:
        message = self.follow_up_message()
        if message:
            dialogs.copy_to_clipboard(message)
            dialogs.show_info(self, "Message copied", "The follow-up message is on the clipboard: paste it into an e-mail.")

    def save_follow_up_draft(self) -> None:
        row = self.selected_row()
        if row is None or row.stored.declaration is None:
            return
        declaration = row.stored.declaration
        suggested = self.project.path.parent / f"Follow-up {row.supplier_name[:40]}.eml"
        path = dialogs.ask_save_file(self, "Save e-mail draft", suggested, "E-mail drafts (*.eml)")
        if path is None:
            return
        supplier = self._supplier_of(row)
        sender = self._sender()
        extra = self.smelter_findings(row)
        try:
            write_eml(
                path,
                follow_up_recipient(declaration, supplier),
                follow_up_subject(declaration, sender, extra),
                follow_up_text(declaration, supplier, sender, extra),
                sender,
            )
        except OSError as error:
            dialogs.show_error(self, "Could not save the draft", f"{path}: {error.strerror or error}")
