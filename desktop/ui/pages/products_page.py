"""Step 2: the product lines and the Rule 13p-1 questions for each, with the outcome in plain words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cmrt.model import METALS
from desktop.core.filing.product_list import ProductListError, read_product_list
from desktop.core.project import Project
from desktop.core.filing.scoping import (
    Answer,
    MadeBy,
    Product,
    ProductStatus,
    assess_product,
    determine_outcome,
)
from desktop.ui import dialogs
from desktop.ui.pages.base import WizardPage
from desktop.ui.plural import plural, was_were

STATUS_MARK = {
    ProductStatus.COVERED: "covered",
    ProductStatus.NOT_COVERED: "not covered",
    ProductStatus.EXEMPT: "exempt",
    ProductStatus.INCOMPLETE: "questions open",
}
MADE_BY_CHOICES = [
    (MadeBy.MANUFACTURE, "We manufacture it"),
    (MadeBy.CONTRACT, "A contract manufacturer makes it to our specifications"),
    (MadeBy.NEITHER, "Neither: we only resell, brand or service it"),
]


class ProductsPage(WizardPage):
    title = "Products in scope"
    subtitle = (
        "List your product lines and answer the questions for each. The rule covers products you "
        "make or have made for you that need tin, tantalum, tungsten or gold to work or to be made."
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.products: list[Product] = []
        self._loading = False

        # Containers go in place before they are filled in: a widget moved into another parent
        # is styled again with all it holds (wizard.py).
        splitter = QSplitter(Qt.Horizontal)
        self.body.addWidget(splitter, 1)
        splitter.addWidget(self._build_list_side())
        # The questions scroll rather than squash on a small laptop screen.
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.NoFrame)
        splitter.addWidget(detail_scroll)
        detail_scroll.setWidget(self._build_detail_side())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 600])
        self.body.addWidget(self._build_outcome_box())

    # -- layout ----------------------------------------------------------------------------------

    def _build_list_side(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 6, 0)
        self.product_list = QListWidget()
        self.product_list.setObjectName("productList")
        self.product_list.setWordWrap(True)
        self.product_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.product_list.setSpacing(2)
        self.product_list.currentRowChanged.connect(self._show_product)
        self.empty_label = QLabel(
            "No product lines yet. Add product for each line you make or have made for you, or "
            "Import list… from a spreadsheet with one product per row."
        )
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.product_list, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add product")
        self.add_button.clicked.connect(self.add_product)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_product)
        self.import_button = QPushButton("Import list…")
        self.import_button.setToolTip("Read product lines from a CSV or Excel file with a 'Product' column.")
        self.import_button.clicked.connect(self.import_products)
        for button in (self.add_button, self.remove_button, self.import_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        return side

    def _build_detail_side(self) -> QWidget:
        self.detail = QWidget()
        layout = QVBoxLayout(self.detail)
        layout.setContentsMargins(6, 0, 12, 0)

        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. Portable oxygen concentrators")
        self.name_edit.textChanged.connect(self._save_current)
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText("Optional: what it is, models included")
        self.description_edit.textChanged.connect(self._save_current)
        form.addRow("Product line", self.name_edit)
        form.addRow("Description", self.description_edit)
        layout.addLayout(form)

        made = QGroupBox("Who makes it?")
        made_layout = QVBoxLayout(made)
        self.made_by_group = QButtonGroup(self)
        self.made_by_buttons: dict[MadeBy, QRadioButton] = {}
        for value, text in MADE_BY_CHOICES:
            button = QRadioButton(text)
            self.made_by_group.addButton(button)
            self.made_by_buttons[value] = button
            made_layout.addWidget(button)
            button.toggled.connect(self._save_current)
        layout.addWidget(made)

        metals = QGroupBox("Which of these metals does it contain?")
        metals_layout = QHBoxLayout(metals)
        self.metal_boxes: dict[str, QCheckBox] = {}
        for metal in METALS:
            box = QCheckBox(metal)
            box.toggled.connect(self._save_current)
            self.metal_boxes[metal] = box
            metals_layout.addWidget(box)
        metals_layout.addStretch(1)
        layout.addWidget(metals)

        necessary = QGroupBox("Is the metal necessary?")
        necessary_layout = QVBoxLayout(necessary)
        hint = QLabel(
            "Yes if the product needs it to work or to be made and it stays in the product (solder, "
            "plating, capacitors). Metal only in tools, catalysts or packaging does not count."
        )
        hint.setObjectName("fieldHelp")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        self.necessary_group = QButtonGroup(self)
        self.necessary_yes = QRadioButton("Yes")
        self.necessary_no = QRadioButton("No")
        for button in (self.necessary_yes, self.necessary_no):
            self.necessary_group.addButton(button)
            button.toggled.connect(self._save_current)
            row.addWidget(button)
        row.addStretch(1)
        necessary_layout.addLayout(row)
        necessary_layout.addWidget(hint)
        layout.addWidget(necessary)

        exemptions = QGroupBox("Exemptions")
        exemptions_layout = QVBoxLayout(exemptions)
        self.pre2013_box = QCheckBox("Stock from before 2013")
        self.acquired_box = QCheckBox("Made by a business we acquired")
        explanations = {
            self.pre2013_box: "All of its metal was smelted, refined or outside the Covered Countries "
            "before January 31, 2013.",
            self.acquired_box: "Made by a business you acquired. If that business did not have to report "
            "before, its products join from the first calendar year starting at least eight months after the "
            "acquisition (Instruction 3 to Item 1.01); the report says so.",
        }
        for box, text in explanations.items():
            box.toggled.connect(self._save_current)
            box.setToolTip(text)
            explanation = QLabel(text)
            explanation.setObjectName("fieldHelp")
            explanation.setWordWrap(True)
            explanation.setContentsMargins(22, 0, 0, 4)
            exemptions_layout.addWidget(box)
            exemptions_layout.addWidget(explanation)
        exemptions_layout.addWidget(self._build_acquisition_fields())
        layout.addWidget(exemptions)

        self.product_finding = QLabel()
        self.product_finding.setObjectName("productFinding")
        self.product_finding.setWordWrap(True)
        layout.addWidget(self.product_finding)
        layout.addStretch(1)
        return self.detail

    def _build_acquisition_fields(self) -> QWidget:
        """The acquired business, its acquisition date and whether it reported before."""
        self.acquisition_fields = QWidget()
        form = QFormLayout(self.acquisition_fields)
        form.setContentsMargins(22, 0, 0, 4)
        self.acquired_business_edit = QLineEdit()
        self.acquired_business_edit.setPlaceholderText("Name of the business acquired")
        self.acquired_on_edit = QLineEdit()
        self.acquired_on_edit.setPlaceholderText("YYYY-MM-DD")
        self.acquired_on_edit.setMaximumWidth(140)
        obligated = QHBoxLayout()
        self.obligated_group = QButtonGroup(self)
        self.obligated_yes = QRadioButton("Yes")
        self.obligated_no = QRadioButton("No")
        for button in (self.obligated_yes, self.obligated_no):
            self.obligated_group.addButton(button)
            button.toggled.connect(self._save_current)
            obligated.addWidget(button)
        obligated.addStretch(1)
        for edit in (self.acquired_business_edit, self.acquired_on_edit):
            edit.textChanged.connect(self._save_current)
        form.addRow("Business acquired", self.acquired_business_edit)
        form.addRow("Acquisition date", self.acquired_on_edit)
        form.addRow("Did it have to file a Form SD before?", obligated)
        return self.acquisition_fields

    def _build_outcome_box(self) -> QWidget:
        box = QFrame()
        box.setObjectName("outcomeBox")
        layout = QVBoxLayout(box)
        self.outcome_headline = QLabel()
        self.outcome_headline.setObjectName("outcomeHeadline")
        self.outcome_headline.setWordWrap(True)
        layout.addWidget(self.outcome_headline)
        return box

    # -- data ------------------------------------------------------------------------------------

    def load(self, project: Project) -> None:
        super().load(project)
        self.products = project.products()
        self._refresh_list(select=0 if self.products else -1)

    def _refresh_list(self, select: int) -> None:
        self._loading = True
        self.product_list.clear()
        for product in self.products:
            self.product_list.addItem(QListWidgetItem(self._list_text(product)))
        self._loading = False
        self.empty_label.setVisible(not self.products)
        self.product_list.setCurrentRow(select)
        if select < 0:
            self._show_product(-1)
        self._update_outcome()

    def _year(self) -> int | None:
        return self.project.registrant().reporting_year if self.project else None

    def _list_text(self, product: Product) -> str:
        return f"{product.name or '(unnamed product)'}\n    {STATUS_MARK[assess_product(product, self._year()).status]}"

    def current_product(self) -> Product | None:
        row = self.product_list.currentRow()
        return self.products[row] if 0 <= row < len(self.products) else None

    def _show_product(self, row: int) -> None:
        if self._loading:
            return
        product = self.current_product()
        self.detail.setEnabled(product is not None)
        self.remove_button.setEnabled(product is not None)
        self._loading = True
        try:
            product = product or Product()
            self.name_edit.setText(product.name)
            self.description_edit.setText(product.description)
            self.made_by_group.setExclusive(False)
            for value, button in self.made_by_buttons.items():
                button.setChecked(product.made_by == value)
            self.made_by_group.setExclusive(True)
            for metal, box in self.metal_boxes.items():
                box.setChecked(metal in product.metals)
            self.necessary_group.setExclusive(False)
            self.necessary_yes.setChecked(product.necessary == Answer.YES)
            self.necessary_no.setChecked(product.necessary == Answer.NO)
            self.necessary_group.setExclusive(True)
            self.pre2013_box.setChecked(product.outside_supply_chain_2013)
            self.acquired_box.setChecked(product.acquired_company)
            self.acquired_business_edit.setText(product.acquired_business)
            self.acquired_on_edit.setText(product.acquired_on)
            self.obligated_group.setExclusive(False)
            self.obligated_yes.setChecked(product.acquired_was_obligated == Answer.YES)
            self.obligated_no.setChecked(product.acquired_was_obligated == Answer.NO)
            self.obligated_group.setExclusive(True)
            self.acquisition_fields.setVisible(product.acquired_company)
        finally:
            self._loading = False
        self._update_product_finding()

    def _save_current(self, *_args) -> None:
        product = self.current_product()
        if self._loading or product is None or self.project is None:
            return
        product.name = self.name_edit.text()
        product.description = self.description_edit.text()
        product.made_by = next(
            (value for value, button in self.made_by_buttons.items() if button.isChecked()), MadeBy.UNANSWERED
        )
        product.metals = {metal for metal, box in self.metal_boxes.items() if box.isChecked()}
        if self.necessary_yes.isChecked():
            product.necessary = Answer.YES
        elif self.necessary_no.isChecked():
            product.necessary = Answer.NO
        else:
            product.necessary = Answer.UNANSWERED
        product.outside_supply_chain_2013 = self.pre2013_box.isChecked()
        product.acquired_company = self.acquired_box.isChecked()
        product.acquired_business = self.acquired_business_edit.text()
        product.acquired_on = self.acquired_on_edit.text().strip()
        product.acquired_was_obligated = (
            Answer.YES if self.obligated_yes.isChecked() else Answer.NO if self.obligated_no.isChecked() else Answer.UNANSWERED
        )
        self.acquisition_fields.setVisible(product.acquired_company)
        self.project.save_product(product)
        self.product_list.currentItem().setText(self._list_text(product))
        self._update_product_finding()
        self._update_outcome()

    def _update_product_finding(self) -> None:
        product = self.current_product()
        self.product_finding.setText(assess_product(product, self._year()).reason if product else "")

    def _update_outcome(self) -> None:
        determination = determine_outcome(self.products, reporting_year=self._year())
        self.outcome_headline.setText(determination.headline)
        self.completeness_changed.emit()

    # -- actions ---------------------------------------------------------------------------------

    def add_product(self) -> None:
        if self.project is None:
            return
        product = Product(name=f"Product {len(self.products) + 1}")
        self.project.save_product(product)
        self.products.append(product)
        self._refresh_list(select=len(self.products) - 1)
        self.name_edit.selectAll()
        self.name_edit.setFocus()

    def remove_product(self) -> None:
        product = self.current_product()
        if product is None or self.project is None:
            return
        if not dialogs.confirm(self, "Remove product", f"Remove “{product.name}” from this filing?"):
            return
        self.project.delete_product(product.id)
        row = self.product_list.currentRow()
        del self.products[row]
        self._refresh_list(select=min(row, len(self.products) - 1))

    def import_products(self) -> None:
        if self.project is None:
            return
        path = dialogs.ask_open_table_file(self, "Import product lines")
        if path is None:
            return
        try:
            imported = read_product_list(path)
        except ProductListError as error:
            dialogs.show_error(self, "Could not import products", str(error))
            return
        existing = {p.name.casefold() for p in self.products}
        added = [p for p in imported if p.name.casefold() not in existing]
        for product in added:
            self.project.save_product(product)
            self.products.append(product)
        self._refresh_list(select=len(self.products) - 1 if added else self.product_list.currentRow())
        skipped = len(imported) - len(added)
        message = f"Added {plural(len(added), 'product line')} from {path.name}."
        if skipped:
            message += f" {skipped} already in the list {was_were(skipped)} skipped."
        dialogs.show_info(self, "Products imported", message)

    def is_complete(self) -> bool:
        statuses = [assess_product(p, self._year()).status for p in self.products]
        return bool(statuses) and ProductStatus.INCOMPLETE not in statuses

    def step_note(self) -> str:
        if not self.products:
            return "no products yet"
        covered = sum(assess_product(p, self._year()).status == ProductStatus.COVERED for p in self.products)
        return f"{plural(len(self.products), 'product')}, {covered} covered"
