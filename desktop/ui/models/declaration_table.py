"""Supplier files received, one row each, with what the checks found."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from desktop.core.cmrt.model import METALS, Severity, Verdict
from desktop.core.project.declaration_store import StoredDeclaration
from desktop.ui.models.rows_model import RowsTableModel

ROW_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2

SUPPLIER, FILE, REVISION, SCOPE, EFFECTIVE, VERDICT, ERRORS, WARNINGS = range(8)
METAL_COLUMNS = {8 + i: metal for i, metal in enumerate(METALS)}
METAL_ABBREVIATIONS = {"Tantalum": "Ta", "Tin": "Sn", "Gold": "Au", "Tungsten": "W"}
HEADERS = ["Supplier", "File", "Revision", "Scope", "Effective date", "Result", "Errors", "Warnings"] + [
    METAL_ABBREVIATIONS[m] for m in METALS
]

VERDICT_TEXT = {
    Verdict.COMPLETE.value: "Complete",
    Verdict.NEEDS_FOLLOW_UP.value: "Needs follow-up",
    Verdict.UNUSABLE.value: "Unusable",
}
VERDICT_COLOUR = {
    Verdict.COMPLETE.value: QColor("#1e7a3c"),
    Verdict.NEEDS_FOLLOW_UP.value: QColor("#9a5b00"),
    Verdict.UNUSABLE.value: QColor("#b3261e"),
}


@dataclass
class DeclarationRow:
    stored: StoredDeclaration
    supplier_name: str

    @property
    def verdict(self) -> str:
        if self.stored.declaration is None:
            return Verdict.UNUSABLE.value
        return self.stored.declaration.verdict.value

    def count(self, severity: Severity) -> int:
        if self.stored.declaration is None:
            return 1 if severity == Severity.ERROR else 0
        return sum(f.severity == severity for f in self.stored.declaration.findings)


class DeclarationTableModel(RowsTableModel):
    headers = tuple(HEADERS)
    header_tips = {column: f"{metal} smelter rows" for column, metal in METAL_COLUMNS.items()}

    def set_rows(self, rows: list[DeclarationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _value(self, row: DeclarationRow, column: int):
        declaration = row.stored.declaration
        if column == SUPPLIER:
            return row.supplier_name
        if column == FILE:
            return row.stored.file_name
        if column == VERDICT:
            return VERDICT_TEXT.get(row.verdict, row.verdict)
        if column == ERRORS:
            return row.count(Severity.ERROR)
        if column == WARNINGS:
            return row.count(Severity.WARNING)
        if declaration is None:
            return "" if column not in METAL_COLUMNS else None
        if column == REVISION:
            return declaration.revision
        if column == SCOPE:
            return declaration.company.scope_label or declaration.company.scope
        if column == EFFECTIVE:
            day = declaration.company.effective_date
            return day.isoformat() if day else ""
        if column in METAL_COLUMNS:
            return declaration.smelter_counts().get(METAL_COLUMNS[column], 0)
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.DisplayRole:
            value = self._value(row, column)
            return "" if value is None else value
        if role == SORT_ROLE:
            value = self._value(row, column)
            if isinstance(value, str):
                return value.casefold()
            return -1 if value is None else value
        if role == Qt.ToolTipRole and column in (FILE, VERDICT) and row.stored.problem:
            return row.stored.problem
        if role == Qt.ForegroundRole and column == VERDICT:
            return VERDICT_COLOUR.get(row.verdict)
        if role == Qt.TextAlignmentRole and (column in METAL_COLUMNS or column in (ERRORS, WARNINGS)):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


class SearchProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE and keeps rows where every typed word appears in some column."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        # Qt 6.9 replaced invalidateFilter() with begin/endFilterChange(); older Qt lacks them.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._words = [w.casefold() for w in text.split()]
            self.endFilterChange()
        else:
            self._words = [w.casefold() for w in text.split()]
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        cells = " ".join(
            str(model.index(source_row, c, source_parent).data(Qt.DisplayRole) or "")
            for c in range(model.columnCount(source_parent))
        ).casefold()
        return all(word in cells for word in self._words)
