"""Validators shared by the models, the API and the profile files."""

from __future__ import annotations

import re

_THIRTEEN_DIGITS = re.compile(r"^\d{13}$")


def corporate_number_error(value: str) -> str | None:
    """Why `value` is not a valid 法人番号, or None when it is.

    The first digit is a check digit over the other twelve (国税庁, 法人番号の指定等に関する省令 Art. 2):
    9 - (sum of the digits weighted 1, 2, 1, 2, ... from the right) mod 9.
    """
    if not _THIRTEEN_DIGITS.match(value):
        return "a corporate number has exactly 13 digits"
    base = value[1:]
    weighted = sum(int(digit) * (1 if position % 2 else 2) for position, digit in enumerate(reversed(base), start=1))
    if int(value[0]) != 9 - weighted % 9:
        return "the check digit of the corporate number does not match"
    return None


def validate_corporate_number(value: str) -> None:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext

    error = corporate_number_error(value)
    if error:
        # The same sentences as corporate_number_error, translated for the web forms.
        messages = {
            "a corporate number has exactly 13 digits": gettext("A corporate number has exactly 13 digits."),
            "the check digit of the corporate number does not match": gettext(
                "The check digit of the corporate number does not match."
            ),
        }
        raise ValidationError(messages.get(error, error), code="corporate_number")
