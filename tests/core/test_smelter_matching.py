"""Each matching step on supplier rows written the way real suppliers wrote them."""

from __future__ import annotations

import pytest

from desktop.core.cmrt.model import SmelterRow
from desktop.core.smelters import MatchDecision, load_reference, match_row
from desktop.core.smelters import matching as m


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def row(metal, lookup="", name="", country="", smelter_id="", number=5, **extra):
    return SmelterRow(row=number, metal=metal, lookup_name=lookup, name=name, country=country,
                      smelter_id=smelter_id, **extra)


def test_step1_smelter_id(reference):
    # JX Advanced Metals 6.4, row 8: CID typed in column A, look-up name from the template.
    match = match_row(row("Tantalum", "TANIOBIS Co., Ltd.", "", "THAILAND", "CID002544"), reference)
    assert (match.cid, match.method, match.flags) == ("CID002544", m.SMELTER_ID, ())


def test_step1_id_wins_over_a_loose_name_and_ignores_case_of_country(reference):
    # JX row 14: name "F&X", country written "China".
    match = match_row(row("Tantalum", "F&X Electro-Materials Ltd.", "F&X", "China", "CID000460"), reference)
    assert match.cid == "CID000460" and match.method == m.SMELTER_ID


def test_step1_legacy_2x_id_is_translated(reference):
    # Connor Winfield 2.02: "Empressa Nacional de Fundiciones (ENAF)" / EM Vinto, ID 2BOL010.
    match = match_row(row("Tin", "Empressa Nacional de Fundiciones (ENAF)", "EM Vinto", "BOLIVIA", "2BOL010"), reference)
    assert (match.cid, match.method) == ("CID000438", m.LEGACY_ID)


def test_legacy_id_without_a_current_cid_says_so(reference):
    # Connor Winfield: Ohio Precious Metals, 1USA043, left RMI's list long ago.
    match = match_row(row("Gold", "Ohio Precious Metals LLC.", "Ohio Precious Metals", "UNITED STATES", "1USA043"), reference)
    assert match.cid is None
    assert "1USA043" in match.reason


def test_id_for_another_metal_is_flagged_not_trusted(reference):
    # CID002082 is Xiamen Tungsten; a Tin row carrying it is a contradiction.
    match = match_row(row("Tin", "Xiamen Tungsten Co., Ltd.", "", "CHINA", "CID002082"), reference)
    assert match.cid is None
    assert m.ID_METAL_CONTRADICTION in match.flags
    assert match.candidates[0].cid == "CID002082"
    assert "Tungsten" in match.reason


def test_id_for_another_metal_gives_way_to_a_name_that_fits_with_the_flag_kept(reference):
    match = match_row(row("Tin", "EM Vinto", "", "BOLIVIA", "CID002082"), reference)
    assert (match.cid, match.method) == ("CID000438", m.LOOKUP_NAME)
    assert m.ID_METAL_CONTRADICTION in match.flags
    assert "Tungsten" in match.reason and "by name instead" in match.reason


def test_id_for_another_country_without_a_supporting_name_is_not_trusted(reference):
    match = match_row(row("Tungsten", "", "Nippon Tungsten Works", "JAPAN", "CID002082"), reference)
    assert match.cid is None
    assert m.ID_COUNTRY_CONTRADICTION in match.flags


def test_id_for_another_country_with_the_right_name_resolves_with_a_flag(reference):
    match = match_row(row("Tungsten", "Xiamen Tungsten Co., Ltd.", "", "JAPAN", "CID002082"), reference)
    assert match.cid == "CID002082"
    assert m.ID_COUNTRY_CONTRADICTION in match.flags


def test_id_whose_name_points_elsewhere_is_flagged(reference):
    match = match_row(row("Tungsten", "Xiamen Tungsten (H.C.) Co., Ltd.", "", "CHINA", "CID002082"), reference)
    assert match.cid == "CID002082"
    assert m.ID_NAME_CONTRADICTION in match.flags


def test_step2_look_up_name_and_alias(reference):
    match = match_row(row("Tungsten", "Zhangyuan Tungsten Co Ltd", "", "CHINA"), reference)
    assert (match.cid, match.method) == ("CID000258", m.LOOKUP_NAME)
    # An older standard name (CMRT 2.x / CFSI) written in the name column.
    match = match_row(row("Gold", "", "Allgemeine Gold-und Silberscheideanstalt A.G.", "GERMANY"), reference)
    assert (match.cid, match.method) == ("CID000035", m.ALIAS)
    # Same name, other metal: aliases are per metal.
    assert match_row(row("Tin", "Zhangyuan Tungsten Co Ltd", "", "CHINA"), reference).cid is None


