"""What the supplier inquiry shows about the Covered Countries, and the evidence for it.

"No reason to believe" the 3TG may have come from the Democratic Republic of the Congo or an
adjoining country (Form SD Item 1.01(a)-(b)) holds only on positive grounds: every supplier asked
sent a usable CMRT, every answer on the Covered Countries for each metal in scope is "No" (or
"Yes" with 100% recycled or scrap), every supplier says it identified all its smelters, and every
smelter reported is identified. Anything else ("Unknown", a blank, no answer, an unidentified
smelter, a "Yes") is a reason to believe the metal may have originated there: due diligence and a
Conflict Minerals Report follow (Item 1.01(c); domain/sec-rule.md sections 3-4). A smelter's
location is not the origin of its ore, so a list of smelters outside the region proves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from desktop.core.cmrt.model import METALS, Declaration, Meaning
from desktop.core.filing.scoping import InquiryResult
from desktop.core.smelters.matching import DECISION


class Ground(str, Enum):
    """What one answer contributes to the conclusion."""

    NOT_USED = "does not use"  # the supplier says the metal is not in what it supplies
    NO = "no"  # answered "No" to the Covered Countries
    RECYCLED = "recycled"  # "Yes", all from recycled or scrap
    REASON = "reason to believe"  # Yes, Unknown, blank: the metal may have originated there


@dataclass(frozen=True)
class AnswerEvidence:
    """One supplier's answer for one metal, as written, and what it means for the determination."""

    supplier: str
    file_name: str
    metal: str
    used: str  # "Is the metal in what you supply?" as written ("Yes", "No", "")
    covered: str  # "Does it come from the Covered Countries?" as written
    recycled: str  # "Does 100% come from recycled or scrap?" as written
    all_identified: str  # "Have you identified all smelters?" as written
    ground: Ground
    why: str  # plain words, e.g. 'answered "Unknown" for gold'
    question: str = ""  # for a reason to believe: which question ("used", "covered", "identified")


@dataclass
class InquiryEvidence:
    """The conclusion from the supplier answers, with every fact it rests on."""

    result: InquiryResult
    metals: list[str]  # metals in scope: those of covered products and those suppliers declare
    surveyed: list[str]  # roster suppliers marked as asked
    responded: list[str]  # of those, the ones with a usable current CMRT
    not_responded: list[str]
    answers: list[AnswerEvidence] = field(default_factory=list)
    unidentified_smelters: list[str] = field(default_factory=list)  # "Tin: Xyz Metals (from A, B)"
    covered_country_smelters: list[str] = field(default_factory=list)  # located in a Covered Country
    located_not_recycled: list[str] = field(default_factory=list)  # of those, none reported as recycled
    reasons: list[str] = field(default_factory=list)  # why the metals may have originated there

    @property
    def reasons_to_believe(self) -> list[AnswerEvidence]:
        return [a for a in self.answers if a.ground is Ground.REASON]

    def grounds(self) -> list[str]:
        """The positive grounds for "no reason to believe", in plain words (empty when it does not hold)."""
        if self.result not in (InquiryResult.NO_COVERED_COUNTRIES, InquiryResult.RECYCLED_OR_SCRAP_ONLY):
            return []
        count = len(self.surveyed)
        lines = [
            f"All {count} suppliers asked returned a Conflict Minerals Reporting Template."
            if count != 1 else "The one supplier asked returned a Conflict Minerals Reporting Template.",
        ]
        metals = _joined([m.lower() for m in self.metals])
        lines.append(
            f"For {metals}, every supplier that uses the metal answered that none of it comes from the "
            "Democratic Republic of the Congo or an adjoining country"
            + (", or that all of it comes from recycled or scrap sources." if self.result is InquiryResult.RECYCLED_OR_SCRAP_ONLY else ".")
        )
        lines.append("Every supplier that uses these metals said it had identified all of its smelters and refiners.")
        lines.append(
            "Every smelter or refiner the suppliers reported is identified in the Responsible Minerals "
            "Initiative's list, and none located in the Covered Countries is without a recycled or scrap source."
            if self.covered_country_smelters else
            "Every smelter or refiner the suppliers reported is identified in the Responsible Minerals "
            "Initiative's list, and none is located in the Covered Countries."
        )
        return lines


    def printed_reasons(self) -> list[str]:
        """The reasons to believe as the filing states them: counted, without naming suppliers."""
        lines = []
        if not self.surveyed:
            lines.append("No supplier was recorded as surveyed, so the inquiry cannot show that every supplier answered.")
        if self.not_responded:
            lines.append(
                f"{len(self.not_responded)} of the {len(self.surveyed)} suppliers surveyed did not return a usable "
                "Conflict Minerals Reporting Template."
            )
        wording = {
            "covered yes": "reported that some of their {metals} comes from the Covered Countries and not all of it "
                           "from recycled or scrap sources",
            "covered": 'answered "Unknown", or did not answer, whether their {metals} comes from the Covered Countries',
            "identified": "had not identified all of the smelters and refiners of their {metals}",
            "used": "did not say whether they use {metals}",
        }
        for question, text in wording.items():
            answers = [a for a in self.reasons_to_believe if a.question == question]
            if not answers:
                continue
            suppliers = {a.supplier for a in answers}
            metals = _joined([m.lower() for m in METALS if any(a.metal == m for a in answers)])
            subject = f"{len(suppliers)} supplier{'s' if len(suppliers) != 1 else ''}"
            lines.append(f"{subject} {text.format(metals=metals)}.")
        located = self.located_not_recycled
        if located:
            lines.append(
                f"{len(located)} smelter{'s' if len(located) != 1 else ''} or refiner{'s' if len(located) != 1 else ''} "
                "reported by suppliers are located in the Covered Countries, without a recycled or scrap source."
            )
        if self.unidentified_smelters:
            count = len(self.unidentified_smelters)
            lines.append(
                f"{count} smelter{'s' if count != 1 else ''} or refiner{'s' if count != 1 else ''} reported by suppliers "
                f"could not be identified, so the origin of {'their' if count != 1 else 'its'} metal is unknown."
            )
        return lines


