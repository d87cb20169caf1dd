"""The smelter reference: RMI's known smelters, their aliases, legacy IDs and RMAP statuses.

Stored as one gzip'd JSON file of plain facts (no formulas). The shipped copy lives in
`resources/smelters/`; an update imported by the user goes to `data_dir()/reference/` and wins.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from desktop.core import paths
from desktop.core.atomic import atomic_target
from desktop.core.smelters.names import is_covered_country, metal_key, name_key
from desktop.core.smelters.statuses import UNKNOWN

REFERENCE_FILE = "smelter-reference.json.gz"
FORMAT_VERSION = 1
STALE_AFTER_DAYS = 365


@dataclass
class Smelter:
    """One RMI smelter or refiner for one metal, with its status as of a stated date."""

    metal: str
    cid: str
    name: str  # RMI standard smelter name
    country: str  # CMRT country-list spelling, upper case
    city: str = ""
    state: str = ""
    status: str = UNKNOWN  # filing vocabulary (statuses.FILING_STATUSES)
    status_label: str = ""  # RMI's own words, e.g. "Non Conformant", "Outreach Required"
    status_source: str = ""  # which list said so
    status_as_of: str = ""  # ISO date of that list
    last_audit_date: str = ""  # ISO date, Conformant list only
    audit_cycle: str = ""
    reaudit_in_progress: bool = False
    in_lookup: bool = True  # listed in the CMRT Smelter Look-up the reference was built from
    removed: str = ""  # RMI's reason when it took the smelter off its list
    cross_recognition: str = ""  # schemes RMI cross-recognizes for it, e.g. "LBMA RG, RJC"

    @property
    def covered_country(self) -> bool:
        return is_covered_country(self.country)


@dataclass(frozen=True)
class Alias:
    """A name suppliers use for a smelter (the Look-up's column B, or an older standard name)."""

    metal: str
    name: str
    cid: str
    source: str = ""


@dataclass
class SmelterReference:
    smelters: dict[tuple[str, str], Smelter] = field(default_factory=dict)  # (metal, cid)
    aliases: list[Alias] = field(default_factory=list)
    legacy_ids: dict[str, str] = field(default_factory=dict)  # "2BOL010" -> "CID000438"
    lookup_source: str = ""  # e.g. "RMI_CMRT_6.5.xlsx Smelter Look-up"
    lookup_as_of: str = ""  # the template's release date
    status_source: str = ""
    status_as_of: str = ""  # ISO date of the newest status list
    revisions: list[dict] = field(default_factory=list)  # RMI's revision history, as rows
    # The files the reference was built from: [{"file": name, "sha256": hex, "role": ...}], so a
    # project's snapshot says exactly which RMI lists its statuses came from.
    sources: list[dict] = field(default_factory=list)
    # RMI's facility lists as read (sources.StatusLists.to_json): an update of one list keeps the
    # others, and revision histories of every list imported add up.
    lists: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        # Why indexes: 50,000 supplier rows per project must match in well under a second.
        self.by_cid: dict[str, list[Smelter]] = {}
        for smelter in self.smelters.values():
            self.by_cid.setdefault(smelter.cid, []).append(smelter)
        self.by_alias: dict[tuple[str, str], str] = {}
        self.by_key: dict[tuple[str, str], set[str]] = {}
        for smelter in self.smelters.values():
            self.by_alias.setdefault((smelter.metal, _fold(smelter.name)), smelter.cid)
            self.by_key.setdefault((smelter.metal, name_key(smelter.name)), set()).add(smelter.cid)
        for alias in self.aliases:
            if (alias.metal, alias.cid) not in self.smelters:
                continue
            self.by_alias.setdefault((alias.metal, _fold(alias.name)), alias.cid)
            self.by_key.setdefault((alias.metal, name_key(alias.name)), set()).add(alias.cid)
        self.keys_by_metal: dict[str, list[str]] = {}
        for metal, key in self.by_key:
            if key:
                self.keys_by_metal.setdefault(metal, []).append(key)

    @cached_property
    def removals(self):
        """RMI's removals by CID and by name (desktop.core.smelters.removals), built on first use."""
        from desktop.core.smelters.removals import RemovalIndex  # it reads this class's fields

        return RemovalIndex(self)

    def smelter(self, metal: str, cid: str) -> Smelter | None:
        return self.smelters.get((metal_key(metal), cid))

    def alias_cid(self, metal: str, name: str) -> str | None:
        return self.by_alias.get((metal_key(metal), _fold(name)))

    def status_is_stale(self, today: date) -> bool:
        return status_is_stale(self.status_as_of, today)

    def stale_warning(self, today: date) -> str:
        """A sentence for the UI and the exports, or "" when the statuses are recent enough."""
        if not self.status_is_stale(today):
            return ""
        when = self.status_as_of or "an unknown date"
        return (
            f"Smelter statuses are as of {when}, more than 12 months ago. Import RMI's current "
            "facility lists before filing."
        )


def _fold(name: str) -> str:
    """Exact-match form of a look-up name: case and spacing only, nothing else forgiven."""
    return " ".join(str(name or "").split()).casefold()


def status_is_stale(as_of: str, today: date) -> bool:
    if not as_of:
        return True
    return (today - date.fromisoformat(as_of[:10])).days > STALE_AFTER_DAYS


def shipped_reference_path() -> Path:
    return paths.resource_path("smelters", REFERENCE_FILE)


def user_reference_dir() -> Path:
    return paths.data_dir() / "reference"


def load_reference(path: str | os.PathLike | None = None) -> SmelterReference:
    """The user's updated reference if there is one, else the shipped one (or the file given)."""
    if path is None:
        path = reference_in_force_path()
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise ValueError(f"{path}: the smelter reference cannot be read ({error}).") from error
    return reference_from_bytes(raw, str(path))


def reference_in_force_path() -> Path:
    """The app-wide reference new projects start from: the user's update, else the shipped one."""
    user_copy = user_reference_dir() / REFERENCE_FILE
    return user_copy if user_copy.is_file() else shipped_reference_path()


def reference_from_bytes(raw: bytes, where: str = "the smelter reference") -> SmelterReference:
    """A reference from its stored form (gzip'd JSON), as kept in a file or in a project."""
    try:
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, EOFError, ValueError) as error:
        raise ValueError(f"{where}: the smelter reference cannot be read ({error}).") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        raise ValueError(f"{where}: not a smelter reference this version can read.")
    smelters = {}
    for row in data["smelters"]:
        smelter = Smelter(**row)
        smelters[(smelter.metal, smelter.cid)] = smelter
    return SmelterReference(
        smelters=smelters,
        aliases=[Alias(*row) for row in data["aliases"]],
        legacy_ids=dict(data["legacy_ids"]),
        lookup_source=data["lookup_source"],
        lookup_as_of=data["lookup_as_of"],
        status_source=data["status_source"],
        status_as_of=data["status_as_of"],
        revisions=list(data["revisions"]),
        sources=list(data.get("sources", [])),  # absent in references written before snapshots
        lists=dict(data.get("lists", {})),
    )


