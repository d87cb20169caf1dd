"""The first CMRT request to a supplier and the reminder to one who has not answered.

Plain text, like the follow-up message, so it can be copied or saved as a .eml draft with
`write_eml`. Wording follows what filers describe in their reports: the RMI template, the
reporting year, a reply-by date, and the products the supplier provides.
"""

from __future__ import annotations

import textwrap
from datetime import date

from desktop.core.suppliers.followup import Sender, signature_lines
from desktop.core.suppliers.roster import Supplier, format_day

WRAP = 76
TEMPLATE_ADVICE = (
    "Please use the latest Conflict Minerals Reporting Template (CMRT) from the Responsible "
    "Minerals Initiative, free at www.responsiblemineralsinitiative.org, and list every smelter "
    "with its smelter ID."
)


def _fill(text: str) -> str:
    return textwrap.fill(text, WRAP, break_on_hyphens=False, break_long_words=False)


def _greeting(supplier: Supplier) -> str:
    name = supplier.contact_name.strip()
    return f"Dear {name}," if name else "Dear Sir or Madam,"


def _asker(sender: Sender | str | None) -> str:
    if isinstance(sender, Sender) and sender.company:
        return sender.company
    return "our company"


def _products(supplier: Supplier) -> str:
    products = " ".join(supplier.products.split())
    return f" for the products you supply to us ({products})" if products else ""


def request_subject(reporting_year: int, sender: Sender | str | None = None) -> str:
    return f"Conflict minerals declaration (CMRT) for {reporting_year}: request from {_asker(sender)}"


def reminder_subject(reporting_year: int, sender: Sender | str | None = None) -> str:
    return f"Reminder: {request_subject(reporting_year, sender)}"


def request_text(
    supplier: Supplier, reporting_year: int, reply_by: date, sender: Sender | str | None = None
) -> str:
    """The first request for a completed CMRT covering the reporting year."""
    paragraphs = [
        _greeting(supplier),
        _fill(
            f"{_asker(sender)[:1].upper()}{_asker(sender)[1:]} reports each year to the U.S. SEC "
            "on the tin, tantalum, tungsten and gold (3TG) in its products (Rule 13p-1), so we "
            "ask our suppliers where the 3TG in their materials comes from."
        ),
        _fill(
            f"Please send us your completed CMRT for calendar year {reporting_year}"
            f"{_products(supplier)} by {format_day(reply_by)}."
        ),
        _fill(TEMPLATE_ADVICE),
        _fill("If anything is unclear, reply to this message and we will help. Thank you."),
        "\n".join(["Kind regards,", *signature_lines(sender)]),
    ]
    return "\n\n".join(paragraphs) + "\n"


def reminder_text(
    supplier: Supplier, reporting_year: int, reply_by: date, sender: Sender | str | None = None
) -> str:
    """A short, polite reminder; mentions when the request went out when the roster knows."""
    sent = f" on {format_day(supplier.requested_on)}" if supplier.requested_on else ""
    paragraphs = [
        _greeting(supplier),
        _fill(
            f"We wrote to you{sent} asking for your Conflict Minerals Reporting Template (CMRT) "
            f"for calendar year {reporting_year}{_products(supplier)}. We have not received it yet."
        ),
        _fill(
            f"Please send it by {format_day(reply_by)}: we need it for our annual report to the "
            "SEC. If you have already sent it, please send it again, as it may not have reached us."
        ),
        _fill(TEMPLATE_ADVICE),
        "\n".join(["Kind regards,", *signature_lines(sender)]),
    ]
    return "\n\n".join(paragraphs) + "\n"
