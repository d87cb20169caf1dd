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


def ask_next_year_project(parent: QWidget, suggested: Path) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Save next year's project as", str(suggested), PROJECT_FILTER)
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


def ask_after_save_failure(parent: QWidget, message: str) -> str:
    """"retry", "copy" (save a copy elsewhere) or "dismiss", after a change could not be saved."""
    box = QMessageBox(QMessageBox.Warning, "Your change was not saved", message, parent=parent)
    retry = box.addButton("Try again", QMessageBox.AcceptRole)
    copy = box.addButton("Save a copy elsewhere…", QMessageBox.ActionRole)
    box.addButton("Close", QMessageBox.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return "retry" if clicked is retry else "copy" if clicked is copy else "dismiss"


def confirm(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


def ask_new_project(parent: QWidget, default_folder: Path) -> tuple[Path, str, int] | None:
    """(file path, company name, reporting year) for a new project, or None if cancelled."""
    from desktop.ui.dialogs.new_project import NewProjectDialog

    dialog = NewProjectDialog(default_folder, parent)
    if dialog.exec() != NewProjectDialog.Accepted:
        return None
    return dialog.project_path(), dialog.company.text().strip(), dialog.year.value()


def review_import(parent: QWidget, files, suppliers) -> bool:
    """Let the user confirm each file's supplier; False when the import is cancelled."""
    from desktop.ui.dialogs.import_review import ImportReviewDialog

    if not any(f.declaration is not None and not f.already_imported for f in files):
        return True  # nothing to assign: only unreadable or duplicate files
    return ImportReviewDialog(files, suppliers, parent).exec() == ImportReviewDialog.Accepted


def ask_open_cmrt_files(parent: QWidget) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent, "Import supplier CMRT files", "", "Excel workbooks (*.xlsx *.xlsm *.xls);;All files (*)"
    )
    return [Path(p) for p in paths]


def ask_blank_cmrt(parent: QWidget) -> Path | None:
    """The blank CMRT the user downloaded from RMI (we may not ship RMI's template ourselves)."""
    return _ask_for_rmi_blank(
        parent, "Choose the blank CMRT",
        "Each request carries the blank Conflict Minerals Reporting Template for the supplier to fill in.",
        "This project remembers it.", "Excel workbooks (*.xlsx *.xlsm *.xls)",
    )


def ask_blank_cmrt_for_customers(parent: QWidget) -> Path | None:
    """RMI's blank CMRT for our own declaration; RMI's terms do not let us ship it."""
    return _ask_for_rmi_blank(
        parent, "Choose RMI's blank CMRT", "Your CMRT for customers is written into RMI's own blank template.",
        "The app remembers it for next time.", "Excel workbooks (*.xlsx)",
    )


def _ask_for_rmi_blank(parent: QWidget, title: str, why: str, remembered: str, file_filter: str) -> Path | None:
    """Say where RMI's free blank comes from, then let the user choose the downloaded file."""
    from desktop.core.suppliers.sending import RMI_TEMPLATES_PAGE

    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setText(why)
    box.setInformativeText(
        f"Download the latest CMRT (free) from the Responsible Minerals Initiative, {RMI_TEMPLATES_PAGE}, "
        f"then choose the downloaded file. {remembered}"
    )
    box.setStandardButtons(QMessageBox.Open | QMessageBox.Cancel)
    if box.exec() != QMessageBox.Open:
        return None
    path, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return Path(path) if path else None


def ask_folder(parent: QWidget, title: str, start: Path | None = None) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(start or ""))
    return Path(folder) if folder else None


def open_folder(folder: Path) -> bool:
    """Show a folder in Explorer or Finder."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def ask_save_file(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(path) if path else None


def copy_to_clipboard(text: str) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setText(text)


def ask_supplier(parent: QWidget, supplier=None):
    """The supplier as edited, or None when cancelled."""
    from desktop.ui.dialogs.supplier import SupplierDialog

    dialog = SupplierDialog(supplier, parent)
    return dialog.result_supplier() if dialog.exec() == SupplierDialog.Accepted else None


def ask_pasted_text(parent: QWidget, title: str, prompt: str) -> str | None:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(640, 360)
    edit = QPlainTextEdit()
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    label = QLabel(prompt)
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addWidget(edit)
    layout.addWidget(buttons)
    return edit.toPlainText() if dialog.exec() == QDialog.Accepted else None


def ask_note(parent: QWidget, title: str, prompt: str) -> str | None:
    """A note saying why (overrides and decisions keep it); None when cancelled, "" when left blank."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getMultiLineText(parent, title, prompt)
    return text.strip() if ok else None


def ask_choice(parent: QWidget, title: str, prompt: str, choices: list[str]) -> str | None:
    from PySide6.QtWidgets import QInputDialog

    choice, ok = QInputDialog.getItem(parent, title, prompt, choices, 0, False)
    return choice if ok and choice else None


def ask_open_reference_files(parent: QWidget) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent, "Choose RMI files", "", "RMI files (*.xlsx *.xls *.xml *.csv);;All files (*)"
    )
    return [Path(p) for p in paths]


def ask_audit_report_file(parent: QWidget, for_edgar: bool) -> Path | None:
    """The auditor's report: the PDF, or (for EDGAR) an HTML or text version."""
    if for_edgar:
        title, file_filter = "Audit report for EDGAR (HTML or text)", "HTML or text (*.htm *.html *.txt)"
    else:
        title, file_filter = "Auditor's report (PDF)", "PDF files (*.pdf)"
    path, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter + ";;All files (*)")
    return Path(path) if path else None
