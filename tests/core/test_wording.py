"""The forbidden-phrase check of desktop.core.wording."""

from __future__ import annotations

import pytest

from desktop.core.wording import ForbiddenWording, check_wording, wording_problems


@pytest.mark.parametrize(
    "text",
    [
        "Our products are DRC conflict undeterminable.",
        "Products were DRC Conflict-Undeterminable in 2014.",
        "Our products have not been found to be DRC conflict free.",
        "They are not found to be “DRC conflict-free”.",
    ],
)
def test_always_forbidden_even_with_an_audit(text):
    assert wording_problems(text, ipsa_recorded=True)
    with pytest.raises(ForbiddenWording):
        check_wording(text, ipsa_recorded=True)


@pytest.mark.parametrize(
    "text",
    ["All products are DRC conflict free.", "DRC conflict-free products", "drc  conflict\nfree", "DRC “conflict free”"],
)
def test_conflict_free_needs_an_audit(text):
    problems = wording_problems(text, ipsa_recorded=False)
    assert len(problems) == 1
    assert "independent private sector audit" in problems[0].reason
    assert wording_problems(text, ipsa_recorded=True) == []


def test_not_found_is_reported_once_not_twice():
    problems = wording_problems("Products not found to be DRC conflict free.", ipsa_recorded=False)
    assert len(problems) == 1 and "NAM v. SEC" in problems[0].reason


def test_ordinary_wording_passes():
    text = (
        "Of the 42 known tantalum smelters, 39 (93%) were Conformant. Conflict minerals from the DRC "
        "and adjoining countries; conflict-affected and high-risk areas; a conflict free sourcing policy."
    )
    assert wording_problems(text, ipsa_recorded=False) == []
    check_wording(text, ipsa_recorded=False)


def test_message_names_every_phrase_in_order():
    text = "A is DRC conflict undeterminable. B is DRC conflict free."
    with pytest.raises(ForbiddenWording) as raised:
        check_wording(text, ipsa_recorded=False)
    phrases = [p.phrase for p in raised.value.problems]
    assert phrases == ["DRC conflict undeterminable", "DRC conflict free"]
    assert "expired" in str(raised.value)
