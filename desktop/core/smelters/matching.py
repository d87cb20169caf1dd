"""Resolving one supplier smelter row to a reference smelter, and saying how.

Order (issue 4): the user's own decision; the smelter ID (2.x IDs translated), checked against
the row's metal and country; the metal plus look-up name or a known alias; the normalised name
plus country; otherwise fuzzy suggestions, which never resolve a row on their own.

Issue 11: a decision covers a name and country with or without a pasted ID (a row whose own ID
is clean keeps it); a smelter RMI removed is explained with RMI's date, reason and successors,
whether the row gives its ID or only its name; countries compare by ISO code; candidates are
ordered by ranking.ranked (RMI's successors first), the scoring stays in _suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from rapidfuzz import fuzz

from desktop.core.cmrt.model import METALS, SmelterRow
from desktop.core.smelters.decisions import SPECIAL_NAMES, MatchDecision, row_key
from desktop.core.smelters.fuzzy import scorer_for
from desktop.core.smelters.names import (
    country_key,
    is_legacy_id,
    key_pattern,
    metal_key,
    name_key,
    same_country_key,
    smelter_id_key,
)
from desktop.core.smelters.ranking import (
    NAME_LIKENESS,
    RMI_SUCCESSOR,
    WRITTEN,
    Candidate,
    preselected,
    ranked,
)
from desktop.core.smelters.reference import Smelter, SmelterReference
from desktop.core.smelters.removals import Removal

DECISION = "your decision"
SMELTER_ID = "smelter ID"
LEGACY_ID = "CMRT 2.x smelter ID"
LOOKUP_NAME = "look-up name"
ALIAS = "known alias"
NORMALISED_NAME = "normalised name and country"
SUGGESTIONS = "suggestions to confirm"
UNRESOLVED = "unresolved"

# Flags a reviewer must see beside a row.
ID_METAL_CONTRADICTION = "ID is for another metal"
ID_COUNTRY_CONTRADICTION = "ID is for a smelter in another country"
ID_NAME_CONTRADICTION = "name points to another smelter than the ID"
NOT_IN_LOOKUP = "not in the current Smelter Look-up"
COUNTRY_NOT_GIVEN = "no country to confirm the name"
ID_REPLACED = "ID replaced by RMI"

_CONTRADICTIONS = {ID_METAL_CONTRADICTION, ID_COUNTRY_CONTRADICTION, ID_NAME_CONTRADICTION}
SUGGESTION_CUTOFF = 60
NAME_SUPPORTS_ID = 85  # fuzzy score above which a name confirms an ID despite another country
_NON_SMELTER = re.compile(
    r"\b(trading|traders?|distribut\w*|mines?|mining company|supplier|wholesale|"
    r"solder|plating|electronics?|components?)\b",
    re.IGNORECASE,
)


class _Names(list):
    """The row's usable names, remembering whether the first came from the look-up column."""

    looked_up = False


@dataclass
class Match:
    cid: str | None
    metal: str
    method: str
    score: float = 0.0
    candidates: list[Candidate] = field(default_factory=list)
    reason: str = ""
    flags: tuple[str, ...] = ()
    decision_key: str = ""  # the key of the user's decision applied, for undo

    def __post_init__(self) -> None:
        self.candidates = ranked(self.candidates)

    @property
    def resolved(self) -> bool:
        return self.cid is not None


def decision_index(decisions: Iterable[MatchDecision] | Mapping[str, MatchDecision]) -> dict:
    if isinstance(decisions, Mapping):
        return dict(decisions)
    # Later decisions win: the user may change their mind.
    return {d.key: d for d in decisions}


def match_row(
    row: SmelterRow,
    reference: SmelterReference,
    decisions: Iterable[MatchDecision] | Mapping[str, MatchDecision] = (),
) -> Match:
    metal = metal_key(row.metal)
    index = decisions if isinstance(decisions, dict) else decision_index(decisions)
    decision = index.get(row_key(row)) if index else None
    if decision is None:
        return _match_written(row, reference, metal)
    if smelter_id_key(row.smelter_id) or smelter_id_key(row.looked_up_id):
        # A decision covers a name and country with or without an ID (issue 11), but a row whose
        # own ID names a smelter cleanly keeps it.
        found = _match_written(row, reference, metal)
        if found.resolved and not (set(found.flags) & _CONTRADICTIONS):
            return found
    return _apply_decision(decision, metal, reference)


