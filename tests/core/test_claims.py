"""Proposed due diligence sentences versus confirmed facts (desktop.core.filing.claims), without Qt."""

from __future__ import annotations

import pytest

from desktop.core.filing import claims, diligence, readiness
from desktop.core.filing.claims import NotConfirmable, claim_blockers, claim_states, confirm_claim, confirm_step
from desktop.core.filing.evidence import project_determination
from desktop.core.project import Project
from desktop.core.filing.scoping import Outcome
from tests.core.test_report_builder import filed_project

FACTS = {
    "policy_year": "2019",
    "policy_url": "https://www.acme-instruments.example/conflict-minerals",
    "program_department": "finance department",
    "executive_sponsor": "Chief Financial Officer",
    "purchase_terms": "standard purchase order terms",
    "retention_years": "5",
}


@pytest.fixture
def project(tmp_path, cmrt_dir):
    opened = filed_project(tmp_path / "Acme 2025.cmdesk", cmrt_dir)
    yield opened
    opened.close()


def type_facts(project: Project) -> None:
    for key, value in FACTS.items():
        project.set_answer(key, value)


def test_a_new_project_proposes_but_asserts_nothing(project):
    # The real supplier files give reason to believe: the report prints the due diligence sentences.
    assert project_determination(project).outcome == Outcome.SD_WITH_CMR
    answers = project.answers()
    assert all(not diligence.default_answers()[key] for key in diligence.fact_keys())  # no year, no address
    states = claim_states(answers)
    assert {s.key for s in states} == {q.key for q in diligence.sentence_questions()}
    assert states and all(s.proposed and not s.confirmed for s in states)
    policy = next(s for s in states if s.key == "policy")
    assert policy.missing_facts == ["policy year", "policy web address"]
    assert not policy.can_confirm
    with pytest.raises(NotConfirmable, match="Fill in policy year and policy web address"):
        confirm_claim(project, "policy")
    # Every step with a statement is a blocker, and it sends the user to the due diligence step.
    blockers = claim_blockers(project)
    assert [b.key for b in blockers] == [f"claims.step{n}" for n in range(1, 6)]
    assert all(b.step == readiness.STEP_DILIGENCE for b in blockers)
    assert "Conflict Minerals Policy" in blockers[0].message
    assert claim_blockers in readiness.CHECKS
    assert not readiness.is_ready(project)


def test_gaps_print_as_gaps_never_as_guesses(project):
    resolved = diligence.resolved_answers(project.answers(), {"company": "Acme Instruments, Inc.", "year": "2025"})
    assert resolved["policy"].startswith("In [policy year not filled in], Acme Instruments, Inc. adopted")
    assert "2025" not in resolved["policy"]
    assert "[executive sponsor not filled in]" in resolved["management"]


def test_confirming_one_statement_then_a_whole_step(project):
    type_facts(project)
    state = confirm_claim(project, "policy")
    assert state.confirmed and state.confirmed_by and state.confirmed_at
    remaining = {s.key for s in claim_states(project.answers()) if s.step == 1 and not s.confirmed}
    assert remaining == {"framework", "management", "supplier_engagement", "grievance", "records"}
    assert confirm_step(project, 1) == []
    assert "claims.step1" not in [b.key for b in claim_blockers(project)]
    for step in (2, 3, 4, 5):
        assert confirm_step(project, step) == []
    assert claim_blockers(project) == []


def test_changing_a_statement_or_its_fact_takes_the_confirmation_back(project):
    type_facts(project)
    confirm_step(project, 1)
    project.set_answer("policy_year", "2020")  # a fact the policy sentence uses
    policy = claims.claim_state(project.answers(), "policy")
    assert not policy.confirmed and policy.changed_since_confirmed
    assert claims.claim_state(project.answers(), "grievance").confirmed  # it does not use that fact
    confirm_claim(project, "policy")
    project.set_answer("grievance", "Anyone may write to ethics@acme.example, anonymously if they wish.")
    grievance = claims.claim_state(project.answers(), "grievance")
    assert not grievance.confirmed and not grievance.proposed
    assert [b.key for b in claim_blockers(project)][0] == "claims.step1"


def test_a_step_confirms_what_it_can_and_says_why_not_for_the_rest(project):
    project.set_answer("executive_sponsor", "Chief Financial Officer")
    refused = confirm_step(project, 3)
    assert refused == []  # risk_response only needs the executive sponsor
    refused = confirm_step(project, 1)
    assert sorted(s.key for s in refused) == ["management", "policy", "records", "supplier_engagement"]
    assert claims.claim_state(project.answers(), "grievance").confirmed  # it uses no fact


def test_figures_the_app_counts_are_never_typed(project):
    project.set_answer("risk_identification", "We surveyed 9 suppliers and 78% of suppliers answered.")
    state = claims.claim_state(project.answers(), "risk_identification")
    assert state.typed_figures == ["9 suppliers", "78% of suppliers"]
    assert not state.can_confirm and "prints the counts" in state.problems[0]
    project.set_answer("risk_identification", "We asked our direct suppliers of 3TG parts for a CMRT in 2025.")
    assert claims.claim_state(project.answers(), "risk_identification").can_confirm


def test_a_conflict_free_claim_cannot_be_confirmed_and_blocks(project):
    project.set_answer("audits", "Our products are conflict-free.")
    state = claims.claim_state(project.answers(), "audits")
    assert state.wording and not state.can_confirm
    project.set_answer("company_background", "Acme makes conflict free flow meters.")
    keys = [b.message for b in claims.wording_blockers(project)]
    assert any(m.startswith("Reliance on Independent Audits") for m in keys)
    assert any(m.startswith("What the company makes") for m in keys)
    project.set_answer("company_background", "We have not determined that our meters are DRC conflict free.")
    project.set_answer("audits", diligence.default_answers()["audits"])
    assert claims.wording_blockers(project) == []


def test_old_projects_keep_their_sentences_but_must_confirm_them(project):
    # Before confirmations existed, a user's typed sentence was simply saved and printed.
    project.set_answer("grievance", "Employees may call our ethics line.")
    project.set_answer("executive_sponsor", "Chief Executive Officer")
    states = {s.key: s for s in claim_states(project.answers())}
    assert states["grievance"].text == "Employees may call our ethics line."
    assert not any(s.confirmed for s in states.values())
    assert not states["grievance"].changed_since_confirmed


def test_without_a_cmr_the_statements_are_not_printed_so_nothing_blocks(tmp_path, cmrt_dir):
    project = filed_project(tmp_path / "No CMR.cmdesk", cmrt_dir, import_cmrts=False)
    try:
        for product in project.products():
            product.necessary = product.necessary.NO
            project.save_product(product)
        assert project_determination(project).outcome == Outcome.NO_FILING
        assert claim_blockers(project) == []
    finally:
        project.close()


def test_the_sample_company_can_confirm_every_statement_but_has_not(tmp_path):
    from desktop.core.sample.project import create_sample_project

    project = create_sample_project(tmp_path / "Sample.cmdesk", import_files=False)
    try:
        states = claim_states(project.answers())
        assert all(s.can_confirm and not s.confirmed for s in states)
        assert all(confirm_step(project, step) == [] for step in diligence.oecd_steps())
        assert all(s.confirmed for s in claim_states(project.answers()))
    finally:
        project.close()
