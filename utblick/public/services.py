"""Publishing: copy an activity as it is now into the public table; withdraw it; settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.activities.models import Activity
from utblick.core import clock
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.municipalities.models import Municipality
from utblick.public.copying import public_copies
from utblick.public.models import AccessibilityReport, PublicActivity, PublicSettings

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def settings_for(municipality: Municipality) -> PublicSettings:
    """The municipality's settings, or the defaults (not publishing) when none are saved."""
    found = PublicSettings.objects.filter(municipality=municipality).first()
    return found or PublicSettings(municipality=municipality, enabled=False)


def activity_publish(
    *, access: Access, user: AbstractBaseUser | None, activity: Activity
) -> PublicActivity:
    """Make the activity, as it is now, the public version."""
    activities_publish(access=access, user=user, activities=[activity])
    return PublicActivity.objects.get(activity=activity)


def activities_publish(
    *, access: Access, user: AbstractBaseUser | None, activities: list[Activity]
) -> None:
    """Publish each activity as it is now; the copies are made in a fixed number of queries."""
    for activity in activities:
        access.require_unit(activity.unit_id)
        if activity.archived_at is not None:
            raise ValidationError(
                _("%(title)s är arkiverad och kan inte publiceras.") % {"title": activity.title}
            )
    now = clock.now()
    ids = [a.pk for a in activities]
    with transaction.atomic():
        copies = public_copies(ids)
        first = dict(
            PublicActivity.objects.filter(activity_id__in=ids).values_list(
                "activity_id", "first_published_at"
            )
        )
        PublicActivity.objects.filter(activity_id__in=ids).delete()
        PublicActivity.objects.bulk_create(
            [
                PublicActivity(
                    activity_id=pk,
                    **values,
                    first_published_at=first.get(pk, now),
                    last_published_at=now,
                )
                for pk, values in copies.items()
            ],
            batch_size=500,
        )
        for activity in activities:
            activity.published = True
            activity.has_unpublished_changes = False
            activity.first_published_at = activity.first_published_at or now
            activity.last_published_at = now
            core.save_versioned(activity, expected_version=None, user=user, reason=_("Publicerad"))


def activity_unpublish(
    *, access: Access, user: AbstractBaseUser | None, activity: Activity
) -> None:
    """Withdraw the activity from the public pages and open data."""
    access.require_unit(activity.unit_id)
    with transaction.atomic():
        # The public copy is derived data; the activity and its history stay.
        PublicActivity.objects.filter(activity=activity).delete()
        if activity.published:
            activity.published = False
            activity.has_unpublished_changes = False
            core.save_versioned(
                activity, expected_version=None, user=user, reason=_("Avpublicerad")
            )


def publication_set(
    *, access: Access, user: AbstractBaseUser | None, activity: Activity, published: bool
) -> None:
    """Bring a saved activity to the wanted state, for imports, the API and the demo.

    Publishes one that is not public and withdraws one that should not be;
    changes to an activity that stays published remain unpublished until
    someone publishes them (``activity_publish``).
    """
    if published and not activity.published:
        activity_publish(access=access, user=user, activity=activity)
    elif not published and activity.published:
        activity_unpublish(access=access, user=user, activity=activity)


def mark_changed(activity: Activity) -> None:
    """A published activity's own data changed: the public copy now lags behind."""
    if activity.published and not activity.has_unpublished_changes:
        Activity.objects.filter(pk=activity.pk).update(has_unpublished_changes=True)
        activity.has_unpublished_changes = True


def settings_save(
    *,
    access: Access,
    user: AbstractBaseUser,
    settings: PublicSettings,
    expected_version: int | None,
) -> PublicSettings:
    access.require("coordinate")
    settings.municipality = access.municipality
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


def report_handle(*, access: Access, user: AbstractBaseUser, report: AccessibilityReport) -> None:
    """The coordinator has dealt with a reported accessibility defect."""
    access.require("coordinate")
    if report.handled_at is None:
        report.handled_at, report.handled_by = clock.now(), user
        core.save_versioned(report, expected_version=None, user=user, reason=_("Hanterad"))
