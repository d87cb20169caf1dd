"""Reading RMI list files in every form users have: .xlsx, real .xls, SpreadsheetML 2003 XML, CSV.

RMI's website exports its Conformant, Active and reference lists as "Excel (XML)": SpreadsheetML
2003 (`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`), usually saved with an
`.xls` name though it is not a binary workbook. Users also save the lists as CSV (comma, or
semicolon in European Excel). The form is told by the file's first bytes, never its name.

These files are picked by hand, sometimes from e-mail: every reader has bounds (file size,
uncompressed size, rows, columns, cell length), XML goes through defusedxml (no DTDs, no
entities), and any problem is a ReferenceFileError naming the file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path

from defusedxml import ElementTree as SafeTree
from defusedxml.common import DefusedXmlException

from python_calamine import CalamineWorkbook

from desktop.core.cmrt.model import UnreadableFile
from desktop.core.cmrt.workbook_file import open_workbook

MAX_FILE_BYTES = 32 * 1024 * 1024  # RMI's lists are about 1 MB; its newest CMRT about 2 MB
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024  # an .xlsx is a zip: refuse zip bombs before opening
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 4_000

SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_SS = f"{{{SPREADSHEET_NS}}}"
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a real binary .xls (or an encrypted workbook)


class ListFileError(ValueError):
    """A list file that cannot be read; the message names the file (sources.ReferenceFileError)."""


Table = tuple[str, list[list[object]]]


def read_table_file(path: Path) -> list[Table]:
    """Every sheet of a workbook or SpreadsheetML file, or the one table of a CSV, as (name, rows)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ListFileError(
                f"{path.name}: {size / 1024 / 1024:.0f} MB is far larger than any RMI list or CMRT "
                f"(at most {MAX_FILE_BYTES // 1024 // 1024} MB is read); is it the right file?"
            )
        with open(path, "rb") as handle:
            head = handle.read(1024)
        if head.startswith(_ZIP):
            _check_zip(path)
            return _read_workbook(path)
        if head.startswith(_OLE):
            return _read_workbook(path)
        text_head = _decode(head)
        if text_head.lstrip().startswith("<"):
            return _read_spreadsheetml(path)
        if _looks_like_text(head):
            return [(path.stem, _read_csv(path))]
    except ListFileError:
        raise
    except OSError as error:
        raise ListFileError(f"{path.name}: cannot be read ({error.strerror or error}).") from error
    raise ListFileError(
        f"{path.name}: not an RMI list: it is neither an Excel workbook (.xlsx or .xls), an "
        "Excel XML download from RMI's website, nor a CSV file."
    )


