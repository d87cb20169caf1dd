"""Files that are not usable CMRTs: each gets a clear message naming the file, and nothing crashes."""

from __future__ import annotations

import io
import random
import shutil
import zipfile

from msoffcrypto.format.ooxml import OOXMLFile
import pytest

from desktop.core.cmrt import read_cmrt
from desktop.core.cmrt.model import UnreadableFile
from desktop.core.cmrt.workbook_file import MAX_UNCOMPRESSED_BYTES
from desktop.core.sample import SAMPLE_FILES, sample_cmrt_dir

# Our own sample CMRT (resources/sample/cmrt), so the damage tests run on a fresh clone too.
SAMPLE = SAMPLE_FILES[0]
SAMPLE_PATH = sample_cmrt_dir() / SAMPLE.file_name


def refusal(path) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        read_cmrt(path)
    assert str(path) in str(caught.value)
    return caught.value


@pytest.mark.parametrize("relative, expected", [
    ("not-cmrt/RMI_EMRT_2.1_blank.xlsx", "RMI EMRT 2.1"),
    ("not-cmrt/RMI_CRT_2.21_blank.xlsx", "RMI CRT 2.2 (Cobalt Reporting Template"),  # not "2.21": content wins
    ("not-cmrt/RMI_AMRT_1.3_blank.xlsx", "RMI AMRT 1.3"),
    ("old-revisions/testfill_1.00_empty.xlsx", "CMRT revision 1.00"),
])
def test_other_rmi_templates_and_revision_1_are_refused(cmrt_dir, relative, expected):
    error = refusal(cmrt_dir / relative)
    assert expected in error.problem
    assert "Ask the supplier for a Conflict Minerals Reporting Template (CMRT" in error.advice


def test_jpeg_renamed_xls(cmrt_dir):
    error = refusal(cmrt_dir / "not-cmrt/jpeg-renamed.xls")
    assert error.problem == "this is not an Excel workbook (it is a JPEG picture)."


def test_a_picture_saved_under_an_excel_name(tmp_path):
    path = tmp_path / "photo.xls"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(2048))  # a JPEG's opening bytes
    assert refusal(path).problem == "this is not an Excel workbook (it is a JPEG picture)."


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "empty (0 bytes)" in refusal(path).problem


def test_directory_and_missing_and_unreadable_paths(tmp_path):
    assert "folder, not a file" in refusal(tmp_path).problem
    assert "does not exist" in refusal(tmp_path / "gone.xlsx").problem
    too_long = tmp_path / ("x" * 300 + ".xlsx")  # the OS refuses the name (ENAMETOOLONG)
    assert "cannot be read" in refusal(too_long).problem


def test_text_and_word_files(tmp_path):
    csv = tmp_path / "export.xlsx"
    csv.write_text("Metal,Smelter\nTin,Alpha\n")
    assert "text file" in refusal(csv).problem
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    assert "Word document" in refusal(docx).problem


def test_truncated_and_corrupt_workbooks(tmp_path):
    data = SAMPLE_PATH.read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    assert "damaged or incomplete" in refusal(truncated).problem
    garbled = tmp_path / "garbled.xlsx"
    garbled.write_bytes(data[:4] + bytes(range(256)) * 64)
    assert "damaged or incomplete" in refusal(garbled).problem


def test_real_password_asks_for_unprotected_copy(tmp_path):
    source = SAMPLE_PATH
    encrypted = io.BytesIO()
    with source.open("rb") as handle:
        OOXMLFile(handle).encrypt("s3cret", encrypted)
    path = tmp_path / "protected.xlsx"
    path.write_bytes(encrypted.getvalue())
    error = refusal(path)
    assert error.problem == "the workbook is protected with a password."
    assert "unprotected copy" in error.advice


def test_velvetsweatshop_xlsx_is_decrypted_transparently(tmp_path):
    decl = _read_with_default_password(SAMPLE_PATH, tmp_path)
    assert decl.company.name == SAMPLE.company
    assert len(decl.smelters) == len(SAMPLE.smelters)


def test_velvetsweatshop_real_supplier_file(cmrt_dir, tmp_path):
    decl = _read_with_default_password(cmrt_dir / "suppliers/emd-merck_CMRT_6.4.xlsx", tmp_path)
    assert decl.company.name.startswith("EMD Electronics")
    assert len(decl.smelters) == 1


def _read_with_default_password(source, tmp_path):
    encrypted = io.BytesIO()
    with source.open("rb") as handle:
        OOXMLFile(handle).encrypt("VelvetSweatshop", encrypted)
    path = tmp_path / "default-password.xlsx"
    path.write_bytes(encrypted.getvalue())
    return read_cmrt(path)


