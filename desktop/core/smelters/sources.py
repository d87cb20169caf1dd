"""Reading RMI's raw files: a CMRT's Smelter Look-up, the facility lists, the ID translations.

Each reader returns plain rows of facts (cached values, never formulas) and names the file in any
error, because the user picks these files by hand when updating the reference offline.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from desktop.core.cmrt.model import METALS, UnreadableFile
from desktop.core.cmrt.workbook_file import open_workbook
from desktop.core.smelters.names import country_key, metal_key, smelter_id_key

LOOKUP_SHEET = "Smelter Look-up"
SPECIAL_LOOKUP_NAMES = ("smelter not listed", "smelter not yet identified")


class ReferenceFileError(ValueError):
    """A file that cannot be used to update the smelter reference; the message names it."""


@dataclass
class LookupRow:
    metal: str
    lookup_name: str
    standard_name: str
    country: str
    cid: str
    city: str = ""
    state: str = ""


@dataclass
class LookupTable:
    rows: list[LookupRow]
    source: str  # "RMI_CMRT_6.5.xlsx Smelter Look-up"
    as_of: str  # ISO release date of the template, "" when unknown
    revision: str = ""
    files: list[dict] = field(default_factory=list)  # file_record() of the template read


@dataclass
class StatusLists:
    """RMI facility lists: Conformant, Active, the full list and the revision history."""

    conformant: list[dict] = field(default_factory=list)
    active: list[dict] = field(default_factory=list)
    full_list: list[dict] = field(default_factory=list)
    revisions: list[dict] = field(default_factory=list)
    source: str = ""
    as_of: str = ""
    files: list[dict] = field(default_factory=list)  # file_record() of each list file read


LOOKUP_ROLE = "CMRT Smelter Look-up"
LISTS_ROLE = "RMI facility list"


def file_record(path: Path, role: str) -> dict:
    """Name and SHA-256 of a source file: what a project's snapshot cites as its origin."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"file": path.name, "sha256": digest.hexdigest(), "role": role}


def iso_date(value: object) -> str:
    """A cell's date as ISO text: real dates, "1/20/2023" (RMI's US format) or ISO strings."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value or "").strip()
    for pattern in ("%m/%d/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d-%b-%Y", "%m/%d/%y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return ""


def cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value if value is not None else "").split())


def read_tables(path: Path) -> list[tuple[str, list[list[object]]]]:
    """Every sheet of a workbook, or the one table of a CSV, as (name, rows)."""
    try:
        if path.suffix.lower() == ".csv":
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")  # Excel's CSV on Windows
            return [(path.stem, list(csv.reader(text.splitlines())))]
        # The same guard as supplier files (a hostile sheet must not abort the app): every sheet is read.
        workbook = open_workbook(path, sheets=None).workbook
        try:
            return [(name, workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names]
        finally:
            workbook.close()
    except UnreadableFile as refusal:
        raise ReferenceFileError(f"{path.name}: not a readable workbook or CSV ({refusal.problem.rstrip('.')}).") from refusal
    except (OSError, ValueError) as error:
        raise ReferenceFileError(f"{path.name}: cannot be read ({error}).") from error
    except Exception as error:  # calamine raises its own types for broken workbooks
        raise ReferenceFileError(f"{path.name}: not a readable workbook or CSV ({error}).") from error


def read_lookup(path: Path) -> LookupTable:
    """The Smelter Look-up of a blank (or filled) CMRT 6.x: one row per alias, data from row 5."""
    tables = dict(read_tables(path))
    if LOOKUP_SHEET not in tables:
        raise ReferenceFileError(f"{path.name}: has no 'Smelter Look-up' sheet; is it a CMRT?")
    rows = []
    # Header labels are translated (cirscn templates are saved in Chinese), so use positions.
    for raw in tables[LOOKUP_SHEET][4:]:
        cells = [cell_text(v) for v in list(raw) + [""] * 9][:9]
        metal, lookup_name, standard, country, cid, _source, _street, city, state = cells
        cid = smelter_id_key(cid)
        if metal_key(metal) not in METALS or not cid or lookup_name.lower() in SPECIAL_LOOKUP_NAMES:
            continue
        rows.append(LookupRow(metal_key(metal), lookup_name, standard, country_key(country), cid, city, state))
    if not rows:
        raise ReferenceFileError(f"{path.name}: its Smelter Look-up sheet lists no smelters.")
    revision, released = _template_release(tables.get("Revision", []))
    return LookupTable(rows, f"{path.name} {LOOKUP_SHEET}", released, revision, [file_record(path, LOOKUP_ROLE)])


def _template_release(rows: list[list[object]]) -> tuple[str, str]:
    """The newest (revision, release date) of a template's Revision sheet."""
    best = ("", "")
    for raw in rows:
        if len(raw) >= 3 and isinstance(raw[2], (date, datetime)):
            released = iso_date(raw[2])
            if released > best[1]:
                best = (cell_text(raw[0]), released)
    return best