def test_step3_legal_suffix_case_and_punctuation(reference):
    match = match_row(row("Gold", "", "ASAHI PRETEC CORP", "Japan"), reference)
    assert (match.cid, match.method) == ("CID000082", m.NORMALISED_NAME)
    match = match_row(row("Tantalum", "", "Mitsui Mining & Smelting", "JAPAN"), reference)
    assert match.cid == "CID001192"


def test_step3_mojibake(reference):
    # Inogen 2019 Annex A: "Cendres + M?taux SA"; a UTF-8/cp1252 mix-up of the same name.
    assert match_row(row("Gold", "", "Cendres + M?taux SA", "SWITZERLAND"), reference).cid == "CID000189"
    assert match_row(row("Gold", "", "Cendres + MÃ©taux S.A.", "SWITZERLAND"), reference).cid == "CID000189"


def test_step3_needs_the_country_to_agree(reference):
    match = match_row(row("Gold", "", "ASAHI PRETEC CORP", "GERMANY"), reference)
    assert match.cid is None
    assert match.candidates and match.candidates[0].cid == "CID000082"


def test_step4_fuzzy_is_only_a_suggestion(reference):
    match = match_row(row("Gold", "", "Asahi Pretek Corporation", "JAPAN"), reference)
    assert match.cid is None
    assert match.method == m.SUGGESTIONS
    assert match.candidates[0].cid == "CID000082"
    assert match.candidates[0].score >= 85
    assert "please confirm" in match.reason


def test_not_listed_and_not_yet_identified_stay_unresolved_with_a_reason(reference):
    # Connor Winfield 2.02 rows.
    listed = match_row(row("Tin", "Smelter Not Listed", "Jean Goldschmidt International", "BELGIUM", "NA"), reference)
    assert listed.cid is None and "Smelter not listed" in listed.reason
    unknown = match_row(row("Gold", "Smelter not yet identified", "So Accurate Refing Group", "UNITED STATES", "NA"), reference)
    assert unknown.cid is None and "not yet identified" in unknown.reason
    # Even an exact RMI name under "not listed" is only suggested.
    exact = match_row(row("Tungsten", "Smelter not listed", "Xiamen Tungsten Co., Ltd.", "CHINA"), reference)
    assert exact.cid is None and exact.candidates[0].cid == "CID002082"


def test_non_smelters_and_other_metals_are_unresolved_with_a_reason(reference):
    trader = match_row(row("Tin", "", "Nathan Trotter Trading Company", "UNITED STATES"), reference)
    assert trader.cid is None and "not a smelter" in trader.reason
    cobalt = match_row(row("Cobalt", "", "Umicore", "BELGIUM"), reference)
    assert cobalt.cid is None and "Cobalt" in cobalt.reason
    empty = match_row(row("Gold"), reference)
    assert empty.cid is None and "no smelter name" in empty.reason


def test_removed_smelter_is_explained(reference):
    removed = next(s for s in reference.smelters.values() if s.removed)
    match = match_row(row(removed.metal, "", removed.name, removed.country, removed.cid), reference)
    assert match.cid is None
    assert "removed" in match.reason.lower() and removed.removed in match.reason


def test_decisions_are_applied_to_the_same_dirty_row_from_any_supplier(reference):
    dirty = row("Gold", "", "Asahi Pretek Corporation", "Japan")
    decision = MatchDecision.for_row(dirty, "CID000082", decided_by="ana", note="checked RMI site")
    # A later file from another supplier writes it with different case and spacing.
    later = row("Gold", "", "ASAHI  PRETEK CORPORATION", "JAPAN", number=40)
    match = match_row(later, reference, [decision])
    assert (match.cid, match.method) == ("CID000082", m.DECISION)
    assert "ana" in match.reason
    not_smelter = MatchDecision.for_row(row("Tin", "", "Nathan Trotter & Co., Inc.", "UNITED STATES"), None,
                                        not_a_smelter=True, decided_by="ana")
    again = match_row(row("Tin", "", "NATHAN TROTTER & CO INC", "USA"), reference, [not_smelter])
    assert again.cid is None and again.method == m.DECISION and "not a smelter" in again.reason


def test_decision_needs_a_cid_or_not_a_smelter():
    with pytest.raises(ValueError):
        MatchDecision("Gold", "x", "", "", None)
