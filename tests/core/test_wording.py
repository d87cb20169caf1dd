"""The forbidden-phrase check of desktop.core.filing.wording."""

from __future__ import annotations

import pytest

from desktop.core.filing.wording import ForbiddenWording, check_wording, conflict_free_claims, wording_problems

# Claims that products or the company are conflict free: refused unless an audit (IPSA) is recorded.
CLAIMS = [
    "All products are DRC conflict free.",
    "DRC conflict-free products",
    "drc  conflict\nfree",
    "DRC “conflict free”",
    "Our products are conflict-free.",
    "Our products are conflict free.",
    "Our products are conflictfree.",
    "Our products are CONFLICT-FREE.",
    "Our products are “DRC conflict‐free.”",  # U+2010 hyphen
    "Our products are 'DRC–conflict–free'.",  # en dashes
    "Our products are DRC-conflict-free.",
    "Our products are conflict\u00a0free.",  # no-break space
    "Our products are conflict - free.",
    "Our products are D.R.C. conflict free.",
    "We are a conflict-free company.",
    "Acme Instruments, Inc. is conflict free.",
    "The Company is DRC Conflict Free.",
    "We offer conflict-free products to our customers.",
    "Our flow meters are free of conflict minerals.",
    "Our products are free from conflict minerals.",
    "Every product we ship is conflict mineral free.",
    "Our products are conflict-minerals-free.",
    "Our supply chain is conflict free.",
    "We certify that our products are DRC conflict free.",
    "We have not completed an audit, but our products are conflict free.",
    "We did not receive every answer; however, all of our products are conflict-free.",
    "We are committed to responsible sourcing, and all our products are conflict free.",
    "Our products are not only conflict free but also recycled.",
    "Our products, which contain no tin, are conflict free.",
    "We believe our products are DRC conflict free.",
]

# Disclaimers, goals, questions and names of programs: allowed without an audit.
ALLOWED = [
    "We have not determined that any of our products are 'DRC conflict free'.",  # Juniper 2016
    "However, given that we have received insufficient information with respect to certain smelters and "
    "refiners that may have processed 3TG in our products, we have not determined that any of our "
    "products are \"DRC conflict-free.\"",  # Juniper 2021
    "However, Juniper could not conclude that any of its in-scope products were “DRC conflict free.”",
    "We do not claim that our products are conflict free.",
    "We make no claim that any product is DRC conflict-free.",
    "None of our products is described as conflict free in this Report.",
    "Nothing in this Report means that our products are DRC conflict free.",
    "We are unable to say that our products are conflict-free.",
    "We cannot state that our products are free of conflict minerals.",
    "Our products are never labelled conflict free.",
    "We don’t describe our products as conflict free.",
    "We neither state nor imply that our products are conflict-free.",
    "This Report does not say that our products are DRC conflict free, because no audit was obtained.",
    "Our goal is a conflict-free supply chain.",
    "Our policy states our commitment to achieve a conflict-free supply chain.",
    "We encourage our suppliers to purchase materials from audited, conflict-free smelters.",  # Inogen 2019
    "We determined whether the smelters were validated as conflict-free by the RMAP.",  # Inogen 2019
    "The smelter is presently undergoing a re-audit to determine if it is conflict free.",
    "We strive to source only conflict-free minerals.",
    "We intend to move toward conflict-free sourcing over the next two years.",
    "We ask suppliers to source from conflict-free smelters and refiners.",
    "through our membership in the Conflict-Free Sourcing Initiative (“CFSI”)",  # Juniper 2016
    "to encourage their participation in CFSI’s Conflict-Free Smelter Program (“CFSP”)",  # Juniper 2016
    "We follow the World Gold Council's Conflict-Free Gold Standard.",
    "We have a conflict free sourcing policy.",
    "Conflict minerals from the DRC and adjoining countries; conflict-affected and high-risk areas.",
    "Of the 42 known tantalum smelters, 39 (93%) were Conformant.",
    "We have not yet been able to determine whether our products are free of conflict minerals.",
]


def test_the_tables_are_large_enough():
    assert len(CLAIMS) >= 25 and len(ALLOWED) >= 25


@pytest.mark.parametrize("text", CLAIMS)
def test_a_conflict_free_claim_needs_an_audit(text):
    problems = wording_problems(text, ipsa_recorded=False)
    assert len(problems) == 1, problems
    assert "independent private sector audit" in problems[0].reason
    assert "disclaimer" in problems[0].reason  # the message says how to reword it
    assert wording_problems(text, ipsa_recorded=True) == []


@pytest.mark.parametrize("text", ALLOWED)
def test_disclaimers_goals_and_program_names_pass(text):
    assert conflict_free_claims(text) == []
    assert wording_problems(text, ipsa_recorded=False) == []
    check_wording(text, ipsa_recorded=False)


def test_a_claim_after_a_disclaimer_is_still_found():
    text = "We have not determined that any product is DRC conflict free. Our cables are conflict-free."
    problems = wording_problems(text, ipsa_recorded=False)
    assert [p.phrase for p in problems] == ["conflict-free"]
    assert text[problems[0].position:].startswith("conflict-free.")


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


def test_not_found_is_reported_once_not_twice():
    problems = wording_problems("Products not found to be DRC conflict free.", ipsa_recorded=False)
    assert len(problems) == 1 and "NAM v. SEC" in problems[0].reason


def test_message_names_every_phrase_in_order():
    text = "A is DRC conflict undeterminable. B is DRC conflict free."
    with pytest.raises(ForbiddenWording) as raised:
        check_wording(text, ipsa_recorded=False)
    phrases = [p.phrase for p in raised.value.problems]
    assert phrases == ["DRC conflict undeterminable", "DRC conflict free"]
    assert "expired" in str(raised.value)
