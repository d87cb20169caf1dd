"""Countries of origin: what the user knows about where the 3TG was mined, overall and per smelter.

Facility lists give a smelter's location, not the origin of its ore; suppliers' CMRTs and RMI's
country-of-origin data (for RMI members) may say more. The user records what is known, with its
source, in RMI's risk categories as Juniper's filings do (L1, L2, L3, recycled or scrap). The
report prints the countries, or, only when none is known, that the origin could not be determined.
Stored as one JSON answer ("origins"); nothing here is proposed or guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

ORIGINS_KEY = "origins"

L1, L2, L3, RECYCLED, UNKNOWN = "L1", "L2", "L3", "recycled", "unknown"
# RMI's country risk levels, in the words of Juniper's 2016 report (domain/sec-rule.md section 7).
CATEGORY_LABELS = {
    L1: "L1 – Countries that are not identified as conflict regions or plausible areas of smuggling or "
    "export of 3TG from the Covered Countries",
    L2: "L2 – Countries that are known or plausible countries for smuggling, export out of region or "
    "transit of materials containing 3TG",
    L3: "L3 – The Democratic Republic of the Congo and its nine adjoining countries",
    RECYCLED: "Recycled or scrap sources",
    UNKNOWN: "Origin not known",
}
COUNTRY_LEVELS = (L1, L2, L3)
SHORT_LABELS = {L1: "L1 (low risk)", L2: "L2 (transit)", L3: "L3 (Covered Countries)", RECYCLED: "Recycled or scrap",
                UNKNOWN: "Not known"}


def split_countries(text: str) -> list[str]:
    """"China, Peru; Bolivia" -> ["China", "Peru", "Bolivia"], each once, as typed."""
    seen, countries = set(), []
    for part in re.split(r"[,;\n]", text):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            countries.append(name)
    return countries


@dataclass
class SmelterOrigin:
    categories: list[str] = field(default_factory=list)  # of CATEGORY_LABELS' keys
    countries: list[str] = field(default_factory=list)
    source: str = ""  # where this comes from, e.g. "supplier CMRT" or "RMI RCOI data, April 2022"


@dataclass
class Origins:
    source: str = ""  # e.g. "information made available by the RMI to its members on April 29, 2022"
    countries: dict[str, list[str]] = field(default_factory=dict)  # L1/L2/L3 -> countries
    recycled: bool = False  # some smelters source recycled or scrap
    unknown: bool = False  # the origin of some 3TG is not known
    smelters: dict[str, SmelterOrigin] = field(default_factory=dict)  # smelter_key -> what is known

    def known_countries(self) -> list[str]:
        """Every country recorded, overall or for a smelter, alphabetically."""
        found: dict[str, str] = {}
        for names in self.countries.values():
            for name in names:
                found.setdefault(name.casefold(), name)
        for origin in self.smelters.values():
            for name in origin.countries:
                found.setdefault(name.casefold(), name)
        return sorted(found.values(), key=str.casefold)

    def category_lists(self) -> list[tuple[str, list[str]]]:
        """(category label, countries) for each risk level with countries, in L1-L3 order."""
        levels: dict[str, dict[str, str]] = {level: {} for level in COUNTRY_LEVELS}
        for level, names in self.countries.items():
            for name in names:
                levels.setdefault(level, {}).setdefault(name.casefold(), name)
        for origin in self.smelters.values():
            for level in origin.categories:
                if level in levels:
                    for name in origin.countries:
                        levels[level].setdefault(name.casefold(), name)
        return [
            (CATEGORY_LABELS[level], sorted(names.values(), key=str.casefold))
            for level, names in levels.items()
            if names
        ]

    def any_recycled(self) -> bool:
        return self.recycled or any(RECYCLED in o.categories for o in self.smelters.values())

    def any_unknown(self) -> bool:
        return self.unknown or any(UNKNOWN in o.categories for o in self.smelters.values())


def smelter_key(metal: str, cid: str) -> str:
    return f"{metal}|{cid}"


def load_origins(answers: dict[str, str]) -> Origins:
    try:
        raw = json.loads(answers.get(ORIGINS_KEY, "") or "{}")
    except ValueError:
        raw = {}
    if not isinstance(raw, dict):
        raw = {}
    smelters = {
        key: SmelterOrigin(list(value.get("categories", [])), list(value.get("countries", [])), value.get("source", ""))
        for key, value in (raw.get("smelters") or {}).items()
        if isinstance(value, dict)
    }
    return Origins(
        source=raw.get("source", ""),
        countries={level: list(raw.get("countries", {}).get(level, [])) for level in COUNTRY_LEVELS},
        recycled=bool(raw.get("recycled")),
        unknown=bool(raw.get("unknown")),
        smelters=smelters,
    )


def save_origins(project, origins: Origins) -> None:
    smelters = {
        key: {"categories": o.categories, "countries": o.countries, "source": o.source}
        for key, o in origins.smelters.items()
        if o.categories or o.countries or o.source.strip()
    }
    payload = {
        "source": origins.source.strip(),
        "countries": {level: names for level, names in origins.countries.items() if names},
        "recycled": origins.recycled,
        "unknown": origins.unknown,
        "smelters": smelters,
    }
    project.set_answer(ORIGINS_KEY, json.dumps(payload, ensure_ascii=False, sort_keys=True))


def supplier_origin_notes(smelter) -> list[str]:
    """What suppliers wrote about a rolled-up smelter's mines and recycled feedstock, as evidence."""
    notes = []
    for reported in smelter.rows:
        row = reported.row
        parts = []
        if row.mine_countries.strip():
            parts.append(f"mine countries \"{row.mine_countries.strip()}\"")
        if row.recycled_scrap.strip():
            parts.append(f"100% recycled or scrap: {row.recycled_scrap.strip()}")
        if parts:
            note = f"{reported.supplier}: " + "; ".join(parts)
            if note not in notes:
                notes.append(note)
    return notes
