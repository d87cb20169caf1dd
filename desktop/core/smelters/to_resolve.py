"""Which unresolved smelter rows still wait for the user: one count for every step that shows it.

The Smelter review step and the Export step both say how many are left; they count here, so they
never disagree (issue 15: "24 to resolve" beside "25 unmatched").
"""

from __future__ import annotations

from typing import Iterable

from desktop.core.smelters.matching import DECISION
from desktop.core.smelters.rollup import UnresolvedRow


def is_decided(entry: UnresolvedRow) -> bool:
    """True once the user said "not a smelter" or "leave unknown" (listed still, so it can be undone)."""
    return entry.left_unknown or any(r.match.method == DECISION for r in entry.rows)


def still_to_resolve(unresolved: Iterable[UnresolvedRow]) -> list[UnresolvedRow]:
    return [entry for entry in unresolved if not is_decided(entry)]
