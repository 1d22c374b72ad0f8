"""Many activities at once from the register: publish, unpublish, archive, a status, a unit.

A coordinator's tool. Each activity goes through its own door in
``activities.services`` (``activity_publish``, ``activity_unpublish``,
``activity_archive``, and ``activity_save`` with only the status or the unit
changed), one at a time and all or nothing for each: a refused activity keeps
everything it had, and the others are not held back by it. Every changed
activity gets the one history row its door writes.

:func:`activities_bulk_preview` says what would happen, for the "check your
answers" page; :func:`activities_bulk_apply` does it, against the versions the
coordinator saw there, so that an activity someone changed meanwhile is left
alone and named.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from utblick.activities import services
from utblick.activities.models import Activity, Status
from utblick.core import services as core
from utblick.core.services import ConflictError
from utblick.core.tenancy import Access
from utblick.organisation.models import Unit

PUBLISH = "publicera"
UNPUBLISH = "avpublicera"
ARCHIVE = "arkivera"
STATUS = "status"
UNIT = "enhet"
ACTIONS = (PUBLISH, UNPUBLISH, ARCHIVE, STATUS, UNIT)

#: The most activities one bulk change takes: the largest page of the register.
MAX_ACTIVITIES = 200

#: What each activity ends up as.
CHANGE = "change"  # the preview: will change
CHANGED = "changed"
UNCHANGED = "unchanged"
REFUSED = "refused"


@dataclass(frozen=True)
class BulkChoice:
    """What to do with every chosen activity."""

    action: str
    status: str = ""
    unit: Unit | None = None

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(self.action)
        if self.action == STATUS and self.status not in Status.values:
            raise ValueError(self.status)
        if self.action == UNIT and self.unit is None:
            raise ValueError("unit")

    @property
    def label(self) -> str:
        if self.action == STATUS:
            return _("Ändra status till %(status)s") % {"status": Status(self.status).label}
        if self.action == UNIT:
            return _("Flytta till enheten %(unit)s") % {"unit": self.unit}
        return {
            PUBLISH: _("Publicera"),
            UNPUBLISH: _("Avpublicera"),
            ARCHIVE: _("Arkivera"),
        }[self.action]


@dataclass
class BulkLine:
    """One chosen activity: what it is now, what it becomes, and what happens (or happened)."""

    pk: int
    title: str
    outcome: str
    reason: str = ""
    now: str = ""
    after: str = ""
    version: int | None = None
    found: bool = True


@dataclass
class BulkResult:
    choice: BulkChoice
    lines: list[BulkLine] = field(default_factory=list)

    def _with(self, outcome: str) -> list[BulkLine]:
        return [line for line in self.lines if line.outcome == outcome]

    @property
    def changed(self) -> list[BulkLine]:
        return self._with(CHANGED)

    @property
    def unchanged(self) -> list[BulkLine]:
        return self._with(UNCHANGED)

    @property
    def refused(self) -> list[BulkLine]:
        return self._with(REFUSED)

    def as_summary(self) -> dict[str, Any]:
        """Plain data (for the session) that the register shows after the change."""

        def rows(lines: list[BulkLine]) -> list[dict[str, Any]]:
            return [
                {"pk": line.pk, "title": line.title, "reason": line.reason, "found": line.found}
                for line in lines
            ]

        return {
            "action": self.choice.label,
            "changed": rows(self.changed),
            "unchanged": rows(self.unchanged),
            "refused": rows(self.refused),
        }


def _chosen(access: Access, ids: Iterable[int]) -> QuerySet[Activity]:
    """The chosen activities of the member's municipality: another's ids find nothing."""
    return (
        Activity.objects.visible_to(access)
        .filter(pk__in=list(ids))
        .select_related("unit", "contact", "deciding_body", "network", "representative")
    )


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def _check(access: Access, ids: list[int]) -> None:
    access.require("coordinate")
    if len(ids) > MAX_ACTIVITIES:
        raise ValidationError(_("Välj högst %(n)s aktiviteter åt gången.") % {"n": MAX_ACTIVITIES})


def _not_found(pk: int) -> BulkLine:
    return BulkLine(
        pk,
        f"#{pk}",
        REFUSED,
        _("Finns inte i kommunens register; inget ändrades."),
        found=False,
    )


def _publication(activity: Activity) -> str:
    if not activity.published:
        return _("Inte publicerad")
    if activity.has_unpublished_changes:
        return _("Publicerad, med ändringar som inte är publicerade")
    return _("Publicerad")


def _now_and_after(activity: Activity, choice: BulkChoice) -> tuple[str, str]:
    if choice.action == STATUS:
        return activity.get_status_display(), Status(choice.status).label
    if choice.action == UNIT:
        return str(activity.unit), str(choice.unit)
    if choice.action == ARCHIVE:
        now = _("Arkiverad") if activity.is_archived else _("I registret")
        return now, _("Arkiverad")
    after = _("Publicerad") if choice.action == PUBLISH else _("Inte publicerad")
    return _publication(activity), after


def _unchanged_reason(activity: Activity, choice: BulkChoice) -> str:
    """Why the activity already is what the choice makes it; "" when it is not."""
    if choice.action == PUBLISH and activity.published and not activity.has_unpublished_changes:
        return _("Redan publicerad som den ser ut nu.")
    if choice.action == UNPUBLISH and not activity.published:
        return _("Är inte publicerad.")
    if choice.action == ARCHIVE and activity.is_archived:
        return _("Redan arkiverad.")
    if choice.action == STATUS and activity.status == choice.status:
        return _("Har redan den statusen.")
    if choice.action == UNIT and choice.unit is not None and activity.unit_id == choice.unit.pk:
        return _("Hör redan till den enheten.")
    return ""


def _wanted(activity: Activity, choice: BulkChoice) -> Activity:
    """A copy of the activity with the one field the choice changes (Django copies its caches)."""
    wanted = copy.copy(activity)
    if choice.action == STATUS:
        wanted.status = choice.status
    elif choice.action == UNIT and choice.unit is not None:
        wanted.unit = choice.unit
    return wanted


def _problems(activity: Activity, choice: BulkChoice) -> str:
    """What the activity's door would refuse, in its own words ("" when nothing)."""
    if choice.action not in (PUBLISH, STATUS, UNIT):
        return ""  # archiving and withdrawing check nothing of the content
    errors = services.activity_problems(
        _wanted(activity, choice), services.activity_tags(activity), before=activity
    )
    return " ".join(message for messages in errors.values() for message in messages)


