"""Rules on the file as a whole and the Declaration's company block (cmrt-checks.md 2A, 2B)."""

from __future__ import annotations

import re
from datetime import date

from desktop.core.cmrt.layouts import NEWEST_KNOWN_REVISION, is_newer_than_known, revision_number
from desktop.core.cmrt.model import METALS, Declaration, Meaning, Severity
from desktop.core.cmrt.rule_registry import CheckContext, rule

DECLARATION = "Declaration"
PRODUCT_LIST = "Product List"
EARLIEST_DATE = date(2006, 12, 31)  # every revision's date validation: greater than 39082
LATEST_DATE_6_01_TO_6_22 = date(2026, 3, 31)  # 6.01-6.22 validation: between 39082 and 46112
_EMAIL = re.compile(r"[^@\s,;<>()]+@[^@\s,;<>()]+\.[A-Za-z]{2,}")
_NO_EMAIL = ("not available", "n/a", "na")  # RMI's documented placeholder when there is no email

FIELD_NAMES = {
    "name": "company name", "scope_label": "declaration scope", "contact_name": "contact name",
    "contact_email": "contact email", "contact_phone": "contact phone", "authorizer": "authorizer's name",
    "authorizer_email": "authorizer's email", "authorizer_phone": "authorizer's phone",
    "effective_date_raw": "effective date",
}


def _cell(context: CheckContext, field_name: str) -> str:
    return context.layout.company_cells.get(field_name, "")


def _field_value(decl: Declaration, field_name: str) -> object:
    return getattr(decl.company, field_name)


@rule("A2", Severity.WARNING, "Old template revision")
def old_revision(decl: Declaration, context: CheckContext):
    number = revision_number(decl.revision)
    if number < 6:
        extra = (" Its layout was read as the 3.01 grid, which RMI documents for 4.x and 5.x but which "
                 "could not be checked against a real file." if 4 <= number < 6 else "")
        yield (f"The file uses CMRT revision {decl.revision}, which is out of date (current revisions are "
               f"6.x); its questions differ from today's. Ask the supplier for the current CMRT.{extra}",
               DECLARATION, "J3")


@rule("A7", Severity.NOTE, "Template revision newer than the app knows")
def newer_revision(decl: Declaration, context: CheckContext):
    if is_newer_than_known(decl.revision):
        yield (f"The file uses CMRT revision {decl.revision}, newer than the newest this app knows "
               f"({NEWEST_KNOWN_REVISION}). It was read with the {NEWEST_KNOWN_REVISION} layout; check its answers "
               "and product list against the file, and look for an update of this app.", DECLARATION, "J3")


@rule("F3", Severity.ERROR, "Declaration not filled in", makes_unusable=True)
def declaration_empty(decl: Declaration, context: CheckContext):
    answered = any(answer.answer for answers in decl.metal_answers.values() for answer in answers)
    if not decl.company.name and not answered:
        yield ("The Declaration sheet is empty: no company name and no answers. This looks like a blank "
               "template; ask the supplier to fill it in.", DECLARATION, "")


@rule("B1", Severity.ERROR, "Required company field missing")
def required_fields(decl: Declaration, context: CheckContext):
    if not decl.company.name and not any(a.answer for v in decl.metal_answers.values() for a in v):
        return  # F3 already says the whole sheet is empty
    for field_name in context.layout.required_fields:
        value = _field_value(decl, field_name)
        if value in ("", None):
            cell = _cell(context, field_name)
            yield (f"Declaration {cell}: the {FIELD_NAMES[field_name]} is missing; the template requires it.",
                   DECLARATION, cell)


@rule("B2", Severity.ERROR, "Malformed email address")
def malformed_emails(decl: Declaration, context: CheckContext):
    for field_name in ("contact_email", "authorizer_email"):
        value = _field_value(decl, field_name)
        if value and value.lower() not in _NO_EMAIL and not _EMAIL.fullmatch(value):
            cell = _cell(context, field_name)
            yield (f"Declaration {cell}: the {FIELD_NAMES[field_name]} \"{value}\" is not a valid email "
                   "address.", DECLARATION, cell)


@rule("B3", Severity.ERROR, "Authorizer given as 'same'")
def authorizer_same(decl: Declaration, context: CheckContext):
    if decl.company.authorizer.lower().startswith("same"):
        cell = _cell(context, "authorizer")
        yield (f"Declaration {cell}: the authorizer is given as \"{decl.company.authorizer}\"; the template "
               "asks for the name of the person who authorised the declaration.", DECLARATION, cell)


