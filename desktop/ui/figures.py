"""Whether a step shows a placeholder for a figure still being worked out off the UI thread."""

from __future__ import annotations

from desktop.core.filing.evidence import pending
from desktop.core.project import Project

# Tests written when a step waited for its figures look at it right after showing it: they set
# this (tests/ui/conftest.py), as Picard's tests swap in a synchronous thread pool.
WAIT_FOR_FIGURES = False


def figures_pending(project: Project, name: str) -> bool:
    """Show a placeholder for the figure `name` (evidence.AHEAD_NAMES): it is still being worked out."""
    return not WAIT_FOR_FIGURES and pending(project, name)
