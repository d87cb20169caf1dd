"""Next year's filing from this year's, and the comparison of the two, on the real supplier files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.core.filing import claims, diligence
from desktop.core.filing.compare import compare_projects
from desktop.core.filing.evidence import answered_supplier_ids, project_rollup
from desktop.core.suppliers.inquiry import read_supplier_files, save_import
from desktop.core.filing.next_year import CARRIED_FROM_KEY, start_next_year, suggested_path
from desktop.core.project import Project
from desktop.core.filing.report_builder import metal_summaries
from desktop.core.filing.scoping import Answer, MadeBy
from desktop.core.suppliers import RequestState
from tests.core.test_report_builder import filed_project

# This year's files: two of last year's senders send nothing, one silent supplier answers at last.
LEFT_OUT = ("jx-advanced-metals_CMRT_6.4.xlsx", "emd-merck_CMRT_6.4.xlsx")
NOW_ANSWERING = "sk-specialty_CMRT_6.4.xlsx"  # sent this year by "Quiet Parts LLC"


@pytest.fixture(scope="module")
def last_year(tmp_path_factory, cmrt_dir) -> Path:
    path = tmp_path_factory.mktemp("last") / "Acme 2025.cmdesk"
    project = filed_project(path, cmrt_dir)
    project.set_answer("policy_year", "2019")
    project.set_answer("policy_url", "https://acme.example/policy")
    claims.confirm_claim(project, "policy")
    project.close()
    return path


@pytest.fixture
def old(last_year, tmp_path):
    path = tmp_path / last_year.name
    shutil.copy(last_year, path)
    project = Project.open(path)
    yield project
    project.close()


def test_next_year_carries_what_stays_true_and_resets_the_rest(old, tmp_path):
    target = suggested_path(old)
    assert target.name == "Acme 2026.cmdesk"
    new = start_next_year(old, target)
    try:
        assert new.registrant().reporting_year == 2026
        old_reg, new_reg = old.registrant(), new.registrant()
        assert {k: getattr(new_reg, k) for k in new_reg.field_names() if k != "reporting_year"} == \
            {k: getattr(old_reg, k) for k in old_reg.field_names() if k != "reporting_year"}
        # Products carried, their scoping answers asked again.
        assert [(p.name, p.metals) for p in new.products()] == [(p.name, p.metals) for p in old.products()]
        assert {(p.made_by, p.necessary) for p in new.products()} == {(MadeBy.UNANSWERED, Answer.UNANSWERED)}
        # The roster carried, no one asked yet, no file.
        assert [s.name for s in new.suppliers()] == [s.name for s in old.suppliers()]
        assert {(s.request_state, s.asked, s.requested_on) for s in new.suppliers()} == {
            (RequestState.NOT_REQUESTED, False, None)}
        assert new.stored_declarations() == []
        assert [d.key for d in new.decisions()] == [d.key for d in old.decisions()]
        # The due diligence wording carried, every sentence unconfirmed; last year's stays confirmed.
        sentence_keys = [q.key for q in diligence.questions()]
        assert {k: new.answers().get(k) for k in sentence_keys} == {k: old.answers().get(k) for k in sentence_keys}
        assert not any(s.confirmed for s in claims.claim_states(new.answers()))
        assert claims.claim_state(old.answers(), "policy").confirmed
        # Smelter statuses: a snapshot of its own, never older than last year's.
        assert new.reference_snapshot().status_as_of >= old.reference_snapshot().status_as_of
        assert new.setting(CARRIED_FROM_KEY) == str(old.path)
    finally:
        new.close()


def test_comparison_of_two_real_file_years(old, cmrt_dir, tmp_path, capsys):
    new = start_next_year(old, tmp_path / "Acme 2026.cmdesk")
    files = [p for p in sorted((cmrt_dir / "suppliers").iterdir()) if p.name not in LEFT_OUT]
    read = read_supplier_files(files, new.suppliers())
    quiet = next(s for s in new.suppliers() if s.name == "Quiet Parts LLC")
    for item in read:
        if item.path.name == NOW_ANSWERING:
            item.supplier_id, item.create_supplier = quiet.id, False
    save_import(new, read)
    for supplier in new.suppliers():
        if supplier.name != "Never Asked Ltd.":
            supplier.asked = True
            new.save_supplier(supplier)

    result = compare_projects(old, new)
    old_annex = {(r.metal, r.cid) for r in project_rollup(old).annex_rows()}
    new_annex = {(r.metal, r.cid) for r in project_rollup(new).annex_rows()}
    dropped = {(m, text.rsplit("(", 1)[1].rstrip(")")) for m, items in result.smelters_dropped.items() for text in items}
    added = {(m, text.rsplit("(", 1)[1].rstrip(")")) for m, items in result.smelters_added.items() for text in items}
    assert dropped == old_annex - new_annex and dropped  # the smelters only the two silent senders named
    assert added == new_annex - old_annex
    assert "Quiet Parts LLC" in result.newly_responding
    answered_old = {s.name for s in old.suppliers() if s.id in answered_supplier_ids(old)}
    assert not answered_old & set(result.newly_responding)
    assert [(m.metal, m.known, m.percent_conformant_or_active) for m in metal_summaries(project_rollup(old))] == \
        [(m.metal, m.smelters, m.percent) for m in result.before.metals]
    assert result.before.year == 2025 and result.after.year == 2026
    assert "Compared with our report for 2025" in result.paragraph()
    new.close()

    # The same from the command line, as text and as JSON.
    assert cli_main(["compare", str(old.path), str(tmp_path / "Acme 2026.cmdesk"), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["newly_responding"] == result.newly_responding
    assert printed["smelters_dropped"] == result.smelters_dropped
    assert cli_main(["compare", str(old.path), str(tmp_path / "Acme 2026.cmdesk")]) == 0
    assert "Newly responding (" in capsys.readouterr().out
    assert cli_main(["compare", str(old.path), str(tmp_path / "missing.cmdesk")]) == 2
