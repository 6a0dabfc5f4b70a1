"""Shared console helpers for the CLI: one Rich console, Django set-up on demand."""

from __future__ import annotations

import os
from datetime import date

import typer
from rich.console import Console

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


def setup_django() -> None:
    """Configure Django for commands that use the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "telegov.settings")
    import django

    django.setup()


def parse_day(value: str | None, option: str = "--on") -> date:
    if value is None:
        from telegov.legal_calendar import today_in_tokyo

        return today_in_tokyo()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None