def match_signature(row: SmelterRow) -> tuple:
    """What matching reads of a row: rows alike here get the same match."""
    return (row.metal, row.lookup_name, row.name, row.country, row.smelter_id, row.looked_up_id)


WRITTEN_MATCHES_KEPT = 400_000  # distinct rows; a 200,000-row project has about 50,000


def _match_written(row: SmelterRow, reference: SmelterReference, metal: str) -> Match:
    """The row matched on what the supplier wrote, without the user's decisions.

    Kept with the reference it was made against (issue 13): the roll-up runs again after every
    decision and override, and most of its rows are matched exactly as before. A project that moves
    to newer lists gets another reference object, so a match is never reused against other lists.
    Shared between roll-ups: a Match is not changed once made."""
    kept = getattr(reference, "_written_matches", None)
    if kept is None or kept[0] is not reference.keys_by_metal:  # built anew when re-indexed
        kept = reference._written_matches = (reference.keys_by_metal, {})
    matches = kept[1]
    signature = match_signature(row)
    match = matches.get(signature)
    if match is None:
        if len(matches) >= WRITTEN_MATCHES_KEPT:
            matches.clear()
        match = matches[signature] = _match_as_written(row, reference, metal)
    return match


def _match_as_written(row: SmelterRow, reference: SmelterReference, metal: str) -> Match:
    if metal not in METALS:
        reason = f"'{row.metal}' is not tin, tantalum, tungsten or gold."
        return Match(None, metal, UNRESOLVED, reason=reason)

    lookup = " ".join(row.lookup_name.split())
    special = lookup.lower() if lookup.lower() in SPECIAL_NAMES else ""
    names = _Names(n for n in (lookup, row.name.strip()) if n and n.lower() not in SPECIAL_NAMES)
    names.looked_up = bool(lookup) and lookup.lower() not in SPECIAL_NAMES
    country = country_key(row.country)
    raw_id = smelter_id_key(row.smelter_id) or smelter_id_key(row.looked_up_id)

    if special:
        # The supplier said the smelter is not on RMI's list: never resolve silently.
        suggestions = _suggestions(metal, names, country, reference)
        reason = (
            "The supplier chose 'Smelter not yet identified'."
            if special == "smelter not yet identified"
            else "The supplier chose 'Smelter not listed'."
        )
        reason += _suggest_text(suggestions)
        return Match(None, metal, UNRESOLVED, candidates=suggestions, reason=reason)

    id_result = _by_id(raw_id, metal, country, names, reference) if raw_id else None
    if id_result is not None and id_result.resolved:
        return id_result
    flags = id_result.flags if id_result else ()

    by_name = _by_name(metal, names, country, reference)
    if by_name is not None:
        by_name.flags = tuple(dict.fromkeys(flags + by_name.flags))
        if id_result is not None:  # say why the ID was set aside
            by_name.reason = f"{id_result.reason} Matched by name instead.".strip()
        return by_name

    suggestions = _suggestions(metal, names, country, reference)
    if id_result is not None:
        id_result.candidates = ranked(id_result.candidates + suggestions)
        return id_result
    if not names:
        return Match(None, metal, UNRESOLVED, reason="The row has no smelter name and no known ID.")
    removed = _removed_by_name(metal, names, country, reference)
    if removed is not None:
        candidates = _removal_candidates(removed, country, reference) + suggestions
        if (metal, removed.cid) in reference.smelters:  # still listed by RMI, marked removed
            candidates.insert(0, _candidate(reference.smelters[(metal, removed.cid)], 100.0, WRITTEN))
        reason = f"{removed.name} ({removed.cid}): {_removal_sentence(removed, reference)}"
        return Match(None, metal, UNRESOLVED, candidates=candidates, reason=reason)
    reason = "No smelter in RMI's list matches this name."
    if _NON_SMELTER.search(" ".join(names)):
        reason = "Looks like a trader, mine or other company that is not a smelter."
    method = SUGGESTIONS if suggestions else UNRESOLVED
    return Match(None, metal, method, candidates=suggestions, reason=reason + _suggest_text(suggestions))


