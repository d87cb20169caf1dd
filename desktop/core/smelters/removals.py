"""Smelters RMI took off its list, from the revision history the reference already holds.

A supplier may name a smelter RMI removed, with or without its ID ("Cabot Corporation"
CID000564, removed in 2014 with "Facility-level reporting, see Smelter IDs: CID002558;
CID002557"). Saying "no smelter matches" would be wrong (issue 11): the reason is RMI's, with the
date, and the smelters RMI points to are offered first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.smelters.names import name_key


@dataclass(frozen=True)
class Removal:
    metal: str
    cid: str
    name: str  # the name RMI last gave it
    country: str
    date: str  # ISO date of RMI's revision, "" when unknown
    reason: str  # RMI's words
    successors: tuple[str, ...] = ()  # the CIDs RMI points to, in RMI's order

    def sentence(self, names_of: dict[str, str] | None = None) -> str:
        """'Removed by RMI on 2014-07-11: REASON; RMI points to X (CID...).'"""
        when = f" on {self.date}" if self.date else ""
        reason = self.reason
        if self.successors:  # "Facility-level reporting, see Smelter IDs: ..." names them below
            reason = re.split(r",?\s*see (new )?Smelter IDs?:", reason, flags=re.IGNORECASE)[0]
        text = f"Removed by RMI{when}: {reason.strip().rstrip('.')}"
        if self.successors:
            named = [f"{(names_of or {}).get(c, '')} ({c})".strip() for c in self.successors]
            text += "; RMI points to " + _join(named)
        return text + "."


def _latest_revisions(revisions: list[dict]) -> list[dict]:
    """Each smelter's newest revision: RMI re-adds some it removed (PT Belitung Industri
    Sejahtera, CID001421: removed 2019, "Returned to operations" 2021), and those are not removed."""
    latest: dict[tuple[str, str], dict] = {}
    for revision in revisions:
        key = (revision.get("metal", ""), revision.get("cid", ""))
        if key not in latest or str(revision.get("revision_date", "")) >= str(latest[key].get("revision_date", "")):
            latest[key] = revision
    return list(latest.values())


class RemovalIndex:
    """Removals by CID and by (metal, normalised name); built once per reference."""

    def __init__(self, reference) -> None:
        self.by_cid: dict[tuple[str, str], Removal] = {}
        self.by_key: dict[tuple[str, str], list[Removal]] = {}
        for revision in _latest_revisions(reference.revisions):
            if str(revision.get("basis", "")).strip().lower() != "removed":
                continue
            metal, cid = revision["metal"], revision["cid"]
            successors = tuple(
                c for c in dict.fromkeys(re.findall(r"CID\d{6}", revision.get("details", "")))
                if (metal, c) in reference.smelters and c != cid
            )
            removal = Removal(
                metal, cid, revision.get("name", ""), revision.get("country", ""),
                revision.get("revision_date", ""), revision.get("details", "").strip(), successors,
            )
            self._add(removal, [removal.name])
        # Smelters still in the reference but marked removed, with their aliases.
        for smelter in reference.smelters.values():
            if smelter.removed and (smelter.metal, smelter.cid) not in self.by_cid:
                removal = Removal(smelter.metal, smelter.cid, smelter.name, smelter.country, "", smelter.removed)
                self._add(removal, [smelter.name])
        for alias in reference.aliases:
            removal = self.by_cid.get((alias.metal, alias.cid))
            if removal is not None:
                self._add(removal, [alias.name])

    def _add(self, removal: Removal, names: list[str]) -> None:
        self.by_cid.setdefault((removal.metal, removal.cid), removal)
        for name in names:
            key = name_key(name)
            found = self.by_key.setdefault((removal.metal, key), []) if key else []
            if key and removal not in found:
                found.append(removal)

    def of(self, metal: str, cid: str) -> Removal | None:
        return self.by_cid.get((metal, cid))

    def any_metal(self, cid: str) -> Removal | None:
        return next((r for (_metal, c), r in self.by_cid.items() if c == cid), None)

    def named(self, metal: str, names: list[str]) -> list[Removal]:
        """Removed smelters of this metal whose name or alias is one of `names` (normalised)."""
        found: list[Removal] = []
        for name in names:
            for removal in self.by_key.get((metal, name_key(name)), ()):
                if removal not in found:
                    found.append(removal)
        return found


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
