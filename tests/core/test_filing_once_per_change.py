"""The roll-up and current declarations are computed once per change of the project's data."""

from __future__ import annotations

import pytest

from desktop.core.filing.evidence import current_declarations, project_rollup
from desktop.core.sample.project import create_sample_project


@pytest.fixture
def project(tmp_path):
    project = create_sample_project(tmp_path / "sample")
    yield project
    project.close()


def test_steps_share_one_roll_up_until_the_data_changes(project):
    first = project_rollup(project)
    assert project_rollup(project) is first
    assert first.unresolved, "the sample has rows to decide"
    project.set_setting("current_step", "3")  # moving between steps changes no figure
    assert project_rollup(project) is first

    entry = first.unresolved[0]
    project.set_left_unknown(entry.key, True)
    again = project_rollup(project)
    assert again is not first
    assert next(u for u in again.unresolved if u.key == entry.key).left_unknown
    assert not entry.left_unknown  # the earlier result was not changed behind its holder's back


def test_current_declarations_follow_a_new_file(project, cmrt_dir):
    before = current_declarations(project)
    assert current_declarations(project) == before
    path = cmrt_dir / "suppliers" / "jx-advanced-metals_CMRT_6.4.xlsx"
    from desktop.core.suppliers.inquiry import read_supplier_files, save_import

    files = read_supplier_files([path], project.suppliers(), workers=1)
    save_import(project, files)
    after = current_declarations(project)
    assert len(after) == len(before) + 1
    assert any(c.declaration.company.name == "JX Advanced Metals Corporation" for c in after)


def test_an_explicit_reference_is_never_served_from_the_kept_roll_up(project):
    from desktop.core.smelters.project_reference import project_reference

    kept = project_rollup(project)
    assert project_rollup(project, project_reference(project)) is not kept


def test_questions_from_the_roll_up_matches_equal_those_matched_afresh(project, cmrt_dir):
    from desktop.core.filing.evidence import row_matches
    from desktop.core.suppliers.inquiry import read_supplier_files, save_import
    from desktop.core.smelters.project_reference import project_reference
    from desktop.core.suppliers.smelter_questions import smelter_questions

    path = cmrt_dir / "suppliers" / "jx-advanced-metals_CMRT_6.4.xlsx"
    save_import(project, read_supplier_files([path], project.suppliers(), workers=1))
    reference, decisions = project_reference(project), project.decisions()
    shared = row_matches(project)
    asked = 0
    for current in current_declarations(project):
        fresh = smelter_questions(current.declaration, reference, decisions)
        assert smelter_questions(current.declaration, reference, decisions, shared) == fresh
        asked += len(fresh)
    assert asked > 0  # the sample files hold rows worth asking about
    assert row_matches(project) is not shared  # each caller gets its own copy to add to


def test_figures_worked_out_ahead_equal_those_computed_on_the_spot(project, tmp_path):
    from desktop.core.filing.evidence import compute_ahead, figures_known, file_questions
    from desktop.core.sample.project import create_sample_project

    future = compute_ahead(project)
    future.result(timeout=120)
    assert figures_known(project)
    ahead = project_rollup(project), current_declarations(project), file_questions(project)

    fresh = create_sample_project(tmp_path / "again")  # the same data, computed on this thread
    try:
        rolled, current, questions = project_rollup(fresh), current_declarations(fresh), file_questions(fresh)
        assert ahead[0].summary == rolled.summary
        assert [(s.metal, s.cid, s.reported_by) for s in ahead[0].smelters] == [
            (s.metal, s.cid, s.reported_by) for s in rolled.smelters]
        assert [u.key for u in ahead[0].unresolved] == [u.key for u in rolled.unresolved]
        assert [c.supplier_name for c in ahead[1]] == [c.supplier_name for c in current]
        assert sorted(map(len, ahead[2].values())) == sorted(map(len, questions.values()))
        assert sum(map(len, questions.values())) > 0
    finally:
        fresh.close()


def test_figures_worked_out_ahead_are_dropped_when_the_data_changed_meanwhile(project, tmp_path):
    from desktop.core.filing.evidence import compute_ahead, figures_known

    twin = create_sample_project(tmp_path / "twin")  # the same data: which entry to decide
    entry = project_rollup(twin).unresolved[0]
    twin.close()
    compute_ahead(project).result(timeout=120)
    assert figures_known(project)
    project.set_left_unknown(entry.key, True)  # a change after the figures were read
    assert not figures_known(project)
    again = project_rollup(project)
    assert next(u for u in again.unresolved if u.key == entry.key).left_unknown


def test_the_conclusion_is_shared_until_the_data_changes(project):
    from desktop.core.filing.evidence import project_conclusion
    from desktop.core.smelters.project_reference import project_reference

    first = project_conclusion(project)
    assert project_conclusion(project, project_rollup(project)) is first
    other = project_conclusion(project, project_rollup(project, project_reference(project)))
    assert other is not first and other.determination.outcome == first.determination.outcome
    project.set_answer("voluntary_cmr", "yes")
    assert project_conclusion(project) is not first


def test_the_response_rate_is_kept_until_the_roster_changes(project):
    from desktop.core.filing.evidence import answered_supplier_ids, project_response_rate
    from desktop.core.suppliers import response_rate

    first = project_response_rate(project)
    assert project_response_rate(project) is first
    assert first == response_rate(project.suppliers(), answered_supplier_ids(project))
    supplier = project.suppliers()[0]
    supplier.asked = not supplier.asked
    project.save_supplier(supplier)
    again = project_response_rate(project)
    assert again.surveyed == first.surveyed + (1 if supplier.asked else -1)
    assert again == response_rate(project.suppliers(), answered_supplier_ids(project))
    assert project.supplier_count() == len(project.suppliers())
    project.delete_supplier(supplier.id)
    assert project.supplier_count() == len(project.suppliers())
    assert project_response_rate(project) == response_rate(project.suppliers(), answered_supplier_ids(project))
