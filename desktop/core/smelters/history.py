"""What RMI's revision history says became of a smelter: removed when, why, and what it points to.

The history is the union of the "Revisions History" of every RMI list imported (and the shipped
one), kept in `SmelterReference.revisions`, so a CID or name from an older CMRT is still explained:
"removed by RMI on 2014-07-11: Facility-level reporting, see Smelter IDs: CID002558; CID002557;
RMI points to CID002558, CID002557".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.smelters.names import metal_key, name_key
from desktop.core.smelters.reference import SmelterReference

_CID = re.compile(r"CID\d{6}")


@dataclass(frozen=True)
class Removal:
    """RMI's latest word on a smelter it took off its lists."""

    metal: str
    cid: str
    name: str  # the name RMI gave it in the history
    country: str
    date: str  # ISO date of the revision, "" when RMI gave none
    reason: str  # RMI's "Details" column, as written
    successors: tuple[str, ...] = ()  # the CIDs RMI points to, in RMI's order

    def sentence(self) -> str:
        text = f"removed by RMI on {self.date or 'an unknown date'}: {self.reason or 'no reason given'}"
        if self.successors:
            text += "; RMI points to " + ", ".join(self.successors)
        return text


def removal(reference: SmelterReference, metal: str, cid: str) -> Removal | None:
    """The removal of (metal, CID) when RMI's latest revision of it is "Removed", else None.

    A smelter removed and later re-added ("Returned to operations") is not removed.
    """
    metal = metal_key(metal)
    latest = None
    for row in reference.revisions:
        if row.get("cid") == cid and (not metal or row.get("metal") == metal):
            if latest is None or row.get("revision_date", "") >= latest.get("revision_date", ""):
                latest = row
    if latest is None or latest.get("basis", "").lower() != "removed":
        return None
    return _removal(latest, reference)


def removals_named(reference: SmelterReference, metal: str, name: str) -> list[Removal]:
    """Removed smelters of `metal` whose name in RMI's history matches `name` (same name key)."""
    wanted = name_key(name)
    if not wanted:
        return []
    found, seen = [], set()
    for row in reference.revisions:
        if row.get("metal") == metal_key(metal) and name_key(row.get("name", "")) == wanted and row["cid"] not in seen:
            seen.add(row["cid"])
            gone = removal(reference, metal, row["cid"])
            if gone is not None:
                found.append(gone)
    return found


def _removal(row: dict, reference: SmelterReference) -> Removal:
    details = row.get("details", "")
    # Only CIDs the reference knows are offered as successors: a CID RMI mistyped leads nowhere.
    successors = tuple(dict.fromkeys(c for c in _CID.findall(details) if c in reference.by_cid and c != row["cid"]))
    return Removal(
        row.get("metal", ""), row["cid"], row.get("name", ""), row.get("country", ""),
        row.get("revision_date", ""), details, successors,
    )
