"""Blocks (from the wording templates) and the report's tables and chart as reportlab flowables."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import HRFlowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from desktop.core.export.markup import Block
from desktop.core.export.pdf_style import ACCENT, BODY_WIDTH, SERIF, SERIF_BOLD, STRIPE, STYLES, pdf_text, runs_markup
from desktop.core.export.report_data import AnnexRow, MetalSummary, percent

ANNEX_HEADER = ("Metal", "Smelter or refiner name", "Country", "Smelter ID", "Status")
# Status wide enough for "Cross-recognized" on one line (issue 11 status words).
ANNEX_WIDTHS = (0.65 * inch, 2.4 * inch, 1.75 * inch, 0.85 * inch, 1.05 * inch)
SUMMARY_HEADER = ("Metal", "Known smelters and refiners", "Conformant", "Active", "Conformant or Active", "%")
STATUS_COLOURS = {
    "Conformant": colors.HexColor("#2E6B3F"),
    "Active": colors.HexColor("#8DB87A"),
    "Other": colors.HexColor("#B8BEC6"),
}


def _table_style(header_rows: int = 1) -> list:
    return [
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT),
        ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, STRIPE]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]


def annex_table(rows: list[AnnexRow]) -> Table:
    """Annex A; splits across pages and repeats its header row on each."""
    cell, head = STYLES["cell"], STYLES["cell_head"]
    data = [[Paragraph(title, head) for title in ANNEX_HEADER]]
    for row in rows:
        data.append(
            [
                row.metal,
                Paragraph(pdf_text(row.name), cell),
                Paragraph(pdf_text(row.country), cell),
                pdf_text(row.smelter_id),
                Paragraph(pdf_text(row.status), cell),
            ]
        )
    table = Table(data, colWidths=ANNEX_WIDTHS, repeatRows=1)
    table.setStyle(TableStyle(_table_style() + [("FONT", (0, 1), (-1, -1), SERIF, 8.5), ("LEADING", (0, 1), (-1, -1), 10)]))
    return table


def summary_table(summaries: list[MetalSummary]) -> Table:
    head = STYLES["cell_head"]
    head_right = ParagraphStyle("cell_head_right", parent=head, alignment=TA_RIGHT)
    data = [[Paragraph(title, head if index == 0 else head_right) for index, title in enumerate(SUMMARY_HEADER)]]
    for s in summaries:
        data.append([s.metal, s.known, s.conformant, s.active, s.conformant_or_active, f"{s.percent_conformant_or_active}%"])
    known = sum(s.known for s in summaries)
    good = sum(s.conformant_or_active for s in summaries)
    data.append(
        ["Total", known, sum(s.conformant for s in summaries), sum(s.active for s in summaries), good,
         f"{percent(good, known)}%"]
    )
    widths = (1.2 * inch, 1.6 * inch, 0.95 * inch, 0.8 * inch, 1.35 * inch, 0.6 * inch)
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            _table_style()
            + [
                ("FONT", (0, 1), (-1, -1), SERIF, 9.5),
                ("FONT", (0, -1), (-1, -1), SERIF_BOLD, 9.5),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("ALIGN", (1, 0), (-1, 0), "RIGHT"),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, ACCENT),
            ]
        )
    )
    return table


def status_chart(summaries: list[MetalSummary]) -> Drawing:
    """Stacked bars: Conformant, Active and other statuses, one bar per metal."""
    width, height = BODY_WIDTH, 2.5 * inch
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 0.55 * inch, 0.35 * inch
    chart.width, chart.height = width - 2.4 * inch, height - 0.65 * inch
    chart.data = [
        [s.conformant for s in summaries],
        [s.active for s in summaries],
        [s.other for s in summaries],
    ]
    chart.categoryAxis.categoryNames = [s.metal for s in summaries]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = SERIF
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = SERIF
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.barWidth = 18
    chart.groupSpacing = 14
    for index, colour in enumerate(STATUS_COLOURS.values()):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = colors.white
        chart.bars[index].strokeWidth = 0.3
    drawing.add(chart)
    drawing.add(String(0.55 * inch, height - 0.12 * inch, "Smelters and refiners by metal and RMAP status",
                       fontName=SERIF_BOLD, fontSize=9.5))
    legend = Legend()
    legend.x, legend.y = width - 1.65 * inch, height - 0.6 * inch
    legend.fontName, legend.fontSize = SERIF, 9
    legend.alignment = "right"
    legend.dx = legend.dy = 8
    legend.deltay = 14
    legend.colorNamePairs = [(colour, label) for label, colour in STATUS_COLOURS.items()]
    legend.colorNamePairs[-1] = (STATUS_COLOURS["Other"], "Other statuses")
    drawing.add(legend)
    return drawing


def _checkbox(checked: bool) -> Drawing:
    """A drawn box, ticked with an X when checked (font glyphs for boxes vary between viewers)."""
    size = 9
    drawing = Drawing(size + 2, size + 3)
    drawing.add(Rect(1, 1, size, size, strokeColor=colors.black, strokeWidth=0.8, fillColor=None))
    if checked:
        drawing.add(Line(2.5, 2.5, size - 0.5, size - 0.5, strokeWidth=1.1))
        drawing.add(Line(2.5, size - 0.5, size - 0.5, 2.5, strokeWidth=1.1))
    return drawing


def grid_table(block: Block) -> Table:
    """Borderless grids of the templates: cover fields, exhibit list, signature block."""
    centred = "caption" in block.row_styles
    data, style = [], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for index, (row, kind) in enumerate(zip(block.rows, block.row_styles)):
        name = "grid_caption" if kind == "caption" else "grid_center" if centred else "grid"
        markup = [runs_markup(cell) for cell in row]
        if kind == "header":
            markup = [f"<b>{text}</b>" for text in markup]
            style.append(("LINEBELOW", (0, index), (-1, index), 0.6, colors.black))
        data.append([Paragraph(text, STYLES[name]) for text in markup])
    columns = max(len(row) for row in data)
    percents = block.widths or [100 / columns] * columns
    table = Table(data, colWidths=[BODY_WIDTH * p / 100 for p in percents])
    table.setStyle(TableStyle(style))
    return table


def block_flowables(block: Block, summaries: list[MetalSummary], annex: list[AnnexRow]) -> list:
    kind = block.kind
    if kind == "directive":
        if block.name == "pagebreak":
            return [PageBreak()]
        if block.name == "space":
            return [Spacer(1, 10)]
        if block.name == "rule":
            return [HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceBefore=6, spaceAfter=8)]
        if block.name == "metal_table":
            return [Spacer(1, 4), summary_table(summaries), Spacer(1, 10)]
        if block.name == "status_chart":
            return [status_chart(summaries), Spacer(1, 6)]
        if block.name == "annex_table":
            return [annex_table(annex), Spacer(1, 10)]
        raise ValueError(f"the wording templates use an unknown part @{block.name}")
    if kind == "grid":
        return [grid_table(block), Spacer(1, 8)]
    text = runs_markup(block.runs)
    if kind == "bullet":
        return [Paragraph(text, STYLES["bullet"], bulletText="\u2022")]
    if kind == "checkbox":
        table = Table([[_checkbox(block.arg == "checked"), Paragraph(text, STYLES["para"])]],
                      colWidths=(0.3 * inch, BODY_WIDTH - 0.3 * inch))
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0)]))
        return [table]
    style = STYLES[kind]
    if kind == "para" and block.plain().rstrip().endswith(":"):
        # an introduction to a list stays on the page of the list's first item
        style = ParagraphStyle("para_intro", parent=style, keepWithNext=1)
    return [Paragraph(text, style)]