def _minimal_package(path, sheet_xml: bytes | None = None, workbook_xml: str | None = None,
                     extra_part: tuple[str, int] | None = None):
    """A small but well-formed .xlsx with one sheet named Declaration."""
    workbook_xml = workbook_xml or (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Declaration" sheetId="1" r:id="rId1"/></sheets></workbook>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
                         '.org/package/2006/content-types"/>')
        archive.writestr("xl/workbook.xml", workbook_xml)
        archive.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://'
                         'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
                         'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                         'Target="worksheets/sheet1.xml"/></Relationships>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(sheet_xml or b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData/></worksheet>')
        if extra_part:
            name, megabytes = extra_part
            with archive.open(name, "w", force_zip64=True) as part:
                block = b"\0" * (1 << 20)
                for _ in range(megabytes):
                    part.write(block)


def test_zip_bomb_is_refused_from_the_directory(tmp_path):
    path = tmp_path / "bomb.xlsx"
    megabytes = MAX_UNCOMPRESSED_BYTES // (1 << 20) + 8
    _minimal_package(path, extra_part=("xl/media/huge.bin", megabytes))
    assert path.stat().st_size < 2 * (1 << 20)  # a few hundred KB on disk
    assert "unpacks to more than" in refusal(path).problem


def test_xml_entity_declarations_are_refused(tmp_path):
    path = tmp_path / "laughs.xlsx"
    _minimal_package(path, workbook_xml=(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>'
        '<sheet name="&lol2;" sheetId="1"/></sheets></workbook>'))
    assert "XML entity declarations" in refusal(path).problem
    sheet_path = tmp_path / "sheet-laughs.xlsx"
    _minimal_package(sheet_path, sheet_xml=b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>')
    assert "XML entity declarations" in refusal(sheet_path).problem


def test_million_row_sheet_is_refused_before_loading(tmp_path):
    rows = (b'<row r="%d"><c r="B%d" t="inlineStr"><is><t>Tin</t></is></c></row>' % (n, n)
            for n in range(1, 1_000_001))
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b"<sheetData>" + b"".join(rows) + b"</sheetData></worksheet>")
    path = tmp_path / "million.xlsx"
    _minimal_package(path, sheet_xml=sheet)
    error = refusal(path)
    # The check stops reading at the first rows past the limit, so it names a row it has seen.
    assert "the Declaration sheet reaches row " in error.problem
    assert "up to 30,000 rows" in error.problem
    assert "delete the extra rows" in error.advice


def test_copy_of_a_real_file_under_another_name_is_read_by_content(tmp_path):
    renamed = tmp_path / "RMI_CMRT_2.03_whatever.xls"
    shutil.copy(SAMPLE_PATH, renamed)
    decl = read_cmrt(renamed)
    assert (decl.revision, decl.file_name) == ("6.4", "RMI_CMRT_2.03_whatever.xls")


def test_randomly_damaged_workbooks_never_crash(tmp_path):
    _damage_and_read(SAMPLE_PATH.read_bytes(), tmp_path)


def test_randomly_damaged_supplier_workbooks_never_crash(cmrt_dir, tmp_path):
    # A supplier's own file, written by Excel rather than openpyxl, with a shared-strings part.
    _damage_and_read((cmrt_dir / "suppliers/sk-specialty_CMRT_6.4.xlsx").read_bytes(), tmp_path)


def _damage_and_read(source: bytes, tmp_path) -> None:
    """Flipped bytes in the container or inside its XML parts: read, or refused with a message."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        for member in archive.infolist():
            parts[member.filename] = archive.read(member.filename)
    targets = [name for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
                                 "xl/styles.xml", "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml")
               if name in parts]
    outcomes = {"read": 0, "refused": 0}
    for seed in range(36):
        rng = random.Random(seed)
        if seed % 2:
            damaged = bytearray(source)
        else:
            damaged = bytearray(parts[targets[seed % len(targets)]])
        for _ in range(rng.randint(1, 30)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = tmp_path / f"damaged-{seed}.xlsx"
        if seed % 2:
            path.write_bytes(bytes(damaged))
        else:
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in parts.items():
                    archive.writestr(name, bytes(damaged) if name == targets[seed % len(targets)] else data)
        try:
            read_cmrt(path)
            outcomes["read"] += 1
        except UnreadableFile as error:
            assert str(path) in str(error) and error.problem
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0 and sum(outcomes.values()) == 36


def test_an_ordinary_spreadsheet_is_not_a_cmrt(smelter_lists_dir):
    error = refusal(smelter_lists_dir / "rmi-facility-lists_2023-01.xlsx")
    assert error.problem.startswith("this Excel workbook is not a CMRT: it has no Declaration sheet")
