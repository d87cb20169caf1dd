"""The user's decisions about smelter rows, as plain rows the project store can keep.

Nothing here touches a database: the project store (desktop.core.project) saves and loads these
dataclasses; matching and roll-up take them as lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from desktop.core.cmrt.model import SmelterRow
from desktop.core.smelters.names import country_key, metal_key, name_key, smelter_id_key
from desktop.core.smelters.statuses import FILING_STATUSES

SPECIAL_NAMES = ("smelter not listed", "smelter not yet identified")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def row_name(row: SmelterRow) -> str:
    """The name a supplier meant: column C, unless it is a special choice, then column D."""
    lookup = row.lookup_name.strip()
    if lookup and lookup.lower() not in SPECIAL_NAMES:
        return lookup
    return row.name.strip() or lookup


def decision_key(metal: str, raw_name: str, raw_country: str, raw_id: str) -> str:
    """The same smelter written by any supplier: metal, folded name and country.

    The ID is left out when there is a name (issue 11: rows with a pasted CID and rows without
    one made two decisions for one smelter); a row with no name is known by its ID alone.
    """
    name = name_key(raw_name)
    parts = (metal_key(metal), name, country_key(raw_country))
    return "|".join(parts if name else parts + (smelter_id_key(raw_id),))


def row_key(row: SmelterRow) -> str:
    return decision_key(row.metal, row_name(row), row.country, row.smelter_id or row.looked_up_id)


def stored_keys(row: SmelterRow) -> tuple[str, ...]:
    """Every key a decision about this row may be stored under: today's, and the one projects
    saved before issue 11 (metal, name, country and ID), so undo finds both."""
    old = "|".join((
        metal_key(row.metal), name_key(row_name(row)), country_key(row.country),
        smelter_id_key(row.smelter_id or row.looked_up_id),
    ))
    return tuple(dict.fromkeys((row_key(row), old)))


@dataclass
class MatchDecision:
    """"This row is CID001234" or "this is not a smelter", said once and applied to later imports."""

    metal: str
    raw_name: str
    raw_country: str
    raw_id: str
    cid: str | None
    not_a_smelter: bool = False
    note: str = ""
    decided_by: str = ""
    decided_at: str = ""  # ISO date-time

    def __post_init__(self) -> None:
        if not self.cid and not self.not_a_smelter:
            raise ValueError("A smelter decision needs a smelter ID or 'not a smelter'.")
        if self.cid:
            self.cid = smelter_id_key(self.cid) or self.cid
        self.decided_at = self.decided_at or now_iso()

    @property
    def key(self) -> str:
        return decision_key(self.metal, self.raw_name, self.raw_country, self.raw_id)

    @classmethod
    def for_row(cls, row: SmelterRow, cid: str | None, **details) -> "MatchDecision":
        return cls(
            metal_key(row.metal), row_name(row), row.country, row.smelter_id or row.looked_up_id,
            cid, **details,
        )


@dataclass
class SmelterOverride:
    """A status override or an exclusion from Annex A; only ever with a note saying why."""

    metal: str
    cid: str
    status: str | None  # one of statuses.FILING_STATUSES, or None to keep RMI's
    exclude_from_annex: bool = False
    note: str = ""
    decided_by: str = ""
    decided_at: str = ""

    def __post_init__(self) -> None:
        if not self.note.strip():
            raise ValueError(
                f"{self.metal} {self.cid}: an override or exclusion needs a note saying why."
            )
        if self.status is not None and self.status not in FILING_STATUSES:
            raise ValueError(f"{self.cid}: '{self.status}' is not a filing status.")
        self.metal = metal_key(self.metal)
        self.cid = smelter_id_key(self.cid) or self.cid
        self.decided_at = self.decided_at or now_iso()
