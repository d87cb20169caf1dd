"""What a project's data add up to: current declarations, the smelter roll-up, the determination."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.cmrt.model import METALS, Declaration, Meaning
from desktop.core.project import Project
from desktop.core.project.declaration_store import StoredDeclaration
from desktop.core.scoping import Determination, InquiryResult, determine_outcome
from desktop.core.project_reference import project_reference
from desktop.core.smelters import Rollup, SmelterReference, rollup
from desktop.core.suppliers import Supplier, response_rate


@dataclass
class CurrentDeclaration:
    stored: StoredDeclaration
    declaration: Declaration
    supplier: Supplier | None

    @property
    def supplier_name(self) -> str:
        if self.supplier is not None:
            return self.supplier.name
        return self.declaration.company.name.strip() or self.declaration.file_name


def current_declarations(project: Project) -> list[CurrentDeclaration]:
    """Each supplier's current, readable declaration (and unassigned readable files)."""
    suppliers = {s.id: s for s in project.suppliers()}
    return [
        CurrentDeclaration(stored, stored.declaration, suppliers.get(stored.supplier_id))
        for stored in project.stored_declarations(current_only=True)
        if stored.declaration is not None
    ]


def project_rollup(project: Project, reference: SmelterReference | None = None) -> Rollup:
    """The smelter roll-up of every current declaration, with the user's decisions and overrides.

    By default against the project's own smelter reference (its snapshot), never the app's
    current one: a filed report's figures must not move when the app's lists are updated.
    """
    current = current_declarations(project)
    surveyed = response_rate(project.suppliers()).surveyed
    return rollup(
        [c.declaration for c in current],
        reference or project_reference(project),
        project.decisions(),
        project.overrides(),
        supplier_names={c.declaration.path: c.supplier_name for c in current},
        suppliers_surveyed=surveyed or None,
        left_unknown=project.left_unknown(),
    )


def inquiry_result(declarations: list[Declaration], smelters_rollup: Rollup | None = None) -> InquiryResult:
    """What the supplier answers show about the Covered Countries.

    A supplier answering Yes to "from the Covered Countries" for a metal it does not also declare
    as 100% recycled or scrap, or a reported smelter located in a Covered Country that no supplier
    calls recycled, gives reason to believe the metal may come from there (Item 1.01(c)).
    """
    if not declarations:
        return InquiryResult.NOT_YET
    covered_any = False
    for declaration in declarations:
        for metal in METALS:
            if declaration.answer(metal, Meaning.COVERED_COUNTRIES) != "Yes":
                continue
            covered_any = True
            if declaration.answer(metal, Meaning.ALL_RECYCLED_SCRAP) != "Yes":
                return InquiryResult.MAY_BE_COVERED_COUNTRIES
    if smelters_rollup is not None:
        for smelter in smelters_rollup.smelters:
            if smelter.covered_country and not smelter.excluded:
                if not smelter.recycled:
                    return InquiryResult.MAY_BE_COVERED_COUNTRIES
                covered_any = True
    return InquiryResult.RECYCLED_OR_SCRAP_ONLY if covered_any else InquiryResult.NO_COVERED_COUNTRIES


def project_determination(project: Project, smelters_rollup: Rollup | None = None) -> Determination:
    current = [c.declaration for c in current_declarations(project)]
    return determine_outcome(project.products(), inquiry_result(current, smelters_rollup))
