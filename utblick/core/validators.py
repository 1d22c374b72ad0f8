"""Validators for Swedish identifiers."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_ORG_NUMBER = re.compile(r"^(\d{6})-(\d{4})$")


def luhn_ok(digits: str) -> bool:
    """The Luhn check digit used by Swedish organisation and personal numbers."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def organisation_number_problem(value: str) -> str | None:
    """Why ``value`` is not a valid organisation number, or None when it is."""
    match = _ORG_NUMBER.match(value)
    if not match:
        return _("Organisationsnumret ska skrivas NNNNNN-NNNN, t.ex. 212000-2627.")
    if not luhn_ok(match.group(1) + match.group(2)):
        return _("Organisationsnumret %(value)s har fel kontrollsiffra.") % {"value": value}
    return None


def validate_organisation_number(value: str) -> None:
    problem = organisation_number_problem(value)
    if problem:
        raise ValidationError(problem, code="organisation_number")
