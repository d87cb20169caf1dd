"""Suggest which roster supplier sent a CMRT, from the company name written in the file.

Suppliers write their name differently from how purchasing keyed it ("ACME Co., Ltd." against
"Acme Company Limited", "Müller GmbH" against "Mueller"), so both sides are reduced to a
comparable core first; the user always confirms the suggestion.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from desktop.core.suppliers.roster import Supplier

# Legal-form words dropped from the END of a name (repeatedly): "S.A. de C.V." -> "".
LEGAL_SUFFIXES = frozenset(
    """
    inc incorporated corp corporation co company cos companies ltd ltda limited llc llp lp plc
    gmbh mbh ag kg kgaa ohg ug se sa sas sarl srl spa sl slu sau bv nv cv de oy oyj ab as asa aps
    pte pty pvt private bhd sdn kk tbk jsc pjsc ojsc zao ooo
    """.split()
)
# Letters NFKD does not split into a base letter and an accent.
TRANSLITERATIONS = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d"}
SUGGEST_CUTOFF = 70.0  # below this, shared words ("Metals", "Inc") make noise
EXACT_SCORE = 100.0
BEST_FUZZY_SCORE = 99.0  # keeps an exact normalised match above every fuzzy one


@lru_cache(maxsize=8192)  # an import matches every file against the same roster names
def normalise_company_name(name: str) -> str:
    """The comparable core of a company name: no accents, case, punctuation or legal form."""
    text = unicodedata.normalize("NFKD", str(name or "").strip()).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = "".join(TRANSLITERATIONS.get(ch, ch) for ch in text)
    # "Mueller" meets "Müller" (which NFKD made "muller"); applied to both sides, so harmless.
    text = re.sub(r"([aou])e(?=[a-z])", r"\1", text)
    text = text.replace("&", " and ")
    # Dotted initials ("S.A.", "K.G.a.A.") become one word before punctuation is dropped.
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m.group(0).replace(".", "") + " ", text)
    # Legal forms are dropped at the end of each part, so that "Acme Co., Ltd. (Shenzhen)" and
    # "Acme (Shenzhen) Co., Ltd." (both common) reduce to the same "acme shenzhen".
    words, core = [], []
    for part in re.split(r"[()\[\]]", text):
        part_words = re.sub(r"[^0-9a-z]+", " ", part).split()
        if not words and part_words and part_words[0] == "the":
            part_words = part_words[1:]
        words += part_words
        while part_words and part_words[-1] in LEGAL_SUFFIXES:
            part_words.pop()
        core += part_words
    # A name made only of legal words ("AG") keeps them rather than vanish.
    return " ".join(core or words)


def suggest_suppliers(
    company_name: str, suppliers: list[Supplier], limit: int = 5, cutoff: float = SUGGEST_CUTOFF
) -> list[tuple[Supplier, float]]:
    """Roster suppliers that may be `company_name`, best first, with a 0-100 score.

    An exact match after normalisation scores 100 and comes first; fuzzy matches score at most
    99 and are kept when they reach `cutoff`.
    """
    target = normalise_company_name(company_name)
    if not target:
        return []
    scored: list[tuple[Supplier, float]] = []
    for supplier in suppliers:
        candidate = normalise_company_name(supplier.name)
        if not candidate:
            continue
        if candidate == target:
            score = EXACT_SCORE
        else:
            # WRatio weighs word order and partial overlap; token_sort catches reordered words.
            score = max(fuzz.WRatio(target, candidate), fuzz.token_sort_ratio(target, candidate))
            score = min(round(score, 1), BEST_FUZZY_SCORE)
        if score >= cutoff:
            scored.append((supplier, score))
    scored.sort(key=lambda pair: (-pair[1], pair[0].name.casefold()))
    return scored[:limit]
