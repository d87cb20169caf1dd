"""The roster tab of the supplier inquiry: suppliers in scope and their request states."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from desktop.core.project import Project
from desktop.core.suppliers.roster import ASKING_STATES
from desktop.core.suppliers import RequestState, RosterError, Supplier, parse_pasted_roster, read_roster
from desktop.ui import dialogs
from desktop.ui.models.supplier_table import NAME, ROW_ROLE, SORT_ROLE, SupplierTableModel
from desktop.ui.table_view import fit_columns, make_table_view


class RosterPanel(QWidget):
    changed = Signal()  # the roster changed (counts and response rate need refreshing)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.model = SupplierTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = make_table_view("rosterTable")
        self.table.setModel(self.proxy)
        self.table.sortByColumn(NAME, Qt.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_supplier())

        buttons = QHBoxLayout()
        self.add_button = self._button(buttons, "Add…", self.add_supplier, "Add one supplier by hand.")
        self.edit_button = self._button(buttons, "Edit…", self.edit_supplier, "Change the selected supplier.")
        self.remove_button = self._button(buttons, "Remove", self.remove_suppliers, "Take the selected suppliers off the roster.")
        self.import_button = self._button(buttons, "Import list…", self.import_roster, "Read suppliers from a CSV or Excel list.")
        self.paste_button = self._button(buttons, "Paste…", self.paste_roster, "Paste rows copied from a spreadsheet.")
        buttons.addStretch(1)
        # Recording request progress for the selected suppliers, in one menu to keep the row short.
        self.record_button = QToolButton()
        self.record_button.setText("Record for selected ▾")
        self.record_button.setPopupMode(QToolButton.InstantPopup)
        record_menu = QMenu(self.record_button)
        for text, state in (
            ("CMRT requested today", RequestState.REQUESTED),
            ("Reminder sent today", RequestState.REMINDER_SENT),
            ("No response", RequestState.NO_RESPONSE),
            ("Not yet requested", RequestState.NOT_REQUESTED),
        ):
            record_menu.addAction(text, lambda s=state: self.mark(s))
        record_menu.addSeparator()
        record_menu.addAction("Asked for a CMRT (keep the request state)", self.mark_asked)
        self.record_button.setMenu(record_menu)
        buttons.addWidget(self.record_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    @staticmethod
    def _button(layout: QHBoxLayout, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def load(self, project: Project) -> None:
        self.project = project
        self.refresh()

    def refresh(self) -> None:
        if self.project is None:
            return
        latest = {row["supplier_id"]: row["file_name"] for row in self.project.declaration_rows() if row["supplier_id"]}
        self.model.set_rows(self.project.suppliers(), latest)
        fit_columns(self.table)

    def selected_suppliers(self) -> list[Supplier]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, ROW_ROLE) for index in rows]

    def _saved(self) -> None:
        self.refresh()
        self.changed.emit()

    def add_supplier(self) -> None:
        supplier = dialogs.ask_supplier(self)
        if supplier is not None and self.project is not None:
            self.project.save_supplier(supplier)
            self._saved()

    def edit_supplier(self) -> None:
        chosen = self.selected_suppliers()
        if not chosen or self.project is None:
            return
        supplier = dialogs.ask_supplier(self, chosen[0])
        if supplier is not None:
            self.project.save_supplier(supplier)
        self._saved()

    def remove_suppliers(self) -> None:
        chosen = self.selected_suppliers()
        if not chosen or self.project is None:
            return
        names = ", ".join(s.name for s in chosen[:3]) + (" and others" if len(chosen) > 3 else "")
        if not dialogs.confirm(self, "Remove suppliers", f"Remove {names} from the roster? Files they sent stay in the records."):
            return
        for supplier in chosen:
            self.project.delete_supplier(supplier.id)
        self._saved()

    def mark(self, state: RequestState) -> None:
        chosen = self.selected_suppliers()
        if not chosen or self.project is None:
            return
        for supplier in chosen:
            supplier.request_state = state
            # Recording a request is recording that the supplier was asked; "Not yet requested" undoes it.
            supplier.asked = state in ASKING_STATES
            if state == RequestState.REQUESTED:
                supplier.requested_on = date.today()
            elif state == RequestState.REMINDER_SENT:
                supplier.reminded_on = date.today()
        self.project.save_suppliers(chosen)
        self._saved()

    def mark_asked(self) -> None:
        """Suppliers asked outside the app (or whose file came first) count as surveyed once marked."""
        chosen = self.selected_suppliers()
        if not chosen or self.project is None:
            return
        for supplier in chosen:
            supplier.asked = True
        self.project.save_suppliers(chosen)
        self._saved()

    def _add_many(self, suppliers: list[Supplier]) -> None:
        existing = {s.name.casefold() for s in self.project.suppliers()}
        new = [s for s in suppliers if s.name.casefold() not in existing]
        self.project.save_suppliers(new)
        self._saved()
        skipped = len(suppliers) - len(new)
        message = f"Added {len(new)} suppliers."
        if skipped:
            message += f" {skipped} already on the roster were left as they are."
        dialogs.show_info(self, "Suppliers added", message)

    def import_roster(self) -> None:
        if self.project is None:
            return
        path = dialogs.ask_open_table_file(self, "Import supplier list")
        if path is None:
            return
        try:
            suppliers = read_roster(path)
        except RosterError as error:
            dialogs.show_error(self, "Could not import the supplier list", str(error))
            return
        self._add_many(suppliers)

    def paste_roster(self) -> None:
        if self.project is None:
            return
        text = dialogs.ask_pasted_text(
            self, "Paste suppliers", "Paste rows copied from Excel: Supplier name, Contact, Email, Phone, Products "
            "(a header row is optional)."
        )
        if not text or not text.strip():
            return
        try:
            suppliers = parse_pasted_roster(text)
        except RosterError as error:
            dialogs.show_error(self, "Could not read the pasted rows", str(error))
            return
        self._add_many(suppliers)
