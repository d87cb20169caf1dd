"""Open a supplier's file safely: sniff the format, decrypt, refuse bombs, then hand it to calamine.

Every refusal is an UnreadableFile whose message names the file, the problem and what to ask for.
Nothing here trusts the file: sizes are checked against the zip directory *and* while
decompressing, and XML with DTDs (entity-expansion tricks) is refused before any parser sees it.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeET
import msoffcrypto
from defusedxml import DefusedXmlException
import olefile
from msoffcrypto.exceptions import FileFormatError, InvalidKeyError, ParseError
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from desktop.core.cmrt.model import UnreadableFile
from desktop.core.cmrt.formula_text import without_formulas_and_empty_cells
from desktop.core.cmrt.sheet_guard import DTD_MARKER, SheetExtent, column_letters, complete_tags_end
from desktop.core.cmrt.stored_package import StoredPackage

MAX_FILE_BYTES = 64 * 1024 * 1024  # real CMRTs are 0.5-3 MB
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024  # a 6.x CMRT unpacks to about 10 MB
MAX_PART_BYTES = 96 * 1024 * 1024
# calamine holds a sheet as a dense grid (rows x columns, 32 bytes a cell); refuse a sheet whose
# extent could need more cells than this before it is allocated (a real Smelter List is ~2,500 x 40).
MAX_SHEET_CELLS = 4_000_000
MAX_ROWS = 30_000  # rows of any one sheet the reader reads; a sheet with more is refused, never cut
# The checked parts are handed to calamine uncompressed (stored_package) up to this size; a 6.x
# CMRT's come to about 4 MB. Past it, calamine reads the original file (and inflates it again).
MAX_PACKAGE_BYTES = 64 * 1024 * 1024
# Parts are inflated and checked this much at a time: measured fastest (a piece stays in the
# processor's cache between the inflate, the drop and the guard), and any size of part streams.
CHUNK_BYTES = 1024 * 1024

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
ZIP_MAGIC = b"PK\x03\x04"
DEFAULT_EXCEL_PASSWORD = "VelvetSweatshop"  # Excel's built-in password for "protected" files

# Sheets the reader opens; only these (and the shared strings) are scanned before calamine runs.
SHEETS_READ = frozenset({"Revision", "Declaration", "Smelter List", "Product List", "Smelter Look-up",
                         "Standard Smelter Names", "Smelter Reference List", "Smelter and Mine List"})

# Reference lists: values with few formulas and no blank template rows, so dropping formulas and
# empty cells (formula_text) would cost more than calamine saves; they go to calamine as they are.
_REFERENCE_LISTS = frozenset({"smelter look-up", "standard smelter names", "smelter reference list",
                              "smelter and mine list"})

ASK_FOR_COPY = "Ask the supplier to send the CMRT again as an Excel workbook (.xlsx)."

_OTHER_FORMATS = (
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"\x89PNG", "a PNG picture"),
    (b"%PDF", "a PDF document"),
    (b"GIF8", "a GIF picture"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
)


@dataclass
class OpenedWorkbook:
    workbook: CalamineWorkbook
    sha256: str
    container: str  # "xlsx" or "xls"
    data: bytes = b""  # the checked .xlsx package, for what calamine does not read (hyperlinks)
    archive: zipfile.ZipFile | None = None  # that package's zip, opened once by the checks
    sheet_parts: dict[str, str] | None = None  # sheet name (lower case) -> its part, from the checks
    checked: StoredPackage | None = None  # the parts the checks inflated, as handed to calamine


def open_workbook(path: str | Path, data: bytes | None = None,
                  sheets: frozenset[str] | None = SHEETS_READ) -> OpenedWorkbook:
    """Sniff, decrypt and open one file; raises UnreadableFile with a user-facing message.

    `data` is the file's content when the caller has already read it (read_workbook_bytes): the
    bytes hashed are the bytes parsed. `sheets` names the sheets that will be read (None: all).
    """
    name = str(path)
    if data is None:
        data = read_workbook_bytes(path)
    sha256 = hashlib.sha256(data).hexdigest()
    if Path(name).name.startswith("~$") and not data.startswith((OLE_MAGIC, ZIP_MAGIC)):
        original = Path(name).name[2:]
        raise UnreadableFile(name, "this is Excel's lock file (Excel makes it while someone has "
                             f"{original} open), not a workbook.", f"Import {original} itself.")
    if data.startswith(OLE_MAGIC):
        data = _decrypt_if_needed(name, data)
    archive, sheet_parts, checked, source = None, None, None, data
    if data.startswith(ZIP_MAGIC):
        sheet_parts = {}
        checked = StoredPackage(MAX_PACKAGE_BYTES)
        archive = _check_zip(name, data, sheets, sheet_parts, checked)
        source = checked.finish() or data
        container = "xlsx"
    elif data.startswith(OLE_MAGIC):
        _check_ole(name, data)
        container = "xls"
    else:
        raise UnreadableFile(name, f"this is not an Excel workbook ({_describe(data)}).", ASK_FOR_COPY)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(source))
    except PasswordError:
        raise _password_protected(name)
    except (CalamineError, ValueError, OSError) as error:
        raise UnreadableFile(name, f"the workbook is damaged and cannot be opened ({_plain(error)}).",
                             ASK_FOR_COPY)
    if container != "xlsx":
        return OpenedWorkbook(workbook, sha256, container)
    return OpenedWorkbook(workbook, sha256, container, data, archive, sheet_parts, checked)


def read_workbook_bytes(path: str | Path) -> bytes:
    """The whole file, read once; only an ordinary file, and only if it is of a plausible size.

    A FIFO would block the reader forever and a link to a device never ends, so the file is
    opened without blocking and checked (fstat, on the open handle) before anything is read.
    """
    path = Path(path)
    name = str(path)
    try:
        if path.is_dir():
            raise UnreadableFile(name, "this is a folder, not a file.", "Choose the CMRT workbook inside it.")
        if not path.exists():
            raise UnreadableFile(name, "the file does not exist (it may have been moved or renamed).")
        if not stat.S_ISREG(path.stat().st_mode):
            raise _not_ordinary(name)
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        handle = os.open(path, flags)
        with os.fdopen(handle, "rb") as stream:
            details = os.fstat(stream.fileno())
            if not stat.S_ISREG(details.st_mode):  # replaced by something else since the check above
                raise _not_ordinary(name)
            if details.st_size == 0:
                raise UnreadableFile(name, "the file is empty (0 bytes).", ASK_FOR_COPY)
            if details.st_size > MAX_FILE_BYTES:
                raise _too_big(name, details.st_size)
            data = stream.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise UnreadableFile(name, "the file cannot be opened: permission denied.",
                             "Check that it is not open in another program and that you may read it.")
    except OSError as error:
        raise UnreadableFile(name, f"the file cannot be read ({error.strerror or error}).")
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise _too_big(name, len(data))
    if not data:
        raise UnreadableFile(name, "the file is empty (0 bytes).", ASK_FOR_COPY)
    return data


def _not_ordinary(name: str) -> UnreadableFile:
    return UnreadableFile(name, "this is not an ordinary file (it is a device, a pipe or a link to one), "
                          "so it was not read.", "Choose the CMRT workbook itself.")


def _too_big(name: str, size: int) -> UnreadableFile:
    return UnreadableFile(name, f"the file is {size // (1024 * 1024)} MB; a CMRT is normally under 5 MB.",
                          ASK_FOR_COPY)


def _plain(error: BaseException) -> str:
    """An exception's message without Python's inner details (reprs, huge numbers), at most one line."""
    text = " ".join(str(error).split())
    if "<ZipInfo" in text or "Exceeds the limit" in text or not text:
        return type(error).__name__.replace("Error", " error").strip().lower() or "unknown error"
    return text[:200]


def _decrypt_if_needed(name: str, data: bytes) -> bytes:
    """Excel 97 files and encrypted .xlsx both live in an OLE container; decrypt in memory."""
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        if not office.is_encrypted():
            return data
        office.load_key(password=DEFAULT_EXCEL_PASSWORD)
        out = io.BytesIO()
        office.decrypt(out)
        return out.getvalue()
    except InvalidKeyError:
        raise _password_protected(name)
    except (FileFormatError, ParseError):
        return data  # an OLE file msoffcrypto does not know: let the checks below describe it
    except Exception:  # msoffcrypto raises bare exceptions (even int-parsing ones) on damaged containers
        _check_ole(name, data)  # a Word or Outlook file gets its own message
        raise UnreadableFile(name, "the workbook is damaged and cannot be opened (its Excel 97-2003 "
                             "container is broken).", ASK_FOR_COPY)


_OLE_KINDS = (
    ("worddocument", "a Word document"),
    ("powerpoint document", "a PowerPoint file"),
    ("__substg1.0_", "an Outlook message"),
    ("visio", "a Visio drawing"),
)


def _check_ole(name: str, data: bytes) -> None:
    """An Excel 97-2003 file holds a "Workbook" (or, before Excel 97, "Book") stream; say what else it is."""
    try:
        with olefile.OleFileIO(data) as ole:
            streams = ["/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)]
    except Exception:  # olefile raises many kinds on a damaged container
        raise UnreadableFile(name, "the workbook is damaged and cannot be opened (its Excel 97-2003 "
                             "container is broken).", ASK_FOR_COPY)
    if any(stream in ("workbook", "book", "encryptedpackage") for stream in streams):
        return
    kind = next((label for marker, label in _OLE_KINDS if any(marker in stream for stream in streams)),
                "an Office file of another kind")
    raise UnreadableFile(name, f"this is not an Excel workbook (it is {kind}).", ASK_FOR_COPY)


def _password_protected(name: str) -> UnreadableFile:
    return UnreadableFile(
        name, "the workbook is protected with a password.",
        "Ask the supplier for an unprotected copy (in Excel: File > Info > Protect Workbook, "
        "remove the password, save).",
    )


def _check_zip(name: str, data: bytes, sheets: frozenset[str] | None = SHEETS_READ,
               sheet_parts: dict[str, str] | None = None, checked: StoredPackage | None = None
               ) -> zipfile.ZipFile:
    """Refuse zip bombs, non-spreadsheet packages and XML with DTDs, using the directory then the data.

    Returns the opened zip (its directory is read once); fills `sheet_parts` with every sheet's part
    and `checked` with every part calamine reads (as inflated here)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise UnreadableFile(name, f"the file is damaged or incomplete (not a readable zip: {_plain(error)}).",
                             ASK_FOR_COPY)
    names = {member.filename for member in members if not member.is_dir()}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        kind = "a Word document" if "word/document.xml" in names else (
            "a PowerPoint file" if "ppt/presentation.xml" in names else "a zip archive")
        raise UnreadableFile(name, f"this is not an Excel workbook ({kind}).", ASK_FOR_COPY)
    if "xl/workbook.bin" in names:
        raise UnreadableFile(name, "this is a binary Excel workbook (.xlsb), which is not a CMRT format.",
                             ASK_FOR_COPY)
    total = sum(member.file_size for member in members)
    biggest = max(members, key=lambda member: member.file_size)
    if total > MAX_UNCOMPRESSED_BYTES or biggest.file_size > MAX_PART_BYTES:
        raise _bomb(name, total)
    by_folded_name = {member.filename.replace("\\", "/").lower(): member.filename for member in members
                      if not member.is_dir()}  # calamine finds parts by name in any case, the last one winning
    try:
        root = _check_workbook_xml(name, _read_whole(archive, "xl/workbook.xml", checked))
        _read_whole(archive, by_folded_name.get("_rels/.rels"), checked)  # calamine's way to xl/
        rels = _read_whole(archive, by_folded_name.get("xl/_rels/workbook.xml.rels"), checked)
        for part, sheet in _parts_to_scan(root, rels, by_folded_name, sheets, sheet_parts):
            _check_part(name, archive, archive.getinfo(part), sheet, checked)
    except UnreadableFile:
        raise
    except RuntimeError:  # zipfile: an entry encrypted with a zip password
        raise UnreadableFile(name, "the workbook's parts are locked with a zip password, which Excel never "
                             "does.", ASK_FOR_COPY)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError, zlib.error,
            NotImplementedError) as error:  # NotImplementedError: a compression Excel never uses
        raise UnreadableFile(name, f"the file is damaged or incomplete ({_plain(error)}).", ASK_FOR_COPY)
    except (SafeET.ParseError, DefusedXmlException) as error:
        raise UnreadableFile(name, f"the workbook's structure is damaged ({_plain(error)}).", ASK_FOR_COPY)
    return archive


