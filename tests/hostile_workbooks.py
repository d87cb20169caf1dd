"""Hostile supplier files, built on the fly from a real CMRT (no binary blobs in the repository).

Each builder takes the real source workbook's bytes and a target path, writes one hostile file and
returns its path. `HOSTILE` maps a short name to (builder, what a clean refusal must say). Issue 12
items 1-6 each have builders here; tests/core/test_hostile_workbooks.py runs every one through the
`check` command and through the import path the app uses.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Callable

SOURCE = "suppliers/jx-advanced-metals_CMRT_6.4.xlsx"  # a real 6.4 CMRT with 27 smelter rows
SMELTER_LIST = "Smelter List"


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {member.filename: archive.read(member) for member in archive.infolist()}


def sheet_part(parts: dict[str, bytes], sheet_name: str) -> str:
    """The zip part holding a sheet, found through workbook.xml and its relationships."""
    rel_id = re.search(rb'<sheet name="' + re.escape(sheet_name.encode()) + rb'"[^>]*r:id="(\w+)"',
                       parts["xl/workbook.xml"]).group(1)
    target = re.search(rb'Id="' + rel_id + rb'"[^>]*Target="([^"]+)"', parts["xl/_rels/workbook.xml.rels"]).group(1)
    return "xl/" + target.decode()


def write_package(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def with_smelter_list(source: bytes, path: Path, change: Callable[[bytes], bytes]) -> Path:
    parts = parts_of(source)
    name = sheet_part(parts, SMELTER_LIST)
    parts[name] = change(parts[name])
    return write_package(path, parts)


def _before_sheet_data_end(extra: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b"</sheetData>", extra + b"</sheetData>", 1)


def _first_rows_only(xml: bytes, keep_rows: int, extra: bytes) -> bytes:
    """Keep the sheet up to row `keep_rows`, then `extra`, then the sheet's end."""
    start = xml.index(b"<sheetData>") + len(b"<sheetData>")
    cut = xml.index(b'<row r="%d"' % (keep_rows + 1), start)
    end = xml.index(b"</sheetData>")
    return xml[:cut] + extra + xml[end:]


# -- item 1: a sheet that would make the reader allocate rows x columns it does not hold --------

def far_cell_hidden_tail(source: bytes, path: Path) -> Path:
    """Row 5, then row 1,048,576 holding over 1 MB of ZZ cells: the last MB holds no row tag."""
    cells = b'<c r="ZZ1048576"><v>1</v></c>' * 40_000
    return with_smelter_list(source, path, lambda xml: _first_rows_only(
        xml, 5, b'<row r="1048576">' + cells + b"</row>"))


def _far_cell_without_row_number(column: bytes) -> Callable[[bytes, Path], Path]:
    def build(source: bytes, path: Path) -> Path:
        return with_smelter_list(source, path, _before_sheet_data_end(
            b'<row><c r="' + column + b'1048576" t="inlineStr"><is><t>x</t></is></c></row>'))
    return build


def far_right_column(source: bytes, path: Path) -> Path:
    """An ordinary last row with one more cell in column XFD: 2,504 rows x 16,384 columns."""
    def damage(xml: bytes) -> bytes:
        end = xml.rindex(b"</row>")
        return xml[:end] + b'<c r="XFD2504"><v>1</v></c>' + xml[end:]
    return with_smelter_list(source, path, damage)


def far_cell_out_of_order(source: bytes, path: Path) -> Path:
    """The far cell comes first, then the ordinary rows: only the whole part tells the extent."""
    return with_smelter_list(source, path, lambda xml: xml.replace(
        b"<sheetData>", b'<sheetData><row r="1000000"><c r="XFD1000000"><v>1</v></c></row>', 1))


