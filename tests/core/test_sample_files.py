"""The sample project: committed sample supplier CMRTs and the fictitious company around them."""

from __future__ import annotations

import warnings
from datetime import date, datetime

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from desktop.core.cmrt import load_declaration
from desktop.core.cmrt.model import METALS, Meaning, Verdict
from desktop.core.filing.registrant import validate
from desktop.core.sample import SAMPLE_FILES, SAMPLE_MARK, sample_cmrt_dir, sample_company
from desktop.core.sample.build import build_all
from desktop.core.sample.project import create_sample_project, is_sample_project
from desktop.core.sample.template_fill import metal_answer_cell
from desktop.core.filing.scoping import ProductStatus, assess_product
from desktop.core.smelters import load_reference, match_row
from desktop.core.filing.evidence import project_response_rate
from desktop.core.suppliers import RequestState, response_rate, suggest_suppliers

COVERED_COUNTRIES = {
    "CONGO, DEMOCRATIC REPUBLIC OF THE", "ANGOLA", "BURUNDI", "CENTRAL AFRICAN REPUBLIC", "CONGO",
    "RWANDA", "SOUTH SUDAN", "TANZANIA, UNITED REPUBLIC OF", "UGANDA", "ZAMBIA",
}  # fmt: skip
BY_NAME = {sample.file_name: sample for sample in SAMPLE_FILES}


def _open(path, data_only=True):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return openpyxl.load_workbook(path, data_only=data_only)


@pytest.fixture(scope="module")
def lookup(cmrt_dir) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(metal, CID) -> {(standard name, country)} from the REAL blank template's look-up sheet."""
    book = _open(cmrt_dir / "templates" / "RMI_CMRT_6.4_english_blank.xlsx")
    found: dict = {}
    for row in book["Smelter Look-up"].iter_rows(min_row=5, max_col=5, values_only=True):
        metal, _alias, name, country, cid = row
        if metal and cid:
            found.setdefault((metal, cid), set()).add((name, country))
    return found


def _smelter_rows(path) -> list[list]:
    # calamine reads the stored values independently of openpyxl, which wrote them.
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Smelter List")
    rows = grid.to_python(skip_empty_area=False)
    return [row for row in rows[4:] if any(str(v).strip() for v in row[:17])]


def test_every_sample_file_is_committed_small_and_says_it_is_sample_data():
    folder = sample_cmrt_dir()
    assert sorted(p.name for p in folder.glob("*.xlsx")) == sorted(BY_NAME)
    assert len(BY_NAME) >= 6
    for sample in SAMPLE_FILES:
        path = folder / sample.file_name
        assert path.stat().st_size < 300_000, f"{path.name} is not small"
        declaration = _open(path)["Declaration"]
        assert declaration["D8"].value == sample.company
        assert SAMPLE_MARK in declaration["D8"].value
        assert declaration["J3"].value.startswith("Revision 6.4")
        assert declaration["D2"].value == "Conflict Minerals Reporting Template (CMRT)"


def test_declaration_cells_read_back_as_written():
    for sample in SAMPLE_FILES:
        sheet = _open(sample_cmrt_dir() / sample.file_name)["Declaration"]
        assert sheet["D9"].value == sample.scope
        assert sheet["D15"].value == sample.contact and sheet["D16"].value == sample.email
        effective = sheet["D22"].value
        assert isinstance(effective, datetime) and effective.date() == sample.effective
        for metal in METALS:
            for question, expected in enumerate(sample.metal_answers[metal], start=1):
                cell = metal_answer_cell(question, metal)
                value = sample.raw_cells.get(cell, expected)
                assert sheet[cell].value == (value or None), (sample.file_name, cell)
        assert [sheet[f"D{r}"].value for r in range(75, 90, 2)] == list(sample.company_answers)


def test_smelter_rows_carry_real_ids_names_and_countries_from_the_template(lookup):
    checked = 0
    for sample in SAMPLE_FILES:
        rows = _smelter_rows(sample_cmrt_dir() / sample.file_name)
        assert len(rows) == len(sample.smelters), sample.file_name
        for row, spec in zip(rows, sample.smelters):
            cid_typed, metal, lookup_name, _name, country, cid = row[:6]
            assert metal == spec.metal
            if not spec.cid:
                continue
            assert cid == spec.cid and cid_typed == (cid if spec.typed_cid else "")
            assert (lookup_name, country) in lookup[(metal, cid)], (sample.file_name, row[:6])
            checked += 1
    assert checked >= 40


