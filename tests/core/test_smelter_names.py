"""Name, country and ID folding: the ground every matching step stands on."""

from __future__ import annotations

import pytest

from desktop.core.smelters.names import (
    country_key,
    is_covered_country,
    key_pattern,
    name_key,
    repair_mojibake,
    smelter_id_key,
)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        # Legal suffixes, punctuation and "&" / "and" (JX Advanced Metals 6.4 vs the RMI list)
        ("Mitsui Mining & Smelting", "Mitsui Mining and Smelting Co., Ltd."),
        ("Metalurgica Met-Mex Penoles S.A. De C.V.", "Metalurgica Met-Mex Peñoles S.A. de C.V."),
        ("Heraeus Precious Metals GmbH & Co. KG", "HERAEUS PRECIOUS METALS"),
        ("Argor-Heraeus SA", "Argor-Heraeus S.A."),
        ("Abington Reldan Metals, LLC", "Abington Reldan Metals"),
        ("PT Timah (Persero), Tbk", "PT Timah Tbk"),
    ],
)
def test_legal_forms_case_and_punctuation_fold_away(dirty, clean):
    assert name_key(dirty) == name_key(clean)


def test_different_smelters_keep_different_keys():
    assert name_key("Xiamen Tungsten Co., Ltd.") != name_key("Xiamen Tungsten (H.C.) Co., Ltd.")
    assert name_key("TANIOBIS GmbH") != name_key("TANIOBIS Japan Co., Ltd.")


def test_utf8_read_as_cp1252_is_repaired():
    # The CFSI 2014 list and many CSV exports carry this kind of damage.
    assert repair_mojibake("AngloGold Ashanti CÃ³rrego do SÃ­tio MineraÃ§Ã£o") == (
        "AngloGold Ashanti Córrego do Sítio Mineração"
    )
    assert repair_mojibake("Córrego") == "Córrego"


def test_lost_accent_becomes_a_wildcard_that_matches_the_accented_name():
    # Inogen's 2019 Annex A prints "Cendres + M?taux SA" for Cendres + Métaux S.A.
    key = name_key("Cendres + M?taux SA")
    assert key != name_key("Cendres + Métaux S.A.")
    assert key_pattern(key).match(name_key("Cendres + Métaux S.A."))
    assert key_pattern(name_key("AngloGold Ashanti C\ufffd\ufffdrrego")).match(name_key("AngloGold Ashanti Córrego"))
    assert key_pattern(name_key("Plain name")) is None


def test_countries_fold_to_the_cmrt_country_list():
    assert country_key("China") == "CHINA"
    assert country_key("UNITED STATES") == "UNITED STATES OF AMERICA"  # CMRT 2.x spelling
    assert country_key("Vietnam") == "VIET NAM"
    assert country_key("Korea, Republic Of") == "KOREA, REPUBLIC OF"  # Juniper's Appendix A
    assert country_key("Unknown") == ""


def test_covered_countries_are_the_drc_and_its_nine_neighbours():
    assert is_covered_country("CONGO, DEMOCRATIC REPUBLIC OF THE")
    assert is_covered_country("Rwanda")
    assert is_covered_country("Tanzania")
    assert not is_covered_country("SOUTH AFRICA")
    assert not is_covered_country("SUDAN")  # Sudan is not adjoining; South Sudan is


def test_smelter_ids_fold_and_legacy_ids_are_recognised():
    assert smelter_id_key(" cid2082 ") == "CID002082"
    assert smelter_id_key("CID 000438") == "CID000438"
    assert smelter_id_key("2bol010") == "2BOL010"
    assert smelter_id_key("NA") == ""
    assert smelter_id_key("CID0027634") == "CID0027634"  # RMI's own typo stays visible