@rule("B4", Severity.ERROR, "Effective date unreadable, in the future or too early")
def effective_date(decl: Declaration, context: CheckContext):
    company = decl.company
    cell = _cell(context, "effective_date_raw")
    if company.effective_date_raw is None:
        return  # B1 reports a missing date
    if company.effective_date is None:
        yield (f"Declaration {cell}: the effective date \"{company.effective_date_raw}\" is not a date; use "
               "the form 31-Dec-2024.", DECLARATION, cell)
    elif company.effective_date > context.today:
        yield (f"Declaration {cell}: the effective date {company.effective_date:%d-%b-%Y} is in the future.",
               DECLARATION, cell)
    elif company.effective_date < EARLIEST_DATE:
        yield (f"Declaration {cell}: the effective date {company.effective_date:%d-%b-%Y} is before "
               "31-Dec-2006, which the template does not accept.", DECLARATION, cell)


@rule("B4R", Severity.WARNING, "Effective date beyond the template's range")
def effective_date_beyond_template(decl: Declaration, context: CheckContext):
    when = decl.company.effective_date
    if when and 6 <= revision_number(decl.revision) < 6.3 and LATEST_DATE_6_01_TO_6_22 < when <= context.today:
        cell = _cell(context, "effective_date_raw")
        yield (f"Declaration {cell}: the effective date {when:%d-%b-%Y} is after 31-Mar-2026, the last date "
               f"CMRT {decl.revision} accepts; the supplier should use a newer template.", DECLARATION, cell)


@rule("B5", Severity.ERROR, "Scope needs a description")
def scope_without_description(decl: Declaration, context: CheckContext):
    company = decl.company
    if company.scope in context.layout.described_scope_letters and not company.scope_description:
        cell = _cell(context, "scope_description")
        yield (f"Declaration {cell}: the scope is \"{company.scope_label}\" but the description of scope is "
               "empty; the supplier must say what the declaration covers.", DECLARATION, cell)


@rule("B6", Severity.ERROR, "Product scope without products")
def product_scope_without_products(decl: Declaration, context: CheckContext):
    company = decl.company
    if company.scope in context.layout.product_scope_letters and not decl.products:
        yield (f"Product List: the scope is \"{company.scope_label}\" but no products are listed; ask the "
               "supplier which products the declaration covers.", PRODUCT_LIST, "B6")


@rule("B8", Severity.WARNING, "Product without a product number")
def product_without_number(decl: Declaration, context: CheckContext):
    for product in decl.products:
        if not product.number:
            yield (f"Product List row {product.row}: the product \"{product.name or product.comment}\" has no "
                   "product number, which the template requires.", PRODUCT_LIST, f"row {product.row}")


@rule("D1", Severity.ERROR, "Company questions blank while a metal is used")
def company_questions_blank(decl: Declaration, context: CheckContext):
    used = [metal for metal in METALS if decl.answer(metal, Meaning.USED_IN_PRODUCT) == "Yes"
            or decl.answer(metal, Meaning.REMAINS_IN_PRODUCT) == "Yes"]
    if not used:
        return
    for answer in decl.company_answers:
        if not answer.answer:
            yield (f"Declaration {answer.cell}: company question {answer.letter} (\"{answer.wording}\") is "
                   f"unanswered, although {', '.join(used)} is declared as used.", DECLARATION, answer.cell)


@rule("D2", Severity.WARNING, "Public policy without a URL")
def policy_without_url(decl: Declaration, context: CheckContext):
    for answer in decl.company_answers:
        if answer.letter == "B" and answer.answer == "Yes" and not re.search(r"https?://|www\.|\w\.\w{2,}/",
                                                                               answer.comment):
            comment_cell = "G" + answer.cell[1:]
            yield (f"Declaration {comment_cell}: the supplier says its sourcing policy is public (question B = "
                   "Yes) but gives no web address in the comment.", DECLARATION, comment_cell)


@rule("D3", Severity.ERROR, "Other survey format not described")
def other_format_undescribed(decl: Declaration, context: CheckContext):
    for answer in decl.company_answers:
        if answer.answer == "Yes, using other format (describe)" and not answer.comment:
            comment_cell = "G" + answer.cell[1:]
            yield (f"Declaration {comment_cell}: question {answer.letter} says the supplier surveys in another "
                   "format but the comment does not describe it.", DECLARATION, comment_cell)