def test_each_file_shows_its_situation(lookup):
    folder = sample_cmrt_dir()
    harbor = _smelter_rows(folder / "Harbor_Cable_and_Wire_CMRT_6.4.xlsx")
    typo = [row for row in harbor if row[2] == "Asahi Pretec Crop."]
    assert typo and typo[0][5] == "" and typo[0][0] == ""  # no ID anywhere
    assert all(name != "Asahi Pretec Crop." for (_m, _c), names in lookup.items() for name, _ in names)

    summit = _smelter_rows(folder / "Summit_Alloy_Castings_CMRT_6.4.xlsx")
    not_listed = [row for row in summit if row[2] == "Smelter not listed"]
    assert len(not_listed) == 1 and not_listed[0][3] and not_listed[0][4] and not not_listed[0][5]

    old_mill = _open(folder / "Old_Mill_Electronics_CMRT_6.4.xlsx")["Declaration"]
    assert old_mill["D27"].value == "Yes" and old_mill["D39"].value is None  # tin: Q1 Yes, Q3 blank
    assert old_mill["D56"].value == 1  # 100% stored as a number, as in CMRT 6.01-6.22

    lakeshore = _open(folder / "Lakeshore_Solder_Supply_CMRT_6.4.xlsx")["Declaration"]
    assert lakeshore["D39"].value == "Yes"  # tin from the covered countries
    countries = {row[4] for row in _smelter_rows(folder / "Lakeshore_Solder_Supply_CMRT_6.4.xlsx")}
    assert countries & COVERED_COUNTRIES == {"RWANDA", "UGANDA"}

    pinecrest = _open(folder / "Pinecrest_Capacitor_CMRT_6.4.xlsx")["Declaration"]
    assert pinecrest["D22"].value.date() > date.today()

    keystone = _open(folder / "Keystone_Precision_Plating_CMRT_6.4.xlsx")
    assert keystone["Declaration"]["D9"].value.startswith("B.")
    products = [r for r in keystone["Product List"].iter_rows(min_row=6, max_col=4, values_only=True)]
    assert [r[1] for r in products if r[1]] == ["KP-2210", "KP-2215", "KP-4400", "KP-4410"]


@pytest.mark.slow
def test_the_builder_reproduces_the_committed_files_from_the_real_template(cmrt_dir, tmp_path):
    template = cmrt_dir / "templates" / "RMI_CMRT_6.4_english_blank.xlsx"
    built = build_all(template, tmp_path / "out")
    assert [p.name for p in built] == [s.file_name for s in SAMPLE_FILES]
    for path in built:
        fresh, committed = _open(path, data_only=False), _open(sample_cmrt_dir() / path.name, False)
        for name in ("Declaration", "Smelter List", "Product List"):
            new_rows = list(fresh[name].iter_rows(max_row=60, values_only=True))
            old_rows = list(committed[name].iter_rows(max_row=60, values_only=True))
            assert new_rows == old_rows, f"{path.name} {name} is stale: run the builder again"


def test_sample_company_is_fictitious_complete_and_scoped():
    company = sample_company()
    registrant = company.registrant
    assert registrant.company_name == "Northwind Instruments, Inc."
    assert (registrant.sec_file_number, registrant.state_of_incorporation) == ("001-99999", "Delaware")
    assert validate(registrant, current_year=2026) == {}
    statuses = [assess_product(p).status for p in company.products]
    assert statuses.count(ProductStatus.COVERED) == 2 and ProductStatus.NOT_COVERED in statuses
    assert "sample" in company.notice.lower()
    assert all(path.is_file() for path in company.cmrt_files)


def test_sample_roster_matches_each_file_and_gives_a_response_rate():
    company = sample_company()
    roster = company.suppliers
    assert 7 <= len(roster) <= 10
    assert len({s.name for s in roster}) == len(roster)
    assert all(s.email.endswith(".example") and SAMPLE_MARK in s.name for s in roster)
    scores = []
    for sample in SAMPLE_FILES:
        best, score = suggest_suppliers(sample.company, roster)[0]
        assert best.name == sample.roster_name, (sample.company, best.name, score)
        scores.append(score)
    # Most files match exactly after normalising; a few need the user's confirmation.
    assert scores.count(100.0) >= 4 and 1 <= sum(score < 100 for score in scores) <= 3
    waiting = [s for s in roster if s.request_state is RequestState.REMINDER_SENT]
    assert waiting and waiting[0].reminded_on
    requested = [s for s in roster if s.request_state is RequestState.REQUESTED]
    assert len(requested) == len(SAMPLE_FILES) and all(s.requested_on for s in requested)
    rate = response_rate(roster)
    assert (rate.surveyed, rate.responded) == (len(roster), 0)  # nothing imported yet


