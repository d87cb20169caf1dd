"""Instruction 3 to Item 1.01: when products of an acquired business may be left out."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.filing.acquisitions import first_reporting_year, months_later, transition


@pytest.mark.parametrize(
    "acquired_on, first",
    [
        (date(2022, 5, 1), 2023),  # eight months later is exactly January 1, 2023: 2023 begins no sooner
        (date(2022, 4, 30), 2023),  # eight months later is December 30, 2022: 2023 begins after it
        (date(2022, 5, 2), 2024),
        (date(2016, 1, 1), 2017),
        (date(2016, 12, 31), 2018),
        (date(2025, 6, 30), 2027),  # February 28, 2026 (no February 30): 2027
        (date(2024, 6, 30), 2026),  # February 28, 2025... 2025 began before: 2026
    ],
)
def test_first_reporting_year(acquired_on, first):
    assert first_reporting_year(acquired_on) == first


def test_months_later_keeps_the_day_or_the_month_end():
    assert months_later(date(2022, 5, 1), 8) == date(2023, 1, 1)
    assert months_later(date(2025, 6, 30), 8) == date(2026, 2, 28)
    assert months_later(date(2023, 6, 30), 8) == date(2024, 2, 29)


def test_transition_applies_only_while_the_eight_months_run():
    finding = transition(date(2025, 3, 15), False, 2025, "BTI Systems")
    assert finding.applies and finding.first_year == 2026
    assert "Instruction 3 to Item 1.01" in finding.reason and "BTI Systems" in finding.reason
    assert "March 15, 2025" in finding.reason
    late_in_year = transition(date(2025, 6, 1), False, 2026, "Aurion")
    assert late_in_year.applies and late_in_year.first_year == 2027  # February 1, 2026 is past January 1
    assert not transition(date(2025, 3, 15), False, 2026).applies
    # A business that already had to report gets no transition, whatever the date.
    assert not transition(date(2025, 12, 1), True, 2025).applies


def test_a_recent_acquisition_is_left_out_and_disclosed(tmp_path, cmrt_dir):
    from desktop.core.export.report_pdf import write_report_pdf
    from desktop.core.filing.evidence import project_determination
    from desktop.core.filing.report_builder import report_data_from_project
    from desktop.core.filing.scoping import Answer, MadeBy, Product
    from tests.core.export_helpers import pdf_pages
    from tests.core.test_report_builder import filed_project

    project = filed_project(tmp_path / "Acme 2025.cmdesk", cmrt_dir)
    try:
        optical = Product(
            "Optical sensors", "fibre sensors", MadeBy.MANUFACTURE, {"Gold"}, Answer.YES, acquired_company=True,
            acquired_business="BTI Sensors, Inc.", acquired_on="2025-07-01", acquired_was_obligated=Answer.NO,
        )
        project.save_product(optical)
        assert "Optical sensors" not in project_determination(project).covered_products
        data = report_data_from_project(project)
        assert [p.name for p in data.products] == ["Flow meters"]
        [left_out] = data.acquisitions_left_out
        assert (left_out.business, left_out.first_year, left_out.products) == ("BTI Sensors, Inc.", 2027, ["Optical sensors"])
        out = tmp_path / "report.pdf"
        write_report_pdf(data, out)
        text = " ".join(pdf_pages(out))
        assert (
            "The Covered Products and the other information in this Report do not include Optical sensors, the "
            "products of BTI Sensors, Inc., which we acquired on July 1, 2025." in text
        )
        assert "Instruction 3 to Item 1.01 of Form SD" in text and "The products evaluated in this Form SD" in text
        # Had the business reported before, its products are covered and nothing is said.
        optical.acquired_was_obligated = Answer.YES
        project.save_product(optical)
        data = report_data_from_project(project)
        assert "Optical sensors" in [p.name for p in data.products] and data.acquisitions_left_out == []
    finally:
        project.close()
