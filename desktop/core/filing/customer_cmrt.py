"""Our own CMRT for our customers: what the project says, as answers to RMI's template.

Small manufacturers are suppliers too; their customers send them a CMRT. Every answer here is
*derived* from the project (products, the supplier answers, the smelter roll-up, the confirmed due
diligence sentences) and carries its reason in plain words, so the user confirms or changes each one
before the file is written (desktop.core.export.customer_cmrt_file writes it). Nothing leans toward
the easy answer: a question the data cannot settle is "Unknown" or "No", never "Yes". Facts about
the company that the project does not hold (the e-mail addresses) are asked for, never invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.core.filing import claims
from desktop.core.cmrt.model import METALS, Meaning
from desktop.core.filing.evidence import current_declarations, project_determination, project_response_rate, usable
from desktop.core.project import Project
from desktop.core.filing.scoping import Outcome
from desktop.core.smelters import Rollup

EXPORT_KIND = "customer_cmrt"  # how the export history names a CMRT written for customers
SCOPE_COMPANY = "A. Company"
SCOPE_PRODUCT = "B. Product (or List of Products)"
YES_NO = ("Yes", "No")
YES_NO_UNKNOWN = ("Yes", "No", "Unknown")
RESPONSE_LEVELS = ("100%", "Greater than 90%", "Greater than 75%", "Greater than 50%", "50% or less", "None")
SURVEY_YES = "Yes, in conformance with IPC1755 (e.g., CMRT)"
SURVEY_OPTIONS = (SURVEY_YES, "Yes, using other format (describe)", "No")
FILING_OPTIONS = ("Yes, with the SEC", "Yes, with the EU", "Yes, with the SEC and the EU", "No")
SETTING_PREFIX = "customer_cmrt."  # project settings: the contact facts the user typed for this file

# Per-metal questions 1-8 of CMRT 6.x (LAYOUT.md 2.3), shortened for the confirmation table.
METAL_QUESTIONS = {
    1: ("Is the metal intentionally added or used in the product(s) or in production?", YES_NO),
    2: ("Does the metal remain in the product(s)?", YES_NO),
    3: ("Do any smelters in your supply chain source it from the Covered Countries?", YES_NO_UNKNOWN),
    4: ("Do any smelters in your supply chain source it from conflict-affected and high-risk areas?",
        YES_NO_UNKNOWN),
    5: ("Does 100% of it come from recycled or scrap sources?", YES_NO_UNKNOWN),
    6: ("What share of relevant suppliers responded to your survey?", RESPONSE_LEVELS),
    7: ("Have you identified all the smelters supplying it?", YES_NO),
    8: ("Has all smelter information you received been reported in this declaration?", YES_NO),
}
COMPANY_QUESTIONS = {
    "A": ("Have you established a responsible minerals sourcing policy?", YES_NO),
    "B": ("Is that policy publicly available on your website?", YES_NO),
    "C": ("Do you require your direct suppliers to source from smelters validated by an independent "
          "third-party audit program?", YES_NO),
    "D": ("Have you implemented due diligence measures for responsible sourcing?", YES_NO),
    "E": ("Do you survey your relevant suppliers on conflict minerals?", SURVEY_OPTIONS),
    "F": ("Do you review the due diligence information from suppliers against your expectations?", YES_NO),
    "G": ("Does your review process include corrective action management?", YES_NO),
    "H": ("Is your company required to file an annual conflict minerals disclosure?", FILING_OPTIONS),
}
_MEANINGS = {3: Meaning.COVERED_COUNTRIES, 4: Meaning.CAHRA, 5: Meaning.ALL_RECYCLED_SCRAP}

# Company block: field -> (label, required by RMI's Checker)
CONTACT_FIELDS = {
    "company_name": ("Company name", True),
    "address": ("Address", False),
    "contact_name": ("Contact name", True),
    "contact_email": ("Contact e-mail", True),
    "contact_phone": ("Contact phone", True),
    "authorizer": ("Authorizer", True),
    "authorizer_title": ("Authorizer's title", False),
    "authorizer_email": ("Authorizer's e-mail", True),
    "authorizer_phone": ("Authorizer's phone", False),
}


@dataclass
class DerivedAnswer:
    key: str  # "3/Tin" for a metal question, "A".."H" for a company question
    question: str
    options: tuple[str, ...]
    answer: str  # proposed from the project; the user may change it
    reason: str
    metal: str = ""
    number: int = 0  # per-metal question number, 0 for company questions
    comment: str = ""  # written beside the answer (question B: the policy's web address)


@dataclass
class CustomerSmelter:
    metal: str
    cid: str
    name: str
    country: str


@dataclass
class CustomerCmrt:
    """Everything the customer's template is filled with; the writer reads nothing else."""

    contact: dict[str, str]
    effective_date: date
    scope: str
    products: list[tuple[str, str]]  # (product number, product name) for a product-scope declaration
    metal_answers: list[DerivedAnswer]
    company_answers: list[DerivedAnswer]
    smelters: list[CustomerSmelter] = field(default_factory=list)

    def missing(self) -> list[str]:
        """Labels of the required company facts still empty (the user is asked for them)."""
        gaps = [label for key, (label, required) in CONTACT_FIELDS.items()
                if required and not self.contact.get(key, "").strip()]
        if self.scope == SCOPE_PRODUCT and not self.products:
            gaps.append("At least one product (the declaration is for a list of products)")
        used = {a.metal for a in self.metal_answers if a.number == 1 and a.answer == "Yes"}
        gaps += [f"Question {a.number} for {a.metal.lower()}" for a in self.metal_answers
                 if a.metal in used and not a.answer]
        gaps += [f"Question {a.key}" for a in self.company_answers if not a.answer]
        return gaps

    def answer(self, key: str) -> str:
        for item in self.metal_answers + self.company_answers:
            if item.key == key:
                return item.answer
        raise KeyError(key)

    def set_answer(self, key: str, value: str) -> None:
        for item in self.metal_answers + self.company_answers:
            if item.key == key:
                if value not in item.options and value != "":
                    raise ValueError(f"{value!r} is not an answer RMI's template accepts for {item.question}")
                item.answer = value
                return
        raise KeyError(key)