def test_sample_project_file_holds_the_company_roster_and_imported_files(tmp_path):
    project = create_sample_project(tmp_path / "sample")
    try:
        assert project.path.name == "sample.cmdesk" and is_sample_project(project)
        assert project.registrant().company_name == "Northwind Instruments, Inc."
        assert len(project.products()) == 4
        suppliers = {s.id: s for s in project.suppliers()}
        assert len(suppliers) == len(SAMPLE_FILES) + 1  # every file went to a roster supplier
        rows = project.declaration_rows()
        assert sorted(r["file_name"] for r in rows) == sorted(BY_NAME)
        for row in rows:
            supplier = suppliers[row["supplier_id"]]
            assert supplier.name == BY_NAME[row["file_name"]].roster_name
        rate = project_response_rate(project)
        assert (rate.surveyed, rate.responded, rate.percent) == (8, 7, 88)
        states = {s.name: s.request_state for s in suppliers.values()}
        assert states[BY_NAME["Pinecrest_Capacitor_CMRT_6.4.xlsx"].roster_name] is RequestState.NEEDS_FOLLOW_UP
    finally:
        project.close()
    bare = create_sample_project(tmp_path / "bare", import_files=False)
    try:
        assert bare.declaration_rows() == [] and len(bare.suppliers()) == len(SAMPLE_FILES) + 1
    finally:
        bare.close()


def _rules(declaration) -> set[tuple[str, str]]:
    return {(finding.rule_id, finding.cell) for finding in declaration.findings}


def test_the_cmrt_reader_and_checks_find_what_each_sample_file_shows():
    reference = load_reference()
    loaded = {s.file_name: load_declaration(sample_cmrt_dir() / s.file_name) for s in SAMPLE_FILES}
    for name, declaration in loaded.items():
        sample = BY_NAME[name]
        assert declaration.revision == "6.4" and declaration.company.name == sample.company
        assert declaration.company.effective_date == sample.effective
        assert len(declaration.smelters) == len(sample.smelters)

    clean = loaded["Brightline_Components_CMRT_6.4.xlsx"]
    assert clean.verdict is Verdict.COMPLETE and clean.findings == []
    assert all(match_row(row, reference).resolved for row in clean.smelters)

    product_level = loaded["Keystone_Precision_Plating_CMRT_6.4.xlsx"]
    assert product_level.company.scope == "B" and len(product_level.products) == 4

    # Typo'd name, no ID: the reader keeps it as written and matching cannot resolve it.
    harbor = loaded["Harbor_Cable_and_Wire_CMRT_6.4.xlsx"]
    typo = next(row for row in harbor.smelters if row.lookup_name == "Asahi Pretec Crop.")
    assert typo.smelter_id == "" and typo.looked_up_id == ""
    match = match_row(typo, reference)
    assert not match.resolved and match.candidates[0].cid == "CID000082"

    summit = loaded["Summit_Alloy_Castings_CMRT_6.4.xlsx"]
    not_listed = [row for row in summit.smelters if row.lookup_name == "Smelter not listed"]
    assert len(not_listed) == 1 and not match_row(not_listed[0], reference).resolved

    old_mill = loaded["Old_Mill_Electronics_CMRT_6.4.xlsx"]
    assert ("C2", "D39") in _rules(old_mill)  # answer missing after a Yes
    assert old_mill.verdict is Verdict.NEEDS_FOLLOW_UP
    assert old_mill.answer("Tin", Meaning.SUPPLIER_RESPONSE) == "100%"  # stored as the number 1

    lakeshore = loaded["Lakeshore_Solder_Supply_CMRT_6.4.xlsx"]
    assert {("C7", "D38"), ("C7", "D39")} <= _rules(lakeshore)  # covered countries

    pinecrest = loaded["Pinecrest_Capacitor_CMRT_6.4.xlsx"]
    assert ("B4", "D22") in _rules(pinecrest)  # effective date in the future
