"""Phrases a Form SD or Conflict Minerals Report must not contain.

- "DRC conflict undeterminable": a transition label that expired with the 2016 reporting period
  (SEC Corp Fin statement, 2017; domain/sec-rule.md section 4).
- "not found to be DRC conflict free": the phrase NAM v. SEC held cannot be compelled (2014).
- A claim that products or the company are "(DRC) conflict free": allowed only when an independent
  private sector audit (IPSA) is recorded, because Rule 13p-1 requires one for that claim.
  Disclaimers stay allowed ("we have not determined that any of our products are 'DRC conflict
  free'", Juniper 2016 and 2021), as do the names of industry programs ("Conflict-Free Sourcing
  Initiative") and goals ("our goal is a conflict-free supply chain").
Hyphens, dashes, curly quotes, extra spaces and line breaks are tolerated ("DRC conflict-free" is
the same phrase as "drc “conflict free”").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Anything that may sit between two words of a phrase: spaces, hyphens and dashes, quotes, soft hyphen.
_GAP = r"[\s\-\u00ad\u2010-\u2015\"'\u201c\u201d\u2018\u2019]+"
_OPTIONAL_GAP = _GAP.replace("]+", "]*")


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

# Every way of calling something conflict free: "(DRC) conflict(-)free", "conflictfree",
# "conflict mineral(s)(-)free", "free of/from conflict minerals".
_DRC = r"(?:(?:DRC|D\.R\.C\.?)" + _GAP + r")?"
ANY_CONFLICT_FREE = re.compile(
    r"\b" + _DRC + r"conflict(?:" + _GAP + r"minerals?)?" + _OPTIONAL_GAP + r"free\b"
    + r"|\bfree" + _GAP + r"(?:of|from)" + _GAP + r"(?:all" + _GAP + r"|any" + _GAP + r")?"
    + r"(?:DRC" + _GAP + r")?conflict" + _GAP + r"minerals?\b",
    re.IGNORECASE,
)
# Names of industry programs and policies that contain the words: never a claim about products.
_PROGRAM_NAME = re.compile(
    _OPTIONAL_GAP + r"(?:sourcing" + _GAP + r"(?:initiative|policy|policies|program(?:me)?|commitment|practices?)"
    r"|smelter" + _GAP + r"(?:program(?:me)?|assessment|initiative)"
    r"|gold" + _GAP + r"standard|tin" + _GAP + r"initiative|minerals?" + _GAP + r"policy)\b",
    re.IGNORECASE,
)
# Where one statement ends and the next begins, for deciding what a "not" applies to.
_CLAUSE_BREAK = re.compile(
    r"[.;:!?]\s|[.;:!?]$|\n\s*\n|,\s*(?:and|so)\b|\b(?:but|however|although|though|yet|whereas|nevertheless)\b",
    re.IGNORECASE,
)
# A relative clause set off by commas (", which contain no tin,") says nothing about the claim.
_ASIDE = re.compile(r",\s*(?:which|who|that|whose|where)\b[^,]*,", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:not(?!" + _GAP + r"only\b)|no|never|cannot|neither|nor|unable|without|none|nothing|nobody)\b"
    r"|n['\u2019]t\b",
    re.IGNORECASE,
)
# Goals, requests and open questions: "our goal is", "we encourage suppliers to", "whether".
_ASPIRATION = re.compile(
    r"\b(?:whether|if|goal|goals|aim|aims|aiming|strive|strives|striving|seek|seeks|seeking|"
    r"toward|towards|intend|intends|plan|plans|encourage|encourages|encouraging|committed|commitment|"
    r"effort|efforts|objective|aspire|aspires|aspiration|hope|hopes|ambition|request|requests|ask|asks|"
    r"achieve|expect|expects|expectation)\b",
    re.IGNORECASE,
)

NOT_FOUND_REASON = "no company may be required to say this, and it is not to be used (NAM v. SEC, 2014)."
UNDETERMINABLE_REASON = "this label expired after the 2016 reporting period; it is no longer allowed."
CLAIM_REASON = (
    "this says products or the company are conflict free. That claim needs an independent private "
    "sector audit, and none is recorded in the project. Remove it, or write it as a disclaimer, for "
    "example: we have not determined that any of our products are \"DRC conflict free\"."
)


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


def _clause_before(text: str, position: int) -> str:
    """The words of the statement that leads up to `position`, asides removed."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(text, 0, position):
        start = match.end()
    return _ASIDE.sub(",", text[start:position])


def is_conflict_free_claim(text: str, match: re.Match[str]) -> bool:
    """Whether this "conflict free" says that something is conflict free (not a disclaimer, goal or name)."""
    if _PROGRAM_NAME.match(text, match.end()):
        return False
    before = _clause_before(text, match.start())
    return not (_NEGATION.search(before) or _ASPIRATION.search(before))


def conflict_free_claims(text: str) -> list[WordingProblem]:
    """Every place `text` calls products or the company conflict free, in order of appearance."""
    return [
        WordingProblem(match.group(0), CLAIM_REASON, match.start())
        for match in ANY_CONFLICT_FREE.finditer(text)
        if is_conflict_free_claim(text, match)
    ]


def wording_problems(text: str, ipsa_recorded: bool) -> list[WordingProblem]:
    """Every forbidden phrase in `text`, in order of appearance."""
    problems: list[WordingProblem] = []
    not_found_spans = []
    for match in NOT_FOUND_FREE.finditer(text):
        not_found_spans.append(match.span())
        problems.append(WordingProblem(match.group(0), NOT_FOUND_REASON, match.start()))
    for match in UNDETERMINABLE.finditer(text):
        problems.append(WordingProblem(match.group(0), UNDETERMINABLE_REASON, match.start()))
    if not ipsa_recorded:
        for claim in conflict_free_claims(text):
            if not any(start <= claim.position < end for start, end in not_found_spans):
                problems.append(claim)
    return sorted(problems, key=lambda p: p.position)


def check_wording(text: str, ipsa_recorded: bool) -> None:
    """Raise `ForbiddenWording` when `text` contains a forbidden phrase."""
    problems = wording_problems(text, ipsa_recorded)
    if problems:
        raise ForbiddenWording(problems)
