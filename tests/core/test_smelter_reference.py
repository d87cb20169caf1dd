"""The shipped smelter reference: real RMI facts, statuses with their source and as-of date."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.smelters import CONFORMANT, NOT_ENROLLED, load_reference
from desktop.core.smelters.build_reference import build_from_shared
from desktop.core.smelters.reference import REFERENCE_FILE, save_reference, shipped_reference_path
from desktop.core.smelters.sources import ReferenceFileError, read_lookup, read_status_lists


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def test_shipped_file_is_what_the_build_script_makes_from_the_shared_files(cmrt_dir, tmp_path):
    rebuilt = build_from_shared(cmrt_dir.parent)
    shipped = load_reference(shipped_reference_path())
    assert rebuilt.smelters == shipped.smelters
    assert [a.name for a in rebuilt.aliases] == [a.name for a in shipped.aliases]
    assert rebuilt.legacy_ids == shipped.legacy_ids
    # Saving is deterministic, so a rebuild from the same sources gives the same bytes.
    save_reference(rebuilt, tmp_path / REFERENCE_FILE)
    assert (tmp_path / REFERENCE_FILE).read_bytes() == shipped_reference_path().read_bytes()


def test_every_alias_row_of_the_newest_template_is_kept(cmrt_dir, reference):
    lookup = read_lookup(cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx")
    assert len(lookup.rows) == 629  # LAYOUT.md 2.7: 629 alias rows with a CID in 6.5
    assert lookup.as_of == "2025-04-25"
    assert reference.lookup_as_of == "2025-04-25"
    for row in lookup.rows:
        assert reference.alias_cid(row.metal, row.lookup_name) == row.cid
    listed = {k for k, s in reference.smelters.items() if s.in_lookup}
    assert len(listed) == 349
    # Non-Latin alias from the look-up resolves to the ASCII standard name.
    assert reference.alias_cid("Tungsten", "洛阳栾川钼业集团钨业有限公司") == "CID002641"
    assert reference.smelter("Tungsten", "CID002641").name == "China Molybdenum Tungsten Co., Ltd."


def test_conformant_status_carries_audit_date_source_and_as_of(reference):
    xiamen = reference.smelter("Tungsten", "CID002082")
    assert (xiamen.name, xiamen.country, xiamen.city) == ("Xiamen Tungsten Co., Ltd.", "CHINA", "Xiamen")
    assert xiamen.status == CONFORMANT
    assert xiamen.last_audit_date == "2020-05-25"
    assert xiamen.status_as_of == "2023-01-20"  # newest date in RMI's revision history
    assert "Conformant list" in xiamen.status_source
    assert reference.status_as_of == "2023-01-20"


def test_rmi_labels_map_to_filing_words_and_keep_the_original(reference):
    novosibirsk = reference.smelter("Gold", "CID000493")
    assert (novosibirsk.status, novosibirsk.status_label) == (NOT_ENROLLED, "Non Conformant")
    hwaseong = reference.smelter("Gold", "CID000778")
    assert hwaseong.status == NOT_ENROLLED
    assert hwaseong.status_label == "Communication Suspended - Not Interested"
    alexy = reference.smelter("Gold", "CID003500")  # on the Active sheet
    assert alexy.status == "Active" and "Active list" in alexy.status_source
    advanced = reference.smelter("Gold", "CID000015")  # re-audit in progress counts as Conformant
    assert advanced.status == CONFORMANT and advanced.reaudit_in_progress
    assert advanced.status_label == "Conformant (re-audit in progress)"


def test_covered_country_smelters_are_flagged(reference):
    assert reference.smelter("Gold", "CID003185").covered_country  # African Gold Refinery, Uganda
    assert reference.smelter("Tin", "CID004065").covered_country  # DRC
    assert not reference.smelter("Tungsten", "CID002082").covered_country


def test_legacy_ids_and_older_names_are_kept(reference):
    assert reference.legacy_ids["2BOL010"] == "CID000438"  # EM Vinto in CMRT 2.x
    assert reference.alias_cid("Gold", "Allgemeine Gold-und Silberscheideanstalt A.G.") == "CID000035"
    # A smelter that left the look-up after 6.4 still resolves, marked as such.
    retired = [s for s in reference.smelters.values() if not s.in_lookup]
    assert retired and all(not s.in_lookup for s in retired)


def test_stale_warning_after_twelve_months(reference):
    assert not reference.status_is_stale(date(2023, 6, 1))
    assert reference.stale_warning(date(2023, 6, 1)) == ""
    assert reference.status_is_stale(date(2024, 2, 1))
    assert "2023-01-20" in reference.stale_warning(date(2024, 2, 1))


def test_default_reference_is_the_users_update_when_present(private_data_dir, reference):
    reference.status_as_of = "2030-01-01"
    save_reference(reference, private_data_dir / "reference" / REFERENCE_FILE)
    assert load_reference().status_as_of == "2030-01-01"


def test_files_that_are_not_rmi_lists_are_refused_with_their_name(cmrt_dir):
    with pytest.raises(ReferenceFileError, match="jpeg-renamed.xls"):
        read_status_lists([cmrt_dir / "not-cmrt" / "jpeg-renamed.xls"])
    with pytest.raises(ReferenceFileError, match="SOURCES.tsv|no RMI facility list"):
        read_status_lists([cmrt_dir / "SOURCES.tsv"])


def test_smelter_core_imports_no_qt():
    import subprocess
    import sys

    code = "import sys, desktop.core.smelters; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=str(shipped_reference_path().parents[2])).returncode == 0


def test_a_damaged_reference_file_is_named_in_the_error(tmp_path):
    broken = tmp_path / REFERENCE_FILE
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(ValueError, match="cannot be read"):
        load_reference(broken)
