"""Page look of the PDFs: fonts, paragraph styles, running header and "Page n of m" footer."""

from __future__ import annotations

import io

import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from desktop.core.export.records import DRAFT_NOTICE

from desktop.core.export.markup import Run

PAGE = LETTER
MARGIN = 0.9 * inch
BODY_WIDTH = PAGE[0] - 2 * MARGIN
ACCENT = colors.HexColor("#1F3A5F")  # header rules and table headings
STRIPE = colors.HexColor("#EEF2F7")
# Chinese and Japanese smelter names need a CID font; the PDF viewer supplies its glyphs, so
# nothing is embedded (the standard Times fonts only cover Windows-1252).
CJK_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))

SERIF, SERIF_BOLD, SERIF_ITALIC = "Times-Roman", "Times-Bold", "Times-Italic"

STYLES = {
    "para": ParagraphStyle("para", fontName=SERIF, fontSize=10.5, leading=13.5, spaceAfter=7, alignment=TA_LEFT),
    "indent": ParagraphStyle(
        "indent", fontName=SERIF, fontSize=10.5, leading=13.5, spaceAfter=7, leftIndent=18, alignment=TA_LEFT
    ),
    "bullet": ParagraphStyle(
        "bullet", fontName=SERIF, fontSize=10.5, leading=13.5, spaceAfter=4, leftIndent=24, bulletIndent=10
    ),
    "checkbox": ParagraphStyle("checkbox", fontName=SERIF, fontSize=10.5, leading=13.5, spaceAfter=7, leftIndent=18, firstLineIndent=-18),
    "title": ParagraphStyle(
        "title", fontName=SERIF_BOLD, fontSize=16, leading=20, alignment=TA_CENTER, spaceBefore=6, spaceAfter=4
    ),
    "heading": ParagraphStyle(
        "heading", fontName=SERIF_BOLD, fontSize=12.5, leading=16, spaceBefore=12, spaceAfter=6,
        textColor=ACCENT, keepWithNext=1,
    ),
    "subheading": ParagraphStyle(
        "subheading", fontName=SERIF_BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=5, keepWithNext=1
    ),
    "center": ParagraphStyle("center", fontName=SERIF, fontSize=11, leading=14, alignment=TA_CENTER, spaceAfter=2),
    "caption": ParagraphStyle(
        "caption", fontName=SERIF_ITALIC, fontSize=8.5, leading=10.5, alignment=TA_CENTER, spaceAfter=8
    ),
    "cell": ParagraphStyle("cell", fontName=SERIF, fontSize=8.5, leading=10, alignment=TA_LEFT),
    "cell_head": ParagraphStyle("cell_head", fontName=SERIF_BOLD, fontSize=8.5, leading=10, textColor=colors.white),
    "grid": ParagraphStyle("grid", fontName=SERIF, fontSize=10.5, leading=13),
    "grid_center": ParagraphStyle("grid_center", fontName=SERIF, fontSize=10.5, leading=13, alignment=TA_CENTER),
    "grid_caption": ParagraphStyle(
        "grid_caption", fontName=SERIF_ITALIC, fontSize=8.5, leading=10.5, alignment=TA_CENTER
    ),
}


# Latin letters that have no accent to strip (NFKD leaves them whole) but a plain-letter spelling.
LATIN_SPELLINGS = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t"})


def _fits_standard_font(char: str) -> bool:
    try:
        char.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def pdf_text(text: str) -> str:
    """Escape for reportlab's paragraph markup, keeping every character printable.

    Latin letters outside Windows-1252 ("Spółka", "A.Ş.") lose only their accent; CJK text switches
    to the CID font. The CSV, XLSX and HTML keep the exact text.
    """
    out = []
    for char in text:
        if _fits_standard_font(char):
            out.append(escape(char))
            continue
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", char.translate(LATIN_SPELLINGS)) if not unicodedata.combining(c)
        )
        if folded and all(_fits_standard_font(c) for c in folded):
            out.append(escape(folded))
        else:
            out.append(f'<font name="{CJK_FONT}">{escape(char)}</font>')
    return "".join(out)


def runs_markup(runs: list[Run]) -> str:
    parts = []
    for run in runs:
        text = pdf_text(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts)


def numbered_canvas(header_left: str, header_right: str, skip_header_on_first: bool, draft: bool = False,
                    pages_after: int = 0):
    """A canvas class that draws the running header and "Page n of m" once the page count is known.

    `pages_after`: pages appended to this PDF afterwards (the auditor's report), counted in m.
    """

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages) + pages_after
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            number = self._pageNumber
            width, height = PAGE
            self.saveState()
            if not (skip_header_on_first and number == 1):
                self.setFont(SERIF, 8.5)
                self.setFillColor(colors.HexColor("#444444"))
                self.drawString(MARGIN, height - 0.55 * inch, header_left)
                self.drawRightString(width - MARGIN, height - 0.55 * inch, header_right)
                self.setStrokeColor(ACCENT)
                self.setLineWidth(0.6)
                self.line(MARGIN, height - 0.6 * inch, width - MARGIN, height - 0.6 * inch)
            self.setFont(SERIF, 8.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawCentredString(width / 2, 0.5 * inch, f"Page {number} of {total}")
            if draft:
                draw_draft_marks(self, width, height)
            self.restoreState()

    return NumberedCanvas


def draw_draft_marks(page: canvas.Canvas, width: float, height: float) -> None:
    """Every page of a draft says so: a red line at the top and a large pale watermark."""
    page.saveState()
    page.setFillColor(colors.HexColor("#B00020"))
    page.setFont(SERIF_BOLD, 9)
    page.drawCentredString(width / 2, height - 0.3 * inch, DRAFT_NOTICE)
    page.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.12))
    page.setFont(SERIF_BOLD, min(110, width / 5.5))
    page.translate(width / 2, height / 2)
    page.rotate(45)
    page.drawCentredString(0, -40, "DRAFT")
    page.restoreState()


def draft_overlay(width: float, height: float) -> bytes:
    """One page of `width` x `height` points holding only the draft marks, to stamp appended pages."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(width, height))
    draw_draft_marks(page, width, height)
    page.showPage()
    page.save()
    return buffer.getvalue()
