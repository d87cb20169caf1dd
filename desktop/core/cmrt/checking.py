"""check_declaration / load_declaration: run every registered rule and set the verdict."""

from __future__ import annotations

from datetime import date
from pathlib import Path

# Importing the rule modules registers their rules.
from desktop.core.cmrt import rules_answers, rules_company, rules_smelters  # noqa: F401
from desktop.core.cmrt.model import Declaration, Finding
from desktop.core.cmrt.reader import read_cmrt
from desktop.core.cmrt.rule_registry import run_rules, verdict_for


def check_declaration(decl: Declaration, today: date | None = None) -> list[Finding]:
    """All findings for one declaration, also stored on it with the overall verdict."""
    findings = run_rules(decl, today)
    decl.findings = findings
    decl.verdict = verdict_for(findings)
    return findings


def load_declaration(path: str | Path, data: bytes | None = None) -> Declaration:
    """Read and check one file (or its bytes, already read); raises UnreadableFile when it cannot be used."""
    declaration = read_cmrt(path, data)
    check_declaration(declaration)
    return declaration
