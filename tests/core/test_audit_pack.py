"""The audit pack: originals with their SHA-256, the evidence, the figures, and a project that
re-opened from the pack gives the same figures."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop.core.export.audit_pack import MANIFEST, write_audit_pack
from desktop.core.export.figures_workbook import project_figures
from desktop.core.filing.evidence import project_response_rate, project_rollup
from desktop.core.project import Project
from desktop.core.filing.report_builder import annex_rows, metal_summaries
from desktop.core.smelters import MatchDecision
from desktop.core.suppliers import Supplier
from tests.core.test_report_builder import filed_project


@pytest.fixture
def project(tmp_path, cmrt_dir):
    opened = filed_project(tmp_path / "work" / "Acme 2025.cmdesk", cmrt_dir)
    yield opened
    opened.close()


def _figures(project: Project):
    rolled = project_rollup(project)
    rate = project_response_rate(project)
    return ([(m.metal, m.known, m.conformant_or_active, m.percent_conformant_or_active) for m in metal_summaries(rolled)],
            (rate.surveyed, rate.responded, rate.percent), annex_rows(rolled))


def test_audit_pack_round_trip(project, tmp_path):
    unresolved = project_rollup(project).unresolved[0]
    project.save_decision(MatchDecision(unresolved.metal, unresolved.name, unresolved.country, "", None,
                                        not_a_smelter=True, note="a distributor, not a smelter",
                                        decided_by="auditor test", decided_at="2026-03-01T10:00:00"))
    export = tmp_path / "annex.csv"
    export.write_text("metal,name\n", encoding="utf-8")
    project.record_export("annex_csv", str(export), hashlib.sha256(export.read_bytes()).hexdigest())
    before = _figures(project)

    pack = tmp_path / "pack.zip"
    names = write_audit_pack(project, pack)
    with zipfile.ZipFile(pack) as archive:
        archive.extractall(tmp_path / "out")
        assert sorted(archive.namelist()) == sorted(names)
    out = tmp_path / "out"
    # Every file of the pack is in the manifest with its SHA-256, and matches it.
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in lines}
    assert set(listed) == set(names) - {MANIFEST}
    for name, digest in listed.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    # The supplier originals are the stored bytes, with the SHA-256 recorded at import.
    current = project.stored_declarations(current_only=True)
    originals = list((out / "suppliers").rglob("*.xls*"))
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in originals} >= {d.sha256 for d in current}
    assert (out / "exports" / "annex.csv").read_bytes() == export.read_bytes()
    decisions = list(csv.reader(io.StringIO((out / "decisions.csv").read_text(encoding="utf-8-sig"))))
    assert ["Smelter match", f"{unresolved.metal}: {unresolved.name} ({unresolved.country})", "not a smelter",
            "auditor test", "2026-03-01T10:00:00", "a distributor, not a smelter"] in decisions
    assert (out / "determination.txt").read_text(encoding="utf-8").strip()
    assert "README.txt" in names and (out / "status-lists" / "in-force.json.gz").stat().st_size > 1000

    # The project re-opened from the pack gives identical figures, and the workbook shows them.
    reopened = Project.open(next((out / "project").glob("*.cmdesk")))
    try:
        assert _figures(reopened) == before
        expected = [(f.name, f.value) for f in project_figures(reopened, project_rollup(reopened))]
    finally:
        reopened.close()
    sheet = openpyxl.load_workbook(out / "figures.xlsx")["Figures"]
    assert [(r[0], r[1]) for r in sheet.iter_rows(min_row=2, values_only=True)] == expected
    smelters = openpyxl.load_workbook(out / "figures.xlsx")["Smelters"]
    rows = list(smelters.iter_rows(min_row=2, values_only=True))
    for metal, known, conformant_or_active, _ in before[0]:
        in_annex = [r for r in rows if r[0] == metal and r[9] == "yes"]
        assert len(in_annex) == known and sum(r[8] == "yes" for r in in_annex) == conformant_or_active


def test_each_figure_selects_exactly_the_rows_it_counts(project):
    from desktop.core.export.figures_workbook import smelter_rows, supplier_rows

    rolled = project_rollup(project)
    rows = {"Suppliers": supplier_rows(project), "Smelters": smelter_rows(rolled)}
    for figure in project_figures(project, rolled):
        behind = [r for r in rows[figure.rows] if figure.behind(r)]
        if "%" in figure.name:
            continue  # a share of two counts, each checked on its own line
        assert len(behind) == figure.value, figure.name


def test_the_pack_is_the_project_as_it_was_when_asked_for(project, tmp_path):
    """Gathered on the project's thread, written later on a worker: changes made meanwhile (the
    user goes on working) are in neither the copy of the project nor the originals."""
    from desktop.core.export.audit_pack import collect_audit_pack, save_audit_pack

    pack = collect_audit_pack(project, "2026-12-01T10:00:00+00:00")
    project.set_answer("company_background", "typed while the pack was being written")
    project.save_supplier(Supplier(name="Added Later Ltd."))
    names = save_audit_pack(pack, tmp_path / "pack.zip")
    with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
        archive.extractall(tmp_path / "out")
    copy = Project.open(tmp_path / "out" / "project" / project.path.name)
    try:
        assert "company_background" not in copy.answers()
        assert "Added Later Ltd." not in {s.name for s in copy.suppliers()}
        assert len(copy.stored_declarations(current_only=False)) == len(pack.originals)
    finally:
        copy.close()
    originals = [n for n in names if n.startswith("suppliers/")]
    assert len(originals) == len(pack.originals) > 0
    # Supplier workbooks are zips already: stored as they are, not deflated a second time.
    with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
    assert all(kinds[n] == zipfile.ZIP_STORED for n in originals if n.lower().endswith(".xlsx"))
    assert kinds["decisions.csv"] == zipfile.ZIP_DEFLATED


def test_a_cancelled_pack_leaves_nothing(project, tmp_path):
    from desktop.core.export.audit_pack import PackCancelled, collect_audit_pack, save_audit_pack

    pack = collect_audit_pack(project)
    seen = []
    with pytest.raises(PackCancelled):
        save_audit_pack(pack, tmp_path / "pack.zip", progress=lambda done, total: seen.append((done, total)),
                        cancelled=lambda: len(seen) >= 3)
    assert seen[-1][0] == 3 and seen[-1][1] > 3
    assert [p.name for p in tmp_path.iterdir() if "pack" in p.name] == []  # no pack, no temporary file beside it
