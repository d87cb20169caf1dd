"""Turning the many spellings of a smelter, a country and an ID into comparable keys.

Supplier files write the same refinery as "Mitsui Mining & Smelting", "MITSUI MINING AND SMELTING
CO., LTD." or, after a trip through a non-Unicode tool, "Cendres + M?taux SA". Every comparison in
the matching goes through these functions so that reference and supplier text are folded the same
way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from desktop.core.cmrt.model import METALS
from desktop.core.countries import cmrt_country, country_code, same_country

# A '?' or U+FFFD inside a word stands for an accented letter lost by a legacy code page
# (Inogen 2019 Annex A prints "Cendres + M?taux SA"). Kept in keys as this wildcard.
WILDCARD = "#"

# Legal forms that suppliers add, drop or abbreviate at will. Dots are removed before this
# test, so "S.A." is "sa" and "S.p.A." is "spa".
LEGAL_WORDS = frozenset(
    """co ltd limited corp corporation inc incorporated company gmbh ag sa spa llc plc pte pvt
    private bv nv kg sdn bhd tbk jsc ojsc cjsc pjsc zao oao ooo ltda sas srl sarl cv kk as ab
    the and persero""".split()
)

# Spellings the CMRT country list has no entry for. Hong Kong smelters are filed under China in
# RMI's lists, so a supplier's "Hong Kong" is compared as China. Every other spelling goes through
# the ISO table in desktop.core.countries.
COUNTRY_SYNONYMS = {
    "HONG KONG": "CHINA",
}

# Rule 13p-1: the DRC and the nine countries sharing a border with it.
COVERED_COUNTRIES = frozenset(
    {
        "CONGO, DEMOCRATIC REPUBLIC OF THE",
        "CONGO",
        "CENTRAL AFRICAN REPUBLIC",
        "SOUTH SUDAN",
        "RWANDA",
        "UGANDA",
        "ZAMBIA",
        "BURUNDI",
        "TANZANIA, UNITED REPUBLIC OF",
        "ANGOLA",
    }
)

_METAL_BY_WORD = {m.lower(): m for m in METALS} | {"tungsten (w)": "Tungsten", "wolfram": "Tungsten"}
_CID = re.compile(r"^CID\s*-?\s*(\d{1,7})$")
_LEGACY_ID = re.compile(r"^[1-4][A-Z]{3}\d{3}$")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252/latin-1 ("CÃ³rrego" -> "Córrego"); leave other text alone."""
    if not text or text.isascii() or not any(ch in text for ch in "ÃÂâ"):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


_LOST_LETTER = re.compile(r"(?<=\w)[?\ufffd]+|[?\ufffd]+(?=\w)")
_APOSTROPHES = re.compile("['\u2019\u2018`\u00b4]")  # ASCII and typographic
_NOT_WORD = re.compile(r"[^\w#]+")
_SPACES = re.compile(r"\s+")


# Cached: a roll-up keys the same few thousand names tens of thousands of times.
@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Case-, accent-, punctuation- and legal-form-free words of a name, for exact comparison."""
    text = repair_mojibake(str(name or "")).strip()
    # A lost accented letter shows as '?' or U+FFFD between letters: keep it as a wildcard.
    if "?" in text or "\ufffd" in text:
        text = _LOST_LETTER.sub(WILDCARD, text)
    if not text.isascii():  # NFKD changes nothing in ASCII text (most names): skip it
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("&", " and ").replace("+", " and ").replace(".", "")
    text = _APOSTROPHES.sub("", text)
    text = _NOT_WORD.sub(" ", text)
    words = [w for w in text.split() if w not in LEGAL_WORDS]
    # "S.A. de C.V." leaves a lone "de" only when it was part of the legal form.
    if words and words[-1] == "de":
        words.pop()
    return " ".join(words)


def key_pattern(key: str) -> re.Pattern[str] | None:
    """A regex for a key holding wildcards (one lost letter may be one or two '?'), else None."""
    if WILDCARD not in key:
        return None
    parts = [re.escape(part) for part in key.split(WILDCARD)]
    return re.compile("^" + r"\w{0,2}".join(parts) + "$")


@lru_cache(maxsize=4096)
def country_key(country: str) -> str:
    """The CMRT country-list spelling (upper case ISO short name) of a country as written."""
    text = repair_mojibake(str(country or "")).strip().upper()
    text = re.sub(r"\s+", " ", text.replace(".", " ")).strip()
    if text in ("", "UNKNOWN", "N/A", "NA", "-"):
        return ""
    text = COUNTRY_SYNONYMS.get(text, text)
    return cmrt_country(country_code(text)) or text


def same_country_key(first: str, second: str) -> bool:
    """Two country keys (or reference spellings) naming one country, compared by ISO code."""
    return first == second or same_country(first, second)


def metal_key(metal: str) -> str:
    """"Tin", "TIN " or "tin" -> "Tin"; anything else returned stripped as written."""
    text = str(metal or "").strip()
    return _METAL_BY_WORD.get(text.lower(), text)


def smelter_id_key(raw: object) -> str:
    """"cid2082", "CID 002082" -> "CID002082"; a 2.x ID ("2BOL010") upper-cased; else ""."""
    if not raw:  # most rows written by name carry no ID, and every row is asked twice
        return ""
    text = _SPACES.sub("", str(raw)).upper()
    match = _CID.match(text)
    if match:
        digits = match.group(1)
        # Seven digits is a typo seen in RMI's own lists ("CID0027634"): keep it visible as is.
        return f"CID{int(digits):06d}" if len(digits) <= 6 else text
    if _LEGACY_ID.match(text):
        return text
    return ""


def is_legacy_id(smelter_id: str) -> bool:
    return bool(_LEGACY_ID.match(smelter_id))


def is_covered_country(country: str) -> bool:
    return country_key(country) in COVERED_COUNTRIES