def _apply_decision(decision: MatchDecision, metal: str, reference: SmelterReference) -> Match:
    who = f" by {decision.decided_by}" if decision.decided_by else ""
    if decision.not_a_smelter:
        reason = f"Marked as not a smelter{who}. {decision.note}".strip()
        return Match(None, metal, DECISION, reason=reason, decision_key=decision.key)
    smelter = reference.smelter(metal, decision.cid)
    smelter = smelter or next(iter(reference.by_cid.get(decision.cid, [])), None)
    if smelter is None:
        reason = f"Your decision names {decision.cid}, which the reference does not list."
        return Match(None, metal, DECISION, reason=reason, decision_key=decision.key)
    reason = f"Resolved{who}. {decision.note}".strip()
    return Match(smelter.cid, smelter.metal, DECISION, 100.0, reason=reason, decision_key=decision.key)


def _by_id(raw_id: str, metal: str, country: str, names: list[str], reference: SmelterReference) -> Match:
    method = SMELTER_ID
    cid = raw_id
    if is_legacy_id(raw_id):
        method = LEGACY_ID
        cid = reference.legacy_ids.get(raw_id, "")
        if not cid:
            return Match(None, metal, UNRESOLVED, reason=f"The 2.x smelter ID {raw_id} has no current CID.")
    smelters = reference.by_cid.get(cid, [])
    if not smelters:
        removal = reference.removals.of(metal, cid) or reference.removals.any_metal(cid)
        successors = list(removal.successors) if removal else []
        if len(successors) == 1:
            # RMI's revision history: "Alias to CID000760", "Facility-level reporting, see ...".
            match = _by_id(successors[0], metal, country, names, reference)
            match.flags += (ID_REPLACED,)
            match.reason = f"RMI replaced {raw_id} by {successors[0]}. {match.reason}".strip()
            return match
        if removal is None:
            return Match(None, metal, UNRESOLVED, reason=f"{raw_id} is not in RMI's smelter list.")
        reason = f"{raw_id} ({removal.name}): {_removal_sentence(removal, reference)}"
        return Match(None, metal, UNRESOLVED, candidates=_removal_candidates(removal, country, reference),
                     reason=reason)
    same_metal = [s for s in smelters if s.metal == metal]
    if not same_metal:
        other = smelters[0]
        reason = f"{raw_id} is the {other.metal} smelter {other.name}, but the row says {metal}."
        return Match(None, metal, UNRESOLVED, candidates=[_candidate(other, 0.0, WRITTEN)],
                     flags=(ID_METAL_CONTRADICTION,), reason=reason)
    smelter = same_metal[0]
    if smelter.removed:
        removal = reference.removals.of(metal, cid) or Removal(metal, cid, smelter.name, smelter.country, "",
                                                               smelter.removed)
        candidates = _removal_candidates(removal, country, reference) + [_candidate(smelter, 0.0, WRITTEN)]
        return Match(None, metal, UNRESOLVED, candidates=candidates,
                     reason=f"{cid} ({smelter.name}): {_removal_sentence(removal, reference)}")
    flags = () if smelter.in_lookup else (NOT_IN_LOOKUP,)
    name_cid = _exact_name_cid(metal, names, reference)
    if name_cid and name_cid != smelter.cid:
        flags += (ID_NAME_CONTRADICTION,)
    if country and smelter.country and not same_country_key(country, smelter.country):
        support = max((name_similarity(name_key(n), name_key(smelter.name)) for n in names), default=0)
        if name_cid != smelter.cid and support < NAME_SUPPORTS_ID:
            reason = f"{raw_id} is {smelter.name} in {smelter.country}, but the row says {country}."
            return Match(None, metal, UNRESOLVED, candidates=[_candidate(smelter, support, WRITTEN)],
                         flags=(ID_COUNTRY_CONTRADICTION,), reason=reason)
        flags += (ID_COUNTRY_CONTRADICTION,)
    return Match(smelter.cid, metal, method, 100.0, flags=flags)


def _removal_sentence(removal: Removal, reference: SmelterReference) -> str:
    names = {c: reference.smelters[(removal.metal, c)].name for c in removal.successors}
    return removal.sentence(names)


def _removal_candidates(removal: Removal, country: str, reference: SmelterReference) -> list[Candidate]:
    """RMI's successors, those in the row's country first, then RMI's order."""
    smelters = [reference.smelters[(removal.metal, c)] for c in removal.successors]
    smelters.sort(key=lambda s: not (country and same_country_key(country, s.country)))
    return [_candidate(s, 0.0, RMI_SUCCESSOR) for s in smelters]


