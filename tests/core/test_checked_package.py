"""Issue 13: calamine reads the parts the checks inflated (stored_package), sheets without their
formulas and empty cells (formula_text). What it reads must be what it would have read from the
original file: the same value at every cell address, and the same declaration read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from desktop.core.cmrt import read_cmrt, workbook_file
from desktop.core.cmrt.formula_text import without_formulas_and_empty_cells
from desktop.core.cmrt.model import UnreadableFile
from desktop.core.cmrt.workbook_file import open_workbook
from tests.core.test_sheet_guard import package

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "sample" / "cmrt").glob("*.xlsx"))
REAL_6X = ["suppliers/emd-merck_CMRT_6.4.xlsx", "suppliers/consolidation-tool-output_CMRT_6.22.xlsx",
           "templates/RMI_CMRT_6.1.xlsx"]


def all_values(workbook: CalamineWorkbook) -> dict[str, list]:
    return {name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in workbook.sheet_names}


def padded(rows: list[list], height: int, width: int) -> list[list]:
    """The grid as `height` rows of `width` values, "" where calamine gave none (as a reader sees
    it: a cell past the sheet's extent is empty)."""
    rows = [list(row) + [""] * (width - len(row)) for row in rows]
    return rows + [[""] * width for _ in range(height - len(rows))]


def assert_same_grids(checked: dict[str, list], original: dict[str, list]) -> None:
    """The same value at every address. calamine counts a cell holding "" in a sheet's extent and
    an absent cell not, so a sheet read without its empty cells may end a row or column earlier."""
    assert checked.keys() == original.keys()
    for name, rows in original.items():
        height = max(len(rows), len(checked[name]))
        width = max((len(row) for row in rows + checked[name]), default=0)
        assert padded(checked[name], height, width) == padded(rows, height, width), name


def assert_same_values_as_the_original(path: Path) -> None:
    opened = open_workbook(path, sheets=None)
    assert opened.checked is not None and not opened.checked.full
    with CalamineWorkbook.from_path(str(path)) as original:
        assert_same_grids(all_values(opened.workbook), all_values(original))
    opened.workbook.close()


@pytest.mark.parametrize("path", SAMPLES[:2], ids=lambda path: path.name)
def test_every_sheet_reads_as_from_the_original_file(path):
    assert_same_values_as_the_original(path)


@pytest.mark.parametrize("name", REAL_6X)
def test_every_sheet_of_real_cmrts_reads_as_from_the_original_file(cmrt_dir, name):
    assert_same_values_as_the_original(cmrt_dir / name)


def corpus_workbooks(cmrt_dir: Path) -> list[Path]:
    return sorted(path for path in cmrt_dir.rglob("*") if path.suffix.lower() in (".xlsx", ".xlsm"))


def test_every_workbook_in_the_corpus_reads_as_from_its_original_bytes(cmrt_dir, monkeypatch):
    """Every .xlsx and .xlsm under the corpus (CMRTs of every revision, templates, other RMI
    templates, files refused): the same declaration, or the same refusal, either way."""
    def read(path: Path):
        try:
            return read_cmrt(path)
        except UnreadableFile as error:
            return str(error)

    paths = corpus_workbooks(cmrt_dir)
    assert len(paths) >= 20
    from_package = [read(path) for path in paths]
    monkeypatch.setattr(workbook_file, "MAX_PACKAGE_BYTES", 0)  # no package: calamine reads the original
    from_original = [read(path) for path in paths]
    for path, checked, original in zip(paths, from_package, from_original):
        assert checked == original, path.name
    assert sum(not isinstance(result, str) for result in from_original) >= 12  # most were read


def test_the_package_holds_the_smelter_list_without_its_formulas(cmrt_dir):
    path = cmrt_dir / REAL_6X[0]
    opened = open_workbook(path)
    part = opened.sheet_parts["smelter list"]
    kept = opened.checked.part(part)
    with zipfile.ZipFile(path) as original:
        whole = original.read(part)
    assert b"<f" in whole and b"</f><v" in whole
    assert b"</f><v" not in kept and len(kept) < len(whole) / 2
    assert b"<c " in kept and len(kept) < len(whole) / 8  # the template rows' empty cells are gone too
    lookup = opened.sheet_parts["smelter look-up"]  # a reference list: worth nothing to drop from
    assert opened.checked.part(lookup) == zipfile.ZipFile(path).read(lookup)
    assert opened.checked.part("xl/sharedStrings.xml") == zipfile.ZipFile(path).read("xl/sharedStrings.xml")
    # every CRC in the package is right: zipfile checks them all
    assert zipfile.ZipFile(io.BytesIO(opened.checked.data)).testzip() is None
    opened.workbook.close()


def test_sheets_the_reader_does_not_open_are_not_in_the_package(cmrt_dir):
    opened = open_workbook(cmrt_dir / REAL_6X[0])
    assert opened.checked.part(opened.sheet_parts["instructions"]) is None
    assert opened.checked.part(opened.sheet_parts["declaration"]) is not None
    opened.workbook.close()


def test_a_file_too_big_for_the_package_is_read_from_its_original_bytes(cmrt_dir, monkeypatch):
    path = cmrt_dir / REAL_6X[0]
    expected = read_cmrt(path)
    monkeypatch.setattr(workbook_file, "MAX_PACKAGE_BYTES", 2 * 1024 * 1024)  # less than its Smelter List
    opened = open_workbook(path)
    assert opened.checked.full
    opened.workbook.close()
    assert read_cmrt(path) == expected


def sheet_values(sheet_xml: bytes) -> list:
    return CalamineWorkbook.from_filelike(io.BytesIO(package(sheet_xml))).get_sheet_by_name("S").to_python(
        skip_empty_area=False)


def sheet(cells: str) -> bytes:
    return ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData><row r="1">{cells}</row></sheetData></worksheet>').encode()


@pytest.mark.parametrize("cells, dropped", [
    ('<c r="A1" t="str"><f>B1&amp;"x"</f><v>yx</v></c>', True),  # Excel's order: formula, then value
    ('<c r="A1" t="str"><f t="shared" si="0"/><v/></c>', True),
    ('<c r="A1"><v>2</v><f>1+1</f></c>', False),  # calamine keeps the last child's value: here empty
    ('<c r="A1"><f>1+1</f></c>', False),
    ('<c r="A1"><f><![CDATA[1+1]]></f><v>2</v></c>', False),  # markup inside: left alone
    ('<c r="A1"><x:f xmlns:x="urn:x">1+1</x:f><v>2</v></c>', False),
])
def test_only_formulas_that_cannot_change_a_value_are_dropped(cells, dropped):
    xml = sheet(cells + '<c r="B1"><v>7</v></c>')
    stripped = without_formulas_and_empty_cells(xml)
    assert (stripped != xml) == dropped
    assert sheet_values(stripped) == sheet_values(xml)


@pytest.mark.parametrize("cells, kept", [
    ('<c r="A1" s="3"/><c r="B1" s="3"/>', ""),  # no value: styled only
    ('<c r="A1" s="3" t="str"><f>IF(B9="","",B9)</f><v/></c>', ""),  # a formula whose result is ""
    ('<c r="A1" t="str"><f t="shared" si="0"/><v></v></c><c r="B1" s="1"/>', ""),
    ('<c r="A1" s="3"/><c><v>5</v></c>', '<c r="A1" s="3"/><c><v>5</v></c>'),  # the next cell has no r=
    ('<c r="A1" s="3"/><c r="B1" s="3"/><c><v>5</v></c>', '<c r="B1" s="3"/><c><v>5</v></c>'),
    ('<c r="A1" s="3" t="str"><v> </v></c>', '<c r="A1" s="3" t="str"><v> </v></c>'),  # a space is a value
    ('<c r="A1" s="3"><v>0</v></c>', '<c r="A1" s="3"><v>0</v></c>'),
    ('<c r="A1" t="inlineStr"><is><t></t></is></c>', '<c r="A1" t="inlineStr"><is><t></t></is></c>'),
    ('<c r="A1" s="3" t="e"><f>NA()</f><v>#N/A</v></c>', '<c r="A1" s="3" t="e"><v>#N/A</v></c>'),
    ('<c r="A1" s="3" t="str" cm="1"><v/></c>', '<c r="A1" s="3" t="str" cm="1"><v/></c>'),  # other attributes
])
def test_empty_cells_are_dropped_only_where_no_value_can_move(cells, kept):
    xml = sheet(cells + '<c r="Z1"><v>7</v></c>')
    stripped = without_formulas_and_empty_cells(xml)
    assert stripped == sheet(kept + '<c r="Z1"><v>7</v></c>')
    assert sheet_values(stripped) == sheet_values(xml)


def test_a_hostile_run_of_empty_cells_is_dropped_in_one_pass():
    """50,000 empty cells before a cell without r=: all but the last go (it places the next cell).
    A run that failed as a whole at its end was tried again from each of its cells: 2.7 s for
    8,000 cells, hours for a million."""
    cells = "".join(f'<c r="A{n}" s="1"/>' for n in range(1, 50_001)) + "<c><v>5</v></c>"
    assert without_formulas_and_empty_cells(sheet(cells)) == sheet('<c r="A50000" s="1"/><c><v>5</v></c>')


def test_a_sheet_without_its_empty_cells_may_only_end_earlier():
    rows = ''.join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}" t="str"><f>""</f><v/></c></row>'
                   for n in range(1, 4)) + '<row r="4"><c r="C4" t="str"><v/></c></row>'
    xml = sheet("").replace(b'<row r="1"></row>', rows.encode())
    original, stripped = sheet_values(xml), sheet_values(without_formulas_and_empty_cells(xml))
    assert [row[0] for row in stripped] == [1.0, 2.0, 3.0]
    assert len(original) == 4 and len(original[0]) == 3  # the "" in C4 counted in the extent
    assert_same_grids({"S": stripped}, {"S": original})


