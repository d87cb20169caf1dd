"""The due diligence questions (resources/templates/diligence_questions.ini) and the outcome."""

from __future__ import annotations

import re

from desktop.core import diligence
from desktop.core.wording import wording_problems

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
                "supplier_engagement", "grievance", "retention_years", "records", "risk_identification",
                "risk_response", "audits", "publication"):
        assert key in keys
    assert all(q.help and q.label and q.default for q in diligence.questions())


def test_defaults_fill_every_placeholder_and_use_allowed_wording():
    resolved = diligence.resolved_answers({}, CONTEXT)
    for key, text in resolved.items():
        assert "$" not in text, f"{key} keeps a placeholder: {text}"
        assert wording_problems(text, ipsa_recorded=False) == []
    assert resolved["policy"].startswith("In 2022, Harbor Point Instruments, Inc. adopted a written policy")
    assert "https://www.harborpoint.example" in resolved["policy"]
    assert "at least 5 years" in resolved["records"]
    assert resolved["publication"].endswith("https://investors.harborpoint.example/cm.")


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
