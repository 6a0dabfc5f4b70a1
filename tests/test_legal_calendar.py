from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from telegov.legal_calendar import (
    NaiveDatetimeError,
    due_date,
    fiscal_year_end,
    is_office_closed,
    period_end,
    quarter_end,
    tokyo_date,
)


def test_first_day_is_not_counted():
    # 30 days from 1 April 2026 (a Wednesday) end on 1 May 2026 (a Friday, an open day).
    assert period_end(date(2026, 4, 1), days=30) == date(2026, 5, 1)
    assert due_date(date(2026, 4, 1), days=30) == date(2026, 5, 1)


def test_day_30_on_a_sunday_moves_to_monday():
    # 2026-07-05 is a Sunday; 30 days after 2026-06-05 land there.
    assert period_end(date(2026, 6, 5), days=30) == date(2026, 7, 5)
    assert due_date(date(2026, 6, 5), days=30) == date(2026, 7, 6)


def test_day_30_on_31_december_moves_past_the_year_end_closure():
    # 2026-12-31 is a Thursday, but offices are closed 29 Dec – 3 Jan; 4 Jan 2027 is a Monday.
    assert period_end(date(2026, 12, 1), days=30) == date(2026, 12, 31)
    assert due_date(date(2026, 12, 1), days=30) == date(2027, 1, 4)


def test_year_end_closure_then_weekend():
    # 2027-01-03 is a Sunday anyway; 2028-01-03 is a Monday and still closed; 4 Jan 2028 is a Tuesday.
    assert due_date(date(2027, 12, 4), days=30) == date(2028, 1, 4)


def test_day_30_on_a_national_holiday_moves_to_the_next_open_day():
    # 2026-11-03 (文化の日) is a Tuesday.
    assert period_end(date(2026, 10, 4), days=30) == date(2026, 11, 3)
    assert due_date(date(2026, 10, 4), days=30) == date(2026, 11, 4)


def test_golden_week_chain_of_closed_days():
    # 2026-05-03 Sun (憲法記念日), 05-04 Mon, 05-05 Tue, 05-06 Wed (振替休日): next open day is 7 May.
    assert due_date(date(2026, 4, 3), days=30) == date(2026, 5, 7)


def test_non_filing_deadline_is_not_shifted():
    assert due_date(date(2026, 6, 5), days=30, office_filing=False) == date(2026, 7, 5)


def test_month_period_ends_at_end_of_february_in_a_leap_year():
    # Three months from 30 November 2027: there is no 30 February, so the period ends on 29 Feb 2028.
    assert period_end(date(2027, 11, 30), months=3) == date(2028, 2, 29)
    assert due_date(date(2027, 11, 30), months=3) == date(2028, 2, 29)  # a Tuesday


def test_month_period_ends_at_end_of_february_in_a_common_year():
    # 2027-02-28 is a Sunday: the filing moves to Monday 1 March.
    assert period_end(date(2026, 11, 30), months=3) == date(2027, 2, 28)
    assert due_date(date(2026, 11, 30), months=3) == date(2027, 3, 1)


def test_month_period_with_a_corresponding_day():
    assert period_end(date(2026, 1, 15), months=3) == date(2026, 4, 15)


def test_quarter_ends_and_quarterly_due_dates():
    assert quarter_end(date(2026, 5, 10)) == date(2026, 6, 30)
    assert quarter_end(date(2026, 9, 30)) == date(2026, 9, 30)
    assert quarter_end(date(2026, 10, 1)) == date(2026, 12, 31)
    assert quarter_end(date(2027, 2, 1)) == date(2027, 3, 31)
    assert due_date(date(2026, 6, 30), months=2) == date(2026, 8, 31)
    assert due_date(date(2026, 9, 30), months=2) == date(2026, 11, 30)
    assert due_date(date(2027, 12, 31), months=2) == date(2028, 2, 29)
    assert due_date(date(2027, 3, 31), months=2) == date(2027, 5, 31)


def test_fiscal_year_end():
    assert fiscal_year_end(date(2026, 4, 1)) == date(2027, 3, 31)
    assert fiscal_year_end(date(2027, 3, 31)) == date(2027, 3, 31)


def test_dates_are_decided_in_tokyo():
    # 16:30 UTC on 31 March is 01:30 on 1 April in Tokyo.
    moment = datetime(2026, 3, 31, 16, 30, tzinfo=UTC)
    assert tokyo_date(moment) == date(2026, 4, 1)
    assert period_end(moment, days=30) == date(2026, 5, 1)
    assert tokyo_date(datetime(2026, 4, 1, 9, 0, tzinfo=timezone(timedelta(hours=9)))) == date(2026, 4, 1)


def test_naive_datetime_is_refused():
    with pytest.raises(NaiveDatetimeError):
        tokyo_date(datetime(2026, 4, 1, 9, 0))


def test_negative_period_is_refused():
    with pytest.raises(ValueError):
        period_end(date(2026, 4, 1), days=-1)


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        (date(2026, 11, 23), True),  # 勤労感謝の日 (Monday)
        (date(2026, 11, 24), False),
        (date(2026, 12, 28), False),
        (date(2026, 12, 29), True),
        (date(2027, 1, 3), True),
        (date(2027, 1, 4), False),
        (date(2026, 11, 28), True),  # Saturday
    ],
)
def test_office_closed_days(day, closed):
    assert is_office_closed(day) is closed


@pytest.mark.parametrize(
    ("event", "months", "end"),
    [
        (date(2027, 6, 30), 2, date(2027, 8, 31)),   # counted from 1 July: the day before 1 September
        (date(2026, 9, 30), 3, date(2026, 12, 31)),  # counted from 1 October: the day before 1 January
        (date(2027, 1, 30), 1, date(2027, 2, 28)),   # counted from 31 January: no 31 February
        (date(2027, 1, 31), 1, date(2027, 2, 28)),   # counted from 1 February: the day before 1 March
        (date(2027, 3, 31), 2, date(2027, 5, 31)),
        (date(2027, 4, 30), 1, date(2027, 5, 31)),
    ],
)
def test_month_periods_end_the_day_before_the_corresponding_day(event, months, end):
    assert period_end(event, months=months) == end
