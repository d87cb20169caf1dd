"""Words a finance user meets: the trade's abbreviations explained where they appear, counts that agree."""

from PySide6.QtCore import Qt

from desktop.core.project import Project
from desktop.core.filing.scoping import MadeBy, Product
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window
from desktop.ui.models.declaration_table import FILE, SCOPE
from desktop.ui.models.smelter_table import SMELTER_ID, STATUS
from desktop.ui.pages.products_page import ProductsPage
from desktop.ui.pages.smelters_page import SmelterReviewPage
from desktop.ui.pages.suppliers_page import SuppliersPage, import_summary


def test_rmap_cid_and_scope_are_explained_where_they_appear(qtbot, monkeypatch):
    window = create_main_window()
    qtbot.addWidget(window)
    window.open_sample_project()
    window.wizard.go_to_page(SmelterReviewPage)
    page = window.wizard.page(SmelterReviewPage)
    model = page.smelter_model
    assert "Responsible Minerals Assurance Process" in model.headerData(STATUS, Qt.Horizontal, Qt.ToolTipRole)
    assert "CID followed by six digits" in model.headerData(SMELTER_ID, Qt.Horizontal, Qt.ToolTipRole)
    assert "assessment" in page.chips.chips["Conformant"].toolTip()

    window.wizard.go_to_page(SuppliersPage)
    files = window.wizard.page(SuppliersPage).files
    tips = {files.proxy.index(r, FILE).data(): files.proxy.index(r, SCOPE).data(Qt.ToolTipRole)
            for r in range(files.proxy.rowCount())}
    assert tips["Brightline_Components_CMRT_6.4.xlsx"].startswith("Company-wide")
    assert tips["Keystone_Precision_Plating_CMRT_6.4.xlsx"].startswith("Product scope")

    shown = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: shown.append(text))
    next(a for a in window.menuBar().actions() if a.text() == "&Help").menu().actions()[0].trigger()
    assert all(term in shown[0] for term in ("RMAP:", "CID:", "RCOI:", "Company-wide"))
    window.close()


def test_counts_agree_with_their_nouns(qtbot, tmp_path):
    path = tmp_path / "One Co.cmdesk"
    project = Project.create(path, company_name="One Co", reporting_year=2025)
    project.save_product(Product(name="Meter", made_by=MadeBy.MANUFACTURE))
    project.close()
    window = create_main_window(project_path=path)
    qtbot.addWidget(window)
    assert window.wizard.page(ProductsPage).step_note() == "1 product, 0 covered"
    window.close()


def test_the_import_summary_says_was_for_one(tmp_path):
    from desktop.core.suppliers.inquiry import read_supplier_files
    from desktop.core.sample import sample_cmrt_dir

    files = read_supplier_files([sample_cmrt_dir() / "Brightline_Components_CMRT_6.4.xlsx"], [], set())
    files[0].already_imported = True
    assert import_summary(files) == "Imported 0 of 1 file. 1 was already in the project and was skipped."
