"""The whole core path on our own sample project, so a fresh clone (no ../shared) tests it for real:
the sample CMRTs read and checked, smelters matched and rolled up, the report data built and every
export written. Expectations come from what each sample file says (desktop.core.sample), never
from figures copied out of a run.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from desktop.core.export.annex_files import write_annex_csv, write_annex_xlsx
from desktop.core.export.edgar_html import write_edgar_html
from desktop.core.export.records import file_sha256
from desktop.core.export.report_pdf import write_annex_pdf, write_report_pdf
from desktop.core.filing.evidence import current_declarations, project_rollup
from desktop.core.project import Project
from desktop.core.filing.report_builder import missing_with_steps, report_data_from_project
from desktop.core.sample import SAMPLE_FILES
from desktop.core.sample.project import create_sample_project
from desktop.core.smelters import load_reference
from tests.core.export_helpers import pdf_pages

LISTED = {(s.metal, s.cid) for sample in SAMPLE_FILES for s in sample.smelters if s.cid}
UNLISTED = [(sample, s) for sample in SAMPLE_FILES for s in sample.smelters if not s.cid]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.cmdesk"
    create_sample_project(path).close()
    return path


@pytest.fixture
def project(template, tmp_path):
    path = tmp_path / "sample.cmdesk"
    shutil.copy(template, path)
    opened = Project.open(path)
    yield opened
    opened.close()


def test_every_sample_file_is_stored_read_and_checked(project):
    current = current_declarations(project)
    assert sorted(c.declaration.file_name for c in current) == sorted(s.file_name for s in SAMPLE_FILES)
    by_name = {c.declaration.file_name: c for c in current}
    for sample in SAMPLE_FILES:
        entry = by_name[sample.file_name]
        assert entry.supplier is not None  # assigned to its roster entry
        assert entry.declaration.company.name == sample.company
        assert len(entry.declaration.smelters) == len(sample.smelters)
        assert entry.declaration.findings is not None  # checked on import


def test_rollup_matches_every_listed_smelter_and_queues_the_others(project):
    reference = load_reference()
    rolled = project_rollup(project, reference)
    rolled_keys = {(s.metal, s.cid) for s in rolled.smelters}
    assert LISTED <= rolled_keys  # every smelter the files name by RMI ID is found
    assert len(rolled_keys) == len(rolled.smelters)  # one row per metal and smelter
    for smelter in rolled.smelters:
        known = reference.smelter(smelter.metal, smelter.cid)
        assert known is not None and smelter.name == known.name
        assert smelter.reported_by  # names the suppliers that reported it
    # The typo'd name and the "Smelter not listed" row wait for the user's decision.
    queued = {(row.metal, row.name) for row in rolled.unresolved}
    for _sample, row in UNLISTED:
        assert (row.metal, row.name or row.lookup_name) in queued
    annex = rolled.annex_rows()
    assert {(row.metal, row.cid) for row in annex} == rolled_keys
    for metal, figures in rolled.summary.metals.items():
        mine = [row for row in annex if row.metal == metal]
        assert figures.known_smelters == len(mine)


def test_report_data_and_every_export_agree(project, tmp_path):
    from tests.ui.conftest import decide_sample_smelters

    decide_sample_smelters(project)  # what the sample leaves to the newcomer; then it is final
    data = report_data_from_project(project)
    assert missing_with_steps(data) == [] and not data.draft
    # Lakeshore declares tin and tantalum from the covered countries: due diligence and a CMR.
    covered = [s for s in SAMPLE_FILES if any(a[2] == "Yes" for a in s.metal_answers.values())]
    assert covered and data.outcome == "sd_with_cmr" and data.files_cmr
    assert data.registrant.name == project.registrant().company_name
    ids = {row.smelter_id for row in data.annex_rows}
    assert ids == {row.cid for row in project_rollup(project).annex_rows()}

    records = [
        write_report_pdf(data, tmp_path / "report.pdf"),
        write_annex_pdf(data, tmp_path / "annex.pdf"),
        write_annex_xlsx(data, tmp_path / "annex.xlsx"),
        write_annex_csv(data, tmp_path / "annex.csv"),
        *write_edgar_html(data, tmp_path / "edgar"),
    ]
    for record in records:
        assert file_sha256(record.path) == record.sha256

    report = " ".join(pdf_pages(tmp_path / "report.pdf"))
    assert data.registrant.name in report and "Annex A" in report
    assert all(cid in report for cid in ids)
    assert all(cid in " ".join(pdf_pages(tmp_path / "annex.pdf")) for cid in ids)
    book = openpyxl.load_workbook(tmp_path / "annex.xlsx", read_only=True)
    xlsx_ids = {cell for row in book.active.iter_rows(values_only=True) for cell in row if str(cell).startswith("CID")}
    book.close()
    with open(tmp_path / "annex.csv", encoding="utf-8-sig", newline="") as handle:
        csv_ids = {cell for row in csv.reader(handle) for cell in row if cell.startswith("CID")}
    assert xlsx_ids == csv_ids == ids
    edgar = {path.name: path.read_text(encoding="ascii") for path in (tmp_path / "edgar").iterdir()}
    assert sorted(edgar) == ["ex1-01.htm", "form_sd.htm"]
    assert all(cid in edgar["ex1-01.htm"] for cid in ids)