def activities_bulk_preview(
    *, access: Access, ids: Iterable[int], choice: BulkChoice
) -> list[BulkLine]:
    """What the choice would do to each chosen activity, in the order chosen; writes nothing."""
    ids = _unique(ids)
    _check(access, ids)
    found = {
        a.pk: a for a in _chosen(access, ids).prefetch_related("focus_areas", "goals", "terms")
    }
    lines = []
    for pk in ids:
        activity = found.get(pk)
        if activity is None:
            lines.append(_not_found(pk))
            continue
        now, after = _now_and_after(activity, choice)
        line = BulkLine(pk, activity.title, CHANGE, now=now, after=after)
        line.version = activity.row_version
        unchanged = _unchanged_reason(activity, choice)
        problems = _problems(activity, choice) if not unchanged else ""
        if unchanged:
            line.outcome, line.reason = UNCHANGED, unchanged
        elif problems:
            line.outcome, line.reason = REFUSED, problems
        lines.append(line)
    return lines


def _apply_one(
    access: Access, user: AbstractBaseUser | None, activity: Activity, choice: BulkChoice
) -> None:
    """Through the activity's own door; raises what the door raises."""
    if choice.action == PUBLISH:
        services.activity_publish(access=access, user=user, activity=activity)
    elif choice.action == UNPUBLISH:
        services.activity_unpublish(access=access, user=user, activity=activity)
    elif choice.action == ARCHIVE:
        services.activity_archive(access=access, user=user, activity=activity)
    else:
        if choice.action == STATUS:
            activity.status = choice.status
        elif choice.unit is not None:
            activity.unit = choice.unit
        services.activity_save(
            access=access, user=user, activity=activity, expected_version=activity.row_version
        )


def _refusal(error: Exception) -> str:
    if isinstance(error, ConflictError):
        return _(
            "%(by)s ändrade posten efter att du valde den; inget ändrades. "
            "Se över den och välj den igen."
        ) % {"by": error.by or _("Någon annan")}
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Du får inte ändra posten.")


def activities_bulk_apply(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    ids: Iterable[int],
    choice: BulkChoice,
    versions: dict[int, int] | None = None,
) -> BulkResult:
    """Apply the choice to each chosen activity, each on its own and all or nothing.

    ``versions`` are the row versions the coordinator confirmed; an activity
    saved by someone since is refused and named, not overwritten. Ids of
    activities that are not the municipality's are refused without a look.
    Raises ``PermissionDenied`` for anyone but a coordinator, and
    ``ValidationError`` for more than :data:`MAX_ACTIVITIES`.
    """
    ids = _unique(ids)
    _check(access, ids)
    versions = versions or {}
    found = {a.pk: a for a in _chosen(access, ids)}
    result = BulkResult(choice)
    for pk in ids:
        activity = found.get(pk)
        if activity is None:
            result.lines.append(_not_found(pk))
            continue
        line = BulkLine(pk, activity.title, CHANGED)
        line.now, line.after = _now_and_after(activity, choice)
        try:
            with transaction.atomic():
                # Hold the row as it was confirmed; a later save by someone else is a conflict.
                core.lock_version(activity, versions.get(pk, activity.row_version))
                unchanged = _unchanged_reason(activity, choice)
                if unchanged:
                    line.outcome, line.reason = UNCHANGED, unchanged
                else:
                    _apply_one(access, user, activity, choice)
        except (ConflictError, ValidationError, PermissionDenied) as error:
            line.outcome, line.reason = REFUSED, _refusal(error)
        result.lines.append(line)
    return result