def _read_whole(archive: zipfile.ZipFile, part: str | None, checked: StoredPackage | None) -> bytes | None:
    """A small part read whole (None when absent), kept for calamine when it has room."""
    if part is None:
        return None
    member = archive.getinfo(part)
    kept = _room_for(checked, member)
    xml = archive.read(member)
    if kept is not None:
        checked.add(member, [xml])
    return xml


def _parts_to_scan(root, rels: bytes | None, by_folded_name: dict[str, str], wanted: frozenset[str] | None,
                   sheet_parts: dict[str, str] | None = None) -> list[tuple[str, str | None]]:
    """(part, sheet name) for the shared strings and the styles (no sheet name: None) and the sheets
    the reader will open (all when `wanted` is None); scanning all 11 sheets of a CMRT would cost
    80 ms for nothing.
    Parts are found as calamine finds them (xl/ + target, or the target from the root; any case),
    so the parts checked are the parts it reads."""
    targets = {}
    for rel in SafeET.fromstring(rels, forbid_dtd=True) if rels is not None else ():
        target = rel.get("Target", "")
        path = target[1:] if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = by_folded_name.get(path.lower(), path)
    names = set(by_folded_name.values())
    parts: list[tuple[str, str | None]] = [(by_folded_name[part], None) for part in
                                           ("xl/sharedstrings.xml", "xl/styles.xml") if part in by_folded_name]
    folded = None if wanted is None else {sheet.lower() for sheet in wanted}
    for element in root.iter():
        if not (element.tag.endswith("}sheet") or element.tag == "sheet"):
            continue
        rel_id = next((value for key, value in element.attrib.items() if key.endswith("}id")), None)
        part = targets.get(rel_id)
        sheet = element.get("name", "").strip()
        if sheet_parts is not None and part is not None:
            sheet_parts.setdefault(sheet.lower(), part)
        if part in names and (folded is None or sheet.lower() in folded):
            parts.append((part, sheet))
    if not any(sheet is not None for _, sheet in parts):  # unusual package: scan every sheet
        parts += [(part, "") for folded_part, part in sorted(by_folded_name.items())
                  if folded_part.startswith("xl/worksheets/") and folded_part.endswith(".xml")]
    return parts


