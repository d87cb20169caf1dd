"""RMI's status labels, old and new, folded onto the words an Annex A uses."""

from __future__ import annotations

import pytest

from desktop.core.smelters.statuses import (
    ACTIVE,
    CONFORMANT,
    CROSS_RECOGNIZED,
    NOT_ENROLLED,
    REMOVED,
    UNKNOWN,
    filing_status,
    is_conformant_or_active,
)


@pytest.mark.parametrize(
    ("label", "word"),
    [
        ("Conformant", CONFORMANT),
        ("Compliant", CONFORMANT),  # CFSI era: Juniper 2016 Appendix A
        ("Re-audit in progress", CONFORMANT),  # counted as Conformant by Juniper 2021
        ("Active", ACTIVE),
        ("Non Conformant", NOT_ENROLLED),  # RMI full list, January 2023
        ("Non-Conformant", NOT_ENROLLED),
        ("Outreach Required", NOT_ENROLLED),
        ("Communication Suspended - Not Interested", NOT_ENROLLED),
        ("RMI Due Diligence Review - Unable to Proceed", NOT_ENROLLED),
        ("Suspended", NOT_ENROLLED),
        ("", NOT_ENROLLED),
        # RMI today (facilities-lists page) and the vocabulary over time (cmrt-checks.md section 4).
        ("Cross-Recognized", CROSS_RECOGNIZED),
        ("Cross Recognised", CROSS_RECOGNIZED),
        ("LBMA RG", CROSS_RECOGNIZED),
        ("RMAP Conformant", CONFORMANT),
        ("CFSP Compliant", CONFORMANT),
        ("CFSP Active", ACTIVE),
        ("Eligible", NOT_ENROLLED),  # RMI's word for "can be assessed": not a conformance claim
        ("Extended Corrective Action Plan", NOT_ENROLLED),  # found non-conformant: never counted better
        ("In Communication", NOT_ENROLLED),
        ("Removed", REMOVED),
        ("Unknown", UNKNOWN),  # older reports' word; not a known status
        ("Smelter not listed", UNKNOWN),
    ],
)
def test_labels_of_known_smelters(label, word):
    assert filing_status(label) == word


def test_a_smelter_rmi_does_not_know_is_unknown():
    assert filing_status("", known=False) == UNKNOWN
    assert filing_status("Conformant", known=False) == CONFORMANT


def test_cross_recognized_counts_with_conformant_and_nothing_else_does():
    assert is_conformant_or_active(CROSS_RECOGNIZED)
    assert not any(is_conformant_or_active(s) for s in (NOT_ENROLLED, REMOVED, UNKNOWN))
