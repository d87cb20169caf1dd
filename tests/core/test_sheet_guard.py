"""The sheet guard's bound holds whatever the XML's form: for random small sheets written in every
form XML allows (rows and cells with or without r=, single quotes, spaces, prefixes, out of order),
measured in awkward chunk sizes, calamine never places a cell beyond the guard's last row and column."""

from __future__ import annotations

import io
import random
import zipfile

from python_calamine import CalamineWorkbook

from desktop.core.cmrt.sheet_guard import SheetExtent, rounded_up

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"


def package(sheet_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        archive.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="r1" '
                         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                         'Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.'
                         'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" '
                         'r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{RELS}">'
                         f'<Relationship Id="rId1" Type="{SHEET_REL}" Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return out.getvalue()


def letters(column: int) -> str:
    text = ""
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


def random_sheet(rng: random.Random) -> bytes:
    prefix = rng.choice(["", "", "x:"])
    rows = []
    for _ in range(rng.randint(1, 12)):
        row_attr = rng.choice(["", f' r="{rng.randint(1, 60)}"', f" r='{rng.randint(1, 60)}'", " spans=\"1:3\""])
        cells = []
        for _ in range(rng.randint(0, 6)):
            ref = f"{letters(rng.randint(1, 800))}{rng.randint(1, 90)}"
            attr = rng.choice(["", f' r="{ref}"', f" r = '{ref}'", f' s="1" r="{ref}"', f'\tr="{ref}"'])
            cells.append(f"<{prefix}c{attr}><{prefix}v>{rng.randint(0, 9)}</{prefix}v></{prefix}c>")
        rows.append(f"<{prefix}row{row_attr}>{''.join(cells)}</{prefix}row>")
    namespace = f'xmlns:x="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (f'<?xml version="1.0"?><{prefix}worksheet {namespace}><{prefix}sheetData>{"".join(rows)}'
            f"</{prefix}sheetData></{prefix}worksheet>").encode()


def test_guard_bounds_what_calamine_allocates():
    rng = random.Random(7)
    checked = 0
    for _ in range(150):
        xml = random_sheet(rng)
        extent = SheetExtent(cell_limit=10**9)
        size = rng.choice([7, 13, 64, 1 << 20])
        for start in range(0, len(xml), size):
            extent.feed(xml[start:start + size])
        extent.finish()
        assert extent.complete and not extent.has_dtd
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(package(xml))).get_sheet_by_name("S")
        if sheet.end is None:
            continue  # calamine placed no cell at all
        last_row, last_column = sheet.end[0] + 1, sheet.end[1] + 1
        assert last_row <= extent.last_row() and last_column <= extent.last_column(), xml
        checked += 1
    assert checked > 100


def test_excel_form_takes_the_fast_bound_and_a_far_cell_is_caught_in_any_chunk():
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="AH%d"><v>2</v></c></row>' % (n, n, n)
                    for n in range(1, 2505))
    xml = b'<?xml version="1.0"?><worksheet xmlns="' + MAIN.encode() + b'"><sheetData>' + rows
    tail = b"</sheetData></worksheet>"
    plain = SheetExtent()
    plain.feed(xml + tail)
    plain.finish()
    assert plain.last_row() == rounded_up(2504) and plain.last_column() == 702
    hidden = xml[:-len(b"</row>")] + b'<c r="B1048576"><v>1</v></c></row>' + tail  # in the last row
    for size in (100, 4096, 1 << 20):
        extent = SheetExtent()
        for start in range(0, len(hidden), size):
            extent.feed(hidden[start:start + size])
        extent.finish()
        assert extent.last_row() >= 1048576, size
