import pytest

from desktop.core.filing.registrant import FIELD_HELP, FIELD_LABELS, Registrant, validate, validate_field


def test_every_field_has_a_label_and_one_line_of_help():
    for name in Registrant.field_names():
        assert FIELD_LABELS[name]
        assert FIELD_HELP[name] and "\n" not in FIELD_HELP[name]


@pytest.mark.parametrize("value", ["12-3456789", " 94-2404110 "])
def test_ein_accepts_the_irs_format(value):
    assert validate_field("irs_ein", value) is None


@pytest.mark.parametrize("value", ["123456789", "12-345678", "AB-CDEFGHI", "12 3456789"])
def test_ein_rejects_other_forms(value):
    assert "12-3456789" in validate_field("irs_ein", value)


def test_year_must_be_a_real_reporting_year():
    assert validate_field("reporting_year", "2025", current_year=2026) is None
    assert "four digits" in validate_field("reporting_year", "twenty", current_year=2026)
    assert "2013" in validate_field("reporting_year", 2012, current_year=2026)
    assert "future" in validate_field("reporting_year", 2027, current_year=2026)


def test_other_formats():
    assert validate_field("sec_file_number", "001-36309") is None
    assert validate_field("sec_file_number", "36309") is not None
    assert validate_field("zip_code", "93111-2345") is None
    assert validate_field("zip_code", "9311") is not None
    assert validate_field("contact_phone", "(805) 562-0500") is None
    assert "area code" in validate_field("contact_phone", "562-0500")
    assert validate_field("website", "https://investor.inogen.com/conflict-minerals") is None
    assert validate_field("website", "not a site") is not None


def test_required_fields_are_reported_by_name():
    problems = validate(Registrant(company_name="Inogen, Inc."), current_year=2026)
    assert "company_name" not in problems
    assert problems["irs_ein"] == "Required."
    assert problems["reporting_year"] == "Required."


def test_address_reads_as_one_line():
    reg = Registrant(street="301 Coromar Drive", city="Goleta", state="California", zip_code="93117")
    assert reg.address == "301 Coromar Drive, Goleta, California 93117"