def _bomb(name: str, total: int) -> UnreadableFile:
    return UnreadableFile(
        name, f"the workbook unpacks to more than {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB "
        f"(declared {total // (1024 * 1024)} MB), far beyond any CMRT; it was not opened.", ASK_FOR_COPY)


def _check_workbook_xml(name: str, xml: bytes):
    try:
        return SafeET.fromstring(xml, forbid_dtd=True)
    except DefusedXmlException:
        raise _entities(name)
    except SafeET.ParseError as error:
        raise UnreadableFile(name, f"the workbook's structure is damaged ({_plain(error)}).", ASK_FOR_COPY)


def _entities(name: str) -> UnreadableFile:
    return UnreadableFile(name, "the workbook contains XML entity declarations, which Excel never writes; "
                          "it was not opened for safety.", ASK_FOR_COPY)


def _check_part(name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo, sheet: str | None,
                checked: StoredPackage | None = None) -> None:
    """Stream one part once: count its real size, refuse DTDs anywhere, and bound what a sheet
    (`sheet` is its name, "" if unknown, None for a part that is not a sheet) would make calamine
    allocate from the rows and columns actually in it (sheet_guard). The part goes to `checked`
    (for calamine) when it has room, a sheet without its formulas and empty cells (formula_text):
    the guard then measures exactly what calamine will read."""
    size = 0
    previous = b""
    dtd = False
    is_sheet = sheet is not None
    lean = is_sheet and sheet.lower() not in _REFERENCE_LISTS  # drop what calamine would only skip
    extent = SheetExtent(cell_limit=MAX_SHEET_CELLS)
    kept = _room_for(checked, member)
    carry = b""  # a sheet's text from its last "<" on: an element the chunk's end cut waits for the next
    crc = 0 if lean else None  # of the sheet as kept, when it is not kept as read
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(CHUNK_BYTES)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_PART_BYTES:
                raise _bomb(name, size)
            if is_sheet:
                if kept is not None:
                    if lean:
                        chunk, carry = _formulas_dropped(carry + chunk)
                        crc = zlib.crc32(chunk, crc)
                    kept.append(chunk)
                extent.feed(chunk)
                if extent.last_row() > MAX_ROWS:  # no need to read the rest to refuse it
                    break
            else:  # a DTD hidden after a long comment is still a DTD
                dtd = dtd or bool(DTD_MARKER.search(previous[-16:] + chunk))
                previous = chunk
                if kept is not None:
                    kept.append(chunk)
    if dtd:
        raise _entities(name)
    if not is_sheet:
        if kept is not None:
            checked.add(member, kept)
        return
    if carry:
        extent.feed(carry)
        kept.append(carry)
        crc = zlib.crc32(carry, crc)
    extent.finish()  # (after an early stop too: what was seen is enough to say why)
    label = f"the {sheet} sheet" if sheet else "one sheet"
    if extent.has_dtd:
        raise _entities(name)
    if not extent.complete and extent.last_row() <= MAX_ROWS:
        raise UnreadableFile(name, f"{label} is damaged: its data stops part-way through, so it cannot be "
                             "read in full.", ASK_FOR_COPY)
    rows, columns = extent.last_row(), extent.last_column()
    if rows > MAX_ROWS:
        reach = f"reaches row {extent.max_row:,}" if extent.max_row > MAX_ROWS else f"has more than {MAX_ROWS:,} rows"
        raise UnreadableFile(
            name, f"{label} {reach}; this app reads sheets of up to {MAX_ROWS:,} rows (a CMRT has "
            "a few thousand), so the file was not opened.",
            "Ask the supplier to delete the extra rows or to send a fresh CMRT.")
    if extent.cells() > MAX_SHEET_CELLS:
        raise UnreadableFile(
            name, f"{label} reaches row {extent.max_row or rows:,} and column {column_letters(columns)}; a CMRT's "
            "sheets are far "
            "smaller, so the file was not opened.", "Ask the supplier to delete the extra rows and columns or "
            "to send a fresh CMRT.")
    if kept is not None:
        checked.add(member, kept, crc)


