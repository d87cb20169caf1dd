"""Step 4's audit question: whether an independent private sector audit was obtained, by whom,
and the auditor's report attached (PDF, plus HTML or text for EDGAR), filed as Exhibit 1.02."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.core.filing import audit_report
from desktop.core.filing.audit_report import AUDIT_EDGAR, AUDIT_PDF, BadAttachment
from desktop.ui import dialogs
from desktop.ui.widgets.claim_block import help_label

IPSA_AUDITOR_KEY = "ipsa_auditor"


class AuditBlock(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = None
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(3)
        self.ipsa_box = QCheckBox("An independent private sector audit (IPSA) of this report was obtained")
        self.ipsa_box.clicked.connect(self._ipsa_clicked)
        self.ipsa_auditor = QLineEdit()
        self.ipsa_auditor.setPlaceholderText("Name of the audit firm")
        self.ipsa_auditor.setMaximumWidth(520)
        self.ipsa_auditor.textChanged.connect(self._auditor_typed)
        layout.addWidget(self.ipsa_box)
        layout.addWidget(self.ipsa_auditor)

        self.files = QWidget()
        grid = QGridLayout(self.files)
        grid.setContentsMargins(0, 4, 0, 0)
        self.file_labels: dict[str, QLabel] = {}
        self.attach_buttons: dict[str, QPushButton] = {}
        for row, (key, caption) in enumerate(
            ((AUDIT_PDF, "Auditor's report (PDF)"), (AUDIT_EDGAR, "Same report for EDGAR (HTML or text)"))
        ):
            label = QLabel()
            label.setWordWrap(True)
            label.setObjectName(f"file_{key}")
            button = QPushButton("Attach…")
            button.setObjectName(f"attach_{key}")
            button.clicked.connect(lambda _=False, k=key: self.attach(k))
            grid.addWidget(QLabel(caption), row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
            self.file_labels[key], self.attach_buttons[key] = label, button
        grid.setColumnStretch(1, 1)
        layout.addWidget(self.files)
        self.problem = help_label("", "fieldError")
        layout.addWidget(self.problem)
        layout.addWidget(
            help_label(
                "Rarely done. Only with an audit may the report call products \"DRC conflict free\". "
                "The auditor's PDF is printed after the report as Exhibit 1.02; EDGAR needs the same "
                "report as HTML or text (ex1-02.htm)."
            )
        )

    def load(self, project) -> None:
        self.project = project
        answers = project.answers()
        self._loading = True
        try:
            self.ipsa_box.setChecked(answers.get(audit_report.IPSA_KEY, "") == "yes")
            self.ipsa_auditor.setText(answers.get(IPSA_AUDITOR_KEY, ""))
        finally:
            self._loading = False
        self.problem.hide()
        self._show_files()

    def _show_files(self) -> None:
        claimed = self.ipsa_box.isChecked()
        self.ipsa_auditor.setEnabled(claimed)
        self.files.setVisible(claimed)
        for key, label in self.file_labels.items():
            attached = self.project.attachment(key) if self.project else None
            if attached:
                label.setText(
                    f"{attached.file_name}, attached {attached.attached_at[:10]} "
                    f"(SHA-256 {attached.sha256[:12]}…)"
                )
                label.setObjectName("fieldHelp")
                self.attach_buttons[key].setText("Replace…")
            else:
                label.setText("Not attached: needed for the final filing")
                label.setObjectName("fieldError")
                self.attach_buttons[key].setText("Attach…")
            label.style().unpolish(label)
            label.style().polish(label)

    def _ipsa_clicked(self) -> None:
        self.project.set_answer(audit_report.IPSA_KEY, "yes" if self.ipsa_box.isChecked() else "")
        self._show_files()
        self.changed.emit()

    def _auditor_typed(self, text: str) -> None:
        if self._loading or self.project is None:
            return
        self.project.set_answer(IPSA_AUDITOR_KEY, text.strip())
        self.changed.emit()

    def attach(self, key: str) -> None:
        path = dialogs.ask_audit_report_file(self, for_edgar=key == AUDIT_EDGAR)
        if path is None:
            return
        attach = audit_report.attach_audit_edgar if key == AUDIT_EDGAR else audit_report.attach_audit_pdf
        try:
            attach(self.project, path)
        except BadAttachment as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.problem.hide()
        self._show_files()
        self.changed.emit()
