"""The supplier roster as a table: who is in scope and how far each request has gone."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from desktop.core.suppliers import Supplier
from desktop.ui.models.row_sorting import SortedRowsModel
from desktop.ui.theme import current_theme

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

# Where each request stands comes right after the name, so an overdue one is seen on a small screen.
NAME, STATE, LATEST_FILE, CONTACT, EMAIL, PRODUCTS = range(6)
HEADERS = ["Supplier", "Request", "Latest file", "Contact", "Email", "Products or parts"]


def overdue_text(supplier: Supplier) -> str:
    """ "Overdue: reminder sent on Feb 3, 2025": the word that matters first, where a cut leaves it."""
    state = supplier.state_text()
    return f"Overdue: {state[:1].lower()}{state[1:]}"


class SupplierTableModel(SortedRowsModel):
    headers = tuple(HEADERS)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._latest_file: dict[int, str] = {}
        self._overdue: set[int] = set()

    def set_rows(
        self, suppliers: list[Supplier], latest_file: dict[int, str] | None = None, overdue: set[int] | None = None
    ) -> None:
        self.beginResetModel()
        self._rows = list(suppliers)
        self._latest_file = dict(latest_file or {})
        self._overdue = set(overdue or ())
        self._apply_sort()  # by key here, not by the proxy asking Python for each pair
        self.endResetModel()

    def sort_key(self, row: int, column: int):
        return self.cell_data(row, column, SORT_ROLE)

    def overdue_ids(self) -> set[int]:
        """Suppliers asked long enough ago that a reminder is due (desktop.core.suppliers.sending)."""
        return set(self._overdue)

    def supplier(self, row: int) -> Supplier:
        return self._rows[row]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        supplier = self._row(index)
        if supplier is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return supplier
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            value = self._text(supplier, column)  # only the cell asked for: sorting 500 asks 10,000 times
            if role == SORT_ROLE and isinstance(value, str):
                return value.casefold()
            return value
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE and supplier.id in self._overdue:
            return current_theme().colour("warning")
        return None

    def _text(self, supplier: Supplier, column: int) -> str | None:
        if column == NAME:
            return supplier.name
        if column == STATE:
            # Only suppliers marked as asked count as surveyed in the report: say which are not.
            return ((overdue_text(supplier) if supplier.id in self._overdue else supplier.state_text())
                    + ("" if supplier.asked else " (not marked as asked)"))
        if column == LATEST_FILE:
            return self._latest_file.get(supplier.id, "")
        return {CONTACT: supplier.contact_name, EMAIL: supplier.email, PRODUCTS: supplier.products}.get(column)