def with_a_dtd(source: Path, part: str, path: Path) -> Path:
    with zipfile.ZipFile(source) as original:
        parts = {member.filename: original.read(member) for member in original.infolist()}
    xml = parts[part]
    at = xml.find(b"?>") + 2 if b"?>" in xml else 0
    parts[part] = xml[:at] + b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + xml[at:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_dtd_in_the_styles_kept_for_calamine_is_still_refused(tmp_path):
    with pytest.raises(UnreadableFile, match="XML entity declarations"):
        read_cmrt(with_a_dtd(SAMPLES[0], "xl/styles.xml", tmp_path / "entities.xlsx"))


def test_a_dtd_in_the_shared_strings_kept_for_calamine_is_still_refused(cmrt_dir, tmp_path):
    source = cmrt_dir / REAL_6X[0]
    with pytest.raises(UnreadableFile, match="XML entity declarations"):
        read_cmrt(with_a_dtd(source, "xl/sharedStrings.xml", tmp_path / "entities.xlsx"))


def test_a_workbook_with_a_chart_sheet_reads_whole(tmp_path):
    """Every sheet listed is measured now, chart sheets too: they end in </chartsheet>, not damaged."""
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Products"
    for number in range(1, 6):
        sheet.append([f"P-{number}", number * 2])
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=5))
    book.create_chartsheet("Chart").add_chart(chart)
    path = tmp_path / "with-chart.xlsx"
    book.save(path)
    assert_same_values_as_the_original(path)
