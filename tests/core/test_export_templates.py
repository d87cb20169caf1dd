"""The wording templates and their markup: what a compliance reviewer's edit can and cannot break."""

from __future__ import annotations

import pytest

from desktop.core.export.document import build_document, default_status_definitions
from desktop.core.export.markup import TemplateProblem, parse_template
from desktop.core.export.records import atomic_target
from desktop.core.paths import resource_path
from tests.core.export_helpers import sample


def test_markup_blocks_and_conditions():
    text = "\n".join([
        ";; a comment",
        "# Title for $company",
        "^~ (caption)",
        "@if cmr",
        "Line one",
        "line two with **bold $year** and ~~italic~~.",
        "@else",
        "never",
        "@endif",
        "- a bullet",
        "|% 30 | 70 |",
        "|= A | B |",
        "| $company | x |",
        "[x] ticked",
        "@annex_table",
    ])
    blocks = parse_template(text, {"company": "Acme & Co", "year": "2022"}, {"cmr"}, "t.txt")
    kinds = [b.kind for b in blocks]
    assert kinds == ["title", "caption", "para", "bullet", "grid", "checkbox", "directive"]
    assert blocks[0].plain() == "Title for Acme & Co"
    para = blocks[2]
    assert para.plain() == "Line one line two with bold 2022 and italic."
    assert [r.bold for r in para.runs] == [False, True, False, False, False]
    assert [r.italic for r in para.runs] == [False, False, False, True, False]
    assert blocks[4].widths == [30.0, 70.0] and blocks[4].row_styles == ["header", ""]
    assert blocks[5].arg == "checked" and blocks[6].name == "annex_table"


def test_values_are_never_markup():
    blocks = parse_template("Name: $company", {"company": "**Not bold** ~~x~~"}, set(), "t.txt")
    assert blocks[0].runs[0].text == "Name: **Not bold** ~~x~~" and not blocks[0].runs[0].bold


def test_unknown_placeholder_names_file_and_line():
    with pytest.raises(TemplateProblem, match=r"t.txt line 2: unknown placeholder \$compnay"):
        parse_template("ok\nHello $compnay", {"company": "x"}, set(), "t.txt")
    with pytest.raises(TemplateProblem, match="not closed"):
        parse_template("@if cmr\ntext", {}, set(), "t.txt")


def test_every_shipped_template_builds_for_every_outcome():
    data = sample(rows=30)
    for outcome in ("sd_only", "sd_with_cmr"):
        data.outcome = outcome
        for name in ("form_sd.txt", "cmr.txt", "annex_intro.txt"):
            assert build_document(name, data)


def test_status_definitions_cover_the_rmi_statuses():
    definitions = default_status_definitions()
    assert {"Conformant", "Active", "Not Enrolled"} <= set(definitions)
    assert "successfully completed an assessment" in definitions["Conformant"]


def test_templates_are_plain_files_a_reviewer_can_edit():
    folder = resource_path("templates")
    for name in ("form_sd.txt", "cmr.txt", "annex_intro.txt", "metal_result.txt", "status_definitions.txt",
                 "page_header.txt", "diligence_questions.ini", "future_steps.txt", "README.txt"):
        assert (folder / name).read_text(encoding="utf-8").strip()


def test_atomic_target_keeps_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "annex.csv"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_target(path) as temp:
            temp.write_text("half", encoding="utf-8")
            raise RuntimeError("disk full")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name != "appdata"] == ["annex.csv"]  # no temp file left


def test_exports_import_no_qt():
    import subprocess
    import sys

    code = (
        "import sys, desktop.core.export.report_pdf, desktop.core.export.edgar_html, "
        "desktop.core.export.annex_files, desktop.core.filing.diligence, desktop.core.filing.wording; "
        "print('PySide6' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=resource_path().parent)
    assert result.stdout.strip() == "False"


def test_metal_results_agree_with_counts_of_one():
    from desktop.core.export.report_data import MetalSummary

    data = sample(rows=30)
    data.outcome = "sd_with_cmr"
    data.metal_summaries = [MetalSummary("Gold", known=1, conformant=1, active=0),
                            MetalSummary("Tin", known=3, conformant=1, active=1)]
    text = " ".join(run.text for block in build_document("cmr.txt", data) for run in getattr(block, "runs", []))
    assert "of the 1 known gold smelter or refiner reported by our suppliers, 1 (100%) was Conformant or Active" in text
    assert "and 0 were neither" in text
    assert "of the 3 known tin smelters and refiners" in text and "2 (67%) were Conformant" in text
    assert "and 1 was neither" in text
