"""Roll-up of real supplier declarations: unique smelters, unresolved rows, summary figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.core.cmrt.model import METALS
from desktop.core.cmrt.reader import read_cmrt
from desktop.core.smelters import (
    CONFORMANT,
    NOT_ENROLLED,
    MatchDecision,
    SmelterOverride,
    load_reference,
    rollup,
)
from desktop.core.smelters import matching as m
from desktop.core.smelters.summary import percent

SUPPLIERS = (
    "central-glass_CMRT_6.4.xlsx",
    "connor-winfield_CMRT_2.02_encrypted.xls",
    "consolidation-tool-output_CMRT_6.22.xlsx",
    "emd-merck_CMRT_6.4.xlsx",
    "goertek-testfill_CMRT_3.01_encrypted.xls",
    "jx-advanced-metals_CMRT_6.4.xlsx",
    "sk-specialty_CMRT_6.4.xlsx",
)


@pytest.fixture(scope="module")
def reference():
    return load_reference()


@pytest.fixture(scope="module")
def declarations(cmrt_dir):
    return {name: read_cmrt(cmrt_dir / "suppliers" / name) for name in SUPPLIERS}


@pytest.fixture(scope="module")
def result(declarations, reference):
    return rollup(declarations.values(), reference, suppliers_surveyed=10)


def smelter(result, metal, cid):
    return next(s for s in result.smelters if (s.metal, s.cid) == (metal, cid))


def test_one_row_per_metal_and_smelter_with_every_supplier_that_reported_it(result):
    keys = [(s.metal, s.cid) for s in result.smelters]
    assert len(keys) == len(set(keys))
    xiamen = smelter(result, "Tungsten", "CID002082")
    assert xiamen.reported_by == [
        "Central Glass Co., Ltd.",
        "EMD Electronics, a business of Merck KGaA, Darmstadt, Germany",
        "JX Advanced Metals Corporation",
        "SK specialty Co., Ltd",
    ]
    # JX wrote it five times; the reader marks four as duplicates, counted once.
    assert sum(r.supplier.startswith("JX") for r in xiamen.rows) == 1
    assert (xiamen.status, xiamen.status_as_of) == (CONFORMANT, "2023-01-20")
    assert "Conformant list" in xiamen.status_source
    em_vinto = smelter(result, "Tin", "CID000438")  # 2.x ID from Connor Winfield, CID from GoerTech
    assert em_vinto.reported_by == ["Connor Winfield Corporation", "GoerTech Inc."]
    assert set(em_vinto.methods) == {m.LEGACY_ID, m.SMELTER_ID}


def test_flags_reach_the_rolled_up_smelter(result):
    novosibirsk = smelter(result, "Gold", "CID000493")
    assert (novosibirsk.status, novosibirsk.status_label) == (NOT_ENROLLED, "Non Conformant")
    replaced = smelter(result, "Tungsten", "CID002513")  # GoerTech's CID002236, moved by RMI
    assert m.ID_REPLACED in replaced.flags
    recycled = smelter(result, "Tantalum", "CID002504")  # D Block Metals: JX says 100% recycled
    assert recycled.recycled
    assert not any(s.covered_country for s in result.smelters)


def test_unresolved_rows_are_grouped_with_their_suppliers_and_reasons(result):
    names = {(u.metal, u.name): u for u in result.unresolved}
    not_listed = names[("Tin", "Jean Goldschmidt International")]
    assert not_listed.suppliers == ["Connor Winfield Corporation"]
    assert "Smelter not listed" in not_listed.reason
    assert all(u.reason for u in result.unresolved)
    assert result.summary.unresolved_rows == sum(len(u.rows) for u in result.unresolved)


def test_summary_figures_follow_the_juniper_2021_wording(result):
    summary = result.summary
    annex = result.annex_rows()
    assert summary.known_smelters == len(annex)
    assert summary.countries == len({row.country for row in annex})
    for metal in METALS:
        figures = summary.metals[metal]
        rows = [row for row in annex if row.metal == metal]
        good = [row for row in rows if row.status in ("Conformant", "Active")]
        assert (figures.known_smelters, figures.conformant_or_active) == (len(rows), len(good))
    gold = summary.metals["Gold"]
    assert (gold.known_smelters, gold.conformant_or_active, gold.percent_conformant_or_active) == (13, 12, 92)
    assert gold.sentence() == (
        "Of the known gold smelters and refiners in our supply chain, 92% (12) are Conformant."
    )
    # 7 suppliers answered of 10 surveyed; 4 answered at company level (scope A).
    assert (summary.responses, summary.response_rate) == (7, 70)
    assert (summary.company_level, summary.percent_company_level) == (4, 57)
    # Q1 "used in product": tungsten in 6 of the 7 answers.
    assert summary.metals["Tungsten"].declarations_sourcing == 6
    assert summary.metals["Tungsten"].percent_declarations_sourcing == 86


def test_percentages_round_as_the_published_report_does():
    # Juniper 2021: gold 62% (106 of 171), tin 78% (61 of 78), tungsten 94% (46 of 49),
    # tantalum 100% (35 of 35).
    assert [percent(106, 171), percent(61, 78), percent(46, 49), percent(35, 35)] == [62, 78, 94, 100]
    assert percent(1, 8) == 13  # 12.5 rounds up, not to even
    assert percent(3, 0) is None


def test_annex_rows_are_ordered_by_metal_then_name(result):
    annex = result.annex_rows()
    order = [(METALS.index(r.metal), r.name.casefold()) for r in annex]
    assert order == sorted(order)
    assert annex[0].metal == "Tantalum"


def test_decision_on_a_dirty_row_carries_to_a_later_import(declarations, reference):
    first = rollup([declarations["connor-winfield_CMRT_2.02_encrypted.xls"]], reference)
    group = next(u for u in first.unresolved if u.name == "Metallic Resources Inc")
    assert group.candidates[0].name.startswith("Metallic Resources")
    decision = MatchDecision.for_row(group.rows[0].row, group.candidates[0].cid, decided_by="ana",
                                     note="confirmed on RMI website")
    assert decision.key == group.key
    later = rollup(declarations.values(), reference, decisions=[decision])
    resolved = smelter(later, "Tin", group.candidates[0].cid)
    assert m.DECISION in resolved.methods
    assert "Metallic Resources Inc" not in {u.name for u in later.unresolved}
    # "This is not a smelter" also sticks, and keeps the row out of Annex A.
    trotter = next(u for u in first.unresolved if u.name.startswith("Nathan Trotter"))
    not_smelter = MatchDecision.for_row(trotter.rows[0].row, None, not_a_smelter=True, decided_by="ana")
    again = rollup(declarations.values(), reference, decisions=[not_smelter])
    still = next(u for u in again.unresolved if u.name.startswith("Nathan Trotter"))
    assert "not a smelter" in still.reason


def test_exclusion_and_status_override_need_a_note_and_are_kept(declarations, reference):
    with pytest.raises(ValueError, match="note"):
        SmelterOverride("Gold", "CID000493", None, exclude_from_annex=True, note=" ")
    exclude = SmelterOverride("Gold", "CID000493", None, exclude_from_annex=True,
                              note="supplier confirmed it is not in our parts", decided_by="ana")
    override = SmelterOverride("Tin", "CID000438", NOT_ENROLLED, note="RMI site shows audit lapsed",
                               decided_by="ben", decided_at="2026-11-01T10:00:00+00:00")
    result = rollup(declarations.values(), reference, overrides=[exclude, override])
    excluded = smelter(result, "Gold", "CID000493")
    assert excluded.excluded and excluded.override.decided_by == "ana"
    assert ("Gold", "CID000493") not in {(r.metal, r.cid) for r in result.annex_rows()}
    assert result.summary.metals["Gold"].known_smelters == 12
    vinto = smelter(result, "Tin", "CID000438")
    assert vinto.overridden and vinto.status == NOT_ENROLLED and vinto.rmi_status == CONFORMANT
    assert "ben" in vinto.status_source and "audit lapsed" in vinto.status_source
    assert vinto.status_as_of == "2026-11-01"


def test_stale_status_warning(result):
    assert result.status_as_of() == "2023-01-20"
    assert not result.status_is_stale(date(2023, 6, 30))
    assert result.status_is_stale(date(2024, 6, 30))
    assert "more than 12 months" in result.stale_warning(date(2024, 6, 30))
    assert result.stale_warning(date(2023, 6, 30)) == ""


def test_rows_left_unknown_are_marked_and_stay_out_of_annex_a(cmrt_dir):
    from desktop.core.cmrt import load_declaration
    from desktop.core.smelters import load_reference, rollup as roll

    declaration = load_declaration(cmrt_dir / "suppliers" / "consolidation-tool-output_CMRT_6.22.xlsx")
    goertek = load_declaration(cmrt_dir / "suppliers" / "goertek-testfill_CMRT_3.01_encrypted.xls")
    reference = load_reference()
    first = roll([declaration, goertek], reference)
    assert first.unresolved and not any(u.left_unknown for u in first.unresolved)
    key = first.unresolved[0].key
    second = roll([declaration, goertek], reference, left_unknown=[key])
    marked = {u.key: u.left_unknown for u in second.unresolved}
    assert marked[key] is True and sum(marked.values()) == 1
    assert len(second.annex_rows()) == len(first.annex_rows())
    # A project saved before issue 11 kept the entry under each row's older key (with its ID).
    from desktop.core.smelters.decisions import stored_keys
    entry = next(u for u in first.unresolved if any(len(stored_keys(r.row)) == 2 for r in u.rows))
    older = next(keys[1] for keys in (stored_keys(r.row) for r in entry.rows) if len(keys) == 2)
    third = roll([declaration, goertek], reference, left_unknown=[older])
    assert {u.key for u in third.unresolved if u.left_unknown} == {entry.key}


def test_rows_written_alike_by_other_suppliers_join_the_same_entries(declarations, reference, result):
    """Each distinct row is matched and placed once, then every row written alike joins its entry:
    the same files again under other suppliers' names double every entry's rows, add each new
    supplier once, and change nothing else."""
    copies = [replace(d, company=replace(d.company, name=f"Copy of {d.company.name}"), file_name=f"copy-{d.file_name}")
              for d in declarations.values()]
    twice = rollup([*declarations.values(), *copies], reference, suppliers_surveyed=20)
    assert [(s.metal, s.cid, s.methods, s.flags, s.recycled) for s in twice.smelters] == \
        [(s.metal, s.cid, s.methods, s.flags, s.recycled) for s in result.smelters]
    for once, again in zip(result.smelters, twice.smelters):
        assert len(again.rows) == 2 * len(once.rows)
        assert sorted(again.reported_by) == sorted({r.supplier for r in again.rows})  # each once
        assert again.reported_by == sorted(once.reported_by + [f"Copy of {n}" for n in once.reported_by],
                                           key=str.casefold)
    assert [u.key for u in twice.unresolved] == [u.key for u in result.unresolved]
    for once, again in zip(result.unresolved, twice.unresolved):
        assert (again.reason, again.candidates, again.smelter_id) == (once.reason, once.candidates, once.smelter_id)
        assert again.suppliers == list(dict.fromkeys(r.supplier for r in again.rows))  # each once, in order
        assert again.suppliers == once.suppliers + [f"Copy of {n}" for n in once.suppliers]
        assert [r.row for r in again.rows] == [r.row for r in once.rows] * 2
    assert twice.summary.unresolved_rows == 2 * result.summary.unresolved_rows
