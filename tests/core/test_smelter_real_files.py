"""Real supplier declarations (../shared/cmrt/suppliers) resolve to the right CIDs and statuses."""

from __future__ import annotations

import pytest

from desktop.core.cmrt.reader import read_cmrt
from desktop.core.smelters import CONFORMANT, NOT_ENROLLED, load_reference, match_row
from desktop.core.smelters import matching as m


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def matches(cmrt_dir, name, reference):
    declaration = read_cmrt(cmrt_dir / "suppliers" / name)
    return {row.row: (row, match_row(row, reference)) for row in declaration.smelters}


def test_jx_advanced_metals_6_4_every_row_resolves_by_its_id(cmrt_dir, reference):
    rows = matches(cmrt_dir, "jx-advanced-metals_CMRT_6.4.xlsx", reference)
    assert len(rows) == 27
    assert all(match.cid == row.smelter_id and match.method == m.SMELTER_ID for row, match in rows.values())
    cids = {(match.metal, match.cid) for _row, match in rows.values()}
    assert len(cids) == 21  # Xiamen Tungsten five times, Ulba and Xiamen H.C. twice
    assert {metal for metal, _cid in cids} == {"Tantalum", "Tungsten"}
    for _row, match in rows.values():
        assert reference.smelter(match.metal, match.cid).status == CONFORMANT
    f_and_x = rows[14][1]  # name "F&X", country "China"
    assert f_and_x.cid == "CID000460" and f_and_x.flags == ()


def test_connor_winfield_2_02_legacy_ids_resolve_through_the_translation(cmrt_dir, reference):
    rows = matches(cmrt_dir, "connor-winfield_CMRT_2.02_encrypted.xls", reference)
    assert len(rows) == 28
    by_row = {number: match for number, (_row, match) in rows.items()}
    expected = {
        5: "CID000438",  # Empressa Nacional de Fundiciones (ENAF) / EM Vinto, 2BOL010
        6: "CID001182",  # Minsur, 2PER019
        13: "CID002158",  # Yunnan Chengfeng, 2CHN047
        16: "CID001482",  # PT Timah, 2IDN042
        22: "CID001993",  # United Precious Metal Refining, 1USA076
        26: "CID001113",  # Materion Advanced Metals, 1USA033 (a column-shifted row)
        30: "CID001105",  # Malaysia Smelting Corp, 2MYS016
    }
    for number, cid in expected.items():
        assert (by_row[number].cid, by_row[number].method) == (cid, m.LEGACY_ID), number
    # "Smelter not listed" / "not yet identified" rows stay unresolved with a reason.
    for number in (10, 20, 21, 25):
        assert by_row[number].cid is None and "The supplier chose" in by_row[number].reason
    # 2IDN027 (PT Bangka Kudai Tin) has no CID in RMI's translation table.
    assert by_row[9].cid is None and "2IDN027" in by_row[9].reason
    # PT Belitung Industri Sejahtera: RMI removed it in 2019 ("No longer an operating smelter"),
    # then re-added it in 2021 ("Returned to operations") and lists it Active in January 2023. The
    # latest revision decides, so the 2.x ID resolves (it is out of the 6.5 look-up, flagged so).
    assert by_row[15].cid == "CID001421"
    assert reference.smelter("Tin", "CID001421").status == "Active"
    assert not reference.smelter("Tin", "CID001421").in_lookup


def test_goertek_3_01_removed_and_replaced_ids_are_explained(cmrt_dir, reference):
    rows = matches(cmrt_dir, "goertek-testfill_CMRT_3.01_encrypted.xls", reference)
    by_row = {number: match for number, (_row, match) in rows.items()}
    # CID002236 Zhuzhou Cemented Carbide: RMI moved it to facility level, CID002513.
    assert by_row[43].cid == "CID002513" and m.ID_REPLACED in by_row[43].flags
    # CID000564 Global Advanced Metals was split into two facilities: offered, not chosen.
    assert by_row[27].cid is None
    # RMI's successors first, the one in the row's country (Boyertown, USA) before Aizu, Japan.
    assert [c.cid for c in by_row[27].candidates[:2]] == ["CID002557", "CID002558"]
    # FSE Novosibirsk Refinery, Gold: known to RMI, "Non Conformant" -> Not Enrolled.
    assert by_row[15].cid == "CID000493"
    assert reference.smelter("Gold", "CID000493").status == NOT_ENROLLED


@pytest.mark.parametrize(
    ("file_name", "cids"),
    [
        ("central-glass_CMRT_6.4.xlsx", ["CID002494", "CID002551", "CID002513", "CID002082"]),
        ("sk-specialty_CMRT_6.4.xlsx", ["CID002082", "CID000258"]),
        ("emd-merck_CMRT_6.4.xlsx", ["CID002082"]),
    ],
)
def test_other_6_4_suppliers(cmrt_dir, reference, file_name, cids):
    rows = matches(cmrt_dir, file_name, reference)
    assert [match.cid for _row, match in rows.values()] == cids
