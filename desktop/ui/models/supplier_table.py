"""The supplier roster as a table: who is in scope and how far each request has gone."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from desktop.core.suppliers import Supplier
from desktop.ui.models.rows_model import RowsTableModel

ROW_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2

NAME, CONTACT, EMAIL, PRODUCTS, STATE, LATEST_FILE = range(6)
HEADERS = ["Supplier", "Contact", "Email", "Products or parts", "Request", "Latest file"]


class SupplierTableModel(RowsTableModel):
    headers = tuple(HEADERS)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._latest_file: dict[int, str] = {}

    def set_rows(self, suppliers: list[Supplier], latest_file: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(suppliers)
        self._latest_file = dict(latest_file or {})
        self.endResetModel()

    def supplier(self, row: int) -> Supplier:
        return self._rows[row]

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        supplier = self._row(index)
        if supplier is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return supplier
        if role in (Qt.DisplayRole, SORT_ROLE, Qt.ToolTipRole):
            values = {
                NAME: supplier.name,
                CONTACT: supplier.contact_name,
                EMAIL: supplier.email,
                PRODUCTS: supplier.products,
                # Only suppliers marked as asked count as surveyed in the report: say which are not.
                STATE: supplier.state_text() + ("" if supplier.asked else " (not marked as asked)"),
                LATEST_FILE: self._latest_file.get(supplier.id, ""),
            }
            value = values.get(column)
            if role == SORT_ROLE and isinstance(value, str):
                return value.casefold()
            return value
        return None
