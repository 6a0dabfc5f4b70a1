from datetime import date

import pytest

from telegov.obligations.status import DueStatus, due_status

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 11, 25), DueStatus.OVERDUE),
        (date(2025, 1, 1), DueStatus.OVERDUE),
        (date(2026, 11, 26), DueStatus.DUE_SOON),
        (date(2026, 12, 26), DueStatus.DUE_SOON),
        (date(2026, 12, 27), DueStatus.UPCOMING),
        (None, DueStatus.ONGOING),
    ],
)
def test_status_at_the_boundaries_of_a_30_day_window(due, expected):
    assert due_status(due, TODAY, 30) == expected


def test_a_zero_day_window_makes_only_today_due_soon():
    assert due_status(TODAY, TODAY, 0) == DueStatus.DUE_SOON
    assert due_status(date(2026, 11, 27), TODAY, 0) == DueStatus.UPCOMING


def test_window_crosses_the_year_end():
    assert due_status(date(2027, 1, 4), date(2026, 12, 5), 30) == DueStatus.DUE_SOON
    assert due_status(date(2027, 1, 5), date(2026, 12, 5), 30) == DueStatus.UPCOMING


def test_a_negative_window_is_refused():
    with pytest.raises(ValueError, match="negative"):
        due_status(TODAY, TODAY, -1)
