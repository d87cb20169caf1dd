"""RMI lists in every form users have give the same reference (issue 11, problem 5).

No public SpreadsheetML ("Excel (XML)") export from RMI's website is available here, so the tests
write such files themselves from the sheets and columns of the real RMI workbook
`../shared/smelter-lists/rmi-facility-lists_2023-01.xlsx`, in the SpreadsheetML 2003 format
(`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`) and named `.xls`, as RMI's
downloads are. CSV copies are written the same way, with commas and with semicolons.
"""

from __future__ import annotations

import csv
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from python_calamine import CalamineWorkbook

from desktop.core.smelters import ReferenceFileError, load_reference, preview_reference_update
from desktop.core.smelters.assemble import assemble_reference
from desktop.core.smelters.list_files import MAX_FILE_BYTES, read_table_file
from desktop.core.smelters.sources import read_lookup, read_status_lists

LISTS = "rmi-facility-lists_2023-01.xlsx"
SHEETS = ("Conformant", "Active List", "ALl Smelter List", "Revisions History of smelters")


def sheet_rows(smelter_lists_dir: Path, sheet: str) -> list[list[object]]:
    return [list(r) for r in CalamineWorkbook.from_path(str(smelter_lists_dir / LISTS)).get_sheet_by_name(sheet).to_python()]