def contact_facts(project: Project) -> dict[str, str]:
    """The company block: the registrant's facts, then what the user typed for this file."""
    reg = project.registrant()
    facts = {
        "company_name": reg.company_name, "address": reg.address, "contact_name": reg.contact_name,
        "contact_email": "", "contact_phone": reg.contact_phone, "authorizer": reg.signer_name,
        "authorizer_title": reg.signer_title, "authorizer_email": "", "authorizer_phone": "",
    }  # fmt: skip
    for key in facts:
        typed = project.setting(SETTING_PREFIX + key).strip()
        if typed:
            facts[key] = typed
    return facts


def save_contact_facts(project: Project, facts: dict[str, str]) -> None:
    for key in CONTACT_FIELDS:
        project.set_setting(SETTING_PREFIX + key, facts.get(key, "").strip())


def _names(items) -> str:
    items = sorted(set(items))
    shown = ", ".join(items[:4])
    return shown + (f" and {len(items) - 4} more" if len(items) > 4 else "")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _not_answered(missing: int) -> str:
    return f"{_count(missing, 'supplier')} asked {'has' if missing == 1 else 'have'} not answered"


class _Facts:
    """What the project holds, gathered once for all the questions."""

    def __init__(self, project: Project, smelters_rollup: Rollup):
        self.products = project.products()
        self.current = [c for c in current_declarations(project) if usable(c)]
        self.rate = project_response_rate(project)
        self.rollup = smelters_rollup
        self.answers = project.answers()
        self.claims = {s.key: s.confirmed for s in claims.claim_states(self.answers)}
        self.outcome = project_determination(project, smelters_rollup).outcome

    def using(self, metal: str):
        """Suppliers' current usable CMRTs that say the metal is in what they supply."""
        return [c for c in self.current if c.declaration.answer(metal, Meaning.USED_IN_PRODUCT) == "Yes"]


