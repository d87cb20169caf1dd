"""Ask for the company, the reporting year and where to keep a new project file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import PROJECT_SUFFIX
from desktop.core.filing.registrant import FIRST_REPORTING_YEAR


def suggested_file_name(company: str, year: int) -> str:
    safe = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", company).strip().rstrip(".") or "New company"
    return f"{safe} {year}{PROJECT_SUFFIX}"


class NewProjectDialog(QDialog):
    def __init__(self, default_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New project")
        self.setMinimumWidth(520)
        self.company = QLineEdit()
        self.company.setPlaceholderText("Exact company name, e.g. Inogen, Inc.")
        self.year = QSpinBox()
        self.year.setRange(FIRST_REPORTING_YEAR, date.today().year)
        self.year.setValue(date.today().year - 1)
        self.folder = QLineEdit(str(default_folder))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.file_label = QLabel()
        self.file_label.setObjectName("fieldHelp")
        self.file_label.setWordWrap(True)  # a long company name makes a long file name: show all of it

        form = QFormLayout()
        form.addRow("Company", self.company)
        form.addRow("Reporting year", self.year)
        form.addRow("Save in folder", folder_row)
        form.addRow("", self.file_label)
        intro = QLabel("A project holds one year's filing for one company, in a single file you can back up or move.")
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("Create project")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for signal in (self.company.textChanged, self.year.valueChanged, self.folder.textChanged):
            signal.connect(self._update)
        self._update()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save projects in", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def project_path(self) -> Path:
        return Path(self.folder.text()) / suggested_file_name(self.company.text(), self.year.value())

    def _update(self) -> None:
        path = self.project_path()
        ok = bool(self.company.text().strip()) and bool(self.folder.text().strip())
        if path.exists():
            self.file_label.setText(f"{path.name} already exists: open it instead, or change the name.")
            ok = False
        else:
            self.file_label.setText(f"The project will be saved as {path.name}")
        self.file_label.setToolTip(str(path))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(ok)