def _far_cell_where_calamine_looks(target: Callable[[str], str]) -> Callable[[bytes, Path], Path]:
    """The Smelter List's relationship names its part another way (`target`: from the part's name
    under xl/ to the new Target); the part found that way holds a far cell, while the part under
    the old name stays harmless. The checks must measure the part calamine will read."""
    def build(source: bytes, path: Path) -> Path:
        parts = parts_of(source)
        name = sheet_part(parts, SMELTER_LIST)
        old_target = name[len("xl/"):].encode()
        new_target = target(old_target.decode())
        rels = parts["xl/_rels/workbook.xml.rels"]
        parts["xl/_rels/workbook.xml.rels"] = rels.replace(b'Target="' + old_target + b'"',
                                                           b'Target="' + new_target.encode() + b'"', 1)
        read_by_calamine = new_target[1:] if new_target.startswith("/") else "xl/" + new_target
        far = _before_sheet_data_end(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')(parts[name])
        if read_by_calamine.lower() == name.lower():  # the same part under another case
            parts[name] = far
        else:
            parts[read_by_calamine] = far
        return write_package(path, parts)
    return build


# -- item 2: a damaged Smelter List must make the file unreadable, not "no smelters" -------------

def broken_tag(source: bytes, path: Path) -> Path:
    def damage(xml: bytes) -> bytes:
        at = xml.index(b'<row r="6"')
        return xml[:at] + b'<row r="6<"' + xml[at + len(b'<row r="6"'):]
    return with_smelter_list(source, path, damage)


def forged_size_and_crc(source: bytes, path: Path) -> Path:
    """The Smelter List's zip entry claims a size (and the matching CRC) of only its first 2 KB."""
    parts = parts_of(source)
    name = sheet_part(parts, SMELTER_LIST)
    write_package(path, parts)
    data = bytearray(path.read_bytes())
    short = parts[name][:2048]
    crc, size = zlib.crc32(short), len(short)
    encoded = name.encode()
    local = 0
    while True:  # patch the local header and the central directory entry of that part
        local = data.find(b"PK\x03\x04", local)
        if local < 0:
            break
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30:local + 30 + name_length]) == encoded:
            struct.pack_into("<I", data, local + 14, crc)
            struct.pack_into("<I", data, local + 22, size)
        local += 4
    central = 0
    while True:
        central = data.find(b"PK\x01\x02", central)
        if central < 0:
            break
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46:central + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, central + 16, crc)
            struct.pack_into("<I", data, central + 24, size)
        central += 4
    path.write_bytes(bytes(data))
    return path


def dtd_after_long_comment(source: bytes, path: Path) -> Path:
    comment = b"<!--" + b"x" * 8192 + b"-->"
    doctype = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def damage(xml: bytes) -> bytes:
        at = xml.index(b"?>") + 2
        return xml[:at] + comment + doctype + xml[at:]
    return with_smelter_list(source, path, damage)


