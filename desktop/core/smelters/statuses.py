"""RMI's status words, old and new, folded onto the words the app and Annex A use.

RMI today publishes Conformant, Active, Cross-recognized (assessed under a scheme RMI recognises,
such as LBMA Responsible Gold or RJC) and Eligible facilities, and removes facilities from its lists
with a reason. Older reports said Compliant (CFSI era) and Unknown. See ../shared/domain/sec-rule.md
section 7 and cmrt-checks.md section 4 for the vocabulary over time.

Decision (issue 11): **Cross-recognized counts with Conformant** in every figure ("Conformant or
Active"). RMI lists cross-recognized refiners among its conformant facilities and the CMRT treats
them alike: their sourcing was assessed by an independent third party under a standard RMI found
equivalent. The word stays visible (table, chips, chart, Annex A) so a reader sees which smelters
rest on another scheme, and the Annex A definitions say they are counted with Conformant.
"""

from __future__ import annotations

import re

CONFORMANT = "Conformant"
CROSS_RECOGNIZED = "Cross-recognized"
ACTIVE = "Active"
# Known to RMI (in the look-up or its lists; RMI's word today is "Eligible") but in no assessment.
NOT_ENROLLED = "Not Enrolled"
REMOVED = "Removed"  # RMI took the smelter off its lists (closed, not a smelter, merged...)
UNKNOWN = "Unknown"  # not a known smelter
FILING_STATUSES = (CONFORMANT, CROSS_RECOGNIZED, ACTIVE, NOT_ENROLLED, REMOVED, UNKNOWN)

# Statuses counted in "Conformant or Active" figures (see the decision above).
COUNTED_AS_CONFORMANT = (CONFORMANT, CROSS_RECOGNIZED)
CONFORMANT_OR_ACTIVE = (CONFORMANT, CROSS_RECOGNIZED, ACTIVE)

# Older filings say "Compliant" (CFSI era, Juniper 2016); RMI's lists say "Re-audit in progress"
# for conformant smelters under re-audit (Juniper 2021 Appendix A counts them as Conformant).
_CONFORMANT_LABELS = {
    "conformant", "compliant", "rmap conformant", "cfsp compliant", "cfsi compliant",
    "reaudit in progress", "re audit in progress", "conformant re audit in progress",
}
_CROSS_LABELS = {"cross recognized", "cross recognised", "cross recognition", "lbma", "lbma rg", "rjc"}
_ACTIVE_LABELS = {"active", "rmap active", "cfsp active", "re assessment in progress"}
_REMOVED_LABELS = {"removed", "removed by rmi", "no longer operating"}
_UNKNOWN_LABELS = {"unknown", "smelter not listed", "smelter not yet identified", "not listed"}


def filing_status(label: str, known: bool = True) -> str:
    """The app's word for an RMI label; anything else is Not Enrolled when RMI knows the smelter.

    Eligible, Non-Conformant, Extended Corrective Action Plan, Suspended, Communication suspended,
    Outreach required, In communication and "Due diligence review - unable to proceed" all mean
    "not Conformant or Active" for Annex A purposes (never counted as the better status: an ECAP
    facility was found non-conformant); the original label is kept beside the word.
    """
    word = re.sub(r"[^a-z]+", " ", str(label or "").lower()).strip()
    if word in _CONFORMANT_LABELS:
        return CONFORMANT
    if word in _CROSS_LABELS:
        return CROSS_RECOGNIZED
    if word in _ACTIVE_LABELS:
        return ACTIVE
    if word in _REMOVED_LABELS:
        return REMOVED
    if word in _UNKNOWN_LABELS:
        return UNKNOWN
    return NOT_ENROLLED if known else UNKNOWN


def is_conformant_or_active(status: str) -> bool:
    return status in CONFORMANT_OR_ACTIVE
