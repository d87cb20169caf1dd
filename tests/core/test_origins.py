"""Countries of origin and the results figures the report prints, from a project built on the
real supplier CMRTs (desktop.core.filing.origins, report_builder, cmr.txt)."""

from __future__ import annotations

import pytest

from desktop.core.filing import origins
from desktop.core.export.report_data import AnnexRow
from desktop.core.export.report_pdf import write_report_pdf
from desktop.core.filing.evidence import project_rollup
from desktop.core.filing.report_builder import report_data_from_project
from desktop.core.smelters import load_reference
from tests.core.export_helpers import pdf_pages
from tests.core.test_report_builder import filed_project

UNABLE = "We were therefore unable to determine the countries of origin of the 3TG in our Covered Products"


@pytest.fixture
def project(tmp_path, cmrt_dir):
    opened = filed_project(tmp_path / "Acme 2025.cmdesk", cmrt_dir)
    yield opened
    opened.close()


def report_text(project, tmp_path, data=None) -> str:
    out = tmp_path / "report.pdf"
    write_report_pdf(data or report_data_from_project(project), out)
    return " ".join(pdf_pages(out))


def test_nothing_known_prints_unable_to_determine(project, tmp_path):
    data = report_data_from_project(project)
    assert data.countries_of_origin == [] and data.origin_categories == []
    text = report_text(project, tmp_path, data)
    assert UNABLE in text and "may include the following" not in text


def test_recorded_countries_print_with_their_categories_and_source(project, tmp_path):
    rolled = project_rollup(project)
    smelter = next(s for s in rolled.smelters if s.metal == "Tin")
    recorded = origins.Origins(
        source="information made available by the RMI to its members on April 29, 2022",
        countries={origins.L1: origins.split_countries("Peru, Bolivia; China, peru"), origins.L2: ["South Africa"]},
        unknown=True,
        smelters={origins.smelter_key(smelter.metal, smelter.cid): origins.SmelterOrigin([origins.L3], ["Rwanda"], "supplier CMRT")},
    )
    origins.save_origins(project, recorded)
    back = origins.load_origins(project.answers())
    assert back.known_countries() == ["Bolivia", "China", "Peru", "Rwanda", "South Africa"]
    data = report_data_from_project(project)
    assert data.countries_of_origin == ["Bolivia", "China", "Peru", "Rwanda", "South Africa"]
    assert [label[:2] for label, _ in data.origin_categories] == ["L1", "L2", "L3"]
    text = report_text(project, tmp_path, data)
    assert (
        "Based on the information provided by our suppliers, derived from information made available by the RMI "
        "to its members on April 29, 2022, the countries of origin of the 3TG processed by the smelters and "
        "refiners listed in Annex A may include the following 5 countries: Bolivia, China, Peru, Rwanda and "
        "South Africa." in text
    )
    assert "L3 – The Democratic Republic of the Congo and its nine adjoining countries: Rwanda." in text
    assert UNABLE not in text
    assert "unable to determine the countries of origin of the remaining 3TG" in text


def test_smelters_located_in_covered_countries_are_named(project, tmp_path):
    # None of the real supplier files reports one, so the rows come from the real RMI reference.
    reference = load_reference()
    located = sorted((s for s in reference.smelters.values() if s.covered_country), key=lambda s: s.cid)[:2]
    assert located
    data = report_data_from_project(project)
    assert data.covered_country_smelters == []  # computed from the roll-up: nothing located there
    data.covered_country_smelters = [AnnexRow(s.metal, s.name, s.country, s.cid, s.status) for s in located]
    text = report_text(project, tmp_path, data)
    assert "located in the Covered Countries" in text
    for smelter in located:
        assert smelter.cid in text and smelter.name.split()[0] in text


def test_results_print_the_figures_the_project_holds(project, tmp_path):
    rolled = project_rollup(project)
    summary = rolled.summary
    data = report_data_from_project(project)
    assert data.cmrts_received == summary.responses > 0
    assert data.cmrts_by_metal == {m: f.declarations_sourcing for m, f in summary.metals.items()}
    assert data.smelter_country_count == summary.countries > 0
    assert data.recycled_smelter_count == summary.recycled_smelters
    assert dict((why[:8], n) for why, n in data.left_out_of_annex)["were not"] == len(rolled.unresolved)
    text = report_text(project, tmp_path, data)
    tungsten = summary.metals["Tungsten"].declarations_sourcing
    assert f"Of the {summary.responses} supplier CMRTs received," in text
    assert f"{tungsten} ({round(100 * tungsten / summary.responses)}%) tungsten" in text
    assert f"located in {summary.countries} countries" in text
    assert f"{summary.recycled_smelters} of them are reported by a supplier as sourcing only from recycled" in text
    assert f"Annex A does not include {len(rolled.unresolved)} names that our suppliers gave" in text