def _q1(facts: _Facts, metal: str) -> tuple[str, str]:
    products = [p.name for p in facts.products if metal in p.metals]
    if products:
        return "Yes", f"Your products page lists {metal.lower()} in {_names(products)}."
    suppliers = [c.supplier_name for c in facts.using(metal)]
    if suppliers:
        return "Yes", f"No product lists {metal.lower()}, but {_names(suppliers)} declare it in what they supply."
    return "No", f"No product in the project lists {metal.lower()} and no supplier declares it."


def _q2(facts: _Facts, metal: str) -> tuple[str, str]:
    products = [p.name for p in facts.products if metal in p.metals]
    if products:
        return "Yes", f"Your products page says {_names(products)} contain {metal.lower()}."
    return "No", f"No product in the project lists {metal.lower()} as contained; check this if it is used only in production."


def _supplier_question(facts: _Facts, metal: str, number: int) -> tuple[str, str]:
    """Questions 3-5: the answers of the suppliers that use the metal, the most cautious one winning."""
    users = facts.using(metal)
    said = {c.supplier_name: c.declaration.answer(metal, _MEANINGS[number]) or "blank" for c in users}
    if not users:
        return "Unknown", f"No supplier's CMRT declares {metal.lower()}, so nothing shows where it comes from."
    yes = [n for n, a in said.items() if a == "Yes"]
    no = [n for n, a in said.items() if a == "No"]
    other = [n for n, a in said.items() if a not in ("Yes", "No")]
    missing = facts.rate.surveyed - facts.rate.responded
    if number == 5:  # all recycled: Yes only when every supplier says so
        if no:
            return "No", f"{_names(no)} answered No."
        if other or missing:
            why = f"{_names(other)} answered Unknown or left it blank" if other else _not_answered(missing)
            return "Unknown", why + "."
        return "Yes", f"All {len(yes)} suppliers that use it answered Yes."
    if yes:
        return "Yes", f"{_names(yes)} answered Yes."
    if other:
        return "Unknown", f"{_names(other)} answered Unknown or left it blank."
    if missing:
        return "Unknown", _not_answered(missing) + ", so their smelters are not known."
    return "No", f"All {len(no)} suppliers that use it answered No, and every supplier asked has answered."


def _q6(facts: _Facts) -> tuple[str, str]:
    surveyed, responded = facts.rate.surveyed, facts.rate.responded
    if not surveyed:
        return "None", "No supplier is marked as asked on the suppliers page."
    said = f"{responded} of the {surveyed} suppliers asked returned a usable CMRT"
    # Compare the counts, not the rounded percent: 199 of 200 is not "100%".
    if responded == surveyed:
        return "100%", said + "."
    for level, threshold in (("Greater than 90%", 90), ("Greater than 75%", 75), ("Greater than 50%", 50)):
        if responded * 100 > threshold * surveyed:
            return level, said + "."
    return ("50% or less" if responded else "None"), said + "."


def _q7(facts: _Facts, metal: str) -> tuple[str, str]:
    unresolved = [u for u in facts.rollup.unresolved if u.metal == metal]
    if unresolved:
        return "No", f"{_count(len(unresolved), metal.lower() + ' smelter name')} from suppliers not identified."
    not_all = [c.supplier_name for c in facts.using(metal)
               if c.declaration.answer(metal, Meaning.ALL_SMELTERS_IDENTIFIED) != "Yes"]
    if not_all:
        return "No", f"{_names(not_all)} did not answer Yes to having identified all their smelters."
    if facts.rate.responded < facts.rate.surveyed:
        return "No", "Not every supplier asked has answered."
    return "Yes", "Every supplier answered and says it identified all its smelters, and every smelter is identified."


def _q8(facts: _Facts, metal: str) -> tuple[str, str]:
    unresolved = [u for u in facts.rollup.unresolved if u.metal == metal]
    if unresolved:
        return "No", (f"{_count(len(unresolved), metal.lower() + ' smelter name')} received could not be "
                      "identified, so not in the Smelter List.")
    count = sum(1 for s in facts.rollup.smelters if s.metal == metal and not s.excluded)
    return "Yes", f"Every identified {metal.lower()} smelter received ({count}) is in the Smelter List."


