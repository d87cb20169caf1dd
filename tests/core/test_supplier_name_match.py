"""Matching the company name written in a CMRT to a supplier on the roster."""

from __future__ import annotations

import warnings

import openpyxl
import pytest

from desktop.core.suppliers import Supplier, normalise_company_name, suggest_suppliers

# How a purchasing team might have keyed these suppliers, with look-alike distractors.
ROSTER = [
    Supplier(id=1, name="Central Glass Company Limited"),
    Supplier(id=2, name="Central Metals Inc."),
    Supplier(id=3, name="SK Specialty"),
    Supplier(id=4, name="SK Hynix America"),
    Supplier(id=5, name="JX Advanced Metals Corp."),
    Supplier(id=6, name="EMD Electronics"),
    Supplier(id=7, name="Honeywell International Inc."),
    Supplier(id=8, name="Connor-Winfield Corp"),
]


def _company_name_in(path) -> str:
    # Declaration!D8 holds the company name in every revision from 2.x on.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return book["Declaration"]["D8"].value
    finally:
        book.close()


@pytest.mark.parametrize(
    ("file_name", "expected_id"),
    [
        ("central-glass_CMRT_6.4.xlsx", 1),
        ("sk-specialty_CMRT_6.4.xlsx", 3),
        ("jx-advanced-metals_CMRT_6.4.xlsx", 5),
        ("emd-merck_CMRT_6.4.xlsx", 6),
    ],
)
def test_real_supplier_files_suggest_their_roster_entry_first(cmrt_dir, file_name, expected_id):
    written = _company_name_in(cmrt_dir / "suppliers" / file_name)
    suggestions = suggest_suppliers(written, ROSTER)
    assert suggestions, f"no suggestion for {written!r}"
    assert suggestions[0][0].id == expected_id, (written, suggestions)
    scores = [score for _, score in suggestions]
    assert scores == sorted(scores, reverse=True)


def test_legal_forms_case_punctuation_and_accents_are_ignored():
    same = [
        ("Central Glass Co., Ltd.", "CENTRAL GLASS COMPANY LIMITED"),
        ("SK specialty Co., Ltd", "SK Specialty"),
        ("Merck KGaA", "Merck K.G.a.A."),
        ("Müller Präzision GmbH", "Mueller Praezision"),
        ("Société Générale S.A.", "Societe Generale SA"),
        ("Grupo Metálico S.A. de C.V.", "grupo metalico"),
        ("Procter & Gamble Co.", "Procter and Gamble Company"),
        ("Honeywell International\t\t\t\t\t\t", "Honeywell International Inc."),
        ("Acme Co., Ltd. (Shenzhen)", "ACME (SHENZHEN) COMPANY LIMITED"),
    ]
    for written, keyed in same:
        assert normalise_company_name(written) == normalise_company_name(keyed), (written, keyed)
    assert normalise_company_name("AG") == "ag"  # a name made only of a legal form survives
    assert normalise_company_name("Acme Ltd. (Shenzhen)") != normalise_company_name("Acme (Suzhou) Ltd.")


def test_exact_match_after_normalisation_outranks_fuzzy_ones():
    roster = [Supplier(name="Acme Metals Ltd"), Supplier(name="Acme Co., Ltd."), Supplier(name="Acne Co")]
    suggestions = suggest_suppliers("ACME COMPANY LIMITED", roster)
    assert suggestions[0][0].name == "Acme Co., Ltd."
    assert suggestions[0][1] == 100.0
    assert all(score < 100.0 for _, score in suggestions[1:])


def test_typos_still_suggest_but_unrelated_names_do_not(cmrt_dir):
    written = _company_name_in(cmrt_dir / "suppliers" / "jx-advanced-metals_CMRT_6.4.xlsx")
    typo = written.replace("Advanced", "Advnaced")
    suggestions = suggest_suppliers(typo, ROSTER)
    assert suggestions[0][0].id == 5 and 70 <= suggestions[0][1] < 100
    assert suggest_suppliers("Zebra Fabrication Works", ROSTER) == []
    assert suggest_suppliers("", ROSTER) == []
    assert suggest_suppliers("   ", ROSTER) == []


def test_limit_caps_the_list():
    roster = [Supplier(name=f"Acme Plant {n}") for n in range(10)]
    assert len(suggest_suppliers("Acme Plant", roster, limit=3)) == 3
