"""Request and reminder drafts with the blank CMRT attached, and who is overdue."""

from __future__ import annotations

import email
from datetime import date, timedelta
from email import policy

import openpyxl
import pytest

from desktop.core.cmrt import read_cmrt
from desktop.core.sample import sample_cmrt_dir
from desktop.core.suppliers import RequestState, Sender, Supplier
from desktop.core.suppliers.sending import (
    REPLY_DAYS,
    BlankTemplateError,
    check_blank_cmrt,
    is_overdue,
    write_requests,
)

TODAY = date(2026, 2, 2)


def blanked_sample(tmp_path):
    """Our own sample CMRT with its company name removed: blank as far as a request is concerned."""
    workbook = openpyxl.load_workbook(sample_cmrt_dir() / "Brightline_Components_CMRT_6.4.xlsx")
    workbook["Declaration"]["D8"] = None
    path = tmp_path / "blank CMRT 6.4.xlsx"
    workbook.save(path)
    return path


def test_a_blank_template_is_accepted_and_a_filled_one_refused(tmp_path):
    assert check_blank_cmrt(blanked_sample(tmp_path)) == "CMRT 6.4"
    with pytest.raises(BlankTemplateError, match="already filled in .by Brightline"):
        check_blank_cmrt(sample_cmrt_dir() / "Brightline_Components_CMRT_6.4.xlsx")
    text = tmp_path / "notes.xlsx"
    text.write_bytes(b"not a workbook")
    with pytest.raises(BlankTemplateError, match="notes.xlsx is not a CMRT template"):
        check_blank_cmrt(text)


def test_rmi_blank_templates_are_accepted(cmrt_dir):
    for name in ("RMI_CMRT_6.5.xlsx", "RMI_CMRT_6.4_english_blank.xlsx"):
        assert check_blank_cmrt(cmrt_dir / "templates" / name).startswith("CMRT 6.")


def test_requests_are_drafts_with_the_blank_attached_and_record_the_date(tmp_path):
    blank = blanked_sample(tmp_path)
    suppliers = [
        Supplier(id=1, name="Harbor Cable/Wire", contact_name="Ana Ruiz", email="ana@harbor.example", products="cables"),
        Supplier(id=2, name="Pinecrest"),
    ]
    sender = Sender(name="Dana Whitfield", company="Northwind Instruments, Inc.", email="dana@northwind.example")
    written = write_requests(suppliers, blank, tmp_path / "requests", 2025, sender, TODAY)
    assert [p.name for p in written.drafts] == ["CMRT request 2025 - Harbor Cable Wire.eml", "CMRT request 2025 - Pinecrest.eml"]
    assert written.without_address == ["Pinecrest"]
    assert written.template_copy.read_bytes() == blank.read_bytes()
    message = email.message_from_bytes(written.drafts[0].read_bytes(), policy=policy.default)
    assert message["To"] == "ana@harbor.example" and message["X-Unsent"] == "1"
    assert "Dear Ana Ruiz," in message.get_body(("plain",)).get_content()
    assert f"by {(TODAY + timedelta(days=REPLY_DAYS)):%b} {(TODAY + timedelta(days=REPLY_DAYS)).day}" in (
        message.get_body(("plain",)).get_content()
    )
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == blank.name
    saved = tmp_path / "attached.xlsx"
    saved.write_bytes(attachment.get_content())
    assert read_cmrt(saved).revision == "6.4"  # the supplier receives a workbook that opens
    assert all(s.request_state == RequestState.REQUESTED and s.requested_on == TODAY and s.asked for s in suppliers)

    later = TODAY + timedelta(days=REPLY_DAYS + 1)
    assert is_overdue(suppliers[0], later, has_file=False)
    assert not is_overdue(suppliers[0], later, has_file=True)
    assert not is_overdue(suppliers[0], TODAY + timedelta(days=REPLY_DAYS), has_file=False)
    reminded = write_requests(suppliers[:1], blank, tmp_path / "requests", 2025, sender, later, reminder=True)
    assert reminded.drafts[0].name == "CMRT reminder 2025 - Harbor Cable Wire.eml"
    assert suppliers[0].request_state == RequestState.REMINDER_SENT and suppliers[0].reminded_on == later
    assert not is_overdue(suppliers[0], later + timedelta(days=5), has_file=False)  # a reminder restarts the wait
    assert "We wrote to you on Feb 2, 2026" in reminded.drafts[0].read_text(encoding="utf-8")
