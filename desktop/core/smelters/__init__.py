"""Smelter reference data, matching of supplier smelter rows, and the roll-up behind Annex A.

Pure Python (no Qt). The public names below are what the UI, the project store and the exports
call; everything else in the package is detail.
"""

from desktop.core.smelters.decisions import MatchDecision, SmelterOverride, decision_key, row_key
from desktop.core.smelters.matching import Candidate, Match, match_row
from desktop.core.smelters.reference import Alias, Smelter, SmelterReference, load_reference
from desktop.core.smelters.rollup import AnnexRow, Rollup, RolledSmelter, UnresolvedRow, rollup
from desktop.core.smelters.sources import ReferenceFileError
from desktop.core.smelters.statuses import (
    ACTIVE,
    CONFORMANT,
    CROSS_RECOGNIZED,
    FILING_STATUSES,
    NOT_ENROLLED,
    REMOVED,
    UNKNOWN,
)
from desktop.core.smelters.summary import MetalSummary, Summary
from desktop.core.smelters.update import (
    ReferenceDiff,
    apply_reference_update,
    preview_reference_update,
    previous_references,
    restore_reference,
)

__all__ = [
    "ACTIVE", "CONFORMANT", "CROSS_RECOGNIZED", "FILING_STATUSES", "NOT_ENROLLED", "REMOVED", "UNKNOWN",
    "Alias", "AnnexRow", "Candidate", "Match", "MatchDecision", "MetalSummary", "ReferenceDiff",
    "ReferenceFileError", "Rollup", "RolledSmelter", "Smelter", "SmelterOverride",
    "SmelterReference", "Summary", "UnresolvedRow", "apply_reference_update", "decision_key",
    "load_reference", "match_row", "preview_reference_update", "previous_references", "restore_reference", "rollup",
    "row_key",
]