def reference_to_bytes(reference: SmelterReference) -> bytes:
    """The stored form: the same facts always give the same bytes (so their SHA-256 is stable)."""
    data = {
        "format": FORMAT_VERSION,
        "lookup_source": reference.lookup_source,
        "lookup_as_of": reference.lookup_as_of,
        "status_source": reference.status_source,
        "status_as_of": reference.status_as_of,
        "sources": reference.sources,
        "smelters": [asdict(s) for s in sorted(reference.smelters.values(), key=_order)],
        "aliases": [[a.metal, a.name, a.cid, a.source] for a in reference.aliases],
        "legacy_ids": dict(sorted(reference.legacy_ids.items())),
        "revisions": reference.revisions,
        "lists": reference.lists,
    }
    buffer = io.BytesIO()
    # mtime=0 keeps the shipped file byte-identical when rebuilt from the same sources.
    with gzip.GzipFile(filename="", fileobj=buffer, mode="wb", mtime=0) as zipped:
        zipped.write(json.dumps(data, ensure_ascii=False, indent=0).encode("utf-8"))
    return buffer.getvalue()


def save_reference(reference: SmelterReference, path: str | os.PathLike) -> Path:
    """Write atomically (temp file then rename), so a crash never leaves half a reference."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = reference_to_bytes(reference)
    with atomic_target(path) as temp:
        Path(temp).write_bytes(raw)
    return path


def _order(smelter: Smelter) -> tuple[str, str]:
    return (smelter.metal, smelter.cid)
