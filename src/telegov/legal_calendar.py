"""The one place where a legal period becomes a due date.

- The day the period starts from is not counted (Civil Code Art. 140); the period ends at the
  end of its last day (Art. 141).
- A period in months is counted by the calendar: it ends on the day before the day that
  corresponds to its first counted day (the day after the event), or at the end of the final
  month when that month has no such day (Art. 143). Two months from 30 June therefore end on
  31 August, not 30 August.
- A deadline for a filing with a government office that falls on a day the offices are closed
  (Saturday, Sunday, a national holiday, 29 December to 3 January) moves to the next open day
  (行政機関の休日に関する法律 Art. 1 and Art. 2).
- Legal dates are decided in Asia/Tokyo: an aware datetime is converted before its date is taken.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

TOKYO = ZoneInfo("Asia/Tokyo")

# 行政機関の休日に関する法律 Art. 1(1)(iii): the year-end and new-year closure.
_YEAR_END_CLOSURE = {(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)}


class NaiveDatetimeError(ValueError):
    """A datetime without an offset cannot be placed on the Tokyo calendar."""


def tokyo_date(moment: date | datetime) -> date:
    """The date in Asia/Tokyo of an aware datetime; a plain date is returned unchanged."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise NaiveDatetimeError(f"{moment.isoformat()} has no UTC offset")
        return moment.astimezone(TOKYO).date()
    return moment


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("JP", years=year)


def national_holiday_name(day: date) -> str | None:
    return _national_holidays(day.year).get(day)


def is_office_closed(day: date) -> bool:
    """Whether government offices are closed on this day."""
    return (
        day.weekday() >= 5
        or (day.month, day.day) in _YEAR_END_CLOSURE
        or national_holiday_name(day) is not None
    )


def next_open_day(day: date) -> date:
    while is_office_closed(day):
        day += timedelta(days=1)
    return day


def add_months(day: date, months: int) -> date:
    """The day numbered like `day`, `months` later; the month's last day when there is none."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(start: date | datetime, *, days: int = 0, months: int = 0) -> date:
    """The last day of a period of `months` months and `days` days counted from `start`.

    `start` is the day of the event (occurrence, awareness, designation, end of a quarter);
    it is not counted.
    """
    if days < 0 or months < 0:
        raise ValueError("a legal period cannot be negative")
    end = tokyo_date(start)
    if months:
        end = _month_period_end(end, months)
    return end + timedelta(days=days)


def _month_period_end(event_day: date, months: int) -> date:
    first_counted = event_day + timedelta(days=1)
    final_month = add_months(date(first_counted.year, first_counted.month, 1), months)
    if first_counted.day > calendar.monthrange(final_month.year, final_month.month)[1]:
        return date(final_month.year, final_month.month, calendar.monthrange(final_month.year, final_month.month)[1])
    return final_month.replace(day=first_counted.day) - timedelta(days=1)


def due_date(start: date | datetime, *, days: int = 0, months: int = 0, office_filing: bool = True) -> date:
    """The due date of an act to be done within a period counted from `start`.

    For a filing with a government office (`office_filing`), a last day on which the offices are
    closed moves to the next open day.
    """
    end = period_end(start, days=days, months=months)
    return next_open_day(end) if office_filing else end


def fiscal_year_start(day: date, start_month: int = 4) -> date:
    """The first day of the business year (April by default) that contains `day`."""
    year = day.year if day.month >= start_month else day.year - 1
    return date(year, start_month, 1)


def fiscal_year_end(day: date, start_month: int = 4) -> date:
    return add_months(fiscal_year_start(day, start_month), 12) - timedelta(days=1)


def quarter_end(day: date, start_month: int = 4) -> date:
    """The last day of the quarter (of a year starting in `start_month`) that contains `day`."""
    months_into_quarter = (day.month - start_month) % 3
    last_month = add_months(date(day.year, day.month, 1), 2 - months_into_quarter)
    return date(last_month.year, last_month.month, calendar.monthrange(last_month.year, last_month.month)[1])


def today_in_tokyo() -> date:
    return datetime.now(TOKYO).date()
