"""Matches on what suppliers wrote are reused by the next roll-up of the same lists, never by another."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.core.cmrt.model import CompanyInfo, Declaration, SmelterRow
from desktop.core.smelters import MatchDecision, load_reference, rollup


def listed_gold_smelter(reference):
    """A live Gold smelter of the Look-up, with its name the way a supplier might type it."""
    return next(s for s in sorted(reference.smelters.values(), key=lambda s: s.cid)
                if s.metal == "Gold" and s.in_lookup and not s.removed and len(s.name) > 12)


def supplier_file(smelter) -> Declaration:
    rows = [
        SmelterRow(5, "Gold", "", smelter.name.upper(), smelter.country, ""),  # matches by name
        SmelterRow(6, "Gold", "", smelter.name[:6] + "x" + smelter.name[7:] + " Refinery", smelter.country, ""),
    ]
    return Declaration("supplier.xlsx", "supplier.xlsx", company=CompanyInfo(name="Supplier Ltd."), smelters=rows)


def outcome(result) -> tuple:
    return ([(a.metal, a.cid, a.name, a.status) for a in result.annex_rows()],
            [(u.key, u.reason, [c.cid for c in u.candidates]) for u in result.unresolved])


@pytest.fixture()
def reference():
    return load_reference()  # its own object: these tests change it


def test_a_roll_up_after_a_decision_equals_one_made_afresh(reference):
    smelter = listed_gold_smelter(reference)
    declaration = supplier_file(smelter)
    first = rollup([declaration], reference)
    assert [s.cid for s in first.smelters] == [smelter.cid] and len(first.unresolved) == 1
    typed = declaration.smelters[1]
    decision = MatchDecision("Gold", typed.name, typed.country, "", smelter.cid, note="same refinery")
    again = rollup([declaration], reference, decisions=[decision])
    afresh = rollup([declaration], load_reference(), decisions=[decision])
    assert outcome(again) == outcome(afresh)
    assert again.unresolved == [] and len(again.smelters[0].rows) == 2
    assert outcome(rollup([declaration], reference)) == outcome(first)  # the decision undone


def test_other_lists_are_never_given_the_matches_of_these(reference):
    smelter = listed_gold_smelter(reference)
    declaration = supplier_file(smelter)
    assert [s.cid for s in rollup([declaration], reference).smelters] == [smelter.cid]
    others = {key: s for key, s in reference.smelters.items() if key != ("Gold", smelter.cid)}
    newer = replace(reference, smelters=others)  # lists without it, as a project moving to them gets
    assert rollup([declaration], newer).smelters == []
    assert [s.cid for s in rollup([declaration], reference).smelters] == [smelter.cid]


def test_a_reference_indexed_again_matches_again(reference):
    smelter = listed_gold_smelter(reference)
    declaration = supplier_file(smelter)
    assert [s.cid for s in rollup([declaration], reference).smelters] == [smelter.cid]
    del reference.smelters[("Gold", smelter.cid)]
    reference._index()
    assert rollup([declaration], reference).smelters == []
