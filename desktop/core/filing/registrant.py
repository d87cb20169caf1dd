"""The registrant and filing facts printed on the Form SD cover, with their checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "District of Columbia", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
    "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
    "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
    "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma",
    "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee",
    "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
)  # fmt: skip


@dataclass
class Registrant:
    company_name: str = ""
    state_of_incorporation: str = ""
    sec_file_number: str = ""
    irs_ein: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    zip_code: str = ""
    website: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    reporting_year: int | None = None
    signer_name: str = ""
    signer_title: str = ""

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @property
    def address(self) -> str:
        city_line = ", ".join(p for p in (self.city, " ".join(p for p in (self.state, self.zip_code) if p)) if p)
        return ", ".join(p for p in (self.street, city_line) if p)


# One line of help per field, shown under the field in the wizard.
FIELD_HELP = {
    "company_name": "Exact name of the registrant as specified in its charter, as on your 10-K cover.",
    "state_of_incorporation": "State or other jurisdiction where the company is incorporated.",
    "sec_file_number": "Commission File Number from your 10-K cover, e.g. 001-12345.",
    "irs_ein": "IRS Employer Identification Number, nine digits written 12-3456789.",
    "street": "Street address of the principal executive offices.",
    "city": "City of the principal executive offices.",
    "state": "State of the principal executive offices.",
    "zip_code": "ZIP code, five digits or ZIP+4.",
    "website": "Where the report will be published; Form SD must give this address.",
    "contact_name": "Person the SEC may contact about this report.",
    "contact_phone": "That person's telephone number, with area code.",
    "reporting_year": "Calendar year the report covers (January 1 to December 31), whatever your fiscal year.",
    "signer_name": "Executive officer who signs the Form SD on behalf of the company.",
    "signer_title": "That officer's title, e.g. Chief Financial Officer.",
}

FIELD_LABELS = {
    "company_name": "Exact company name",
    "state_of_incorporation": "State of incorporation",
    "sec_file_number": "SEC file number",
    "irs_ein": "IRS employer ID (EIN)",
    "street": "Street address",
    "city": "City",
    "state": "State",
    "zip_code": "ZIP code",
    "website": "Website for the report",
    "contact_name": "Contact name",
    "contact_phone": "Contact phone",
    "reporting_year": "Reporting year",
    "signer_name": "Signed by",
    "signer_title": "Signer's title",
}

REQUIRED = {
    "company_name", "state_of_incorporation", "sec_file_number", "irs_ein", "street", "city",
    "state", "zip_code", "contact_name", "contact_phone", "reporting_year", "signer_name",
    "signer_title", "website",
}  # fmt: skip

_EIN = re.compile(r"^\d{2}-\d{7}$")
_FILE_NUMBER = re.compile(r"^\d{3}-\d{5,6}$")
_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_PHONE_DIGITS = re.compile(r"\d")
_WEBSITE = re.compile(r"^(https?://)?[\w-]+(\.[\w-]+)+(/\S*)?$", re.IGNORECASE)

FIRST_REPORTING_YEAR = 2013  # Rule 13p-1's first reporting period


def validate_field(name: str, value: object, current_year: int | None = None) -> str | None:
    """A plain-English problem with one field's value, or None when it is acceptable."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return "Required." if name in REQUIRED else None
    if name == "irs_ein" and not _EIN.match(text):
        return "Write the EIN as two digits, a dash and seven digits: 12-3456789."
    if name == "sec_file_number" and not _FILE_NUMBER.match(text):
        return "SEC file numbers look like 001-12345 (three digits, a dash, five or six digits)."
    if name == "zip_code" and not _ZIP.match(text):
        return "Use a five-digit ZIP code or ZIP+4 (12345-6789)."
    if name == "contact_phone" and len(_PHONE_DIGITS.findall(text)) < 10:
        return "Include the area code: at least ten digits."
    if name == "website" and not _WEBSITE.match(text):
        return "Give a web address such as www.example.com/conflict-minerals."
    if name == "reporting_year":
        try:
            year = int(text)
        except ValueError:
            return "Give the calendar year as four digits, e.g. 2025."
        if year < FIRST_REPORTING_YEAR:
            return f"Form SD reports start with calendar year {FIRST_REPORTING_YEAR}."
        if current_year is not None and year > current_year:
            return "The reporting year cannot be in the future: you report on a year that has ended or is under way."
    return None


def validate(registrant: Registrant, current_year: int | None = None) -> dict[str, str]:
    """Every field's problem, by field name."""
    problems = {}
    for name in Registrant.field_names():
        problem = validate_field(name, getattr(registrant, name), current_year)
        if problem:
            problems[name] = problem
    return problems
