"""The products step: a product line from an acquired business, with Instruction 3 computed."""

from __future__ import annotations

from desktop.core.filing.scoping import Answer, ProductStatus, assess_product
from desktop.ui.main_window import create_main_window
from desktop.ui.pages.products_page import ProductsPage


def test_an_acquired_product_is_left_out_only_with_its_date_and_answer(qtbot, filed_project_path):
    window = create_main_window(filed_project_path)
    qtbot.addWidget(window)
    window.show()
    window.wizard.go_to_page(ProductsPage)
    page = window.wizard.page(ProductsPage)
    page.product_list.setCurrentRow(0)  # Flow meters, covered
    assert not page.acquisition_fields.isVisibleTo(page)
    page.acquired_box.click()
    assert page.acquisition_fields.isVisibleTo(page)
    assert page.product_finding.text().startswith("Give the date the business was acquired")
    qtbot.keyClicks(page.acquired_business_edit, "BTI Sensors, Inc.")
    qtbot.keyClicks(page.acquired_on_edit, "2025-07-01")
    page.obligated_no.click()
    assert "Left out of the 2025 report under Instruction 3" in page.product_finding.text()
    assert "first reported for 2027" in page.product_finding.text()
    product = window.project.products()[0]
    assert (product.acquired_business, product.acquired_on, product.acquired_was_obligated) == (
        "BTI Sensors, Inc.", "2025-07-01", Answer.NO,
    )
    assert assess_product(product, 2025).status == ProductStatus.EXEMPT
    page.obligated_yes.click()  # a business that already reported: covered as before
    assert page.product_finding.text().startswith("Covered:")
    window.close()
