"""The due diligence questions (resources/templates/diligence_questions.ini) and the outcome."""

from __future__ import annotations

import re

from desktop.core.filing import diligence
from desktop.core.filing.wording import wording_problems

CONTEXT = {
    "company": "Harbor Point Instruments, Inc.",
    "year": "2022",
    "website": "https://www.harborpoint.example",
    "report_url": "https://investors.harborpoint.example/cm",
}


def test_questions_cover_the_five_oecd_steps():
    steps = diligence.oecd_steps()
    assert list(steps) == [1, 2, 3, 4, 5]
    assert steps[1] == "Establish strong company management systems"
    grouped = diligence.questions_by_step()
    assert all(any(q.kind == "sentence" for q in grouped[step]) for step in steps)
    keys = [q.key for q in diligence.questions()]
    assert len(keys) == len(set(keys))
    for key in ("policy", "policy_year", "policy_url", "program_department", "executive_sponsor",
                "purchase_terms", "supplier_engagement", "grievance", "retention_years", "records",
                "risk_identification", "risk_response", "audits", "publication"):
        assert key in keys
    assert all(q.help and q.label for q in diligence.questions())
    # Sentences are proposed; facts about the company never are.
    assert all(q.default for q in diligence.questions() if q.kind == "sentence")
    assert all(not q.default and q.token for q in diligence.questions() if q.kind == "fact")


def test_proposals_leave_a_visible_gap_for_each_fact_and_use_allowed_wording():
    resolved = diligence.resolved_answers({}, CONTEXT)
    for key, text in resolved.items():
        assert "$" not in text, f"{key} keeps a placeholder: {text}"
        assert wording_problems(text, ipsa_recorded=False) == []
    assert resolved["policy"] == (
        "In [policy year not filled in], Harbor Point Instruments, Inc. adopted a written policy on the sourcing "
        "of conflict minerals, which is publicly available at [policy web address not filled in]. We have "
        "communicated this policy to our direct suppliers of components and materials that may contain 3TG."
    )
    assert "2022" not in resolved["policy"] and "harborpoint" not in resolved["policy"]
    assert "at least [retention years not filled in] years" in resolved["records"]
    assert resolved["publication"].endswith("https://investors.harborpoint.example/cm.")


def test_sentences_show_their_facts_as_named_fields():
    policy = diligence.default_answers()["policy"]
    shown = diligence.to_display(policy)
    assert shown.startswith("In {policy year}, {company name} adopted")
    assert diligence.from_display(shown) == policy
    typed = "Since {Policy  Year} we publish it at {policy web address}/cm and keep {unknown thing}."
    assert diligence.from_display(typed) == "Since $policy_year we publish it at $policy_url/cm and keep {unknown thing}."
    assert diligence.from_display("In {reporting year}s") == "In ${year}s"
    assert diligence.placeholders_in(policy) == ["policy_year", "company", "policy_url"]


def test_user_answers_replace_defaults_and_feed_sentences():
    answers = {"policy_year": "2016", "retention_years": "7", "grievance": "Call our hotline; it costs $0."}
    resolved = diligence.resolved_answers(answers, CONTEXT)
    assert "In 2016," in resolved["policy"]
    assert "at least 7 years" in resolved["records"]
    assert resolved["grievance"] == "Call our hotline; it costs $0."  # a typed dollar sign survives


def test_default_answers_are_plain_text_for_the_store():
    answers = diligence.default_answers()
    assert all(isinstance(v, str) for v in answers.values())
    assert re.search(r"\$policy_year", answers["policy"])


def test_common_future_steps():
    steps = diligence.common_future_steps()
    assert len(steps) >= 5
    assert all(step.endswith(".") and not step.startswith("#") for step in steps)


def test_outcome_and_reasons():
    assert diligence.decide_outcome(False, True, True, False)[0] == "no_filing"
    assert diligence.decide_outcome(True, False, True, False)[0] == "no_filing"
    outcome, reasons = diligence.decide_outcome(True, True, False, False)
    assert outcome == "sd_only" and "no reason to believe" in reasons[-1]
    outcome, reasons = diligence.decide_outcome(True, True, True, True)
    assert outcome == "sd_only" and "recycled or scrap" in reasons[-1]
    outcome, reasons = diligence.decide_outcome(True, True, True, False)
    assert outcome == "sd_with_cmr" and "Conflict Minerals Report" in reasons[-1]
