"""read_cmrt on the real supplier workbooks in ../shared/cmrt: what each file actually says."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.cmrt import read_cmrt
from desktop.core.cmrt.model import GOLD, METALS, TANTALUM, TIN, TUNGSTEN, Meaning


@pytest.fixture(scope="module")
def read(cmrt_dir):
    cache = {}

    def reader(relative: str):
        if relative not in cache:
            cache[relative] = read_cmrt(cmrt_dir / relative)
        return cache[relative]
    return reader


def test_jx_advanced_metals_6_4_company_block(read):
    decl = read("suppliers/jx-advanced-metals_CMRT_6.4.xlsx")
    assert (decl.family, decl.revision, decl.language) == ("CMRT", "6.4", "English")
    company = decl.company
    assert company.name == "JX Advanced Metals Corporation"
    assert (company.scope, company.scope_label) == ("B", "B. Product (or List of Products)")
    assert company.contact_name == "OHNOGI Tomoki"
    assert company.contact_email == "ohnogi.tomoki.hp2@jx-nmm.com"
    assert company.authorizer == "MORISHITA Hiroshi"
    assert company.authorizer_title == "Manager, Procurement Department"
    assert company.effective_date == date(2024, 5, 30)
    assert len(decl.sha256) == 64


def test_jx_advanced_metals_answers_and_products(read):
    decl = read("suppliers/jx-advanced-metals_CMRT_6.4.xlsx")
    assert decl.metals_declared() == [TANTALUM, TUNGSTEN]
    assert [item.answer for item in decl.metal_answers[TANTALUM]] == [
        "Yes", "Yes", "Yes", "Yes", "No", "100%", "Yes", "Yes"]
    assert decl.answer(TIN, Meaning.USED_IN_PRODUCT) == "No"
    assert decl.answer(TUNGSTEN, Meaning.CAHRA) == "Yes"
    covered = decl.metal_answers[TANTALUM][2]
    assert (covered.question, covered.cell, covered.meaning) == (3, "D38", Meaning.COVERED_COUNTRIES)
    assert covered.comment.startswith("Only uses approved conflict free material")
    assert covered.wording.startswith("Do any of the smelters in your supply chain source the 3TG")
    letters = {answer.letter: answer for answer in decl.company_answers}
    assert letters["B"].comment == "https://www.nmm.jx-group.co.jp/english/company/purchase/supply.html"
    assert letters["E"].answer == "Yes, in conformance with IPC1755 (e.g., CMRT)"
    assert letters["H"].answer == "No"
    assert [(p.row, p.number, p.name) for p in decl.products] == [
        (6, "Sputtering Target", "Ta/ Ta alloy Target"), (7, "Sputtering Target", "W/ W alloy Target"),
        (8, "Tantalum parts", "Other Tantalum parts")]


def test_jx_advanced_metals_27_smelter_rows(read):
    decl = read("suppliers/jx-advanced-metals_CMRT_6.4.xlsx")
    assert len(decl.smelters) == 27
    assert decl.smelter_counts() == {TANTALUM: 16, TIN: 0, GOLD: 0, TUNGSTEN: 11}
    first, last = decl.smelters[0], decl.smelters[-1]
    assert (first.row, first.metal, first.lookup_name, first.country, first.smelter_id, first.id_source) == (
        5, TANTALUM, "TANIOBIS Co., Ltd.", "THAILAND", "CID002544", "RMI")
    assert first.street == ""  # the 0 left by pasted formulas is not a street
    assert (first.city, first.contact_email, first.recycled_scrap) == (
        "Map Ta Phut", "frank.habig@taniobis.com", "No")
    assert (last.row, last.metal, last.smelter_id, last.name) == (
        31, TUNGSTEN, "CID002320", "Xiamen Tungsten (H.C.) Co., Ltd.")
    assert all(row.looked_up_id == row.smelter_id for row in decl.smelters)
    # Row 10 repeats CID001969 from row 9 with other mine details: kept, and flagged.
    row_10 = next(row for row in decl.smelters if row.row == 10)
    assert (row_10.smelter_id, row_10.duplicate_of, row_10.comments) == ("CID001969", 9, "iTSCi tagged material")


def test_central_glass_metals_typed_without_cid(read):
    decl = read("suppliers/central-glass_CMRT_6.4.xlsx")
    assert decl.company.name == "Central Glass Co., Ltd."
    assert decl.company.scope == "A"
    assert decl.company.contact_email == "toru,nishio@cgco.co.jp"  # kept as written; B2 flags it
    assert [(row.metal, row.smelter_id) for row in decl.smelters] == [
        (TUNGSTEN, "CID002494"), (TUNGSTEN, "CID002551"), (TUNGSTEN, "CID002513"), (TUNGSTEN, "CID002082")]
    assert decl.smelters[2].street == "Shizhuyuan, Suxian"  # trailing newline removed


def test_sk_specialty_product_without_number(read):
    decl = read("suppliers/sk-specialty_CMRT_6.4.xlsx")
    assert decl.company.name == "SK specialty Co., Ltd"
    assert (decl.company.unique_id, decl.company.unique_id_authority) == ("459-88-02246", "NTS")
    assert [(p.row, p.number, p.name, p.comment) for p in decl.products] == [
        (6, "", "WF6", "For manufacturing WF6 Gas")]
    assert [row.lookup_name for row in decl.smelters] == [
        "Xiamen Tungsten Co., Ltd.", "Chongyi Zhangyuan Tungsten Co., Ltd."]


def test_emd_merck_single_tungsten_smelter(read):
    decl = read("suppliers/emd-merck_CMRT_6.4.xlsx")
    assert decl.company.name == "EMD Electronics, a business of Merck KGaA, Darmstadt, Germany"
    assert decl.metals_declared() == [TUNGSTEN]
    assert {a.letter: a.answer for a in decl.company_answers}["H"] == "Yes, with the EU"
    (row,) = decl.smelters
    assert (row.metal, row.smelter_id, row.name, row.country) == (
        TUNGSTEN, "CID002082", "Xiamen Tungsten Co., Ltd.", "CHINA")
    assert row.mine_names.startswith("Ninghua Xingluokeng Tungsten Mining")


def test_consolidation_tool_6_22_stores_100_percent_as_number(read):
    decl = read("suppliers/consolidation-tool-output_CMRT_6.22.xlsx")
    assert (decl.revision, decl.company.name, decl.company.scope) == ("6.22", "ABC", "A")
    response = decl.metal_answers[GOLD][5]
    assert (response.raw, response.answer, response.meaning) == (1.0, "100%", Meaning.SUPPLIER_RESPONSE)
    assert decl.metals_declared() == list(METALS)
    assert decl.smelters == []


def test_connor_winfield_2_02_encrypted_xls(read):
    decl = read("suppliers/connor-winfield_CMRT_2.02_encrypted.xls")
    assert (decl.revision, decl.company.name) == ("2.02", "Connor Winfield Corporation")
    assert (decl.company.scope, decl.company.scope_label) == ("A", "A. Company Level")
    assert decl.company.authorizer_title == "Manager of Corporate Quality"  # trailing spaces removed
    assert decl.company.effective_date == date(2013, 7, 13)
    assert decl.metals_declared() == [TIN, GOLD]
    identified = decl.metal_answers[TIN][4]
    assert (identified.answer, identified.meaning) == ("Yes all smelters have been provided",
                                                         Meaning.ALL_SMELTERS_IDENTIFIED)
    assert {a.letter: a.answer for a in decl.company_answers}["D"] == "Planned once lists become available"
    assert len(decl.smelters) == 28
    assert decl.smelter_counts() == {TANTALUM: 0, TIN: 23, GOLD: 5, TUNGSTEN: 0}
    first = decl.smelters[0]
    assert (first.row, first.metal, first.lookup_name, first.name, first.country, first.smelter_id) == (
        5, TIN, "Empressa Nacional de Fundiciones (ENAF)", "EM Vinto", "BOLIVIA", "2BOL010")


def test_connor_winfield_rows_shifted_left_are_realigned(read):
    """Rows 26-33 were typed the 2.00 way (ID in column A, street in the ID column)."""
    decl = read("suppliers/connor-winfield_CMRT_2.02_encrypted.xls")
    materion = next(row for row in decl.smelters if row.row == 26)
    assert (materion.smelter_id, materion.street, materion.city) == ("1USA033", "2978 Main Street", "Buffalo")
    xstrata = next(row for row in decl.smelters if row.row == 27)
    assert (xstrata.smelter_id, xstrata.contact_email) == ("1CAN064", "Phealey@xstratacopper.ca")
    assert 28 not in [row.row for row in decl.smelters]  # an empty row between them


def test_goertek_3_01_encrypted_xls(read):
    decl = read("suppliers/goertek-testfill_CMRT_3.01_encrypted.xls")
    assert (decl.revision, decl.company.name, decl.company.authorizer_phone) == (
        "3.01", "GoerTech Inc.", "339-640-8021")
    assert decl.answer(GOLD, Meaning.SUPPLIER_RESPONSE) == "No, but greater than 75%"  # trailing space gone
    assert decl.answer(TIN, Meaning.ALL_SMELTER_INFO_REPORTED) == "Unknown"
    assert len(decl.company_answers) == 10
    assert len(decl.smelters) == 40  # row 18 holds only copied contact details, not a smelter
    assert decl.smelter_counts() == {TANTALUM: 10, TIN: 8, GOLD: 12, TUNGSTEN: 10}
    assert decl.smelters[0].smelter_id == "CID000058"


@pytest.mark.parametrize("relative, revision, company, scope, rows", [
    ("old-revisions/testfill_2.00_green.xlsx", "2.00", "Green Status Pro", "A", 4),
    ("old-revisions/testfill_2.00_valid_2.xls", "2.00", "Green Status Pro", "B", 6),
    ("old-revisions/testfill_2.01_validation_needed.xlsx", "2.01", "", "", 4),
    ("old-revisions/testfill_2.02_high_risk.xlsx", "2.02", "Green Status Pro", "A", 4),
    ("old-revisions/testfill_2.03_green.xlsx", "2.03", "Green Status Pro", "A", 4),
    ("old-revisions/testfill_2.03_empty.xlsx", "2.03", "", "", 0),
    ("old-revisions/testfill_2.03a_valid_1.xls", "2.03a", "Green Status Pro", "A", 4),
    ("old-revisions/testfill_2.03a_validation_needed.xlsx", "2.03a", "", "", 4),
    ("old-revisions/testfill_3.01_green.xlsx", "3.01", "Green Status Pro", "A", 4),
    ("old-revisions/testfill_3.01_high_risk.xlsx", "3.01", "Green Status Pro", "A", 4),
    ("old-revisions/testfill_3.01_protected_97.xls", "3.01", "Green Status Pro", "A", 4),
    ("old-revisions/testfill_3.01_validation_needed.xlsx", "3.01", "", "", 4),
])
def test_old_revision_test_fills(read, relative, revision, company, scope, rows):
    decl = read(relative)
    assert (decl.revision, decl.company.name, decl.company.scope, len(decl.smelters)) == (
        revision, company, scope, rows)


def test_2_00_without_id_column_uses_typed_id_and_lookup(read):
    decl = read("old-revisions/testfill_2.00_green.xlsx")
    gold, tin, tantalum, tungsten = decl.smelters
    assert (gold.metal, gold.name, gold.looked_up_id) == (GOLD, "Allgemeine Gold", "1DEU001")
    assert (tungsten.smelter_id, tungsten.looked_up_id) == ("4CHN005", "4CHN005")  # typed in column A
    assert decl.products[0].number == "ABCDEFG12345678"
    assert decl.company.authorizer_phone == "(555) 555-1234"


def test_2_00_division_scope_with_description(read):
    decl = read("old-revisions/testfill_2.00_valid_2.xls")
    assert decl.company.scope_label == "B. Division Level [Specify in 'Description of scope']"
    assert decl.company.scope_description == "Tractor beam development"
    assert decl.answer(TIN, Meaning.COVERED_COUNTRIES) == "Uncertain or Unknown"


@pytest.mark.parametrize("name, revision, language", [
    ("RMI_CMRT_6.01.xlsx", "6.01", "中文 Chinese"), ("RMI_CMRT_6.1.xlsx", "6.1", "中文 Chinese"),
    ("RMI_CMRT_6.22.xlsx", "6.22", "中文 Chinese"), ("RMI_CMRT_6.31.xlsx", "6.31", "中文 Chinese"),
    ("RMI_CMRT_6.4.xlsx", "6.4", "中文 Chinese"), ("RMI_CMRT_6.4_english_blank.xlsx", "6.4", "English"),
    ("RMI_CMRT_6.5.xlsx", "6.5", "中文 Chinese"),
])
def test_blank_templates_in_any_language(read, name, revision, language):
    decl = read(f"templates/{name}")
    assert (decl.family, decl.revision, decl.language) == ("CMRT", revision, language)
    # Wording comes from our English table, never from the (Chinese) cached labels.
    assert decl.metal_answers[TIN][0].wording.startswith("Is any 3TG intentionally added")


def test_6_31_template_leftover_answers(read):
    decl = read("templates/RMI_CMRT_6.31.xlsx")
    assert decl.company.scope_label == "A. Company"
    assert decl.answer(TANTALUM, Meaning.REMAINS_IN_PRODUCT) == "Yes"


def test_6_4_template_leftover_row_with_overwritten_id(read):
    decl = read("templates/RMI_CMRT_6.4.xlsx")
    (row,) = decl.smelters
    assert (row.row, row.metal, row.lookup_name, row.smelter_id) == (5, TIN, "Alpha Metals", "242332")
    assert row.name == "Alpha"  # the hidden standard-name column R
    assert row.looked_up_id == "CID000292"


def test_every_shared_workbook_is_read_or_refused(cmrt_dir):
    """The whole corpus: CMRTs 2.00-6.5 are read; everything else is refused with its reason."""
    from desktop.core.cmrt.model import UnreadableFile

    refused, read_revisions = {}, {}
    for path in sorted(p for p in cmrt_dir.rglob("*") if p.is_file() and p.suffix in (".xls", ".xlsx")):
        try:
            read_revisions[path.name] = read_cmrt(path).revision
        except UnreadableFile as error:
            refused[path.name] = error.problem
    assert sorted(refused) == ["RMI_AMRT_1.3_blank.xlsx", "RMI_CRT_2.21_blank.xlsx", "RMI_EMRT_2.1_blank.xlsx",
                               "jpeg-renamed.xls", "testfill_1.00_empty.xlsx"]
    assert len(read_revisions) == 26
    assert set(read_revisions.values()) == {
        "2.00", "2.01", "2.02", "2.03", "2.03a", "3.01", "6.01", "6.1", "6.22", "6.31", "6.4", "6.5"}
