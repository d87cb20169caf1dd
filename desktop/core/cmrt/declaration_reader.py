"""Read the Declaration sheet (company block, per-metal and company questions) and the Product List."""

from __future__ import annotations

import re

from desktop.core.cmrt.layouts import Layout, answer_rows, revision_number
from desktop.core.cmrt.model import METALS, CompanyAnswer, CompanyInfo, MetalAnswer, ProductRow
from desktop.core.cmrt.normalise import clean_field, is_copyright_line, normalise_answer, parse_date
from desktop.core.cmrt.sheets import Grid

_BLANKS = ("", None, 0.0)
_SCOPE_LETTER = re.compile(r"\s*([A-D])\s*[.)]")


def read_company(declaration: Grid, layout: Layout) -> CompanyInfo:
    company = CompanyInfo()
    for field_name, address in layout.company_cells.items():
        raw = declaration.cell(address)
        if field_name == "effective_date_raw":
            company.effective_date_raw = raw if clean_field(raw) else None
            company.effective_date = parse_date(raw)
        else:
            setattr(company, field_name, " ".join(clean_field(raw).split()) if field_name != "address"
                    else clean_field(raw))
    match = _SCOPE_LETTER.match(company.scope_label)
    company.scope = match.group(1) if match else ""
    return company


def read_metal_answers(declaration: Grid, layout: Layout) -> dict[str, list[MetalAnswer]]:
    answers: dict[str, list[MetalAnswer]] = {metal: [] for metal in METALS}
    for question in layout.questions:
        for metal, row in zip(METALS, answer_rows(question)):
            raw = declaration.cell(f"D{row}")
            answers[metal].append(MetalAnswer(
                question=question.number, meaning=question.meaning, wording=question.wording,
                answer=normalise_answer(raw, question.allowed), raw=raw,
                comment=clean_field(declaration.cell(f"G{row}")), cell=f"D{row}",
            ))
    return answers


def read_company_answers(declaration: Grid, layout: Layout) -> list[CompanyAnswer]:
    return [
        CompanyAnswer(
            letter=question.letter, wording=question.wording,
            answer=normalise_answer(declaration.cell(f"D{question.row}"), question.allowed),
            comment=clean_field(declaration.cell(f"G{question.row}")), cell=f"D{question.row}",
            raw=declaration.cell(f"D{question.row}"),
        )
        for question in layout.company_questions
    ]


def read_language(declaration: Grid) -> str:
    language = clean_field(declaration.cell("D3"))
    return language if len(language) < 40 else ""


def read_products(products: Grid | None, revision: str) -> list[ProductRow]:
    """Product List rows from row 6; 6.6 adds requester number and name before the comments."""
    if products is None:
        return []
    with_requester = revision_number(revision) >= 6.6 or bool(clean_field(products.cell("F5")))
    rows = []
    for number in range(6, products.height + 1):
        raw = products.row(number)[1:6]
        if all(value in _BLANKS for value in raw):  # 2,000 template rows, nearly all empty
            continue
        cells = [clean_field(value) for value in raw] + [""] * 5
        if not any(cells[:5]):
            continue
        if is_copyright_line(cells[0]) or is_copyright_line(cells[1]):
            break
        if with_requester:
            rows.append(ProductRow(number, cells[0], cells[1], cells[4], cells[2], cells[3]))
        else:
            rows.append(ProductRow(number, cells[0], cells[1], cells[2]))
    return rows
