"""Export > Our CMRT for customers: confirm the derived answers, then fill RMI's blank.

The answers come from desktop.core.filing.customer_cmrt with their reasons; the user changes any of them
in the table, types the contact facts the project does not hold, and picks RMI's blank (remembered
in the app settings, since we may not ship it). Writing runs off the UI thread.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import app_settings
from desktop.core.filing.customer_cmrt import (
    CONTACT_FIELDS,
    EXPORT_KIND,
    SCOPE_COMPANY,
    SCOPE_PRODUCT,
    CustomerCmrt,
    customer_cmrt,
    save_contact_facts,
)
from desktop.core.filing.evidence import project_rollup
from desktop.core.project import Project
from desktop.core.suppliers.sending import BLANK_CMRT_SETTING
from desktop.ui import dialogs
from desktop.ui.models.customer_answers_table import AnswerChoiceDelegate, CustomerAnswersModel
from desktop.ui.workers import BackgroundTask

SCOPES = {SCOPE_COMPANY: "The whole company", SCOPE_PRODUCT: "A list of products (the products with 3TG)"}


def remembered_template(project: Project) -> Path | None:
    """The blank chosen for customer CMRTs before, else the one this project sends to suppliers."""
    for candidate in (app_settings.get(app_settings.CMRT_TEMPLATE_KEY), project.setting(BLANK_CMRT_SETTING, "")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def _write(template: Path, target: Path, cmrt: CustomerCmrt) -> str:
    from desktop.core.export.customer_cmrt_file import write_customer_cmrt  # openpyxl: only when writing

    write_customer_cmrt(template, target, cmrt)
    return hashlib.sha256(target.read_bytes()).hexdigest()


class CustomerCmrtDialog(QDialog):
    written = Signal(str)  # path of the file written

    def __init__(self, project: Project, export_folder: Path, parent: QWidget | None = None,
                 thread_pool: QThreadPool | None = None, today: date | None = None):
        super().__init__(parent)
        self.setWindowTitle("Our CMRT for customers")
        self.project = project
        self.folder = export_folder
        self.pool = thread_pool or QThreadPool.globalInstance()
        self.task: BackgroundTask | None = None
        self.rollup = project_rollup(project)
        self.cmrt = customer_cmrt(project, self.rollup, today or date.today())
        self.template = remembered_template(project)

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Your customers ask you for a Conflict Minerals Reporting Template. This fills RMI's blank from "
            "your project. Check each answer and its reason, change any that is wrong, then write the file."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._template_row())
        layout.addWidget(self._company_box())
        self.model = CustomerAnswersModel(self)
        self.model.set_rows(self.cmrt.metal_answers + self.cmrt.company_answers)
        self.model.answer_changed.connect(lambda *_: self._update_state())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(CustomerAnswersModel.ANSWER, AnswerChoiceDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableView.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CustomerAnswersModel.QUESTION, QHeaderView.Interactive)
        header.setSectionResizeMode(CustomerAnswersModel.METAL, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(CustomerAnswersModel.ANSWER, QHeaderView.Interactive)
        header.setSectionResizeMode(CustomerAnswersModel.WHY, QHeaderView.Stretch)
        self.table.setColumnWidth(CustomerAnswersModel.QUESTION, 300)
        self.table.setColumnWidth(CustomerAnswersModel.ANSWER, 170)
        layout.addWidget(self.table, 1)
        self.smelter_note = QLabel(
            f"The Smelter List gets the {len(self.cmrt.smelters)} smelters of your Annex A, by RMI smelter ID."
        )
        layout.addWidget(self.smelter_note)

        bottom = QHBoxLayout()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.missing_label = QLabel()
        self.missing_label.setObjectName("fieldError")
        self.missing_label.setWordWrap(True)
        layout.addWidget(self.missing_label)
        self.write_button = QPushButton("Write CMRT…")
        self.write_button.setObjectName("primary")
        self.write_button.clicked.connect(self.write)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        bottom.addWidget(self.busy)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.write_button)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self._update_state()

    # -- layout ----------------------------------------------------------------------------------

    def _template_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("RMI's blank CMRT"))
        self.template_edit = QLineEdit(str(self.template or ""))
        self.template_edit.setReadOnly(True)
        self.template_edit.setPlaceholderText("Download the latest CMRT from RMI's website, then choose it")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_template)
        row.addWidget(self.template_edit, 1)
        row.addWidget(choose)
        return row

    def _company_box(self) -> QGroupBox:
        box = QGroupBox("Company information (as your customer will see it)")
        grid = QGridLayout(box)
        self.fields: dict[str, QLineEdit] = {}
        for index, (key, (label, required)) in enumerate(CONTACT_FIELDS.items()):
            edit = QLineEdit(self.cmrt.contact.get(key, ""))
            edit.setPlaceholderText("Required" if required else "Optional")
            edit.textChanged.connect(lambda text, k=key: self._contact_changed(k, text))
            self.fields[key] = edit
            grid.addWidget(QLabel(label), index // 2, (index % 2) * 2)
            grid.addWidget(edit, index // 2, (index % 2) * 2 + 1)
        last = len(CONTACT_FIELDS)
        self.date_edit = QDateEdit(QDate(self.cmrt.effective_date))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.dateChanged.connect(self._date_changed)
        grid.addWidget(QLabel("Effective date"), last // 2, (last % 2) * 2)
        grid.addWidget(self.date_edit, last // 2, (last % 2) * 2 + 1)
        self.scope_combo = QComboBox()
        for value, text in SCOPES.items():
            self.scope_combo.addItem(text, value)
        self.scope_combo.currentIndexChanged.connect(self._scope_changed)
        grid.addWidget(QLabel("Declaration covers"), last // 2 + 1, 0)
        grid.addWidget(self.scope_combo, last // 2 + 1, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    # -- state -----------------------------------------------------------------------------------

    def _contact_changed(self, key: str, text: str) -> None:
        self.cmrt.contact[key] = text.strip()
        self._update_state()

    def _date_changed(self, value: QDate) -> None:
        self.cmrt.effective_date = value.toPython()

    def _scope_changed(self) -> None:
        scope = self.scope_combo.currentData()
        self.cmrt.scope = scope
        products = [(p.name, p.description) for p in self.project.products() if p.metals]
        self.cmrt.products = products if scope == SCOPE_PRODUCT else []
        self._update_state()

    def _update_state(self) -> None:
        missing = self.cmrt.missing()
        if self.template is None:
            missing.insert(0, "RMI's blank CMRT")
        self.missing_label.setText("Still to fill in: " + "; ".join(missing) + "." if missing else "")
        self.missing_label.setVisible(bool(missing))
        self.write_button.setEnabled(not missing and self.task is None)

    def choose_template(self) -> None:
        path = dialogs.ask_blank_cmrt_for_customers(self)
        if path is None:
            return
        self.template = path
        self.template_edit.setText(str(path))
        app_settings.set_value(app_settings.CMRT_TEMPLATE_KEY, str(path))
        self._update_state()

    # -- writing ---------------------------------------------------------------------------------

    def suggested_name(self) -> str:
        company = re.sub(r"[^\w .,&-]+", "", self.cmrt.contact.get("company_name", "")).strip() or "Our company"
        return f"{company} CMRT {self.cmrt.effective_date.isoformat()}.xlsx"

    def write(self) -> None:
        if self.task is not None or self.template is None or self.cmrt.missing():
            return
        target = dialogs.ask_save_file(self, "Save our CMRT for customers", self.folder / self.suggested_name(),
                                       "Excel workbook (*.xlsx)")
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        save_contact_facts(self.project, self.cmrt.contact)
        template, cmrt = self.template, self.cmrt
        self.task = BackgroundTask(lambda report, cancelled: _write(template, target, cmrt), self)
        self.task.succeeded.connect(lambda sha: self._written(target, sha))
        self.task.failed.connect(self._failed)
        self.busy.show()
        self.status.setText("Writing the CMRT…")
        self.write_button.setEnabled(False)
        self.task.start(self.pool)

    def _written(self, target: Path, sha256: str) -> None:
        self.task = None
        self.busy.hide()
        if self.project.con is not None:
            self.project.record_export(EXPORT_KIND, str(target), sha256)
        self.status.setText(f"Written: {target.name}")
        self._update_state()
        self.written.emit(str(target))

    def _failed(self, message: str) -> None:
        self.task = None
        self.busy.hide()
        self._update_state()
        # TemplateProblem and missing facts carry plain messages; drop the exception's class name.
        dialogs.show_error(self, "Could not write the CMRT", message.split(": ", 1)[-1])
