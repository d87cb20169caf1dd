"""Instruction 3 to Item 1.01 of Form SD: products of a recently acquired business.

An issuer that acquires a company which manufactures (or contracts to manufacture) products with
necessary 3TG, and which was not previously obligated to report under Rule 13p-1, may leave those
products out until the first calendar year that begins no sooner than eight months after the
acquisition's effective date (domain/sec-rule.md section 5; Leggett & Platt 2023, Juniper 2016).
The app computes this from the date; it never assumes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

TRANSITION_MONTHS = 8


def months_later(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def first_reporting_year(acquired_on: date) -> int:
    """The first calendar year that begins no sooner than eight months after the acquisition."""
    earliest = months_later(acquired_on, TRANSITION_MONTHS)
    return earliest.year if (earliest.month, earliest.day) == (1, 1) else earliest.year + 1


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class TransitionFinding:
    applies: bool  # the products are left out of this year's report
    reason: str  # plain words, for the products step and the report
    first_year: int | None = None


def transition(acquired_on: date, previously_obligated: bool, reporting_year: int, business: str = "") -> TransitionFinding:
    """Whether Instruction 3's transition leaves the products of an acquired business out of `reporting_year`."""
    who = business.strip() or "the acquired business"
    if previously_obligated:
        return TransitionFinding(
            False, f"Covered: {who} already had to report under Rule 13p-1, so the transition does not apply."
        )
    first = first_reporting_year(acquired_on)
    when = f"{acquired_on:%B} {acquired_on.day}, {acquired_on.year}"
    if reporting_year < first:
        return TransitionFinding(
            True,
            f"Left out of the {reporting_year} report under Instruction 3 to Item 1.01 of Form SD: {who} was "
            f"acquired on {when} and did not have to report before; its products are first reported for {first}.",
            first,
        )
    return TransitionFinding(
        False,
        f"Covered: {who} was acquired on {when}; the transition ended with {first - 1}, so its products "
        f"are reported from {first}.",
        first,
    )
