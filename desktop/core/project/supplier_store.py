"""The supplier roster's rows in a project file."""

from __future__ import annotations

from desktop.core.suppliers.roster import Supplier

_COLUMNS = ("name", "contact_name", "email", "phone", "products", "request_state", "requested_on", "reminded_on", "notes", "asked")


class SupplierRecords:
    """Mixed into Project: needs `self.con` and `self.transaction()`."""

    def suppliers(self) -> list[Supplier]:
        rows = self.con.execute(f"SELECT id, {', '.join(_COLUMNS)} FROM suppliers ORDER BY name COLLATE NOCASE, id")
        return [Supplier.from_row(dict(row)) for row in rows]

    def supplier_count(self) -> int:
        """len(suppliers()), without reading them (the supplier step's tab counts them on every refresh)."""
        return self.con.execute("SELECT COUNT(*) FROM suppliers").fetchone()[0]

    def save_supplier(self, supplier: Supplier) -> int:
        with self.transaction() as con:
            return self._write_supplier(con, supplier)

    def save_suppliers(self, suppliers: list[Supplier]) -> None:
        """Several suppliers in one transaction (an imported or pasted roster)."""
        with self.transaction() as con:
            for supplier in suppliers:
                self._write_supplier(con, supplier)

    @staticmethod
    def _write_supplier(con, supplier: Supplier) -> int:
        row = supplier.as_row()
        values = [row[c] for c in _COLUMNS]
        if supplier.id is None:
            cursor = con.execute(
                f"INSERT INTO suppliers ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})", values
            )
            supplier.id = cursor.lastrowid
        else:
            con.execute(
                f"UPDATE suppliers SET {', '.join(c + ' = ?' for c in _COLUMNS)} WHERE id = ?", values + [supplier.id]
            )
        return supplier.id

    def delete_supplier(self, supplier_id: int) -> None:
        """The supplier leaves the roster; its files stay in the records, unassigned."""
        with self.transaction() as con:
            con.execute("DELETE FROM suppliers WHERE id = ?", (supplier_id,))
