"""Reword a check's finding, written for the filer ("the supplier says..."), for the supplier.

The CMRT checks speak to the finance user about the supplier in the third person and tell the
user what to ask. In a message to the supplier the same facts read "you say..." and the advice
becomes a request. Phrases not listed here pass through unchanged, so a new check still produces
a usable (if less personal) bullet.
"""

from __future__ import annotations

import re

# (pattern, replacement), applied in order; case-insensitive, first letter case kept.
REWRITES: tuple[tuple[str, str], ...] = (
    # Advice to the filer becomes a request to the supplier.
    (r"This needs due diligence: record it and ask for the smelters and their RMAP status\.",
     "Please confirm this and list the smelters concerned, with their RMAP status."),
    (r"\bask the supplier for the ", "please send us the "),
    (r"\bask the supplier for (its|their) ", "please send us your "),
    (r"\bask the supplier for ", "please send us "),
    (r"\bask the supplier which ", "please tell us which "),
    (r"\bask the supplier to ", "please "),
    (r"\bask how it ", "please tell us how you "),
    (r"\bask for the ", "please send us the "),
    (r"\bthe supplier should ", "please "),
    (r"\bthe supplier must ", "please "),
    # Third person to second person.
    (r"\bthe supplier says it has\b", "you say you have"),
    (r"\bthe supplier says it\b", "you say you"),
    (r"\bthe supplier says its\b", "you say your"),
    (r"\bthe supplier says\b", "you say"),
    (r"\bthe supplier surveys\b", "you survey"),
    (r"\bthe supplier heard back from few of its own suppliers\b",
     "you heard back from few of your own suppliers"),
    (r"; its smelter list\b", "; your smelter list"),
    (r"\bof its suppliers\b", "of your suppliers"),
    (r"\bin its products\b", "in your products"),
    (r"\bit received\b", "you received"),
    (r"\bpublic \(question B = Yes\) but gives no\b", "public (question B = Yes) but give no"),
    (r"\bthe supplier\b", "you"),
)  # fmt: skip
_COMPILED = tuple((re.compile(p, re.IGNORECASE), r) for p, r in REWRITES)


def _keep_case(replacement: str, matched: str) -> str:
    if matched[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def for_supplier(message: str) -> str:
    """The finding's message as it should read in a letter to the supplier."""
    text = message
    for pattern, replacement in _COMPILED:
        text = pattern.sub(lambda m, r=replacement: _keep_case(r, m.group(0)), text)
    # A request that starts a new sentence after ";" reads better as its own sentence.
    text = re.sub(r"; please ", ". Please ", text)
    return text
