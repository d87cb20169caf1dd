"""Before saving an import: confirm which roster supplier each file comes from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.suppliers.inquiry import SupplierFile
from desktop.core.suppliers import Supplier

NEW = "new"
UNASSIGNED = "unassigned"


def supplier_choices(item: SupplierFile, suppliers: list[Supplier]) -> list[tuple[str, object]]:
    """(label, choice) pairs: suggestions first, then a new supplier, the rest of the roster, none."""
    choices: list[tuple[str, object]] = []
    suggested = set()
    for supplier, score in item.suggestions:
        label = supplier.name if score >= 100 else f"{supplier.name}  (similar name, {score:.0f}%)"
        choices.append((label, supplier.id))
        suggested.add(supplier.id)
    if item.company_name:
        choices.append((f"New supplier: {item.company_name}", NEW))
    choices += [(s.name, s.id) for s in suppliers if s.id not in suggested]
    choices.append(("Leave unassigned", UNASSIGNED))
    return choices


def apply_choice(item: SupplierFile, choice: object) -> None:
    item.create_supplier = choice == NEW
    item.supplier_id = choice if isinstance(choice, int) else None


class ImportReviewDialog(QDialog):
    def __init__(self, files: list[SupplierFile], suppliers: list[Supplier], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Confirm suppliers")
        self.resize(960, 440)
        self.files = [f for f in files if f.declaration is not None and not f.already_imported]
        intro = QLabel(
            "Check which supplier sent each file. A newer file from a supplier replaces the older one; "
            "the older one stays in the records."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.files), 3)
        self.table.setHorizontalHeaderLabels(["File", "Company named in the file", "Supplier"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)  # file names whole: they tell files apart
        self.table.setWordWrap(False)  # wrapping broke "connor-winfield_…" at its hyphen, then cut it
        self.table.setTextElideMode(Qt.ElideMiddle)
        self.table.verticalHeader().hide()
        self.combos: list[QComboBox] = []
        for row, item in enumerate(self.files):
            for column, text in enumerate((item.path.name, item.company_name or "(no company name)")):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
            combo = QComboBox()
            for label, choice in supplier_choices(item, suppliers):
                combo.addItem(label, choice)
            if item.supplier_id is not None:
                combo.setCurrentIndex(combo.findData(item.supplier_id))
            elif item.create_supplier:
                combo.setCurrentIndex(combo.findData(NEW))
            self.table.setCellWidget(row, 2, combo)
            self.combos.append(combo)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def accept(self) -> None:
        for item, combo in zip(self.files, self.combos):
            apply_choice(item, combo.currentData())
        super().accept()
