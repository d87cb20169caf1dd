"""What stands between a project and a final filing: each open item, and where it is fixed.

Every check is a function `project -> list[Blocker]` listed in CHECKS; a module owning a kind of
fact (scoping, smelters, claims, audit report...) provides its own check and adds it here. The
Export step shows "Ready" only when `blockers(project)` is empty, and refuses a final export
otherwise. `advisories(project)` are items the user ticks (EDGAR access) that never block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

# Wizard steps a blocker can send the user to (the UI maps each to its page).
STEP_COMPANY = "company"
STEP_PRODUCTS = "products"
STEP_SUPPLIERS = "suppliers"
STEP_SMELTERS = "smelters"
STEP_DILIGENCE = "diligence"
STEP_EXPORT = "export"


@dataclass(frozen=True)
class Blocker:
    key: str       # stable identifier, e.g. "smelters.unresolved"
    message: str   # plain words: what is open and what to do
    step: str      # one of the STEP_* names: where the user fixes it


Check = Callable[[object], list[Blocker]]

# Filled by the modules that own each fact; order is the order the user sees.
CHECKS: list[Check] = []


def _register_checks() -> None:
    """Import the modules that own checks, so each has added its own to CHECKS."""
    from desktop.core.filing import audit_report, claims, readiness_checks as filing_readiness  # noqa: F401  (each adds its checks on import)


def blockers(project) -> list[Blocker]:
    _register_checks()
    found: list[Blocker] = []
    for check in CHECKS:
        found.extend(check(project))
    return found


def is_ready(project) -> bool:
    return not blockers(project)
