"""Add or edit one supplier of the roster."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.suppliers import RequestState, Supplier
from desktop.core.suppliers.roster import ASKING_STATES


class SupplierDialog(QDialog):
    def __init__(self, supplier: Supplier | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.supplier = supplier or Supplier()
        self.setWindowTitle("Edit supplier" if supplier else "Add supplier")
        self.setMinimumWidth(480)
        self.name = QLineEdit(self.supplier.name)
        self.contact = QLineEdit(self.supplier.contact_name)
        self.email = QLineEdit(self.supplier.email)
        self.phone = QLineEdit(self.supplier.phone)
        self.products = QLineEdit(self.supplier.products)
        self.products.setPlaceholderText("What they supply, e.g. PCB assemblies, connectors")
        self.state = QComboBox()
        for state in RequestState:
            self.state.addItem(state.label, state)
        self.state.setCurrentIndex(self.state.findData(self.supplier.request_state))
        self.asked = QCheckBox("We asked this supplier for a CMRT")
        self.asked.setChecked(self.supplier.asked)
        self.asked.setToolTip("Only suppliers you asked count as surveyed in the report's response rate.")
        self.requested_on, requested_row = self._date_row(self.supplier.requested_on)
        self.reminded_on, reminded_row = self._date_row(self.supplier.reminded_on)
        self.notes = QPlainTextEdit(self.supplier.notes)
        self.notes.setMaximumHeight(70)

        form = QFormLayout()
        form.addRow("Supplier name", self.name)
        form.addRow("Contact", self.contact)
        form.addRow("Email", self.email)
        form.addRow("Phone", self.phone)
        form.addRow("Supplies", self.products)
        form.addRow("Request", self.state)
        form.addRow("Surveyed", self.asked)
        form.addRow("Requested on", requested_row)
        form.addRow("Reminder sent on", reminded_row)
        form.addRow("Notes", self.notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda text: self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(text.strip())))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.name.text().strip()))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    @staticmethod
    def _date_row(value: date | None) -> tuple[tuple[QCheckBox, QDateEdit], QWidget]:
        known = QCheckBox()
        edit = QDateEdit(QDate(value) if value else QDate.currentDate())
        edit.setCalendarPopup(True)
        edit.setEnabled(value is not None)
        known.setChecked(value is not None)
        known.toggled.connect(edit.setEnabled)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(known)
        layout.addWidget(edit, 1)
        return (known, edit), row

    @staticmethod
    def _date(pair: tuple[QCheckBox, QDateEdit]) -> date | None:
        known, edit = pair
        return edit.date().toPython() if known.isChecked() else None

    def result_supplier(self) -> Supplier:
        self.supplier.name = self.name.text().strip()
        self.supplier.contact_name = self.contact.text().strip()
        self.supplier.email = self.email.text().strip()
        self.supplier.phone = self.phone.text().strip()
        self.supplier.products = self.products.text().strip()
        self.supplier.request_state = self.state.currentData()
        self.supplier.asked = self.asked.isChecked() or self.supplier.request_state in ASKING_STATES
        self.supplier.requested_on = self._date(self.requested_on)
        self.supplier.reminded_on = self._date(self.reminded_on)
        self.supplier.notes = self.notes.toPlainText().strip()
        return self.supplier
