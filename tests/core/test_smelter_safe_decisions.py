"""Safe smelter decisions (issue 11): RMI's successors first, nothing weak pre-selected, one
decision per smelter whether or not a supplier pasted its ID, removed smelters described as RMI
describes them, countries compared by ISO code."""

from __future__ import annotations

import dataclasses

import pytest
from python_calamine import CalamineWorkbook

from desktop.core.cmrt.model import METALS, SmelterRow
from desktop.core.cmrt.reader import read_cmrt
from desktop.core.countries import country_code, same_country
from desktop.core.smelters import MatchDecision, load_reference, match_row, rollup
from desktop.core.smelters import matching as m
from desktop.core.smelters.ranking import PRESELECT_MIN, RMI_SUCCESSOR, preselected

GOERTEK = "goertek-testfill_CMRT_3.01_encrypted.xls"
GAM_BOYERTOWN, GAM_AIZU = "CID002557", "CID002558"


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def cabot_row(cmrt_dir):
    """The real row: "Cabot Corporation", Tantalum, CID000564 (RMI removed it in 2014)."""
    declaration = read_cmrt(cmrt_dir / "suppliers" / GOERTEK)
    rows = [r for r in declaration.smelters if r.lookup_name == "Cabot Corporation"]
    assert len(rows) == 1 and rows[0].smelter_id == "CID000564"
    return declaration, rows[0]


def test_cabot_ranks_rmis_successors_first_and_preselects_nothing(cmrt_dir, reference):
    _declaration, row = cabot_row(cmrt_dir)
    match = match_row(row, reference)
    assert match.cid is None
    assert [c.basis for c in match.candidates[:2]] == [RMI_SUCCESSOR, RMI_SUCCESSOR]
    # The one in the row's country (UNITED STATES) before the Japanese facility.
    assert [c.cid for c in match.candidates[:2]] == [GAM_BOYERTOWN, GAM_AIZU]
    # The 69% look-alike the queue used to pre-select (CP Metals Inc.) comes after them.
    rest = match.candidates[2:]
    assert "CID003402" in [c.cid for c in rest]
    assert all(c.basis != RMI_SUCCESSOR and c.score < PRESELECT_MIN for c in rest)
    assert preselected(match.candidates) is None
    assert "Removed by RMI on 2014-07-11" in match.reason
    assert "RMI points to Global Advanced Metals Aizu (CID002558) and Global Advanced Metals Boyertown" in match.reason


def test_cabot_supermetals_without_id_gets_only_a_weak_suggestion_not_preselected(cmrt_dir, reference):
    declaration = read_cmrt(cmrt_dir / "old-revisions" / "testfill_3.01_green.xlsx")
    row = next(r for r in declaration.smelters if r.name == "Cabot Supermetals")
    match = match_row(row, reference)
    assert match.cid is None and match.candidates  # CP Metals Inc., about 65% alike
    assert max(c.score for c in match.candidates) < PRESELECT_MIN
    assert preselected(match.candidates) is None
    assert "No close name match" in match.reason and "Closest" not in match.reason


def test_a_strong_name_match_alone_at_the_top_may_be_preselected(reference):
    match = match_row(SmelterRow(row=1, metal="Gold", name="Kyrgyzalyn JSC", country="KYRGYZSTAN"), reference)
    assert match.cid is None  # a typo is never resolved silently
    assert preselected(match.candidates).cid == "CID001029"


def test_one_decision_clears_the_pasted_id_row_and_the_row_without_id(cmrt_dir, reference):
    declaration, row = cabot_row(cmrt_dir)
    # A second supplier writes the same smelter without the ID (derived from the real row).
    bare = dataclasses.replace(row, smelter_id="", looked_up_id="")
    second = dataclasses.replace(declaration, path="second.xlsx", file_name="second.xlsx", smelters=[bare])
    before = rollup([declaration, second], reference)
    groups = [u for u in before.unresolved if u.name == "Cabot Corporation"]
    assert len(groups) == 1
    group = groups[0]
    assert {r.file_name for r in group.rows} == {declaration.file_name, "second.xlsx"}
    assert group.smelter_id == "CID000564"
    assert group.candidates[0].cid == GAM_BOYERTOWN and "RMI points to" in group.reason

    decision = MatchDecision.for_row(group.rows[1].row, GAM_BOYERTOWN, note="asked the supplier")
    after = rollup([declaration, second], reference, [decision])
    assert not [u for u in after.unresolved if u.name == "Cabot Corporation"]
    boyertown = next(s for s in after.smelters if s.cid == GAM_BOYERTOWN)
    cabot_rows = [r for r in boyertown.rows if row_name_of(r.row) == "Cabot Corporation"]
    assert {r.file_name for r in cabot_rows} == {declaration.file_name, "second.xlsx"}
    assert all(r.match.decision_key == decision.key for r in cabot_rows)


def row_name_of(row: SmelterRow) -> str:
    return row.lookup_name or row.name