def metal_answers(facts: _Facts) -> list[DerivedAnswer]:
    answers = []
    for number, (question, options) in METAL_QUESTIONS.items():
        for metal in METALS:
            answers.append(DerivedAnswer(f"{number}/{metal}", question, options, "", "", metal, number))
    by_key = {a.key: a for a in answers}
    for metal in METALS:
        used, reason = _q1(facts, metal)
        by_key[f"1/{metal}"].answer, by_key[f"1/{metal}"].reason = used, reason
        if used != "Yes":
            for number in range(2, 9):
                by_key[f"{number}/{metal}"].reason = "Not asked: the metal is not used (question 1)."
            continue
        derived = {2: _q2(facts, metal), 6: _q6(facts), 7: _q7(facts, metal), 8: _q8(facts, metal)}
        for number in (3, 4, 5):
            derived[number] = _supplier_question(facts, metal, number)
        for number, (answer, reason) in derived.items():
            by_key[f"{number}/{metal}"].answer, by_key[f"{number}/{metal}"].reason = answer, reason
    return answers


def _claim(facts: _Facts, *keys: str) -> tuple[bool, str]:
    labels = {s.key: s.label for s in claims.claim_states(facts.answers)}
    unconfirmed = [labels.get(k, k) for k in keys if not facts.claims.get(k)]
    if unconfirmed:
        return False, "Not confirmed on the due diligence page: " + ", ".join(f'"{u}"' for u in unconfirmed) + "."
    return True, "Confirmed on the due diligence page: " + ", ".join(f'"{labels.get(k, k)}"' for k in keys) + "."


def company_answers(facts: _Facts) -> list[DerivedAnswer]:
    policy, policy_why = _claim(facts, "policy")
    url = facts.answers.get("policy_url", "").strip()
    measures, measures_why = _claim(facts, "risk_identification", "risk_response")
    review, review_why = _claim(facts, "risk_identification")
    corrective, corrective_why = _claim(facts, "risk_response")
    derived = {
        "A": ("Yes" if policy else "No", policy_why, ""),
        "B": ("Yes", policy_why + f" The policy is at {url}.", url) if policy and url else
             ("No", policy_why if not policy else "No web address for the policy on the due diligence page.", ""),
        "C": ("No", "Nothing in the project says your supplier terms require audited smelters (the proposed "
                    "wording only encourages it). Answer Yes only if your terms require it.", ""),
        "D": ("Yes" if measures else "No", measures_why, ""),
        "E": (SURVEY_YES, f"{_count(facts.rate.surveyed, 'supplier')} asked for a CMRT.", "") if facts.rate.surveyed
        else ("No", "No supplier is marked as asked on the suppliers page.", ""),
        "F": ("Yes" if review else "No", review_why, ""),
        "G": ("Yes" if corrective else "No", corrective_why, ""),
        "H": ("Yes, with the SEC", "This project's determination is that a Form SD is due.", "")
        if facts.outcome in (Outcome.SD_ONLY, Outcome.SD_WITH_CMR, Outcome.SD_PENDING_INQUIRY)
        else ("No", "This project's determination does not (yet) say a Form SD is due.", ""),
    }
    return [
        DerivedAnswer(letter, question, options, *derived[letter][:2], comment=derived[letter][2])
        for letter, (question, options) in COMPANY_QUESTIONS.items()
    ]


def customer_smelters(smelters_rollup: Rollup) -> list[CustomerSmelter]:
    """Every smelter of Annex A (identified, not excluded), by metal then name."""
    rows = [CustomerSmelter(r.metal, r.cid, r.name, r.country) for r in smelters_rollup.annex_rows()]
    return sorted(rows, key=lambda r: (METALS.index(r.metal) if r.metal in METALS else 9, r.name.lower()))


def customer_cmrt(project: Project, smelters_rollup: Rollup, today: date, scope: str = SCOPE_COMPANY
                  ) -> CustomerCmrt:
    """The proposed declaration, every answer with its reason, for the user to confirm."""
    facts = _Facts(project, smelters_rollup)
    products = [(p.name, p.description) for p in facts.products if p.metals] if scope == SCOPE_PRODUCT else []
    return CustomerCmrt(
        contact=contact_facts(project), effective_date=today, scope=scope, products=products,
        metal_answers=metal_answers(facts), company_answers=company_answers(facts),
        smelters=customer_smelters(smelters_rollup),
    )
