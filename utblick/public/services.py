"""Writes for publishing: the public copies of activities, the settings, reported defects.

Whether an activity is public is the activity's own state, changed only by its
door (``activities.services``); this module keeps the derived public copy in
step with it and never writes the activity itself.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.core import clock
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.municipalities.models import Municipality
from utblick.public.copying import public_copies
from utblick.public.models import AccessibilityReport, PublicActivity, PublicSettings


def copies_refresh(activity_ids: list[int]) -> None:
    """The public copy of each activity, as it is now (a fixed number of queries).

    Called by the activity's door when it publishes; the copy is derived data
    with no history of its own (the activity's history row says "published").
    """
    if not activity_ids:
        return
    copies = public_copies(activity_ids)
    with transaction.atomic():
        PublicActivity.objects.filter(activity_id__in=activity_ids).delete()
        PublicActivity.objects.bulk_create(
            [PublicActivity(activity_id=pk, **values) for pk, values in copies.items()],
            batch_size=500,
        )


def copies_remove(activity_ids: list[int]) -> None:
    """Withdraw the public copies; the activities and their history stay."""
    if activity_ids:
        PublicActivity.objects.filter(activity_id__in=activity_ids).delete()


def settings_save(
    *,
    access: Access,
    user: AbstractBaseUser,
    settings: PublicSettings,
    expected_version: int | None,
) -> PublicSettings:
    access.require("coordinate")
    settings.municipality = access.municipality
    errors = core.field_problems(settings)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if (
            settings.pk is None
            and PublicSettings.objects.filter(municipality=access.municipality).exists()
        ):
            raise ValidationError(
                _("Någon annan sparade inställningarna samtidigt. Ladda om sidan och försök igen.")
            )
        core.save_versioned(settings, expected_version=expected_version, user=user)
    return settings


def report_create(*, municipality: Municipality, report: AccessibilityReport) -> None:
    """Anyone may report an accessibility problem on a public page (no login)."""
    report.municipality = municipality
    errors = core.field_problems(report)
    if errors:
        raise ValidationError(errors)
    core.save_versioned(report, expected_version=None, user=None, verb="reported")


def report_handle(*, access: Access, user: AbstractBaseUser, report: AccessibilityReport) -> None:
    """The coordinator has dealt with a reported accessibility defect."""
    access.require("coordinate")
    if report.handled_at is None:
        report.handled_at, report.handled_by = clock.now(), user
        core.save_versioned(report, expected_version=None, user=user, verb="handled")
