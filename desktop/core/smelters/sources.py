"""Reading RMI's raw files: a CMRT's Smelter Look-up, the facility lists, the ID translations.

Each reader returns plain rows of facts (cached values, never formulas) and names the file in any
error, because the user picks these files by hand when updating the reference offline.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from desktop.core.cmrt.model import METALS
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


# The kinds of RMI facility list, in the order their statuses are applied (later wins).
LIST_KINDS = ("full_list", "active", "cross_recognized", "conformant", "revisions")
STATUS_KINDS = ("conformant", "cross_recognized", "active")  # lists whose absence means "not in"


@dataclass
class StatusLists:
    """RMI facility lists: Conformant, Cross-recognized, Active, the full list, the revision history.

    `as_of` and `sources` are per kind: a user may import one list at a time, so the Conformant list
    can be newer than the Active list, and each status says which list (and date) it rests on.
    """

    conformant: list[dict] = field(default_factory=list)
    cross_recognized: list[dict] = field(default_factory=list)
    active: list[dict] = field(default_factory=list)
    full_list: list[dict] = field(default_factory=list)
    revisions: list[dict] = field(default_factory=list)
    source: str = ""
    as_of: str = ""  # the oldest date of the status lists present: what every status is "as of" at worst
    files: list[dict] = field(default_factory=list)  # file_record() of each list file read
    kind_as_of: dict[str, str] = field(default_factory=dict)
    kind_source: dict[str, str] = field(default_factory=dict)

    def present(self) -> list[str]:
        return [kind for kind in LIST_KINDS if getattr(self, kind)]

    def as_of_for(self, kind: str) -> str:
        return self.kind_as_of.get(kind, self.as_of)

    def source_for(self, kind: str) -> str:
        return self.kind_source.get(kind, self.source)

    def absence_as_of(self) -> str:
        """How fresh "on none of the status lists" is: as old as the oldest status list consulted."""
        dates = [self.as_of_for(k) for k in STATUS_KINDS if getattr(self, k)]
        return "" if not dates or not all(dates) else min(dates)

    def to_json(self) -> dict:
        """The lists as stored in a reference, so a later update of one list keeps the others."""
        return {
            kind: {"as_of": self.as_of_for(kind), "source": self.source_for(kind), "records": getattr(self, kind)}
            for kind in self.present()
        } | {"files": self.files}

    @classmethod
    def from_json(cls, data: dict) -> "StatusLists":
        lists = cls(files=list(data.get("files", [])))
        for kind in LIST_KINDS:
            if kind in data:
                setattr(lists, kind, list(data[kind]["records"]))
                lists.kind_as_of[kind] = data[kind]["as_of"]
                lists.kind_source[kind] = data[kind]["source"]
        lists.finish()
        return lists

    def finish(self) -> None:
        """Overall source and as-of from the kinds present."""
        sources = []
        for kind in self.present():
            for name in self.source_for(kind).split(", "):
                if name and name not in sources:
                    sources.append(name)
        self.source = ", ".join(sources)
        dates = [self.as_of_for(k) for k in STATUS_KINDS if getattr(self, k)]
        self.as_of = "" if not dates or not all(dates) else min(dates)


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
    """Every sheet of a workbook (.xlsx, .xls or Excel XML), or the one table of a CSV, as (name, rows)."""
    # Imported here: the workbook readers are needed only to read list files, not to open a project.
    from desktop.core.smelters.list_files import ListFileError, read_table_file

    try:
        return read_table_file(Path(path))
    except ListFileError as error:
        raise ReferenceFileError(str(error)) from error


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


# Header words RMI has used over the years (and in its "facility" wording since 2023), folded
# onto one name each so every form of a list is read the same way.
_HEADER_SYNONYMS = {
    "FACILITY ID": "SMELTER ID",
    "SMELTER/REFINER ID": "SMELTER ID",
    "STANDARD FACILITY NAME": "STANDARD SMELTER NAME",
    "STANDARD SMELTER/REFINER NAME": "STANDARD SMELTER NAME",
    "FACILITY REFERENCE": "SMELTER REFERENCE",
    "COUNTRY LOCATION": "COUNTRY",
    "MINERAL": "METAL",
    "RE-AUDIT IN PROGRESS": "REAUDIT IN PROGRESS",
    "RMAP STATUS": "RMI STATUS",
    "STATE/PROVINCE/REGION": "STATE PROVINCE",
    "STATE/PROVINCE": "STATE PROVINCE",
    "LBMA": "LBMA RG",
    "LBMA RGG": "LBMA RG",
}


def _header_name(value: object) -> str:
    name = re.sub(r"\s*/\s*", "/", cell_text(value).upper())
    return _HEADER_SYNONYMS.get(name, name)


def _header_map(row: list[object]) -> dict[str, int]:
    header: dict[str, int] = {}
    for i, value in enumerate(row):
        name = _header_name(value)
        if name and name not in header:
            header[name] = i
    return header


def _plain(value: object) -> object:
    """A cell as JSON-safe text: dates as ISO, numbers without ".0"; kept in references."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return cell_text(value)


def _records(rows: list[list[object]], header_at: int) -> list[dict]:
    header = _header_map(rows[header_at])
    records = []
    for raw in rows[header_at + 1 :]:
        record = {name: _plain(raw[i] if i < len(raw) else "") for name, i in header.items()}
        if any(record.values()):
            records.append(record)
    return records


