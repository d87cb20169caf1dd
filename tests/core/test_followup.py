"""Follow-up messages to suppliers: the plain text to copy and the .eml draft."""

from __future__ import annotations

import email
import email.policy
from datetime import date

import pytest

from desktop.core.cmrt import load_declaration
from desktop.core.cmrt.model import CompanyInfo, Declaration, Finding, Severity
from desktop.core.sample import sample_cmrt_dir
from desktop.core.smelters import MatchDecision, load_reference
from desktop.core.suppliers import (
    Sender,
    Supplier,
    follow_up_recipient,
    follow_up_subject,
    follow_up_text,
    for_supplier,
    smelter_questions,
    write_eml,
)

SENDER = Sender(name="Pat Doe", company="Northwind Instruments, Inc.", email="pat@northwind.example")


def _declaration(*findings: Finding) -> Declaration:
    return Declaration(
        path="/tmp/acme.xlsx",
        file_name="acme_CMRT_6.4.xlsx",
        revision="6.4",
        company=CompanyInfo(
            name="Acme Co., Ltd.",
            contact_name="Jane Li",
            contact_email="jane@acme.example",
            effective_date=date(2024, 5, 2),
        ),
        findings=list(findings),
    )


TYPO = Finding(
    "smelter-unknown",
    Severity.ERROR,
    'The smelter "Asahi Pretec Crop" is not in the RMI list and has no smelter ID.',
    "Smelter List",
    "row 12",
)
BLANK_Q3 = Finding(
    "answer-missing", Severity.WARNING, "Question 3 for Gold is blank although question 1 is Yes.",
    "Declaration", "D40",
)
NOTE = Finding("old-revision", Severity.NOTE, "Internal note that must not be sent.", "", "")
WHOLE_FILE = Finding("future-date", Severity.ERROR, "The effective date is in the future.")


def test_every_error_and_warning_is_one_numbered_bullet_with_its_location():
    text = follow_up_text(_declaration(BLANK_Q3, TYPO, NOTE, WHOLE_FILE), sender=SENDER)
    assert text.startswith("Dear Jane Li,\n")
    assert '"acme_CMRT_6.4.xlsx" (CMRT revision 6.4, effective May 2, 2024)' in " ".join(text.split())
    flat = " ".join(text.split())
    # Errors first (must fix), then warnings (please check), numbered across both.
    assert flat.index("1. Smelter List, row 12: The smelter") < flat.index(
        "2. Whole file: The effective date is in the future."
    ) < flat.index("Please also check") < flat.index("3. Declaration, cell D40: Question 3 for Gold")
    assert "Internal note" not in text
    assert text.rstrip().endswith("Pat Doe\nNorthwind Instruments, Inc.\npat@northwind.example")
    assert max(len(line) for line in text.splitlines()) <= 76


def test_roster_contact_is_preferred_and_a_clean_file_gets_thanks():
    supplier = Supplier(name="Acme (roster)", contact_name="Sam Roe", email="sam@acme.example")
    text = follow_up_text(_declaration(NOTE), supplier=supplier)
    assert text.startswith("Dear Sam Roe,")
    assert "on behalf of Acme (roster)" in " ".join(text.split())
    assert "No changes are needed." in text
    assert follow_up_recipient(_declaration(), supplier) == "sam@acme.example"
    assert follow_up_recipient(_declaration()) == "jane@acme.example"
    anonymous = _declaration(TYPO)
    anonymous.company.contact_name = ""
    assert follow_up_text(anonymous).startswith("Dear Sir or Madam,")


def test_subject_says_whether_corrections_are_needed():
    assert follow_up_subject(_declaration(TYPO), SENDER) == (
        "Conflict Minerals Reporting Template for Northwind Instruments, Inc.: corrections needed"
    )
    assert follow_up_subject(_declaration(NOTE)).endswith(": thank you")


def test_eml_draft_parses_back_as_an_unsent_utf8_message(tmp_path):
    declaration = _declaration(TYPO, BLANK_Q3)
    declaration.company.contact_name = "Jürgen Weiß"
    body = follow_up_text(declaration, sender=SENDER)
    path = write_eml(
        tmp_path / "drafts" / "acme.eml",
        to=follow_up_recipient(declaration),
        subject=follow_up_subject(declaration, SENDER),
        body=body,
        sender=SENDER,
    )
    assert path.is_file()
    assert [p.name for p in path.parent.iterdir()] == ["acme.eml"]  # no temporary left behind
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1"
    assert message["To"] == "jane@acme.example"
    assert message["From"] == "Pat Doe <pat@northwind.example>"
    assert "corrections needed" in message["Subject"]
    assert message["Date"]
    content = message.get_content()
    assert content.startswith("Dear Jürgen Weiß,")
    assert content.replace("\r\n", "\n") == body


