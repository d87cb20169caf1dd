"""Step 1: the registrant facts of the Form SD cover, the reporting year and who signs."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.filing.filing_calendar import deadline_explanation
from desktop.core.project import Project
from desktop.core.filing.registrant import FIELD_HELP, FIELD_LABELS, FIRST_REPORTING_YEAR, US_STATES, validate, validate_field
from desktop.ui.pages.base import WizardPage

GROUPS = [
    ("Registrant, as on the Form SD cover", ["company_name", "state_of_incorporation", "sec_file_number", "irs_ein"]),
    ("Principal executive offices", ["street", "city", "state", "zip_code"]),
    ("Contact and publication", ["contact_name", "contact_phone", "website"]),
    ("Reporting period", ["reporting_year"]),
    ("Signature", ["signer_name", "signer_title"]),
]
STATE_FIELDS = {"state_of_incorporation", "state"}
PLACEHOLDERS = {
    "sec_file_number": "001-12345",
    "irs_ein": "12-3456789",
    "contact_phone": "(555) 555-0100",
    "website": "www.example.com/conflict-minerals",
    "zip_code": "12345",
}


class CompanyPage(WizardPage):
    title = "Company and filing"
    subtitle = (
        "The facts printed on the cover of Form SD. Copy them from your latest 10-K cover page. "
        "Everything you type is saved at once."
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.field_labels: list[QLabel] = []
        # Fields the user has left (or all, once they asked to go on): only these show problems, so a
        # new project does not open with a column of red "Required." before anything is typed.
        self.checked: set[str] = set()
        self._loading = False

        # The scroll area is in place before its content is filled in: a widget moved into
        # another parent is styled again with all it holds (wizard.py).
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        self.body.addWidget(scroll)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 0)
        scroll.setWidget(content)
        for title, names in GROUPS:
            group = QGroupBox(title)
            form = QFormLayout(group)
            form.setRowWrapPolicy(QFormLayout.WrapLongRows)
            for name in names:
                form.addRow(self._field_label(FIELD_LABELS[name]), self._field_block(name))
            if title == "Reporting period":
                self.deadline_label = QLabel()
                self.deadline_label.setObjectName("deadline")
                self.deadline_label.setWordWrap(True)
                form.addRow(self._field_label("Filing deadline"), self.deadline_label)
            column.addWidget(group)
        column.addStretch(1)

    def _field_label(self, text: str) -> QLabel:
        label = QLabel(text)
        self.field_labels.append(label)
        return label

    def showEvent(self, event) -> None:
        # One label width for every group, so the fields line up down the page (the font is known now).
        width = max(label.sizeHint().width() for label in self.field_labels)
        for label in self.field_labels:
            label.setMinimumWidth(width)
        super().showEvent(event)

    def _field_block(self, name: str) -> QWidget:
        editor = self._make_editor(name)
        editor.setObjectName(f"field_{name}")
        editor.setToolTip(FIELD_HELP[name])
        help_label = QLabel(FIELD_HELP[name])
        help_label.setObjectName("fieldHelp")
        help_label.setWordWrap(True)
        error = QLabel()
        error.setObjectName("fieldError")
        error.hide()
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(error)
        layout.addWidget(help_label)
        self.editors[name] = editor
        self.errors[name] = error
        return block

    def _make_editor(self, name: str) -> QWidget:
        if name == "reporting_year":
            spin = QSpinBox()
            spin.setRange(FIRST_REPORTING_YEAR, date.today().year)
            spin.setMaximumWidth(120)
            spin.valueChanged.connect(lambda value: self._changed(name, value))
            spin.editingFinished.connect(lambda: self._left(name))
            return spin
        if name in STATE_FIELDS:
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItems(("",) + US_STATES)
            combo.setInsertPolicy(QComboBox.NoInsert)
            combo.currentTextChanged.connect(lambda text: self._changed(name, text))
            combo.lineEdit().editingFinished.connect(lambda: self._left(name))
            return combo
        edit = QLineEdit()
        edit.setPlaceholderText(PLACEHOLDERS.get(name, ""))
        edit.textChanged.connect(lambda text: self._changed(name, text))
        edit.editingFinished.connect(lambda: self._left(name))
        return edit

    # -- data ------------------------------------------------------------------------------------

    def load(self, project: Project) -> None:
        super().load(project)
        registrant = project.registrant()
        self._loading = True
        try:
            for name, editor in self.editors.items():
                value = getattr(registrant, name)
                if isinstance(editor, QSpinBox):
                    editor.setValue(value or date.today().year - 1)
                elif isinstance(editor, QComboBox):
                    editor.setCurrentText(value or "")
                else:
                    editor.setText(value or "")
        finally:
            self._loading = False
        if registrant.reporting_year is None:  # a year is always shown, so keep it saved too
            self._changed("reporting_year", self.editors["reporting_year"].value())
        # A value already saved is worth checking at once; an empty field waits for the user.
        registrant = project.registrant()
        self.checked = {name for name in self.editors if str(getattr(registrant, name) or "").strip()}
        for name in self.editors:
            self._show_problem(name, getattr(registrant, name))
        self._update_deadline()

    def _changed(self, name: str, value) -> None:
        if self._loading or self.project is None:
            return
        if isinstance(value, str):
            value = value.strip()
        self.project.update_registrant(**{name: value})
        self._show_problem(name, value)
        if name == "reporting_year":
            self._update_deadline()
        self.completeness_changed.emit()

    def _left(self, name: str) -> None:
        """The user moved on from a field: now say what is wrong with it, if anything."""
        if self.project is None:
            return
        self.checked.add(name)
        self._show_problem(name, getattr(self.project.registrant(), name))

    def before_next(self) -> bool:
        """Asked to go on: show every problem once; a second Next goes on (the step list says what is left)."""
        if self.project is None:
            return True
        problems = validate(self.project.registrant(), date.today().year)
        unseen = [name for name in self.editors if name in problems and name not in self.checked]
        if not unseen:
            return True
        self.checked.update(self.editors)
        for name in self.editors:
            self._show_problem(name, getattr(self.project.registrant(), name))
        self.editors[unseen[0]].setFocus()
        self.scroll.ensureWidgetVisible(self.editors[unseen[0]])
        return False

    def clear_messages(self) -> None:
        self.checked.clear()

    def _show_problem(self, name: str, value) -> None:
        problem = validate_field(name, value, current_year=date.today().year) if name in self.checked else None
        label = self.errors[name]
        label.setText(problem or "")
        label.setVisible(bool(problem))

    def _update_deadline(self) -> None:
        year = self.editors["reporting_year"].value()
        self.deadline_label.setText(
            f"Reporting period January 1 to December 31, {year}. {deadline_explanation(year)}"
        )

    def is_complete(self) -> bool:
        return self.project is not None and not validate(self.project.registrant(), date.today().year)

    def step_note(self) -> str:
        if self.project is None:
            return ""
        missing = len(validate(self.project.registrant(), date.today().year))
        return "complete" if not missing else f"{missing} to fill in"
