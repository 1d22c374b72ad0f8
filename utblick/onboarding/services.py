"""Writes for the first-run path: skipping a step (and taking it back), adding standard units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.core import clock
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.onboarding.models import Step, StepSkip
from utblick.onboarding.selectors import (
    STANDARD_BY_KEY,
    existing_unit_names,
    name_key,
    unit_keys_taken,
)
from utblick.organisation.models import Unit
from utblick.organisation.services import unit_save

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def onboarding_step_skip(
    *, access: Access, user: AbstractBaseUser | None, step: str, skip: bool
) -> StepSkip:
    """Skip a step of the path (``skip=True``) or take the skip back; coordinators only."""
    access.require("coordinate")
    if step not in Step.values:
        raise ValidationError(_("Det finns inget sådant steg."))
    with transaction.atomic():
        row = (
            StepSkip.objects.select_for_update()
            .filter(municipality=access.municipality, step=step)
            .first()
        )
        if row is None:
            if not skip:
                # Nothing was skipped: nothing to take back, and no history row.
                return StepSkip(municipality=access.municipality, step=step)
            row = StepSkip(municipality=access.municipality, step=step)
        elif row.is_skipped == skip:
            return row
        row.skipped_at = clock.now() if skip else None
        row.skipped_by = user if skip else None  # type: ignore[assignment]
        core.save_versioned(
            row, expected_version=None, user=user, verb="skipped" if skip else "unskipped"
        )
    return row


@dataclass(frozen=True)
class UnitChoice:
    """A ticked standard unit and the name the coordinator gave it."""

    key: str
    name: str


def _free_key(wanted: str, taken: set[str]) -> str:
    key, n = wanted, 2
    while key in taken:
        suffix = f"-{n}"
        key, n = wanted[: 60 - len(suffix)] + suffix, n + 1
    taken.add(key)
    return key


def standard_units_add(
    *, access: Access, user: AbstractBaseUser | None, choices: list[UnitChoice]
) -> list[Unit]:
    """Create the ticked standard units, all or none, each through ``unit_save``.

    A unit's parent is the standard parent ticked in the same batch, or a current
    unit that already bears the parent's standard name; otherwise it goes at the top.
    """
    access.require("coordinate")
    if not choices:
        raise ValidationError(_("Välj minst en enhet att lägga till."))
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    with transaction.atomic():
        existing = existing_unit_names(access.municipality)
        present_keys = {u.key for u in existing.values()}
        for choice in choices:
            if choice.key not in STANDARD_BY_KEY:
                raise ValidationError(_("Det finns ingen sådan standardenhet."))
            name = " ".join(choice.name.split())
            if choice.key in present_keys:
                errors.setdefault(choice.key, []).append(_("Enheten finns redan."))
            elif not name:
                errors.setdefault(choice.key, []).append(_("Skriv ett namn på enheten."))
            elif name_key(name) in existing or name_key(name) in seen:
                errors.setdefault(choice.key, []).append(
                    _("Det finns redan en enhet som heter %(name)s.") % {"name": name}
                )
            seen.add(name_key(name))
        if errors:
            raise ValidationError(errors)
        taken = unit_keys_taken(access.municipality)
        created: dict[str, Unit] = {}
        # Parents first: the standard list is ordered so, and ticked order follows it.
        ordered = sorted(choices, key=lambda c: list(STANDARD_BY_KEY).index(c.key))
        for position, choice in enumerate(ordered):
            standard = STANDARD_BY_KEY[choice.key]
            parent = None
            if standard.parent:
                parent = created.get(standard.parent) or existing.get(
                    name_key(STANDARD_BY_KEY[standard.parent].name)
                )
            name = " ".join(choice.name.split())
            unit = Unit(
                municipality=access.municipality,
                key=_free_key(standard.key, taken),
                name=name,
                kind=standard.kind,
                parent=parent,
                position=position,
            )
            created[choice.key] = unit_save(
                access=access, user=user, unit=unit, expected_version=None
            )
    return list(created.values())