def spreadsheetml(sheets: dict[str, list[list[object]]]) -> str:
    """A SpreadsheetML 2003 workbook as Excel writes it: typed cells, empty cells skipped with ss:Index."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:html="http://www.w3.org/TR/REC-html40">',
        ' <Styles><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style></Styles>',
    ]
    for name, rows in sheets.items():
        out.append(f' <Worksheet ss:Name="{escape(name)}"><Table>')
        for row in rows:
            cells, skipped = [], False
            for column, value in enumerate(row, start=1):
                if value in ("", None):
                    skipped = True
                    continue
                index = f' ss:Index="{column}"' if skipped else ""
                skipped = False
                if isinstance(value, (date, datetime)):
                    cells.append(f'<Cell{index} ss:StyleID="d"><Data ss:Type="DateTime">{value:%Y-%m-%d}T00:00:00.000</Data></Cell>')
                elif isinstance(value, (int, float)):
                    cells.append(f'<Cell{index}><Data ss:Type="Number">{value}</Data></Cell>')
                else:
                    cells.append(f'<Cell{index}><Data ss:Type="String">{escape(str(value))}</Data></Cell>')
            out.append("  <Row>" + "".join(cells) + "</Row>")
        out.append(" </Table></Worksheet>")
    out.append("</Workbook>")
    return "\n".join(out)


def write_csv(rows, target: Path, delimiter: str = ",") -> Path:
    with open(target, "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(
            [[v.strftime("%m/%d/%Y") if isinstance(v, (date, datetime)) else v for v in row] for row in rows]
        )
    return target


def facts(reference) -> tuple:
    """Everything a filing uses, without the file names the facts came from."""
    smelters = sorted(
        (s.metal, s.cid, s.name, s.country, s.status, s.status_label, s.status_as_of, s.last_audit_date,
         s.audit_cycle, s.reaudit_in_progress, s.in_lookup, s.removed, s.cross_recognition)
        for s in reference.smelters.values()
    )
    aliases = sorted({(a.metal, a.name, a.cid) for a in reference.aliases})
    return smelters, aliases, reference.status_as_of, sorted(map(str, reference.revisions))


@pytest.fixture(scope="module")
def lookup(cmrt_dir):
    return read_lookup(cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx")


def build(lookup, files):
    return assemble_reference(lookup, read_status_lists(files), {})


def test_spreadsheetml_csv_and_xlsx_lists_give_the_same_reference(lookup, smelter_lists_dir, tmp_path):
    from_xlsx = build(lookup, [smelter_lists_dir / LISTS])
    sheets = {sheet: sheet_rows(smelter_lists_dir, sheet) for sheet in SHEETS}
    # RMI's website: one "Excel (XML)" download per list, saved with an .xls name.
    xml_files = []
    for number, (sheet, rows) in enumerate(sheets.items()):
        path = tmp_path / f"download ({number}).xls"
        path.write_text(spreadsheetml({sheet: rows}), encoding="utf-8")
        xml_files.append(path)
    # One list at a time saved by Excel as CSV: commas, or semicolons in European Excel.
    csv_files = [
        write_csv(rows, tmp_path / f"{sheet}.csv", ";" if number % 2 else ",")
        for number, (sheet, rows) in enumerate(sheets.items())
    ]
    # Several lists in one SpreadsheetML file (.xml).
    together = tmp_path / "RMI lists.xml"
    together.write_text(spreadsheetml(sheets), encoding="utf-8")

    expected = facts(from_xlsx)
    assert expected[2] == "2023-01-20"
    for files in (xml_files, csv_files, [together]):
        assert facts(build(lookup, files)) == expected, files[0].name


def test_spreadsheetml_reads_typed_cells_and_skipped_columns(tmp_path):
    path = tmp_path / "Conformant.xls"
    path.write_text(spreadsheetml({"Conformant": [["METAL", "", "SMELTER ID"], ["Gold", "", "CID000035"], [1.0, date(2021, 3, 9)]]}))
    ((name, rows),) = read_table_file(path)
    assert name == "Conformant"
    assert rows == [["METAL", "", "SMELTER ID"], ["Gold", "", "CID000035"], [1.0, date(2021, 3, 9)]]


def test_one_list_at_a_time_keeps_the_other_lists(smelter_lists_dir, tmp_path):
    shipped = load_reference()
    rows = sheet_rows(smelter_lists_dir, "Active List")
    rows.append([99, "Gold", "CID000493", "JSC Novosibirsk Refinery", "Novosibirsk", "RUSSIAN FEDERATION", "Active"])
    active = tmp_path / "Active_2026-06-01.xls"
    active.write_text(spreadsheetml({"Active List": rows}), encoding="utf-8")
    diff = preview_reference_update(shipped, [active])
    assert [(o.cid, o.status, n.status) for o, n in diff.status_changed] == [("CID000493", "Not Enrolled", "Active")]
    new = diff.new_reference
    assert len(new.smelters) == len(shipped.smelters)
    assert new.smelter("Gold", "CID000493").status_as_of == "2026-06-01"
    conformant = next(s for s in new.smelters.values() if s.status == "Conformant")
    assert conformant.status_as_of == "2023-01-20"  # still from the Conformant list it rests on
    assert new.status_as_of == "2023-01-20"  # as old as the oldest list a status rests on
    assert new.revisions == shipped.revisions  # the history is kept
    assert {f["file"] for f in new.sources} >= {LISTS, active.name}


def test_files_that_are_not_rmi_lists_are_refused_by_name(cmrt_dir, tmp_path):
    shipped = load_reference()
    with pytest.raises(ReferenceFileError, match="jpeg-renamed.xls: not an RMI list"):
        preview_reference_update(shipped, [cmrt_dir / "not-cmrt" / "jpeg-renamed.xls"])
    other_xml = tmp_path / "feed.xml"
    other_xml.write_text('<?xml version="1.0"?><rss><channel/></rss>')
    with pytest.raises(ReferenceFileError, match="feed.xml: an XML file, but not an Excel XML"):
        preview_reference_update(shipped, [other_xml])
    unrelated = tmp_path / "contacts.csv"
    unrelated.write_text("Name,E-mail\nAnn,ann@example.com\n")
    with pytest.raises(ReferenceFileError, match="contacts.csv: no RMI facility list found"):
        preview_reference_update(shipped, [unrelated])


def test_hostile_files_are_refused_before_they_use_memory(tmp_path):
    laughs = tmp_path / "laughs.xls"  # entity expansion: defusedxml refuses any DTD
    laughs.write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell>'
        '<Data>&lol2;</Data></Cell></Row></Table></Worksheet></Workbook>'
    )
    with pytest.raises(ValueError, match="laughs.xls: refused"):
        read_table_file(laughs)
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ValueError, match="huge.csv: .* far larger"):
        read_table_file(huge)
    bomb = tmp_path / "bomb.xlsx"  # a few hundred KB that unpack to 300 MB
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                entry.write(block)
    with pytest.raises(ValueError, match="bomb.xlsx: the workbook unpacks to more than"):
        read_table_file(bomb)


def test_a_cross_recognized_list_gives_the_status_with_its_scheme_counted_with_conformant(
    lookup, smelter_lists_dir, tmp_path, cmrt_dir
):
    """RMI's newer Cross-recognized list, derived from the real Conformant sheet: the refiners it
    marks LBMA RG or RJC, without RMAP audit columns, as the list RMI publishes has none."""
    from desktop.core.cmrt.reader import read_cmrt
    from desktop.core.smelters import rollup

    conformant = sheet_rows(smelter_lists_dir, "Conformant")
    header = conformant[0]
    keep = [header.index(h) for h in ("METAL", "SMELTER ID", "STANDARD SMELTER NAME", "COUNTRY LOCATION", "LBMA RG", "RJC")]
    marked = [r for r in conformant[1:] if r[header.index("LBMA RG")] or r[header.index("RJC")]]
    cross_rows = [[header[i] for i in keep]] + [[r[i] for i in keep] for r in marked]
    cross = tmp_path / "Cross-Recognized Facilities 2026-06-01.xls"
    cross.write_text(spreadsheetml({"Cross-Recognized": cross_rows}), encoding="utf-8")
    others = [r for r in conformant if r not in marked]
    rest = tmp_path / "Conformant 2026-06-01.csv"
    write_csv(others, rest)
    reference = build(lookup, [rest, cross])
    agosi = reference.smelter("Gold", "CID000035")  # Agosi AG: LBMA RG and RJC in the 2023 list
    assert (agosi.status, agosi.cross_recognition) == ("Cross-recognized", "LBMA RG, RJC")
    assert agosi.status_label == "Cross-recognized (LBMA RG, RJC)"
    assert agosi.status_as_of == "2026-06-01"
    # The figures count them with Conformant, and say so.
    declaration = read_cmrt(cmrt_dir / "suppliers" / "goertek-testfill_CMRT_3.01_encrypted.xls")  # 12 gold rows
    rolled = rollup([declaration], reference)
    gold = rolled.summary.metals["Gold"]
    assert gold.cross_recognized > 0
    assert gold.conformant_or_active == gold.conformant + gold.cross_recognized + gold.active
    assert "Conformant (including cross-recognized)" in gold.sentence()


def test_revision_histories_of_every_import_add_up(smelter_lists_dir, tmp_path):
    """RMI's history as imported over time: a removal seen once stays explained after later updates."""
    from desktop.core.smelters import apply_reference_update

    history = sheet_rows(smelter_lists_dir, "Revisions History of smelters")
    history.insert(1, ["Tin", "CID001421", "PT Belitung Industri Sejahtera", "INDONESIA", "Removed",
                       "No longer an operating smelter / refiner", "3/15/2024", "8/29/2012"])
    first = tmp_path / "revisions.xls"
    first.write_text(spreadsheetml({"Revisions": [history[0], history[1]]}), encoding="utf-8")  # only the new row
    apply_reference_update(preview_reference_update(load_reference(), [first]))
    after_first = load_reference()
    assert len(after_first.revisions) == len(load_reference_shipped().revisions) + 1
    # A later update brings only an Active list: the history, old and new, is still there.
    active = write_csv(sheet_rows(smelter_lists_dir, "Active List"), tmp_path / "Active 2024-06-01.csv")
    diff = preview_reference_update(after_first, [active])
    assert diff.new_reference.revisions == after_first.revisions
    belitung = diff.new_reference.smelter("Tin", "CID001421")
    # Its latest revision is now the 2024 removal (after the 2021 re-addition): flagged as removed
    # for the user to decide, though the Active list still holds it.
    assert belitung.removed == "No longer an operating smelter / refiner"
    assert load_reference_shipped().smelter("Tin", "CID001421").removed == ""


def load_reference_shipped():
    from desktop.core.smelters.reference import shipped_reference_path

    return load_reference(shipped_reference_path())
