"""The figures a Conflict Minerals Report prints, computed the way Juniper's 2021 CMR states them.

Juniper 2021 (seeds/001): "Of the known gold smelters and refiners in our supply chain, 62% (106)
are Conformant or Active. Of the supplier CMRTs received, 29% indicated sourcing of gold." The
count in brackets is the number Conformant or Active, the percentage is that number over the
known smelters of the metal (106 of 171). "332 known smelters ... in 51 different countries";
"received CMRTs from approximately 80% of the suppliers we surveyed"; "approximately 74% of
suppliers responding reported their CMRT at a company level" (a share of the responses).
Excluded smelters are not in Annex A, so they are not counted either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

from desktop.core.cmrt.model import METALS, Declaration
from desktop.core.percent import percent_half_up
from desktop.core.smelters.supplier_names import supplier_name
from desktop.core.smelters.statuses import ACTIVE, CONFORMANT, CROSS_RECOGNIZED, NOT_ENROLLED, REMOVED

if TYPE_CHECKING:  # rollup imports this module; the names are only for annotations
    from desktop.core.smelters.rollup import RolledSmelter, UnresolvedRow


percent = percent_half_up  # the name this module and its callers use


@dataclass
class MetalSummary:
    metal: str
    known_smelters: int = 0
    conformant: int = 0
    cross_recognized: int = 0  # counted with Conformant (statuses.py says why)
    active: int = 0
    not_enrolled: int = 0
    removed: int = 0
    conformant_or_active: int = 0
    percent_conformant_or_active: int | None = None
    declarations_sourcing: int = 0  # responses whose Q1 says the metal is used
    percent_declarations_sourcing: int | None = None

    def sentence(self) -> str:
        """The sentence a CMR prints, worded as Juniper's 2021 report."""
        if not self.known_smelters:
            return f"No known {self.metal.lower()} smelters or refiners were identified in our supply chain."
        conformant = "Conformant (including cross-recognized)" if self.cross_recognized else "Conformant"
        words = f"{conformant} or Active"
        if self.active == 0:
            words = conformant
        return (
            f"Of the known {self.metal.lower()} smelters and refiners in our supply chain, "
            f"{self.percent_conformant_or_active}% ({self.conformant_or_active}) are {words}."
        )


@dataclass
class Summary:
    metals: dict[str, MetalSummary] = field(default_factory=dict)
    known_smelters: int = 0
    countries: int = 0  # distinct smelter countries in Annex A
    covered_country_smelters: int = 0
    recycled_smelters: int = 0
    unresolved_rows: int = 0
    responses: int = 0  # suppliers with at least one declaration
    suppliers_surveyed: int | None = None
    response_rate: int | None = None  # percent of suppliers surveyed
    company_level: int = 0
    percent_company_level: int | None = None  # percent of responding suppliers

    def sentences(self) -> list[str]:
        lines = []
        if self.response_rate is not None:
            lines.append(f"We received CMRTs from approximately {self.response_rate}% of the suppliers we surveyed.")
        lines.append(
            f"We identified {self.known_smelters} known smelters and refiners that may be in our supply "
            f"chain, in {self.countries} different countries."
        )
        lines += [self.metals[m].sentence() for m in METALS]
        if self.percent_company_level is not None:
            lines.append(
                f"Approximately {self.percent_company_level}% of suppliers responding reported their CMRT "
                "at a company level."
            )
        return lines


def summarise(
    smelters: list[RolledSmelter],
    unresolved: list[UnresolvedRow],
    declarations: list[Declaration],
    supplier_names: Mapping[str, str] | None,
    suppliers_surveyed: int | None,
) -> Summary:
    summary = Summary(metals={m: MetalSummary(m) for m in METALS})
    listed = [s for s in smelters if not s.excluded]
    for smelter in listed:
        figures = summary.metals.get(smelter.metal)
        if figures is None:
            continue
        figures.known_smelters += 1
        figures.conformant += smelter.status == CONFORMANT
        figures.cross_recognized += smelter.status == CROSS_RECOGNIZED
        figures.active += smelter.status == ACTIVE
        figures.not_enrolled += smelter.status == NOT_ENROLLED
        figures.removed += smelter.status == REMOVED
    for figures in summary.metals.values():
        figures.conformant_or_active = figures.conformant + figures.cross_recognized + figures.active
        figures.percent_conformant_or_active = percent(figures.conformant_or_active, figures.known_smelters)

    summary.known_smelters = len(listed)
    summary.countries = len({s.country for s in listed if s.country})
    summary.covered_country_smelters = sum(s.covered_country for s in listed)
    summary.recycled_smelters = sum(s.recycled for s in listed)
    summary.unresolved_rows = sum(len(u.rows) for u in unresolved)

    # One response per supplier: a resubmitted file replaces, it does not add a supplier.
    latest: dict[str, Declaration] = {}
    for declaration in declarations:
        latest[supplier_name(declaration, supplier_names)] = declaration
    summary.responses = len(latest)
    for metal, figures in summary.metals.items():
        figures.declarations_sourcing = sum(metal in d.metals_declared() for d in latest.values())
        figures.percent_declarations_sourcing = percent(figures.declarations_sourcing, summary.responses)
    # Scope "A" is "Company" in 3.x-6.x and "Company Level" in 2.x.
    summary.company_level = sum(d.company.scope.strip().upper() == "A" for d in latest.values())
    summary.percent_company_level = percent(summary.company_level, summary.responses)
    summary.suppliers_surveyed = suppliers_surveyed
    if suppliers_surveyed:
        summary.response_rate = percent(summary.responses, suppliers_surveyed)
    return summary