def _header_map(row: list[object]) -> dict[str, int]:
    return {re.sub(r"\s*/\s*", "/", cell_text(v).upper()): i for i, v in enumerate(row) if cell_text(v)}


def _records(rows: list[list[object]], header_at: int) -> list[dict]:
    header = _header_map(rows[header_at])
    records = []
    for raw in rows[header_at + 1 :]:
        record = {name: (raw[i] if i < len(raw) else "") for name, i in header.items()}
        if any(cell_text(v) for v in record.values()):
            records.append(record)
    return records


def _kind(name: str, rows: list[list[object]], header_at: int) -> str:
    header = _header_map(rows[header_at])
    if "LAST AUDIT DATE" in header and "SMELTER ID" in header:
        return "conformant"
    if "BASIS FOR REVISION" in header:
        return "revisions"
    if "SMELTER REFERENCE" in header and "RMI STATUS" in header:
        return "full_list"
    if "SMELTER ID" in header and "STANDARD SMELTER NAME" in header and "SMELTER REFERENCE" not in header:
        # The Active list has no audit columns; know it by its name or by its Type column.
        if "active" in name.lower():
            return "active"
        types = [cell_text(r[header["TYPE"]]).lower() for r in rows[header_at + 1 :] if "TYPE" in header and len(r) > header["TYPE"]]
        if types and types.count("active") > len(types) / 2:
            return "active"
    return ""


def read_status_lists(paths: list[Path]) -> StatusLists:
    """RMI's facility lists as downloaded: one workbook with several sheets, or one CSV per list."""
    lists = StatusLists()
    names = []
    for path in paths:
        found = False
        for sheet, rows in read_tables(path):
            for header_at in range(min(len(rows), 10)):
                kind = _kind(f"{path.stem} {sheet}", rows, header_at)
                if kind:
                    records = [r for r in _records(rows, header_at) if _is_3tg(r)]
                    getattr(lists, kind).extend(records)
                    found = True
                    break
        if not found:
            raise ReferenceFileError(
                f"{path.name}: no RMI facility list found (expected the columns of RMI's "
                "Conformant, Active, full smelter list or revision history)."
            )
        names.append(path.name)
        lists.files.append(file_record(path, LISTS_ROLE))
    lists.source = ", ".join(names)
    lists.as_of = _lists_as_of(lists, paths)
    return lists


def _is_3tg(record: dict) -> bool:
    return metal_key(cell_text(record.get("METAL", ""))) in METALS


def _lists_as_of(lists: StatusLists, paths: list[Path]) -> str:
    """The newest revision date RMI wrote in the lists; else a date in the file name; else "".

    Why not the file's modification date: a copy made later would make old data look fresh.
    """
    dates = [iso_date(r.get("REVISION DATE")) for r in lists.revisions]
    dates = [d for d in dates if d]
    if dates:
        return max(dates)
    for path in paths:
        match = re.search(r"(20\d\d)-(\d\d)(?:-(\d\d))?", path.name)
        if match:
            return f"{match.group(1)}-{match.group(2)}-{match.group(3) or '01'}"
    return ""


def read_legacy_ids(path: Path) -> dict[str, str]:
    """CMRT 2.x smelter IDs ("2BOL010") to current CIDs, from RMI's translation table."""
    table = {}
    for _name, rows in read_tables(path):
        for raw in rows:
            cells = [cell_text(v) for v in raw]
            ids = [smelter_id_key(c) for c in cells]
            old = [i for i in ids if i and not i.startswith("CID")]
            new = [i for i in ids if i.startswith("CID")]
            if old and new:
                table[old[0]] = new[0]
    return table


def read_named_ids(path: Path, name_column: int) -> list[tuple[str, str, str]]:
    """(metal, name, CID) from an alias or translation CSV: older names suppliers still write."""
    named = []
    for _name, rows in read_tables(path):
        for raw in rows:
            cells = [cell_text(v) for v in raw] + [""]
            metal = metal_key(cells[0])
            cids = [smelter_id_key(c) for c in cells if smelter_id_key(c).startswith("CID")]
            if metal in METALS and cids and cells[name_column]:
                named.append((metal, cells[name_column], cids[0]))
    return named
