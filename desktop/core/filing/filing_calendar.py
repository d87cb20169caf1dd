"""The Form SD deadline: May 31 after the reporting year, or the next business day.

Form SD General Instruction B: when May 31 falls on a Saturday, Sunday or a holiday on which the
Commission is closed, the report is due the next business day. The SEC is closed on US federal
holidays (5 U.S.C. 6103), which move to the Friday before or the Monday after when they fall on a
weekend.
"""

from __future__ import annotations

from datetime import date, timedelta


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Monday=0) of a month; n=-1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def federal_holidays(year: int) -> set[date]:
    """US federal holidays (as observed) in a calendar year."""
    fixed = [date(year, 1, 1), date(year, 7, 4), date(year, 11, 11), date(year, 12, 25)]
    if year >= 2021:  # Juneteenth National Independence Day Act, June 2021
        fixed.append(date(year, 6, 19))
    holidays = {_observed(d) for d in fixed}
    # New Year's Day of next year observed on Dec 31 of this year when Jan 1 is a Saturday.
    if date(year + 1, 1, 1).weekday() == 5:
        holidays.add(date(year, 12, 31))
    holidays.update(
        {
            _nth_weekday(year, 1, 0, 3),  # Martin Luther King Jr. Day
            _nth_weekday(year, 2, 0, 3),  # Washington's Birthday
            _nth_weekday(year, 5, 0, -1),  # Memorial Day
            _nth_weekday(year, 9, 0, 1),  # Labor Day
            _nth_weekday(year, 10, 0, 2),  # Columbus Day
            _nth_weekday(year, 11, 3, 4),  # Thanksgiving Day
        }
    )
    return holidays


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def filing_deadline(reporting_year: int) -> date:
    """The last day to file Form SD for a calendar reporting year."""
    day = date(reporting_year + 1, 5, 31)
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def deadline_explanation(reporting_year: int) -> str:
    """One plain sentence saying when the report is due and why that day."""
    due = filing_deadline(reporting_year)
    may31 = date(reporting_year + 1, 5, 31)
    text = f"Due {due:%A, %B} {due.day}, {due.year}"
    if due == may31:
        return text + " (May 31 after the reporting year)."
    if may31.weekday() >= 5:
        reason = f"May 31, {may31.year} is a {may31:%A}"
    else:
        reason = f"May 31, {may31.year} is a federal holiday"
    return text + f": {reason}, so the deadline moves to the next business day."
