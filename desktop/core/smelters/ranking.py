"""Which suggested smelters come first, and which one (if any) may be pre-selected.

Issue 11: for "Cabot Corporation" (CID000564, removed by RMI in 2014 with "see CID002558;
CID002557") the queue pre-selected a 69% name look-alike and listed RMI's named successors last;
one click put the wrong smelter in Annex A. So: RMI's own pointers come first, then the smelter
the row's ID or exact name names, then name look-alikes by score, then smelters RMI removed. Only a name
match of at least PRESELECT_MIN that stands alone at the top may be pre-selected; the scoring
itself lives in matching._suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass

RMI_SUCCESSOR = "named by RMI"  # RMI's revision note points to it
WRITTEN = "as written"  # the smelter the row's ID or exact name names, set aside (removed, contradicted)
NAME_LIKENESS = "name likeness"

PRESELECT_MIN = 90.0  # a weaker name match is never pre-selected
_ORDER = {RMI_SUCCESSOR: 0, WRITTEN: 1, NAME_LIKENESS: 2}


@dataclass
class Candidate:
    cid: str
    name: str
    country: str
    score: float  # name likeness 0-100; 0 when the candidate comes from RMI's notes or the ID
    basis: str = NAME_LIKENESS
    removed: bool = False  # RMI has taken it off its list

    def why(self) -> str:
        """A few words saying why it is offered, for the queue."""
        if self.basis == RMI_SUCCESSOR:
            text = "RMI points to it"
        elif self.basis == WRITTEN:
            text = "the one the supplier wrote"
        else:
            text = f"{self.score:.0f}% alike"
        return text + (" · removed by RMI" if self.removed else "")


def ranked(candidates: list[Candidate]) -> list[Candidate]:
    """RMI's pointers (in the order given), the smelter written, live look-alikes, removed ones."""
    if len(candidates) < 2:
        return list(candidates)
    if _plain_and_sorted(candidates):  # most rows: live look-alikes, already best first
        return _unique(candidates)
    keyed = [
        (_ORDER.get(c.basis, 3), c.removed, -c.score if c.basis == NAME_LIKENESS else 0, position, c)
        for position, c in enumerate(candidates)
    ]
    # Sorted before de-duplicating: a smelter both named by RMI and alike keeps RMI's place.
    return _unique([entry[-1] for entry in sorted(keyed, key=lambda e: e[:4])])


def preselected(candidates: list[Candidate]) -> Candidate | None:
    """The candidate a queue may highlight: a live name match of PRESELECT_MIN or more that ranks
    first and is not tied with another; None otherwise (the user must pick)."""
    order = ranked(candidates)
    if not order:
        return None
    top = order[0]
    if top.basis != NAME_LIKENESS or top.removed or top.score < PRESELECT_MIN:
        return None
    if len(order) > 1 and order[1].basis == NAME_LIKENESS and order[1].score >= top.score:
        return None
    return top


def _plain_and_sorted(candidates: list[Candidate]) -> bool:
    previous = None
    for candidate in candidates:
        if candidate.basis != NAME_LIKENESS or candidate.removed:
            return False
        if previous is not None and candidate.score > previous:
            return False
        previous = candidate.score
    return True


def _unique(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    unique = []
    for candidate in candidates:
        if candidate.cid not in seen:
            seen.add(candidate.cid)
            unique.append(candidate)
    return unique
