"""Last year against this year: suppliers, smelters, statuses and the per-metal figures.

Both projects are read with their own smelter snapshots, so last year's figures are the ones it
filed, not recomputed against today's lists. Smelters are compared by (metal, RMI ID).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from desktop.core.cmrt.model import METALS
from desktop.core.filing.evidence import answered_supplier_ids, project_response_rate, project_rollup
from desktop.core.project import Project
from desktop.core.filing.report_builder import metal_summaries


@dataclass
class MetalFigures:
    metal: str
    smelters: int
    conformant_or_active: int
    percent: int | None


@dataclass
class StatusChange:
    metal: str
    cid: str
    name: str
    before: str
    after: str


@dataclass
class YearFigures:
    year: int | None
    company: str
    surveyed: int
    responded: int
    response_rate: int
    metals: list[MetalFigures]


@dataclass
class Comparison:
    before: YearFigures
    after: YearFigures
    suppliers_added: list[str] = field(default_factory=list)
    suppliers_dropped: list[str] = field(default_factory=list)
    newly_responding: list[str] = field(default_factory=list)  # answered now, not last year
    smelters_added: dict[str, list[str]] = field(default_factory=dict)  # metal -> "Name (CID)"
    smelters_dropped: dict[str, list[str]] = field(default_factory=dict)
    status_changes: list[StatusChange] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def paragraph(self) -> str:
        """A short "changes since last year" paragraph for the report, from the figures alone."""
        if self.before.year is None or self.after.year is None:
            return ""
        parts = [
            f"Compared with our report for {self.before.year}, we surveyed {self.after.surveyed} suppliers "
            f"({self.before.surveyed} the year before) and received responses from {self.after.response_rate}% "
            f"of them ({self.before.response_rate}% the year before)."
        ]
        added = sum(len(v) for v in self.smelters_added.values())
        dropped = sum(len(v) for v in self.smelters_dropped.values())
        if added or dropped:
            parts.append(f"Our suppliers reported {added} smelters or refiners not reported the year before, "
                         f"and {dropped} reported the year before were not reported this year.")
        then = {m.metal: m for m in self.before.metals}
        for now in self.after.metals:
            old = then.get(now.metal)
            if now.percent is None or old is None or old.percent is None:
                continue
            parts.append(f"For {now.metal.lower()}, {now.percent}% of the smelters and refiners identified were "
                         f"Conformant or Active ({old.percent}% the year before).")
        return " ".join(parts)


def _figures(project: Project, rolled) -> YearFigures:
    registrant = project.registrant()
    rate = project_response_rate(project)
    # The figures the report prints (report_builder.metal_summaries), not a second count.
    metals = [MetalFigures(m.metal, m.known, m.conformant_or_active, m.percent_conformant_or_active)
              for m in metal_summaries(rolled)]
    return YearFigures(registrant.reporting_year, registrant.company_name, rate.surveyed, rate.responded,
                       rate.percent, metals)


def compare_projects(before: Project, after: Project) -> Comparison:
    old_rollup, new_rollup = project_rollup(before), project_rollup(after)
    result = Comparison(_figures(before, old_rollup), _figures(after, new_rollup))
    old_names = {s.name.casefold(): s.name for s in before.suppliers()}
    new_names = {s.name.casefold(): s.name for s in after.suppliers()}
    result.suppliers_added = sorted(new_names[k] for k in new_names.keys() - old_names.keys())
    result.suppliers_dropped = sorted(old_names[k] for k in old_names.keys() - new_names.keys())
    answered_before = {s.name.casefold() for s in before.suppliers() if s.id in answered_supplier_ids(before)}
    answered_now = {s.name.casefold(): s.name for s in after.suppliers() if s.id in answered_supplier_ids(after)}
    result.newly_responding = sorted(name for key, name in answered_now.items() if key not in answered_before)
    old = {(s.metal, s.cid): s for s in old_rollup.smelters if not s.excluded}
    new = {(s.metal, s.cid): s for s in new_rollup.smelters if not s.excluded}
    for metal in METALS:
        added = sorted(f"{new[k].name} ({k[1]})" for k in new.keys() - old.keys() if k[0] == metal)
        dropped = sorted(f"{old[k].name} ({k[1]})" for k in old.keys() - new.keys() if k[0] == metal)
        if added:
            result.smelters_added[metal] = added
        if dropped:
            result.smelters_dropped[metal] = dropped
    for key in sorted(old.keys() & new.keys(), key=lambda k: (METALS.index(k[0]) if k[0] in METALS else 9, k[1])):
        if old[key].status != new[key].status:
            result.status_changes.append(StatusChange(key[0], key[1], new[key].name, old[key].status, new[key].status))
    return result


def comparison_lines(result: Comparison) -> list[str]:
    """The comparison in plain lines, for the terminal and the page."""
    b, a = result.before, result.after
    lines = [f"{a.company or 'This project'}: {b.year or '?'} compared with {a.year or '?'}", ""]
    lines.append(f"Suppliers asked: {b.surveyed} -> {a.surveyed}; responded: {b.responded} ({b.response_rate}%) "
                 f"-> {a.responded} ({a.response_rate}%)")
    for title, names in (("Suppliers added", result.suppliers_added), ("Suppliers dropped", result.suppliers_dropped),
                         ("Newly responding", result.newly_responding)):
        lines.append(f"{title} ({len(names)}): " + (", ".join(names) if names else "none"))
    lines.append("")
    then = {m.metal: m for m in b.metals}
    for now in a.metals:
        old = then.get(now.metal, MetalFigures(now.metal, 0, 0, None))
        lines.append(f"{now.metal}: {old.smelters} -> {now.smelters} smelters; Conformant or Active "
                     f"{_pct(old.percent)} -> {_pct(now.percent)}; "
                     f"{len(result.smelters_added.get(now.metal, []))} added, "
                     f"{len(result.smelters_dropped.get(now.metal, []))} dropped")
    lines.append("")
    lines.append(f"Status changes ({len(result.status_changes)}):")
    lines += [f"  {c.metal} {c.cid} {c.name}: {c.before} -> {c.after}" for c in result.status_changes] or ["  none"]
    return lines


def _pct(value: int | None) -> str:
    return "n/a" if value is None else f"{value}%"