def _mostly(rows: list[list[object]], header: dict[str, int], header_at: int, word: str) -> bool:
    """True when most rows' Type column says `word` (how a browser-named download is recognised)."""
    if "TYPE" not in header:
        return False
    column = header["TYPE"]
    types = [re.sub(r"[^a-z]+", " ", cell_text(r[column]).lower()).strip() for r in rows[header_at + 1 :] if len(r) > column]
    types = [t for t in types if t]
    return bool(types) and sum(word in t for t in types) > len(types) / 2


def _kind(name: str, rows: list[list[object]], header_at: int) -> str:
    header = _header_map(rows[header_at])
    name = re.sub(r"[^a-z]+", " ", name.lower())
    if "BASIS FOR REVISION" in header:
        return "revisions"
    if "SMELTER ID" not in header or "METAL" not in header:
        return ""
    if "SMELTER REFERENCE" in header and "RMI STATUS" in header:
        return "full_list"
    if "cross recogni" in name or _mostly(rows, header, header_at, "cross recogni"):
        return "cross_recognized"
    if "LAST AUDIT DATE" in header:
        return "conformant"
    if "STANDARD SMELTER NAME" not in header:
        return ""
    # The Active list has no audit columns; know it by its name or by its Type column.
    if "active" in name.split() or _mostly(rows, header, header_at, "active"):
        return "active"
    if ("LBMA RG" in header or "RJC" in header) and not _mostly(rows, header, header_at, "conformant"):
        return "cross_recognized"  # scheme columns and no RMAP audit dates
    if "SMELTER REFERENCE" in header or "eligible" in name or "reference" in name.split():
        return "full_list"  # RMI's Smelter Reference List: every eligible facility, no status
    return ""


def read_status_lists(paths: list[Path], on_progress=None) -> StatusLists:
    """RMI's facility lists as downloaded: one workbook with several sheets, or one file per list.

    Each file is recognised by its header row, whatever its form (.xlsx, .xls, Excel XML, CSV) or
    name; a file holding no list is refused by name. `on_progress(done, total, file)` is called
    before each file (the UI runs this off its thread: large files take seconds).
    """
    lists = StatusLists()
    found_in: dict[str, list[Path]] = {}
    for number, path in enumerate(paths):
        if on_progress is not None:
            on_progress(number, len(paths), path.name)
        found = False
        for sheet, rows in read_tables(path):
            for header_at in range(min(len(rows), 10)):
                kind = _kind(f"{path.stem} {sheet}", rows, header_at)
                if kind:
                    records = [r for r in _records(rows, header_at) if _is_3tg(r)]
                    getattr(lists, kind).extend(records)
                    found_in.setdefault(kind, []).append(path)
                    found = True
                    break
        if not found:
            raise ReferenceFileError(
                f"{path.name}: no RMI facility list found in it (expected the column headings of RMI's "
                "Conformant, Cross-recognized, Active or Smelter Reference list, or its revision history)."
            )
        lists.files.append(file_record(path, LISTS_ROLE))
    batch_date = _revision_date(lists)
    for kind, files in found_in.items():
        lists.kind_source[kind] = ", ".join(dict.fromkeys(p.name for p in files))
        dates = [batch_date or _name_date(p) for p in files]
        lists.kind_as_of[kind] = max(dates) if all(dates) else ""
    lists.finish()
    return lists


def _is_3tg(record: dict) -> bool:
    return metal_key(cell_text(record.get("METAL", ""))) in METALS


def _revision_date(lists: StatusLists) -> str:
    """The newest revision date RMI wrote in the lists read together, or "".

    Why not the file's modification date: a copy made later would make old data look fresh.
    """
    dates = [iso_date(r.get("REVISION DATE")) for r in lists.revisions]
    return max((d for d in dates if d), default="")


def _name_date(path: Path) -> str:
    """A date in the file name ("conformant_2026-06-01.csv", "lists_2023-01.xlsx"), or ""."""
    match = re.search(r"(20\d\d)-(\d\d)(?:-(\d\d))?", path.name)
    if match:
        return f"{match.group(1)}-{match.group(2)}-{match.group(3) or '01'}"
    return ""


def merge_lists(kept: StatusLists, newer: StatusLists) -> StatusLists:
    """The lists after an update: each kind imported now replaces the kept one; the others stay.

    Revision histories add up (RMI's history is how a removed smelter stays explained), so every
    list ever imported still tells what became of an ID an older CMRT cites.
    """
    merged = StatusLists()
    for kind in LIST_KINDS:
        source = newer if getattr(newer, kind) else kept
        if kind == "revisions":
            continue
        if getattr(source, kind):
            setattr(merged, kind, list(getattr(source, kind)))
            merged.kind_as_of[kind] = source.as_of_for(kind)
            merged.kind_source[kind] = source.source_for(kind)
    seen, history = set(), []
    for record in newer.revisions + kept.revisions:
        signature = tuple(sorted((k, str(v)) for k, v in record.items()))
        if signature not in seen:
            seen.add(signature)
            history.append(record)
    merged.revisions = history
    with_history = [lists for lists in (newer, kept) if lists.revisions]
    if with_history:
        merged.kind_as_of["revisions"] = max(lists.as_of_for("revisions") for lists in with_history)
        merged.kind_source["revisions"] = ", ".join(dict.fromkeys(lists.source_for("revisions") for lists in with_history))
    used = {name for kind in merged.present() for name in merged.source_for(kind).split(", ")}
    merged.files = [f for f in newer.files + kept.files if f.get("file") in used]
    merged.files = list({f["sha256"]: f for f in merged.files}.values())
    merged.finish()
    return merged


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
