"""Phrases a Form SD or Conflict Minerals Report must not contain.

- "DRC conflict undeterminable": a transition label that expired with the 2016 reporting period
  (SEC Corp Fin statement, 2017; domain/sec-rule.md section 4).
- "not found to be DRC conflict free": the phrase NAM v. SEC held cannot be compelled (2014).
- "DRC conflict free": allowed only when an independent private sector audit (IPSA) is recorded,
  because Rule 13p-1 requires one for that claim.
Hyphens, curly quotes and extra spaces are tolerated ("DRC conflict-free" is the same phrase).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GAP = r"[\s\-\u2010-\u2015\"'\u201c\u201d\u2018\u2019]+"


def _phrase(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b" + _GAP.join(re.escape(word) for word in words) + r"\b", re.IGNORECASE)


UNDETERMINABLE = _phrase("DRC", "conflict", "undeterminable")
# "not found to be ..." and the court's own "not been found to be ..."
NOT_FOUND_FREE = re.compile(
    r"\bnot" + _GAP + r"(?:been" + _GAP + r")?found" + _GAP + "to" + _GAP + "be" + _GAP
    + "DRC" + _GAP + "conflict" + _GAP + r"free\b",
    re.IGNORECASE,
)
CONFLICT_FREE = _phrase("DRC", "conflict", "free")


@dataclass(frozen=True)
class WordingProblem:
    phrase: str  # the text as found
    reason: str  # plain words for the user
    position: int


class ForbiddenWording(ValueError):
    """Raised when a document about to be exported contains a phrase it must not contain."""

    def __init__(self, problems: list[WordingProblem]):
        self.problems = problems
        details = "; ".join(f'"{p.phrase}": {p.reason}' for p in problems)
        super().__init__(f"The report contains wording it must not use. {details}")


def wording_problems(text: str, ipsa_recorded: bool) -> list[WordingProblem]:
    """Every forbidden phrase in `text`, in order of appearance."""
    problems: list[WordingProblem] = []
    not_found_spans = []
    for match in NOT_FOUND_FREE.finditer(text):
        not_found_spans.append(match.span())
        problems.append(
            WordingProblem(
                match.group(0),
                "no company may be required to say this, and it is not to be used (NAM v. SEC, 2014).",
                match.start(),
            )
        )
    for match in UNDETERMINABLE.finditer(text):
        problems.append(
            WordingProblem(
                match.group(0),
                "this label expired after the 2016 reporting period; it is no longer allowed.",
                match.start(),
            )
        )
    if not ipsa_recorded:
        for match in CONFLICT_FREE.finditer(text):
            inside_not_found = any(start <= match.start() < end for start, end in not_found_spans)
            if not inside_not_found:
                problems.append(
                    WordingProblem(
                        match.group(0),
                        "a product may be called this only when an independent private sector audit "
                        "is recorded in the project.",
                        match.start(),
                    )
                )
    return sorted(problems, key=lambda p: p.position)


def check_wording(text: str, ipsa_recorded: bool) -> None:
    """Raise `ForbiddenWording` when `text` contains a forbidden phrase."""
    problems = wording_problems(text, ipsa_recorded)
    if problems:
        raise ForbiddenWording(problems)
