"""Rules on the per-metal question matrix (cmrt-checks.md 2C)."""

from __future__ import annotations

from desktop.core.cmrt.model import METALS, Declaration, Meaning, Severity
from desktop.core.cmrt.normalise import answer_is_allowed
from desktop.core.cmrt.rule_registry import CheckContext, rule

DECLARATION = "Declaration"
FULL_RESPONSE = ("100%", "Yes, 100%", "Yes")  # 6.x, 3.x and 2.x wording of "all suppliers answered"
BELOW_HALF = ("50% or less", "None", "No, but greater than 25%", "No, but less than 25%", "No but > 25%",
              "No but < 25%", "No - none")


def metal_in_scope(decl: Declaration, metal: str) -> bool:
    """Q1 (used or intentionally added) or, in 3.x, Q2 (necessary and contained) answered Yes."""
    return (decl.answer(metal, Meaning.USED_IN_PRODUCT) == "Yes"
            or decl.answer(metal, Meaning.REMAINS_IN_PRODUCT) == "Yes")


def _answer(decl: Declaration, metal: str, meaning: Meaning):
    return next((item for item in decl.metal_answers.get(metal, []) if item.meaning == meaning), None)


@rule("C1", Severity.ERROR, "Question 1 blank")
def first_question_blank(decl: Declaration, context: CheckContext):
    if not decl.company.name and not any(a.answer for v in decl.metal_answers.values() for a in v):
        return  # F3: a blank template
    for metal in METALS:
        first = _answer(decl, metal, Meaning.USED_IN_PRODUCT)
        if first is not None and not first.answer:
            yield (f"Declaration {first.cell}: question 1 for {metal} is unanswered; the supplier must say "
                   f"whether {metal.lower()} is used in its products.", DECLARATION, first.cell)


@rule("C2", Severity.ERROR, "Answers missing after a Yes")
def answers_missing_after_yes(decl: Declaration, context: CheckContext):
    for metal in METALS:
        if not metal_in_scope(decl, metal):
            continue
        for item in decl.metal_answers.get(metal, []):
            if item.question > 1 and not item.answer:
                yield (f"Declaration {item.cell}: question {item.question} for {metal} is unanswered, although "
                       f"{metal.lower()} is declared as used.", DECLARATION, item.cell)


@rule("C3", Severity.ERROR, "Answer not in the template's list")
def answer_not_allowed(decl: Declaration, context: CheckContext):
    allowed_by_number = {question.number: question.allowed for question in context.layout.questions}
    for metal in METALS:
        for item in decl.metal_answers.get(metal, []):
            allowed = allowed_by_number.get(item.question, ())
            if item.answer and allowed and not answer_is_allowed(item.answer, allowed):
                yield (f"Declaration {item.cell}: question {item.question} for {metal} reads \"{item.answer}\", "
                       f"which is not one of the template's answers ({', '.join(allowed)}).",
                       DECLARATION, item.cell)
    allowed_by_letter = {question.letter: question.allowed for question in context.layout.company_questions}
    for item in decl.company_answers:
        allowed = allowed_by_letter.get(item.letter, ())
        if item.answer and allowed and not answer_is_allowed(item.answer, allowed):
            yield (f"Declaration {item.cell}: company question {item.letter} reads \"{item.answer}\", which is "
                   f"not one of the template's answers ({', '.join(allowed)}).", DECLARATION, item.cell)


@rule("C4", Severity.WARNING, "Fewer than half of the suppliers answered")
def low_response(decl: Declaration, context: CheckContext):
    for metal in METALS:
        item = _answer(decl, metal, Meaning.SUPPLIER_RESPONSE)
        if item is not None and item.answer in BELOW_HALF and metal_in_scope(decl, metal):
            yield (f"Declaration {item.cell}: for {metal}, the supplier heard back from few of its own "
                   f"suppliers (\"{item.answer}\"); its smelter list is likely incomplete.", DECLARATION, item.cell)


@rule("C5", Severity.WARNING, "All smelters identified, yet not all suppliers answered")
def identified_all_without_full_response(decl: Declaration, context: CheckContext):
    for metal in METALS:
        identified = _answer(decl, metal, Meaning.ALL_SMELTERS_IDENTIFIED)
        response = _answer(decl, metal, Meaning.SUPPLIER_RESPONSE)
        if identified is None or response is None or not response.answer:
            continue
        if identified.answer.startswith("Yes") and response.answer not in FULL_RESPONSE:
            yield (f"Declaration {identified.cell}: for {metal}, the supplier says it identified all smelters, "
                   f"but only \"{response.answer}\" of its suppliers answered ({response.cell}). Ask how it "
                   "can know every smelter.", DECLARATION, identified.cell)


@rule("C6", Severity.WARNING, "Not all smelter information reported")
def smelter_info_not_reported(decl: Declaration, context: CheckContext):
    for metal in METALS:
        item = _answer(decl, metal, Meaning.ALL_SMELTER_INFO_REPORTED)
        if item is not None and item.answer == "No" and metal_in_scope(decl, metal):
            yield (f"Declaration {item.cell}: for {metal}, the supplier says it has not reported all the smelter "
                   "information it received; ask for the complete list.", DECLARATION, item.cell)


@rule("C7", Severity.WARNING, "Sourcing from the covered countries")
def covered_countries(decl: Declaration, context: CheckContext):
    for metal in METALS:
        item = _answer(decl, metal, Meaning.COVERED_COUNTRIES)
        if item is not None and item.answer == "Yes":
            yield (f"Declaration {item.cell}: for {metal}, the supplier says its smelters source from the DRC or "
                   "an adjoining country. This needs due diligence: record it and ask for the smelters and "
                   "their RMAP status.", DECLARATION, item.cell)
