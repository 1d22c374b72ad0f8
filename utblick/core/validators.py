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


# Identifiers the EU's own registers use (CORDIS, Kohesio, keep.eu): checked for their
# shape only, so that an id copied with a typo is caught where it is entered.
_PIC = re.compile(r"^\d{9}$")
_VAT = re.compile(r"^[A-Z]{2}[0-9A-Z+*]{2,13}$")
_NUTS = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")
_PERIOD = re.compile(r"^(\d{4})[–-](\d{4})$")


def validate_pic(value: str) -> None:
    if not _PIC.match(value):
        raise ValidationError(
            _("PIC-numret (EU:s deltagarkod) har nio siffror, t.ex. 999644536."), code="pic"
        )


def validate_vat_number(value: str) -> None:
    if not _VAT.match(value):
        raise ValidationError(
            _(
                "Momsregistreringsnumret börjar med landskoden och följs av 2–13 siffror "
                "eller bokstäver, utan mellanslag, t.ex. SE212000262701."
            ),
            code="vat",
        )


def validate_nuts_code(value: str) -> None:
    if not _NUTS.match(value):
        raise ValidationError(
            _("NUTS-koden är landskoden och upp till tre tecken till, t.ex. SE331."),
            code="nuts",
        )


def validate_programme_period(value: str) -> None:
    match = _PERIOD.match(value)
    if not match or int(match.group(2)) <= int(match.group(1)):
        raise ValidationError(
            _("Ange programperioden som ÅÅÅÅ–ÅÅÅÅ, t.ex. 2021–2027."), code="period"
        )
