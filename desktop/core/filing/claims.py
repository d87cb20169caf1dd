"""Proposed sentences versus facts: which due diligence statements the user has confirmed.

Every sentence of the due diligence step states a fact about the company ("we adopted a policy in
2019", "our Chief Financial Officer oversees the program"). The app only proposes them; a sentence is
printed in a final filing only once the user has confirmed it, by ticking it or by confirming its
whole OECD step. A confirmation records a fingerprint of the sentence as written and of the facts it
uses, so changing either makes it unconfirmed again. Projects made before confirmations existed
have none, so their sentences start unconfirmed.

A sentence can be confirmed only when the facts it uses are typed, it carries no figure the app
computes (those are printed from the project's data), and its wording is allowed.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from desktop.core.filing import diligence
from desktop.core.project.store import current_user, now_iso
from desktop.core.filing.readiness import CHECKS, STEP_DILIGENCE, STEP_PRODUCTS, Blocker
from desktop.core.filing.wording import WordingProblem, wording_problems

CONFIRMED_PREFIX = "confirmed."  # answers key "confirmed.<sentence key>" -> JSON record
IPSA_KEY = "ipsa"  # "yes" when an independent private sector audit was obtained (report_builder)

# Figures the app counts: a number next to what it counts, or any percentage of them.
_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?\s*%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
    r"twenty|thirty|forty|fifty|hundred|all\s+\d+)"
_COUNTED = r"(?:suppliers?|smelters?|refiners?|refineries|responses?|respondents?|CMRTs?|templates?|" \
    r"facilities|answers?|declarations?|response\s+rate)"
TYPED_FIGURE = re.compile(
    r"\b" + _NUMBER + r"(?:\s+(?!and\b|or\b)[\w-]+){0,3}?\s+" + _COUNTED + r"\b", re.IGNORECASE
)


class NotConfirmable(ValueError):
    """A sentence that cannot be confirmed yet; the message says what to do first."""


@dataclass(frozen=True)
class ClaimState:
    key: str
    step: int
    label: str
    text: str  # as stored: the user's sentence or the proposal, $placeholders in place
    proposed: bool  # still the app's proposal, untouched
    missing_facts: list[str] = field(default_factory=list)  # labels of the facts it uses that are empty
    typed_figures: list[str] = field(default_factory=list)
    wording: list[WordingProblem] = field(default_factory=list)
    confirmed: bool = False
    confirmed_by: str = ""
    confirmed_at: str = ""
    changed_since_confirmed: bool = False

    @property
    def problems(self) -> list[str]:
        """What stops confirming it, in plain words."""
        found = []
        if not self.text.strip():
            found.append("The statement is empty: write it, or put back the proposed wording.")
        if self.missing_facts:
            found.append("Fill in " + _joined(self.missing_facts) + " above, or rewrite the statement without it.")
        for figure in self.typed_figures:
            found.append(
                f'Remove the figure "{figure}": the report prints the counts of suppliers, answers and '
                "smelters from your data."
            )
        for problem in self.wording:
            found.append(f'"{problem.phrase}": {problem.reason}')
        return found

    @property
    def can_confirm(self) -> bool:
        return not self.problems


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def fingerprint(text: str, facts: dict[str, str]) -> str:
    """What a confirmation covers: the sentence as written and the values of the facts it uses."""
    used = {key: facts.get(key, "").strip() for key in diligence.placeholders_in(text) if key in facts}
    payload = json.dumps([text.strip(), used], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _record(answers: dict[str, str], key: str) -> dict:
    try:
        record = json.loads(answers.get(CONFIRMED_PREFIX + key, "") or "{}")
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


def claim_states(answers: dict[str, str], ipsa: bool | None = None) -> list[ClaimState]:
    """Every due diligence sentence with what it needs and whether it is confirmed.

    `answers` is the project's stored answers (project.answers()); unanswered keys fall back to
    the proposals, facts to empty.
    """
    merged = diligence.default_answers() | {k: v for k, v in answers.items() if v is not None}
    ipsa = merged.get(IPSA_KEY, "").strip().lower() == "yes" if ipsa is None else ipsa
    fact_labels = {q.key: q.token for q in diligence.questions() if q.kind == "fact"}
    facts = {key: merged.get(key, "").strip() for key in fact_labels}
    states = []
    for question in diligence.sentence_questions():
        text = merged.get(question.key, "")
        used = diligence.placeholders_in(text)
        record = _record(answers, question.key)
        matches = bool(record) and record.get("fingerprint") == fingerprint(text, facts)
        states.append(
            ClaimState(
                key=question.key,
                step=question.step,
                label=question.label,
                text=text,
                proposed=text.strip() == question.default.strip(),
                missing_facts=[fact_labels[key] for key in used if key in facts and not facts[key]],
                typed_figures=[m.group(0) for m in TYPED_FIGURE.finditer(text)],
                wording=wording_problems(text, ipsa),
                confirmed=matches,
                confirmed_by=record.get("by", "") if matches else "",
                confirmed_at=record.get("at", "") if matches else "",
                changed_since_confirmed=bool(record) and not matches,
            )
        )
    return states


def claim_state(answers: dict[str, str], key: str) -> ClaimState:
    for state in claim_states(answers):
        if state.key == key:
            return state
    raise KeyError(f"no due diligence sentence {key!r}")


def confirm_claim(project, key: str) -> ClaimState:
    """Record that the user confirmed sentence `key` as it now reads; NotConfirmable says why not."""
    answers = project.answers()
    state = claim_state(answers, key)
    if not state.can_confirm:
        raise NotConfirmable(f"{state.label}: " + " ".join(state.problems))
    facts = diligence.default_answers() | answers
    record = {
        "fingerprint": fingerprint(state.text, {k: facts.get(k, "") for k in diligence.fact_keys()}),
        "by": current_user(),
        "at": now_iso(),
    }
    project.set_answer(CONFIRMED_PREFIX + key, json.dumps(record))
    return claim_state(project.answers(), key)


def unconfirm_claim(project, key: str) -> None:
    project.set_answer(CONFIRMED_PREFIX + key, "")


def confirm_step(project, step: int) -> list[ClaimState]:
    """Confirm every sentence of one OECD step that can be; returns those that could not, with why."""
    refused = []
    for state in claim_states(project.answers()):
        if state.step != step or state.confirmed:
            continue
        if state.can_confirm:
            confirm_claim(project, state.key)
        else:
            refused.append(state)
    return refused


def unconfirmed_by_step(answers: dict[str, str]) -> dict[int, list[ClaimState]]:
    grouped: dict[int, list[ClaimState]] = {}
    for state in claim_states(answers):
        if not state.confirmed:
            grouped.setdefault(state.step, []).append(state)
    return grouped


def _claims_are_printed(project) -> bool:
    """Due diligence sentences are printed in the Conflict Minerals Report; without one, none are."""
    from desktop.core.filing.evidence import project_determination  # the roll-up is heavy; only for the check
    from desktop.core.filing.scoping import Outcome

    return project_determination(project).outcome not in (Outcome.SD_ONLY, Outcome.NO_FILING)


def claim_blockers(project) -> list[Blocker]:
    """One blocker per OECD step that still has unconfirmed statements."""
    grouped = unconfirmed_by_step(project.answers())
    if not grouped or not _claims_are_printed(project):
        return []
    steps = diligence.oecd_steps()
    return [
        Blocker(
            f"claims.step{step}",
            f"Due diligence step {step} ({steps[step]}): confirm or rewrite "
            + ("this statement: " if len(states) == 1 else f"these {len(states)} statements: ")
            + _joined([s.label for s in states])
            + ". The app proposed them; only you can say they are true for your company.",
            STEP_DILIGENCE,
        )
        for step, states in sorted(grouped.items())
    ]


# Answers typed as free text that the report prints, besides the due diligence sentences.
FREE_TEXT_ANSWERS = {"company_background": "What the company makes", "future_steps": "Steps you will take next year"}


def user_texts(project) -> list[tuple[str, str, str]]:
    """(where, wizard step, text) for everything the user typed that the report may print."""
    answers = project.answers()
    merged = diligence.default_answers() | answers
    texts = [(s.label, STEP_DILIGENCE, s.text) for s in claim_states(answers)]
    texts += [(label, STEP_DILIGENCE, answers.get(key, "")) for key, label in FREE_TEXT_ANSWERS.items()]
    texts += [(q.label, STEP_DILIGENCE, merged.get(q.key, "")) for q in diligence.questions() if q.kind == "fact"]
    for product in project.products():
        texts.append((f"Product {product.name!r}", STEP_PRODUCTS, f"{product.name}. {product.description}"))
    return [(where, step, text) for where, step, text in texts if text.strip()]


def wording_blockers(project) -> list[Blocker]:
    """Forbidden wording anywhere the user typed (a conflict-free claim without an audit, expired labels)."""
    ipsa = project.answers().get(IPSA_KEY, "").strip().lower() == "yes"
    found = []
    for where, step, text in user_texts(project):
        for problem in wording_problems(text, ipsa):
            found.append(
                Blocker(f"wording.{where}", f'{where}: "{problem.phrase}": {problem.reason}', step)
            )
    return found


CHECKS.append(claim_blockers)
CHECKS.append(wording_blockers)