def test_a_decision_does_not_override_a_row_whose_own_id_is_clean(reference):
    row = SmelterRow(row=1, metal="Tantalum", name="Global Advanced Metals Boyertown",
                     country="UNITED STATES", smelter_id=GAM_BOYERTOWN)
    wrong = MatchDecision.for_row(dataclasses.replace(row, smelter_id=""), GAM_AIZU)
    assert match_row(row, reference, [wrong]).cid == GAM_BOYERTOWN
    assert match_row(dataclasses.replace(row, smelter_id=""), reference, [wrong]).cid == GAM_AIZU


def inogen_rows(cmrt_dir):
    seed = cmrt_dir.parent / "seeds" / "000_f93ac40d84789eaa.txt"
    return [
        line.split("\t") for line in seed.read_text(encoding="utf-8").splitlines()
        if len(line.split("\t")) == 4 and line.split("\t")[0] in METALS
    ]


def test_inogen_names_rmi_removed_are_described_as_removed(cmrt_dir, reference):
    """Inogen's 2019 Annex A names smelters RMI removed since, without IDs."""
    removed = []
    for metal, name, country, _status in inogen_rows(cmrt_dir):
        match = match_row(SmelterRow(row=0, metal=metal, name=name, country=country), reference)
        # A name RMI moved to a live smelter (an alias) resolves; the others are explained.
        if match.cid is None and reference.removals.named(metal, [name]):
            assert "No smelter in RMI's list matches" not in match.reason, name
            assert "Removed by RMI" in match.reason
            removed.append((name, match))
    assert len(removed) >= 4
    saxonia = dict(removed)["SAXONIA Edelmetalle GmbH"]
    assert saxonia.reason == (
        "SAXONIA Edelmetalle GmbH (CID002777): Removed by RMI on 2022-12-04: "
        "No longer an operating smelter / refiner."
    )
    assert saxonia.candidates[0].cid == "CID002777" and saxonia.candidates[0].removed
    assert preselected(saxonia.candidates) is None


def test_a_removed_name_with_successors_offers_them_first(reference):
    row = SmelterRow(row=1, metal="Tantalum", name="Global Advanced Metals", country="USA")
    match = match_row(row, reference)
    assert match.cid is None
    assert match.reason.startswith("Global Advanced Metals (CID000564): Removed by RMI on 2014-07-11")
    assert [c.cid for c in match.candidates[:2]] == [GAM_BOYERTOWN, GAM_AIZU]
    assert preselected(match.candidates) is None


def test_countries_compare_by_iso_code_for_cid002847(cmrt_dir, reference):
    """RMI's 6.1 look-up spells it "NORTH MACEDONIA, REPUBLIC OF"; the CMRT country list
    "NORTH MACEDONIA". Both are MK, so no "ID is for a smelter in another country"."""
    lookup = CalamineWorkbook.from_path(str(cmrt_dir / "templates" / "RMI_CMRT_6.1.xlsx"))
    rmi_spelling = {r[4]: r[3] for r in lookup.get_sheet_by_name("Smelter Look-up").to_python()[4:] if len(r) > 4}
    assert rmi_spelling["CID002847"] == "NORTH MACEDONIA, REPUBLIC OF"
    countries = CalamineWorkbook.from_path(str(cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx"))
    cmrt_list = [r[1] for r in countries.get_sheet_by_name("C").to_python()[1:] if len(r) > 1 and r[1]]
    cmrt_spelling = next(c for c in cmrt_list if "MACEDONIA" in c)
    assert cmrt_spelling == "NORTH MACEDONIA"
    assert all(country_code(c) for c in cmrt_list)  # every country a CMRT offers has a code
    assert country_code(rmi_spelling["CID002847"]) == country_code(cmrt_spelling) == "MK"
    assert not same_country("NORTH MACEDONIA", "NORTH KOREA")

    # As RMI listed it in the 6.1 look-up: a live smelter with RMI's spelling.
    smelter = reference.smelter("Tantalum", "CID002847")
    live = dataclasses.replace(smelter, country=rmi_spelling["CID002847"], removed="")
    copy = dataclasses.replace(reference, smelters={**reference.smelters, ("Tantalum", "CID002847"): live})
    row = SmelterRow(row=1, metal="Tantalum", name="Meta Materials", country=cmrt_spelling, smelter_id="CID002847")
    match = match_row(row, copy)
    assert match.cid == "CID002847" and m.ID_COUNTRY_CONTRADICTION not in match.flags
    elsewhere = match_row(dataclasses.replace(row, name="", country="SERBIA"), copy)
    assert m.ID_COUNTRY_CONTRADICTION in elsewhere.flags


def test_a_smelter_rmi_removed_then_re_added_is_not_described_as_removed(reference):
    # PT Belitung Industri Sejahtera: removed 2019-05-15, "Returned to operations" 2021-09-11.
    history = [r for r in reference.revisions if r["cid"] == "CID001421"]
    assert {r["basis"] for r in history} == {"Removed", "Added"}
    assert reference.removals.of("Tin", "CID001421") is None
    assert reference.removals.of("Tantalum", "CID000564") is not None  # Cabot stays removed
    row = SmelterRow(row=5, metal="Tin", name="PT Belitung Industri Sejahtera", country="INDONESIA")
    assert match_row(row, reference).cid == "CID001421"
