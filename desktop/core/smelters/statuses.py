"""RMI's many status labels, folded onto the four words an Annex A uses."""

from __future__ import annotations

import re

CONFORMANT = "Conformant"
ACTIVE = "Active"
NOT_ENROLLED = "Not Enrolled"  # known to RMI (in the Smelter Look-up) but not in the RMAP
UNKNOWN = "Unknown"  # not a known smelter
FILING_STATUSES = (CONFORMANT, ACTIVE, NOT_ENROLLED, UNKNOWN)

# Older filings say "Compliant" (CFSI era, Juniper 2016); RMI's lists say "Re-audit in progress"
# for conformant smelters under re-audit (Juniper 2021 Appendix A counts them as Conformant).
_CONFORMANT_LABELS = {"conformant", "compliant", "reaudit in progress", "re audit in progress"}
_ACTIVE_LABELS = {"active"}


def filing_status(label: str, known: bool = True) -> str:
    """The filing word for an RMI label; anything else is Not Enrolled when RMI knows the smelter.

    Non-Conformant, Suspended, Communication suspended, Outreach required, In communication and
    "Due diligence review - unable to proceed" all mean "not in the RMAP" for Annex A purposes;
    the original label is kept beside the filing word so nothing is lost.
    """
    word = re.sub(r"[^a-z]+", " ", str(label or "").lower()).strip()
    if word in _CONFORMANT_LABELS:
        return CONFORMANT
    if word in _ACTIVE_LABELS:
        return ACTIVE
    return NOT_ENROLLED if known else UNKNOWN


def is_conformant_or_active(status: str) -> bool:
    return status in (CONFORMANT, ACTIVE)
