"""The rule engine: small registered functions, each with an id, a severity and plain-English messages.

A rule is `def rule(decl, context)` yielding `(message, sheet, cell)`; the registry turns each into
a Finding carrying the rule's id and severity. Rule ids follow ../shared/domain/cmrt-checks.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from desktop.core.cmrt.layouts import Layout, layout_for
from desktop.core.cmrt.model import Declaration, Finding, Severity, Verdict


@dataclass
class CheckContext:
    today: date
    layout: Layout = field(default=None)  # type: ignore[assignment]


Hit = tuple[str, str, str]  # message, sheet, cell
RuleFunction = Callable[[Declaration, CheckContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    rule_id: str
    severity: Severity
    title: str
    function: RuleFunction
    makes_unusable: bool = False


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, title: str, makes_unusable: bool = False):
    """Register a rule function under an id; ids must be unique."""
    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, severity, title, function, makes_unusable)
        return function
    return register


def run_rules(declaration: Declaration, today: date | None = None) -> list[Finding]:
    context = CheckContext(today or date.today(), layout_for(declaration.revision))
    findings = []
    for registered in RULES.values():
        for message, sheet, cell in registered.function(declaration, context):
            findings.append(Finding(registered.rule_id, registered.severity, message, sheet, cell))
    return findings


def verdict_for(findings: list[Finding]) -> Verdict:
    """Unusable when a rule says the file cannot be used; needs follow-up on any error or warning."""
    if any(RULES[finding.rule_id].makes_unusable for finding in findings if finding.rule_id in RULES):
        return Verdict.UNUSABLE
    if any(finding.severity in (Severity.ERROR, Severity.WARNING) for finding in findings):
        return Verdict.NEEDS_FOLLOW_UP
    return Verdict.COMPLETE
