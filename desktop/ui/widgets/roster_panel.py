"""The roster tab of the supplier inquiry: suppliers in scope and their request states."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from desktop.core import app_settings
from desktop.core.project import Project
from desktop.core.suppliers import RequestState, RosterError, Sender, Supplier, parse_pasted_roster, read_roster
from desktop.core.suppliers.roster import ASKING_STATES
from desktop.core.suppliers.sending import (
    BLANK_CMRT_SETTING,
    REPLY_DAYS,
    BlankTemplateError,
    check_blank_cmrt,
    is_overdue,
    not_yet_asked,
    write_requests,
)
from desktop.ui import dialogs
from desktop.ui.plural import plural, was_were
from desktop.ui.models.row_sorting import KeySortProxy
from desktop.ui.models.supplier_table import NAME, ROW_ROLE, SORT_ROLE, SupplierTableModel
from desktop.ui.table_view import fit_columns, make_table_view

EMPTY_ROSTER = (
    "No suppliers yet. Start with the suppliers of your covered products: Add… one by hand, "
    "Import list… from a CSV or Excel file your purchasing team keeps, or Paste… rows copied from a "
    "spreadsheet. Then Send requests: each supplier gets an e-mail draft with the blank CMRT attached."
)


class RosterPanel(QWidget):
    changed = Signal()  # the roster changed (counts and response rate need refreshing)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.model = SupplierTableModel(self)
        self.proxy = KeySortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = make_table_view("rosterTable")
        self.table.setModel(self.proxy)
        self.table.sortByColumn(NAME, Qt.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_supplier())

        buttons = QHBoxLayout()
        self.send_button = QPushButton("Send requests")
        self.send_button.setObjectName("primary")
        self.send_button.setToolTip(
            "E-mail drafts asking for the CMRT, with the blank template attached, for your e-mail program."
        )
        self.send_menu = QMenu(self.send_button)
        self.send_selected_action = self.send_menu.addAction("", lambda: self.send_requests(self.selected_suppliers()))
        self.send_unasked_action = self.send_menu.addAction("", lambda: self.send_requests(self._not_yet_asked()))
        self.send_reminders_action = self.send_menu.addAction(
            "", lambda: self.send_requests(self.overdue_suppliers(), reminder=True)
        )
        self.send_menu.aboutToShow.connect(self._update_send_menu)
        self.send_button.setMenu(self.send_menu)
        buttons.addWidget(self.send_button)
        self.add_button = self._button(buttons, "Add…", self.add_supplier, "Add one supplier by hand.")
        self.edit_button = self._button(buttons, "Edit…", self.edit_supplier, "Change the selected supplier.")
        self.remove_button = self._button(buttons, "Remove", self.remove_suppliers, "Take the selected suppliers off the roster.")
        self.import_button = self._button(buttons, "Import list…", self.import_roster, "Read suppliers from a CSV or Excel list.")
        self.paste_button = self._button(buttons, "Paste…", self.paste_roster, "Paste rows copied from a spreadsheet.")
        buttons.addStretch(1)
        # Recording request progress for the selected suppliers, in one menu to keep the row short.
        self.record_button = QPushButton("Record for selected")  # the button draws its own menu arrow
        self.record_button.setToolTip("Record what you did outside the app for the selected suppliers.")
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

        self.empty_label = QLabel(EMPTY_ROSTER)
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setWordWrap(True)
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("overdueNote")
        self.overdue_label.setWordWrap(True)
        self.overdue_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.overdue_label)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

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
        suppliers = self.project.suppliers()
        today = date.today()
        overdue = {s.id for s in suppliers if is_overdue(s, today, has_file=s.id in latest)}
        self.model.set_rows(suppliers, latest, overdue)
        fit_columns(self.table)
        self.empty_label.setVisible(not suppliers)
        count = len(overdue)
        self.overdue_label.setText(
            f"{count} {'supplier has' if count == 1 else 'suppliers have'} not sent a CMRT within {REPLY_DAYS} days "
            "of your request. Choose Send requests, then Send reminders."
        )
        self.overdue_label.setVisible(bool(count))
        self._update_buttons()

    def overdue_suppliers(self) -> list[Supplier]:
        return [s for s in self.project.suppliers() if s.id in self.model.overdue_ids()] if self.project else []

    def _not_yet_asked(self) -> list[Supplier]:
        return not_yet_asked(self.project.suppliers()) if self.project else []

    def _update_buttons(self) -> None:
        selected = bool(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)
        self.record_button.setEnabled(selected)
        self.send_button.setEnabled(self.project is not None and self.model.rowCount() > 0)

    def _update_send_menu(self) -> None:
        selected = len(self.selected_suppliers())
        unasked = len(self._not_yet_asked())
        overdue = len(self.model.overdue_ids())
        self.send_selected_action.setText(f"Request a CMRT from the selected suppliers ({selected})…")
        self.send_selected_action.setEnabled(bool(selected))
        self.send_unasked_action.setText(f"Request a CMRT from everyone not asked yet ({unasked})…")
        self.send_unasked_action.setEnabled(bool(unasked))
        self.send_reminders_action.setText(f"Send reminders to overdue suppliers ({overdue})…")
        self.send_reminders_action.setEnabled(bool(overdue))

    # -- requests --------------------------------------------------------------------------------

    def blank_cmrt(self) -> Path | None:
        """The blank CMRT this project sends: the one chosen before, or ask for it once."""
        # This project's choice first, then the one the user last chose for any project (the
        # customer CMRT export uses the same blank).
        for remembered in (self.project.setting(BLANK_CMRT_SETTING, ""), app_settings.get(app_settings.CMRT_TEMPLATE_KEY)):
            if remembered and Path(remembered).is_file():
                return Path(remembered)
        while True:
            path = dialogs.ask_blank_cmrt(self)
            if path is None:
                return None
            try:
                check_blank_cmrt(path)
            except BlankTemplateError as error:
                dialogs.show_error(self, "Not a blank CMRT", str(error))
                continue
            self.project.set_setting(BLANK_CMRT_SETTING, str(path))
            app_settings.set_value(app_settings.CMRT_TEMPLATE_KEY, str(path))
            return path

    def send_requests(self, suppliers: list[Supplier], reminder: bool = False) -> None:
        if not suppliers or self.project is None:
            return
        blank = self.blank_cmrt()
        if blank is None:
            return
        registrant = self.project.registrant()
        year = registrant.reporting_year or date.today().year - 1
        sender = Sender(name=registrant.contact_name, company=registrant.company_name, phone=registrant.contact_phone)
        folder = self.project.path.parent / f"CMRT {'reminders' if reminder else 'requests'} {year}"
        try:
            written = write_requests(suppliers, blank, folder, year, sender, date.today(), reminder=reminder)
        except OSError as error:
            dialogs.show_error(self, "Could not save the drafts", f"{error.filename or folder}: {error.strerror or error}")
            return
        self.project.save_suppliers(suppliers)
        self._saved()
        what = "reminder" if reminder else "request"
        message = (
            f"Saved {len(written.drafts)} {what} {'draft' if len(written.drafts) == 1 else 'drafts'} in {folder}, "
            f"each with {blank.name} attached. Open each one in your e-mail program, check it and send it. "
            f"The {what} date is recorded on the roster."
        )
        if written.without_address:
            message += " No e-mail address on the roster for: " + ", ".join(written.without_address) + "."
        dialogs.show_info(self, f"{what.capitalize()} drafts saved", message)
        dialogs.open_folder(folder)

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
        message = f"Added {plural(len(new), 'supplier')}."
        if skipped:
            message += f" {skipped} already on the roster {was_were(skipped)} left as {'it was' if skipped == 1 else 'they are'}."
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