def workbook_sheet_names(path: Path) -> list[str]:
    """The sheet names of an .xlsx/.xls workbook without reading its cells; [] for other forms."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
        if not (head.startswith(_ZIP) or head.startswith(_OLE)) or path.stat().st_size > MAX_FILE_BYTES:
            return []
        if head.startswith(_ZIP):
            _check_zip(path)
        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except ListFileError:
        raise
    except Exception:  # unreadable here: read_table_file gives the message naming the file
        return []


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ListFileError(f"{path.name}: a damaged Excel workbook ({error}).") from error
    if len(entries) > 10_000 or sum(e.file_size for e in entries) > MAX_UNZIPPED_BYTES:
        raise ListFileError(
            f"{path.name}: the workbook unpacks to more than {MAX_UNZIPPED_BYTES // 1024 // 1024} MB; "
            "no RMI list is that large, so it is not read."
        )


def _read_workbook(path: Path) -> list[Table]:
    """Through the guard supplier workbooks use (sniffing, decryption, bomb checks), every sheet."""
    try:
        workbook = open_workbook(path, sheets=None).workbook
    except UnreadableFile as refusal:
        raise ListFileError(f"{path.name}: not a readable workbook ({refusal.problem.rstrip('.')}).") from refusal
    try:
        tables = []
        for name in workbook.sheet_names:
            rows = workbook.get_sheet_by_name(name).to_python()
            tables.append((name, [_bounded_row(row) for row in rows[:MAX_ROWS]]))
        return tables
    except Exception as error:  # calamine raises its own types for broken workbooks
        raise ListFileError(f"{path.name}: not a readable Excel workbook ({error}).") from error
    finally:
        workbook.close()


def _bounded_row(row: list[object]) -> list[object]:
    return [v[:MAX_CELL_CHARS] if isinstance(v, str) else v for v in row[:MAX_COLUMNS]]


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp1252", errors="replace")


def _looks_like_text(head: bytes) -> bool:
    """No NUL bytes and mostly printable: a CSV, not an image or an archive renamed."""
    if not head or b"\x00" in head:
        return False
    text = _decode(head)
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * len(text)


def _read_csv(path: Path) -> list[list[object]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's CSV on Windows
    first_line = text.split("\n", 1)[0]
    # European Excel saves "CSV" with semicolons; RMI's own downloads use commas.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            if len(rows) >= MAX_ROWS:
                break
            rows.append(_bounded_row(row))
    except csv.Error as error:
        raise ListFileError(f"{path.name}: not a readable CSV file ({error}).") from error
    return rows


def _read_spreadsheetml(path: Path) -> list[Table]:
    """SpreadsheetML 2003, streamed row by row so a huge file never sits whole in memory."""
    tables: list[Table] = []
    rows: list[list[object]] = []
    row: list[object] | None = None
    column = 0
    seen_workbook = False
    cells = 0
    try:
        for event, element in SafeTree.iterparse(str(path), events=("start", "end"), forbid_dtd=True):
            tag = element.tag
            if event == "start":
                if tag == f"{_SS}Workbook":
                    seen_workbook = True
                elif tag == f"{_SS}Worksheet":
                    rows = []
                    tables.append((element.get(f"{_SS}Name", f"Sheet{len(tables) + 1}"), rows))
                elif tag == f"{_SS}Row":
                    index = _index(element)
                    while index and len(rows) < min(index - 1, MAX_ROWS):
                        rows.append([])  # ss:Index skips empty rows
                    row, column = [], 0
                continue
            if tag == f"{_SS}Cell" and row is not None:
                index = _index(element)
                column = index - 1 if index else column
                if column < MAX_COLUMNS:
                    row.extend([""] * (column - len(row)))
                    row.append(_cell_value(element))
                    cells += 1
                column += 1 + int(element.get(f"{_SS}MergeAcross", "0") or 0)
                element.clear()
            elif tag == f"{_SS}Row" and row is not None:
                if len(rows) >= MAX_ROWS:
                    raise ListFileError(f"{path.name}: more than {MAX_ROWS:,} rows; no RMI list is that long.")
                rows.append(row)
                row = None
                element.clear()
            elif tag == f"{_SS}Table":
                element.clear()
    except ListFileError:
        raise
    except DefusedXmlException as error:
        raise ListFileError(f"{path.name}: refused: the XML uses features RMI's lists never do ({error}).") from error
    except (SafeTree.ParseError, ValueError) as error:
        raise ListFileError(f"{path.name}: not a readable Excel XML file ({error}).") from error
    if not seen_workbook:
        raise ListFileError(
            f"{path.name}: an XML file, but not an Excel XML (SpreadsheetML) workbook such as RMI's "
            "website exports."
        )
    return tables


def _index(element) -> int:
    try:
        return int(element.get(f"{_SS}Index", "0") or 0)
    except ValueError:
        return 0


def _cell_value(cell) -> object:
    data = cell.find(f"{_SS}Data")
    if data is None:
        return ""
    text = "".join(data.itertext())[:MAX_CELL_CHARS]  # rich text holds <B>, <Font> inside Data
    kind = data.get(f"{_SS}Type", "String")
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        return number
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(text.strip()[:19]).date()
        except ValueError:
            return text
    return text
