"""Read the Declaration sheet (company block, per-metal and company questions) and the Product List."""

from __future__ import annotations

import re

from desktop.core.cmrt.hyperlinks import with_link
from desktop.core.cmrt.layouts import PRODUCT_HEADERS, Layout, answer_rows, product_columns
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


def read_company_answers(declaration: Grid, layout: Layout,
                         links: dict[str, str] | None = None) -> list[CompanyAnswer]:
    """`links`: the sheet's cell hyperlinks; a comment's link target counts as part of it."""
    links = links or {}
    return [
        CompanyAnswer(
            letter=question.letter, wording=question.wording,
            answer=normalise_answer(declaration.cell(f"D{question.row}"), question.allowed),
            comment=with_link(clean_field(declaration.cell(f"G{question.row}")), links.get(f"G{question.row}", "")),
            cell=f"D{question.row}", raw=declaration.cell(f"D{question.row}"),
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
    columns = product_columns_by_header(products) or product_columns(revision)
    last = max(columns.values()) + 1
    rows = []
    for number in range(6, products.height + 1):
        raw = products.row(number)[1:last]
        if all(value in _BLANKS for value in raw):  # 2,000 template rows, nearly all empty
            continue
        cells = products.row(number)
        fields = {name: clean_field(cells[index]) if index < len(cells) else "" for name, index in columns.items()}
        if not any(fields.values()):
            continue
        if is_copyright_line(fields["number"]) or is_copyright_line(fields["name"]):
            break
        rows.append(ProductRow(number, **fields))
    return rows


def product_columns_by_header(products: Grid) -> dict[str, int] | None:
    """Columns named by the English header row (B5 on), when Excel left its cached labels in
    English; None when the labels are in another language or absent (then the revision decides)."""
    found: dict[str, int] = {}
    for index, value in enumerate(products.row(5)[1:8], start=1):
        text = " ".join(clean_field(value).lower().replace("’", "'").split())
        for phrase, field_name in PRODUCT_HEADERS:
            if phrase in text and field_name not in found:
                found[field_name] = index
                break
    if "number" in found and "name" in found and "comment" in found:
        return found
    return None
