from datetime import date

import pytest

from desktop.core.filing.filing_calendar import deadline_explanation, federal_holidays, filing_deadline


@pytest.mark.parametrize(
    "year, due",
    [
        (2013, date(2014, 6, 2)),  # May 31, 2014 was a Saturday: the first reports were due June 2
        (2019, date(2020, 6, 1)),  # Sunday
        (2021, date(2022, 5, 31)),  # Tuesday: no move
        (2024, date(2025, 6, 2)),  # Saturday
        (2025, date(2026, 6, 1)),  # Sunday
        (2026, date(2027, 6, 1)),  # Monday May 31, 2027 is Memorial Day
    ],
)
def test_deadline_moves_past_weekends_and_holidays(year, due):
    assert filing_deadline(year) == due


def test_memorial_day_is_last_monday_of_may():
    assert date(2027, 5, 31) in federal_holidays(2027)
    assert date(2026, 5, 25) in federal_holidays(2026)
    assert date(2026, 5, 31) not in federal_holidays(2026)


def test_observed_holidays_move_off_weekends():
    assert date(2026, 7, 3) in federal_holidays(2026)  # July 4, 2026 is a Saturday
    assert date(2022, 12, 26) in federal_holidays(2022)  # Christmas 2022 is a Sunday
    assert date(2021, 12, 31) in federal_holidays(2021)  # New Year 2022 is a Saturday


def test_explanation_says_why_the_day_moved():
    assert "Memorial" not in deadline_explanation(2026)  # we say "federal holiday", not its name
    assert "federal holiday" in deadline_explanation(2026)
    assert "Tuesday, June 1, 2027" in deadline_explanation(2026)
    assert "is a Sunday" in deadline_explanation(2025)
    assert deadline_explanation(2021).endswith("(May 31 after the reporting year).")
