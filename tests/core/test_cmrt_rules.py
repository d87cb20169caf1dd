"""One test per rule, on the real workbooks and on real declarations changed the way suppliers err."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from desktop.core.cmrt import check_declaration, read_cmrt
from desktop.core.cmrt.model import GOLD, METALS, TANTALUM, TIN, TUNGSTEN, Meaning, Severity, Verdict
from desktop.core.cmrt.rule_registry import RULES

TODAY = date(2025, 1, 15)
JX = "suppliers/jx-advanced-metals_CMRT_6.4.xlsx"
CENTRAL_GLASS = "suppliers/central-glass_CMRT_6.4.xlsx"
SK = "suppliers/sk-specialty_CMRT_6.4.xlsx"
MERCK = "suppliers/emd-merck_CMRT_6.4.xlsx"
CONNOR = "suppliers/connor-winfield_CMRT_2.02_encrypted.xls"
GOERTEK = "suppliers/goertek-testfill_CMRT_3.01_encrypted.xls"
TOOL_622 = "suppliers/consolidation-tool-output_CMRT_6.22.xlsx"


@pytest.fixture(scope="module")
def original(cmrt_dir):
    cache = {}

    def reader(relative: str):
        if relative not in cache:
            cache[relative] = read_cmrt(cmrt_dir / relative)
        return cache[relative]
    return reader


@pytest.fixture
def fresh(original):
    """A private copy of a real declaration, for tests that change it."""
    return lambda relative: copy.deepcopy(original(relative))


def findings(decl, rule_id):
    return [finding for finding in check_declaration(decl, today=TODAY) if finding.rule_id == rule_id]


def set_answer(decl, metal, meaning, value):
    item = next(item for item in decl.metal_answers[metal] if item.meaning == meaning)
    item.answer = value
    return item


def test_every_rule_has_an_id_severity_and_a_test():
    tested = {"A2", "A7", "F3", "B1", "B2", "B3", "B4", "B4R", "B5", "B6", "B8", "D1", "D2", "D3", "C1", "C2", "C3",
              "C4", "C5", "C6", "C7", "F1", "F2", "E1", "E2", "E6", "E8", "G7", "H1"}
    assert set(RULES) == tested
    assert all(isinstance(rule.severity, Severity) and rule.title for rule in RULES.values())


def test_clean_6_4_file_is_complete_apart_from_real_findings(fresh):
    decl = fresh(SK)
    check_declaration(decl, today=TODAY)
    assert [finding.rule_id for finding in decl.findings] == ["B8"]
    assert decl.verdict == Verdict.NEEDS_FOLLOW_UP
    set_answer(decl, TUNGSTEN, Meaning.USED_IN_PRODUCT, "Yes")
    decl.products[0].number = "WF6-001"
    assert check_declaration(decl, today=TODAY) == []
    assert decl.verdict == Verdict.COMPLETE


def test_a2_old_revision(original):
    (finding,) = findings(copy.deepcopy(original(CONNOR)), "A2")
    assert finding.severity == Severity.WARNING
    assert "revision 2.02" in finding.message and "current CMRT" in finding.message
    assert findings(copy.deepcopy(original(JX)), "A2") == []


def test_f3_blank_template_is_unusable(fresh):
    decl = fresh("templates/RMI_CMRT_6.5.xlsx")
    (finding,) = findings(decl, "F3")
    assert decl.verdict == Verdict.UNUSABLE
    assert "blank template" in finding.message
    assert findings(decl, "B1") == [] and findings(decl, "C1") == []  # no pile of follow-on errors


def test_b1_missing_required_fields(fresh):
    cells = [finding.cell for finding in findings(fresh("old-revisions/testfill_3.01_validation_needed.xlsx"), "B1")]
    assert cells == ["D8", "D9"]
    decl = fresh(JX)
    decl.company.contact_phone = ""
    decl.company.effective_date_raw = None
    decl.company.effective_date = None
    messages = [finding.message for finding in findings(decl, "B1")]
    assert messages == ["Declaration D17: the contact phone is missing; the template requires it.",
                        "Declaration D22: the effective date is missing; the template requires it."]


def test_b2_malformed_email_central_glass(fresh):
    (finding,) = findings(fresh(CENTRAL_GLASS), "B2")
    assert finding.message == ('Declaration D16: the contact email "toru,nishio@cgco.co.jp" is not a valid '
                               "email address.")
    assert (finding.sheet, finding.cell, finding.severity) == ("Declaration", "D16", Severity.ERROR)


def test_b3_authorizer_given_as_same(fresh):
    decl = fresh(JX)
    decl.company.authorizer = "Same as contact"
    (finding,) = findings(decl, "B3")
    assert finding.cell == "D18"


def test_b4_effective_date_text_future_and_too_early(fresh):
    decl = fresh(JX)
    decl.company.effective_date_raw, decl.company.effective_date = "sometime in May", None
    assert "is not a date" in findings(decl, "B4")[0].message
    decl.company.effective_date_raw = decl.company.effective_date = date(2025, 6, 1)
    assert "in the future" in findings(decl, "B4")[0].message
    decl.company.effective_date_raw = decl.company.effective_date = date(2005, 6, 1)
    assert "before 31-Dec-2006" in findings(decl, "B4")[0].message
    assert findings(fresh(JX), "B4") == []


def test_b4r_date_beyond_6_22_range(fresh):
    decl = fresh(TOOL_622)
    decl.company.effective_date = date(2026, 4, 2)
    (finding,) = [f for f in check_declaration(decl, today=date(2026, 5, 1)) if f.rule_id == "B4R"]
    assert "31-Mar-2026" in finding.message and finding.severity == Severity.WARNING


def test_b5_user_defined_scope_needs_description(fresh):
    decl = fresh(JX)
    decl.company.scope, decl.company.scope_label = "C", "C. User defined [Specify in 'Description of scope']"
    (finding,) = findings(decl, "B5")
    assert finding.cell == "D10"
    described = fresh("old-revisions/testfill_2.00_valid_2.xls")  # 2.x division scope, described
    assert findings(described, "B5") == []
    described.company.scope_description = ""
    assert len(findings(described, "B5")) == 1


def test_b6_product_scope_without_products(fresh):
    decl = fresh(JX)
    decl.products = []
    (finding,) = findings(decl, "B6")
    assert finding.sheet == "Product List" and "no products are listed" in finding.message


def test_b8_product_without_number_sk(fresh):
    (finding,) = findings(fresh(SK), "B8")
    assert finding.message.startswith('Product List row 6: the product "WF6" has no product number')


def test_c1_first_question_blank(fresh):
    decl = fresh(JX)
    set_answer(decl, GOLD, Meaning.USED_IN_PRODUCT, "")
    (finding,) = findings(decl, "C1")
    assert finding.cell == "D28" and "Gold" in finding.message


def test_c2_answers_missing_after_yes_goertek(fresh):
    (finding,) = findings(fresh(GOERTEK), "C2")
    assert finding.message == ("Declaration D64: question 7 for Gold is unanswered, although gold is declared "
                               "as used.")


def test_c3_answer_outside_the_revision_list(fresh):
    decl = fresh(JX)
    set_answer(decl, TANTALUM, Meaning.SUPPLIER_RESPONSE, "about 80%")
    decl.company_answers[7].answer = "Maybe"
    messages = [finding.message for finding in findings(decl, "C3")]
    assert messages[0].startswith('Declaration D56: question 6 for Tantalum reads "about 80%"')
    assert "company question H" in messages[1]
    # The 3.x wording of the same question is allowed only in 3.x files.
    assert findings(fresh(GOERTEK), "C3") == []


def test_c4_low_response(original):
    (finding,) = findings(copy.deepcopy(original(GOERTEK)), "C4")
    assert finding.cell == "D53" and "No, but less than 25%" in finding.message


def test_c5_identified_all_without_full_response(original):
    cells = [finding.cell for finding in findings(copy.deepcopy(original(GOERTEK)), "C5")]
    assert cells == ["D56", "D58"]
    assert findings(copy.deepcopy(original(JX)), "C5") == []


def test_c6_smelter_info_not_reported(original):
    (finding,) = findings(copy.deepcopy(original(GOERTEK)), "C6")
    assert finding.cell == "D62"


def test_c7_covered_countries_flags_due_diligence(original):
    cells = [finding.cell for finding in findings(copy.deepcopy(original(JX)), "C7")]
    assert cells == ["D38", "D41"]
    assert findings(copy.deepcopy(original(CENTRAL_GLASS)), "C7") == []


def test_d1_company_questions_blank_while_a_metal_is_used(fresh):
    decl = fresh(JX)
    decl.company_answers[0].answer = ""
    (finding,) = findings(decl, "D1")
    assert finding.cell == "D75" and "Tantalum, Tungsten" in finding.message


def test_d2_public_policy_without_url(original):
    # Merck links its URL behind the charter's title (test_cmrt_6_6_and_reader_details.py).
    assert findings(copy.deepcopy(original(MERCK)), "D2") == []
    assert findings(copy.deepcopy(original(JX)), "D2") == []  # JX gives its https:// address
    decl = copy.deepcopy(original(JX))
    decl.company_answers[1].comment = "See our website"
    (finding,) = findings(decl, "D2")
    assert finding.cell == "G77"


def test_a7_newer_revision_noted(fresh):
    decl = fresh(JX)
    assert findings(copy.deepcopy(decl), "A7") == []
    decl.revision = "6.7"
    (finding,) = findings(decl, "A7")
    assert finding.severity == Severity.NOTE and "newer than the newest this app knows (6.6)" in finding.message


def test_d3_other_format_not_described(fresh):
    decl = fresh(JX)
    decl.company_answers[4].answer = "Yes, using other format (describe)"
    (finding,) = findings(decl, "D3")
    assert finding.cell == "G83"


def test_f1_metal_used_without_smelters(original):
    messages = [finding.message for finding in findings(copy.deepcopy(original(TOOL_622)), "F1")]
    assert len(messages) == 4 and messages[0].startswith("Smelter List: Tantalum is declared as used")


def test_f2_smelters_for_a_metal_declared_unused(original):
    decl = copy.deepcopy(original("old-revisions/testfill_2.00_valid_2.xls"))
    assert [finding.cell for finding in findings(decl, "F2")] == ["row 5", "row 8"]


def test_e1_and_e2_rows_without_metal_or_with_only_a_metal(fresh):
    decl = fresh(JX)
    decl.smelters[0].metal = "Cobalt"
    decl.smelters[1].lookup_name = decl.smelters[1].name = decl.smelters[1].country = ""
    decl.smelters[1].smelter_id = ""
    (wrong_metal,) = findings(decl, "E1")
    assert wrong_metal.message == ('Smelter List row 5: the row has "Cobalt"; the metal must be tantalum, tin, '
                                   "gold or tungsten.")
    (only_metal,) = findings(decl, "E2")
    assert only_metal.cell == "row 6"


def test_e6_smelter_not_listed_without_details(fresh):
    decl = fresh(CONNOR)
    assert findings(decl, "E6") == []  # row 10 names Jean Goldschmidt International, BELGIUM
    decl.smelters[5].country = ""
    (finding,) = findings(decl, "E6")
    assert finding.message.endswith("the smelter's country is missing.")


def test_e8_typed_id_differs_from_lookup(original):
    cells = [finding.cell for finding in findings(copy.deepcopy(original(CONNOR)), "E8")]
    assert cells == ["row 11", "row 32", "row 33"]
    (template_row,) = findings(copy.deepcopy(original("templates/RMI_CMRT_6.4.xlsx")), "E8")
    assert '"242332"' in template_row.message and "CID000292" in template_row.message


def test_g7_legacy_ids_noted(original):
    (finding,) = findings(copy.deepcopy(original(CONNOR)), "G7")
    assert finding.severity == Severity.NOTE and "23 row(s)" in finding.message


def test_h1_duplicates_are_notes(original):
    decl = copy.deepcopy(original(JX))
    rows = [finding.cell for finding in findings(decl, "H1")]
    assert rows[0] == "row 10"
    assert all(finding.severity == Severity.NOTE for finding in decl.findings if finding.rule_id == "H1")


def test_verdicts_across_the_real_files(original):
    verdicts = {}
    for relative in (JX, CENTRAL_GLASS, CONNOR, "templates/RMI_CMRT_6.01.xlsx"):
        decl = copy.deepcopy(original(relative))
        check_declaration(decl, today=TODAY)
        verdicts[relative] = decl.verdict
    assert verdicts == {JX: Verdict.NEEDS_FOLLOW_UP, CENTRAL_GLASS: Verdict.NEEDS_FOLLOW_UP,
                        CONNOR: Verdict.NEEDS_FOLLOW_UP, "templates/RMI_CMRT_6.01.xlsx": Verdict.UNUSABLE}


def test_every_message_names_a_sheet(original):
    for relative in (JX, CONNOR, GOERTEK, TOOL_622):
        for finding in check_declaration(copy.deepcopy(original(relative)), today=TODAY):
            assert finding.sheet in ("Declaration", "Smelter List", "Product List")
            assert finding.message[0].isupper() and finding.message.endswith((".", "?"))


def test_metals_constant_order_is_the_template_order():
    assert METALS == (TANTALUM, TIN, GOLD, TUNGSTEN)