def test_eml_overwrite_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "drafts" / "draft.eml"
    write_eml(path, to="a@b.example", subject="first", body="one\n")
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        write_eml(path, to="a@b.example", subject="second", body="two\n")
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["draft.eml"]


# -- on real files, through the CMRT reader, its checks and the smelter reference ---------------

@pytest.fixture(scope="module")
def reference():
    return load_reference()


def test_real_file_findings_become_bullets_addressed_to_the_supplier(cmrt_dir):
    declaration = load_declaration(cmrt_dir / "suppliers" / "central-glass_CMRT_6.4.xlsx")
    text = follow_up_text(declaration, sender=SENDER)
    flat = " ".join(text.split())
    # The real file has a comma in its contact e-mail (toru,nishio@...); the message says where.
    assert 'Declaration D16: the contact email "toru,nishio@cgco.co.jp" is not a valid email' in flat
    assert "need the following corrected" in flat
    assert "Declaration D16: Declaration D16" not in flat  # the place is said once


def test_checker_advice_is_reworded_for_the_supplier(cmrt_dir):
    # Messages written for the filer ("the supplier says ... ask for ...") read as a request.
    for name in ("jx-advanced-metals_CMRT_6.4.xlsx", "emd-merck_CMRT_6.4.xlsx",
                 "connor-winfield_CMRT_2.02_encrypted.xls"):
        declaration = load_declaration(cmrt_dir / "suppliers" / name)
        assert declaration.findings, name
        text = " ".join(follow_up_text(declaration).split())
        assert "the supplier" not in text.lower(), name
        assert "ask the" not in text.lower() and "ask for" not in text.lower(), name
        assert f'"{name}"' in text  # the file name is never split at a hyphen
    covered = for_supplier(
        "Declaration D41: for Tungsten, the supplier says its smelters source from the DRC or an "
        "adjoining country. This needs due diligence: record it and ask for the smelters and "
        "their RMAP status."
    )
    assert covered == (
        "Declaration D41: for Tungsten, you say your smelters source from the DRC or an adjoining "
        "country. Please confirm this and list the smelters concerned, with their RMAP status."
    )
    assert for_supplier("A message no rule knows.") == "A message no rule knows."


def test_sample_typo_and_not_listed_rows_become_smelter_questions(reference):
    harbor = load_declaration(sample_cmrt_dir() / "Harbor_Cable_and_Wire_CMRT_6.4.xlsx")
    questions = smelter_questions(harbor, reference)
    assert [(q.rule_id, q.sheet, q.cell) for q in questions] == [("S1", "Smelter List", "row 8")]
    assert '"Asahi Pretec Crop." (gold) is not in RMI\'s smelter list' in questions[0].message
    assert "CID000082" in questions[0].message  # the real Asahi Pretec / Metalfine ID is offered
    text = " ".join(follow_up_text(harbor, extra_findings=questions).split())
    assert "1. Smelter List row 8:" in text and "No changes are needed" not in text
    assert follow_up_subject(harbor, extra_findings=questions).endswith("corrections needed")

    summit = load_declaration(sample_cmrt_dir() / "Summit_Alloy_Castings_CMRT_6.4.xlsx")
    (question,) = smelter_questions(summit, reference)
    assert question.rule_id == "S2"
    assert 'you chose "Smelter not listed"' in question.message and "CID000568" in question.message

    # Once the user has decided what the row is, the supplier is no longer asked about it.
    row = next(r for r in summit.smelters if r.lookup_name == "Smelter not listed")
    decision = MatchDecision.for_row(row, "CID000568")
    assert smelter_questions(summit, reference, [decision]) == []


def test_clean_sample_file_gets_no_smelter_questions(reference):
    brightline = load_declaration(sample_cmrt_dir() / "Brightline_Components_CMRT_6.4.xlsx")
    assert smelter_questions(brightline, reference) == []
    assert "No changes are needed." in follow_up_text(brightline)


def test_removed_smelters_in_a_real_file_are_asked_about(cmrt_dir, reference):
    # Exotech Inc. (CID000456): RMI removed it on 2022-12-04, "No longer an operating smelter".
    # (PT Belitung Industri Sejahtera, once asked about here, was re-added by RMI in 2021 and is on
    # its January 2023 Active list: the latest revision decides, so it is no longer "removed".)
    declaration = load_declaration(cmrt_dir / "suppliers" / "goertek-testfill_CMRT_3.01_encrypted.xls")
    questions = smelter_questions(declaration, reference)
    removed = [q for q in questions if q.rule_id == "S4"]
    assert any("Exotech Inc. (CID000456)" in q.message for q in removed)
    assert all(q.cell.startswith("row ") and q.sheet == "Smelter List" for q in questions)
