"""Japanese wording of numbers, dates and durations for the reasons of a classification."""

from __future__ import annotations

from datetime import date, timedelta

_MAN = 10_000


def users_ja(count: int) -> str:
    """30000 -> 3万人, 1000000 -> 100万人, 12345 -> 12,345人."""
    if count >= _MAN and count % _MAN == 0:
        return f"{count // _MAN:,}万人"
    return f"{count:,}人"


def hours_ja(hours: int) -> str:
    return f"{hours}時間"


def duration_ja(duration: timedelta) -> str:
    minutes = int(duration.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}時間{rest}分"
    return f"{hours}時間" if hours else f"{rest}分"


def date_ja(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
