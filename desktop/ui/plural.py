"""Counted nouns and verbs that agree: "1 product", "2 products", "1 was", "2 were"."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """"1 error", "2 errors"; `many` for irregular forms ("1 supplier has", "2 suppliers have")."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def was_were(count: int) -> str:
    return "was" if count == 1 else "were"
