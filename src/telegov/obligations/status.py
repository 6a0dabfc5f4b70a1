"""Where an obligation stands on a day: overdue, due soon, upcoming, or ongoing with no deadline."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class DueStatus(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    UPCOMING = "upcoming"
    ONGOING = "ongoing"


def due_status(due: date | None, today: date, due_soon_days: int) -> DueStatus:
    """The status of a deadline `due` on `today`; a deadline on today itself is due soon, not overdue
    (the period ends at the end of its last day)."""
    if due_soon_days < 0:
        raise ValueError("due_soon_days cannot be negative")
    if due is None:
        return DueStatus.ONGOING
    if due < today:
        return DueStatus.OVERDUE
    if due <= today + timedelta(days=due_soon_days):
        return DueStatus.DUE_SOON
    return DueStatus.UPCOMING
