"""Whole percentages as filings print them: halves rounded up (1 of 8 is 13%).

Python's round() rounds halves to even (12%), so the screens, the report and the response-rate
sentence would disagree if each rounded on its own.
"""

from __future__ import annotations


def percent_half_up(part: int, whole: int) -> int | None:
    """None when there is nothing to divide by."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)