def _joined(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _quoted(answer: str) -> str:
    return f'"{answer}"' if answer.strip() else "nothing (left blank)"


def answer_evidence(supplier: str, declaration: Declaration, metal: str) -> AnswerEvidence:
    """What one supplier's Declaration says about one metal."""
    used = declaration.answer(metal, Meaning.USED_IN_PRODUCT).strip()
    covered = declaration.answer(metal, Meaning.COVERED_COUNTRIES).strip()
    recycled = declaration.answer(metal, Meaning.ALL_RECYCLED_SCRAP).strip()
    identified = declaration.answer(metal, Meaning.ALL_SMELTERS_IDENTIFIED).strip()
    facts = dict(supplier=supplier, file_name=declaration.file_name, metal=metal, used=used, covered=covered,
                 recycled=recycled, all_identified=identified)
    name = metal.lower()
    if used.lower() == "no":
        return AnswerEvidence(**facts, ground=Ground.NOT_USED, why=f"does not use {name}")
    if used.lower() != "yes":
        return AnswerEvidence(
            **facts, ground=Ground.REASON, why=f"answered {_quoted(used)} to whether it uses {name}", question="used"
        )
    if covered.lower() == "yes" and recycled.lower() != "yes":
        return AnswerEvidence(
            **facts, ground=Ground.REASON,
            why=f'answered "Yes": some {name} comes from the Covered Countries, not all of it recycled or scrap',
            question="covered yes",
        )
    if covered.lower() not in ("yes", "no"):
        return AnswerEvidence(
            **facts, ground=Ground.REASON,
            why=f"answered {_quoted(covered)} to whether its {name} comes from the Covered Countries",
            question="covered",
        )
    if not identified.lower().startswith("yes"):
        return AnswerEvidence(
            **facts, ground=Ground.REASON,
            why=f"answered {_quoted(identified)} to whether it identified all its {name} smelters",
            question="identified",
        )
    if covered.lower() == "yes":
        return AnswerEvidence(
            **facts, ground=Ground.RECYCLED, why=f'answered "Yes" for {name}, all of it from recycled or scrap sources'
        )
    return AnswerEvidence(**facts, ground=Ground.NO, why=f'answered "No" for {name}')


def collect_evidence(
    responses: list[tuple[str, Declaration]],
    surveyed: list[str],
    not_responded: list[str],
    product_metals: set[str],
    rollup=None,
) -> InquiryEvidence:
    """The conclusion from the CMRTs in the project and the roster.

    `responses` pairs a supplier's name with its current usable CMRT (files not linked to a roster
    supplier are evidence too); `surveyed` and `not_responded` name roster suppliers marked as asked.
    `product_metals` are the metals of the covered products. `rollup` gives the smelters.
    """
    responded = [name for name in surveyed if name not in set(not_responded)]
    if not responses:
        return InquiryEvidence(InquiryResult.NOT_YET, sorted(product_metals, key=METALS.index), surveyed,
                               responded, not_responded)
    declared = {m for _name, d in responses for m in d.metals_declared()}
    metals = [m for m in METALS if m in product_metals | declared]
    evidence = InquiryEvidence(InquiryResult.NOT_YET, metals, surveyed, responded, not_responded)
    for name, declaration in responses:
        evidence.answers += [answer_evidence(name, declaration, metal) for metal in metals]

    reasons = evidence.reasons
    if not surveyed:
        reasons.append(
            "No supplier is marked as asked for a CMRT, so the inquiry cannot show that every supplier answered."
        )
    for name in not_responded:
        reasons.append(f"{name} was asked but has not returned a usable CMRT.")
    for answer in evidence.reasons_to_believe:
        reasons.append(f"{answer.supplier} {answer.why} ({answer.file_name}).")
    if rollup is not None:
        for entry in rollup.unresolved:
            if any(r.match.method == DECISION for r in entry.rows):
                continue  # the user decided it is not a smelter
            who = ", ".join(entry.suppliers)
            evidence.unidentified_smelters.append(f"{entry.metal}: {entry.name or '(no name)'} (reported by {who})")
        for smelter in rollup.smelters:
            if smelter.covered_country and not smelter.excluded:
                label = f"{smelter.metal}: {smelter.name}, {smelter.country} ({smelter.cid})"
                evidence.covered_country_smelters.append(label)
                if not smelter.recycled:
                    evidence.located_not_recycled.append(label)
                    reasons.append(
                        f"{label} is located in a Covered Country and no supplier reports it as a recycled or scrap source."
                    )
        if evidence.unidentified_smelters:
            count = len(evidence.unidentified_smelters)
            reasons.append(
                f"{count} smelter{'s' if count != 1 else ''} reported by suppliers "
                f"{'are' if count != 1 else 'is'} not identified, so where their metal came from is unknown."
            )
    if reasons:
        evidence.result = InquiryResult.MAY_BE_COVERED_COUNTRIES
    elif any(a.ground is Ground.RECYCLED for a in evidence.answers) or evidence.covered_country_smelters:
        evidence.result = InquiryResult.RECYCLED_OR_SCRAP_ONLY
    else:
        evidence.result = InquiryResult.NO_COVERED_COUNTRIES
    return evidence