def _removed_by_name(metal: str, names: list[str], country: str, reference: SmelterReference) -> Removal | None:
    """A smelter RMI removed whose name or alias the row gives (in the row's country if given)."""
    found = reference.removals.named(metal, names)
    if country:
        found = [r for r in found if not r.country or same_country_key(country, r.country)]
    return found[0] if found else None


def _exact_name_cid(metal: str, names: list[str], reference: SmelterReference) -> str | None:
    for name in names:
        cid = reference.alias_cid(metal, name)
        if cid:
            return cid
    return None


def _by_name(metal: str, names: list[str], country: str, reference: SmelterReference) -> Match | None:
    # names[0] is the look-up column when the supplier used it (see match_row).
    for position, name in enumerate(names):
        cid = reference.alias_cid(metal, name)
        if cid and not reference.smelters[(metal, cid)].removed:
            method = LOOKUP_NAME if position == 0 and names.looked_up else ALIAS
            return _resolved(reference, metal, cid, method)
    for name in names:
        cids = _cids_for_key(metal, name_key(name), reference)
        smelters = [reference.smelters[(metal, c)] for c in sorted(cids)]
        smelters = [s for s in smelters if not s.removed]
        if not smelters:
            continue
        if country:
            agreeing = [s for s in smelters if same_country_key(country, s.country)]
            if len(agreeing) == 1:
                return _resolved(reference, metal, agreeing[0].cid, NORMALISED_NAME)
        elif len(smelters) == 1:
            match = _resolved(reference, metal, smelters[0].cid, NORMALISED_NAME)
            match.flags += (COUNTRY_NOT_GIVEN,)
            return match
    return None


def _resolved(reference: SmelterReference, metal: str, cid: str, method: str) -> Match:
    smelter = reference.smelters[(metal, cid)]
    flags = () if smelter.in_lookup else (NOT_IN_LOOKUP,)
    return Match(cid, metal, method, 100.0, flags=flags)


def _cids_for_key(metal: str, key: str, reference: SmelterReference) -> set[str]:
    if not key:
        return set()
    pattern = key_pattern(key)
    if pattern is None:
        return set(reference.by_key.get((metal, key), ()))
    found: set[str] = set()
    for candidate in reference.keys_by_metal.get(metal, ()):
        if pattern.match(candidate):
            found |= reference.by_key[(metal, candidate)]
    return found


def _suggestions(metal: str, names: list[str], country: str, reference: SmelterReference) -> list[Candidate]:
    """Up to five scored candidates; a same-country smelter gets a small nudge up."""
    best: dict[str, Candidate] = {}
    for name in names:
        key = name_key(name).replace("#", "")
        if not key:
            continue
        # name_similarity over every key of the metal, scored natively and cached (fuzzy.py)
        found = scorer_for(reference).best(metal, key, limit=8, cutoff=SUGGESTION_CUTOFF)
        for choice, score in found:
            for cid in reference.by_key[(metal, choice)]:
                smelter = reference.smelters[(metal, cid)]
                nudge = 3 if country and same_country_key(country, smelter.country) else 0
                score_here = min(100.0, score + nudge)
                if cid not in best or best[cid].score < score_here:
                    best[cid] = _candidate(smelter, round(score_here, 1))
    return sorted(best.values(), key=lambda c: (-c.score, c.cid))[:5]


def name_similarity(first: str, second: str, **_kwargs) -> float:
    """0-100. Why the mean: token-set alone gives 100 to any subset ("Group"), token-sort alone
    punishes a dropped word ("Materion Advanced Metals" vs "Materion")."""
    return (fuzz.token_set_ratio(first, second) + fuzz.token_sort_ratio(first, second)) / 2


def _candidate(smelter: Smelter, score: float, basis: str = NAME_LIKENESS) -> Candidate:
    return Candidate(smelter.cid, smelter.name, smelter.country, score, basis, bool(smelter.removed))


def _suggest_text(suggestions: list[Candidate]) -> str:
    if not suggestions:
        return ""
    top = preselected(suggestions)
    if top is not None:
        return f" Closest: {top.name} ({top.cid}, {top.score:.0f}% alike); please confirm."
    best = max(c.score for c in suggestions)
    return f" No close name match (best {best:.0f}% alike): check with the supplier before choosing one."
