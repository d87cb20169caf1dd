"""Every file dialog and message box the app shows, in one place so tests can replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop import PROJECT_SUFFIX

PROJECT_FILTER = f"Conflict Minerals Desk projects (*{PROJECT_SUFFIX})"


def ask_open_project(parent: QWidget, start_dir: Path) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open project", str(start_dir), PROJECT_FILTER)
    return Path(path) if path else None


def ask_save_project_as(parent: QWidget, suggested: Path) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Save project as", str(suggested), PROJECT_FILTER)
    return Path(path) if path else None


def ask_open_table_file(parent: QWidget, title: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, title, "", "Spreadsheets (*.xlsx *.xlsm *.xls *.csv);;All files (*)"
    )
    return Path(path) if path else None


def show_error(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


def ask_new_project(parent: QWidget, default_folder: Path) -> tuple[Path, str, int] | None:
    """(file path, company name, reporting year) for a new project, or None if cancelled."""
    from desktop.ui.new_project_dialog import NewProjectDialog

    dialog = NewProjectDialog(default_folder, parent)
    if dialog.exec() != NewProjectDialog.Accepted:
        return None
    return dialog.project_path(), dialog.company.text().strip(), dialog.year.value()