def truncated_sheet(source: bytes, path: Path) -> Path:
    """The Smelter List's XML simply stops half-way (a part cut short but consistently zipped)."""
    return with_smelter_list(source, path, lambda xml: xml[: len(xml) // 2])


# -- item 3: more rows than the reader reads must be said, not silently cut ----------------------

def million_rows_without_numbers(source: bytes, path: Path) -> Path:
    rows = b'<row><c t="inlineStr"><is><t>Tin</t></is></c></row>' * 1_000_000
    return with_smelter_list(source, path, _before_sheet_data_end(rows))


# -- item 5: special files -------------------------------------------------------------------

def fifo(source: bytes, path: Path) -> Path:
    os.mkfifo(path)
    return path


def link_to_dev_zero(source: bytes, path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


# -- item 6: messages for files that are not CMRTs at all ----------------------------------------

def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (CFB version 3) holding the given streams, each >= 4096 bytes
    so they live in ordinary sectors (no mini stream). Enough for any reader to list its streams."""
    sector = 512
    padded = {name: data + b"\0" * (-len(data) % sector) for name, data in streams.items()}
    data_sectors = sum(len(data) // sector for data in padded.values())
    fat_sectors = 1
    directory_sectors = 1
    total = fat_sectors + directory_sectors + data_sectors
    assert total <= sector // 4, "keep the generated file within one FAT sector"
    end, free, fat_mark = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    fat = [fat_mark, end]
    starts = []
    next_sector = 2
    for data in padded.values():
        count = len(data) // sector
        starts.append(next_sector)
        fat += [next_sector + i + 1 for i in range(count - 1)] + [end]
        next_sector += count
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", free, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
                + struct.pack("<IQ", start, size))

    names = list(padded)
    entries = [entry("Root Entry", 5, 1 if names else free, free, end, 0)]
    for index, name in enumerate(names):  # a right-leaning chain of siblings: a valid (if lopsided) tree
        right = index + 2 if index + 1 < len(names) else free
        entries.append(entry(name, 2, free, right, starts[index], len(streams[name])))
    directory = b"".join(entries).ljust(sector, b"\0")  # unused entries stay zero (type 0: empty)
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, fat_sectors, 1, 0, 4096, end, 0, end, 0))
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    header = header.ljust(sector, b"\0")
    body = struct.pack("<%dI" % (sector // 4), *fat) + directory + b"".join(padded.values())
    return header + body


def word_97_document(source: bytes, path: Path) -> Path:
    path.write_bytes(compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 5000, "1Table": b"\0" * 4096}))
    return path


def ole_of_garbage(source: bytes, path: Path) -> Path:
    path.write_bytes(compound_file({"Workbook": bytes(range(256)) * 20}))
    return path


def excel_lock_file(source: bytes, path: Path) -> Path:
    lock = path.with_name("~$" + path.name)
    lock.write_bytes(b"\x0bJane Smith" + b" " * 43 + b"\x0b\0J\0a\0n\0e" + b"\0" * 100)
    return lock


def zip_with_a_directory_as_workbook(source: bytes, path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml/", b"")
        archive.writestr("[Content_Types].xml", b"<Types/>")
    return path


Builder = Callable[[bytes, Path], Path]

# name -> (builder, words the refusal must contain, suffix of the file to create)
HOSTILE: dict[str, tuple[Builder, str, str]] = {
    "far-cell-hidden-tail": (far_cell_hidden_tail, "reaches row 1,048,576", ".xlsx"),
    "far-right-column": (far_right_column, "column XFD", ".xlsx"),
    "far-cell-column-AM": (_far_cell_without_row_number(b"AM"), "row 1,048,576", ".xlsx"),
    "far-cell-column-EZ": (_far_cell_without_row_number(b"EZ"), "row 1,048,576", ".xlsx"),
    "far-cell-out-of-order": (far_cell_out_of_order, "reaches row 1,000,000", ".xlsx"),
    "far-cell-in-part-named-in-capitals": (_far_cell_where_calamine_looks(str.upper), "reaches row 1,048,576",
                                           ".xlsx"),
    "far-cell-in-part-under-xl-xl": (_far_cell_where_calamine_looks(lambda target: "xl/" + target),
                                     "reaches row 1,048,576", ".xlsx"),
    "broken-tag": (broken_tag, "Smelter List sheet is damaged", ".xlsx"),
    "forged-size-and-crc": (forged_size_and_crc, "Smelter List sheet is damaged", ".xlsx"),
    "dtd-after-long-comment": (dtd_after_long_comment, "XML entity declarations", ".xlsx"),
    "truncated-sheet": (truncated_sheet, "Smelter List sheet is damaged", ".xlsx"),
    "million-rows-without-numbers": (million_rows_without_numbers, "30,000", ".xlsx"),
    "fifo": (fifo, "not an ordinary file", ".xlsx"),
    "link-to-dev-zero": (link_to_dev_zero, "not an ordinary file", ".xlsx"),
    "word-97-document": (word_97_document, "Word document", ".xls"),
    "ole-of-garbage": (ole_of_garbage, "damaged and cannot be opened", ".xls"),
    "excel-lock-file": (excel_lock_file, "Excel's lock file", ".xlsx"),
    "zip-with-folder-as-workbook": (zip_with_a_directory_as_workbook, "not an Excel workbook", ".xlsx"),
}


def build(name: str, source: bytes, folder: Path) -> Path:
    builder, _, suffix = HOSTILE[name]
    return builder(source, folder / f"{name}{suffix}")


# -- item 12: text that would drive a terminal ------------------------------------------------------

ESCAPE_IN_NAME = "\x1b[2J\x1b]0;pwned\x07JX Advanced Metals\u202e Corporation"


def escape_sequences_in_company_name(source: bytes, path: Path) -> Path:
    """The company name carries a clear-screen, a window-title sequence and a bidi override."""
    parts = parts_of(source)
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
        b"JX Advanced Metals Corporation", ESCAPE_IN_NAME.encode(), 1)
    return write_package(path, parts)
