"""RMI's status labels, old and new, folded onto the words an Annex A uses."""

from __future__ import annotations

import pytest

from desktop.core.smelters.statuses import ACTIVE, CONFORMANT, NOT_ENROLLED, UNKNOWN, filing_status


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
    ],
)
def test_labels_of_known_smelters(label, word):
    assert filing_status(label) == word


def test_a_smelter_rmi_does_not_know_is_unknown():
    assert filing_status("", known=False) == UNKNOWN
    assert filing_status("Conformant", known=False) == CONFORMANT