def _room_for(checked: StoredPackage | None, member: zipfile.ZipInfo) -> list[bytes] | None:
    """A list for the part's chunks when the package can take it whole (zipfile reads no more than
    the size the directory gives), else None; a part that does not fit ends the package."""
    if checked is None:
        return None
    if not checked.has_room(member.file_size):
        checked.give_up()
        return None
    return []


def _formulas_dropped(text: bytes) -> tuple[bytes, bytes]:
    """(text up to its last "<" without formulas and empty cells, the rest); all of it when no tag
    start is near the end (a formula or cell cut there simply stays)."""
    cut = complete_tags_end(text)
    return without_formulas_and_empty_cells(text[:cut]), text[cut:]


def _describe(data: bytes) -> str:
    for magic, kind in _OTHER_FORMATS:
        if data.startswith(magic):
            return f"it is {kind}"
    head = data[:512].lstrip().lower()
    if head.startswith(b"<html") or head.startswith(b"<!doctype html"):
        return "it is a web page saved with an Excel name"
    if head.startswith(b"<?xml"):
        return "it is an XML file, perhaps an Excel 2003 XML export"
    if all(32 <= byte < 127 or byte in (9, 10, 13) for byte in data[:512]):
        return "it is a text file, perhaps a CSV export"
    return "its contents are not in any Excel format"
