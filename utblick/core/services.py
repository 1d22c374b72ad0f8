"""Writes shared by every tenant-owned model: versioned saves, archive, restore.

Only a domain's own services call these (each kind of record has one door:
``activity_save``, ``partner_save``, ``unit_save`` …). Each save writes exactly
one history row with the acting user, the action as a stable key
(``activity.published``) and, where there is one, a detail such as the name of
the imported file.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.core import clock
from utblick.core.dates import FIRST_DATE_YEAR, LAST_YEAR
from utblick.core.history import FieldChange, changes_between
from utblick.core.models import ArchivableModel, RateLimit, TenantModel, action_key
from utblick.core.text import text_problem

#: What every door answers when asked to change an archived record.
ARCHIVED = gettext_lazy("Posten är arkiverad och ändras inte. Återställ den först.")

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class ConflictError(Exception):
    """Someone else saved the record after the editor loaded it."""

    def __init__(self, current: TenantModel, changes: list[FieldChange], by: str, at: object):
        self.current = current
        self.changes = changes
        self.by = by
        self.at = at
        super().__init__(
            _("Posten har ändrats av %(by)s medan du redigerade den.") % {"by": by or "-"}
        )


def conflict_since(obj: TenantModel, expected_version: int) -> ConflictError:
    """The conflict a save from ``expected_version`` meets: who saved since, and what."""
    return _conflict(obj, expected_version)


def _conflict(obj: TenantModel, expected_version: int) -> ConflictError:
    model = type(obj)
    current = model._default_manager.get(pk=obj.pk)
    records = list(
        current.history.filter(row_version__in=[expected_version, current.row_version]).order_by(
            "history_date"
        )
    )
    base = records[0] if records and records[0].row_version == expected_version else None
    latest = records[-1] if records else None
    changes = changes_between(model, base, latest) if base and latest else []
    by = ""
    if latest is not None and latest.history_user is not None:
        by = latest.history_user.get_full_name() or latest.history_user.get_username()
    return ConflictError(current, changes, by, latest.history_date if latest else None)


def save_versioned(
    obj: TenantModel,
    *,
    expected_version: int | None,
    user: AbstractBaseUser | None,
    verb: str = "",
    reason: str = "",
) -> None:
    """Save ``obj`` only if nobody saved it since ``expected_version`` was read.

    The conditional UPDATE takes the row (and on SQLite the database) lock, so
    two saves from the same starting version cannot both succeed. ``verb``
    names the action (``created``/``changed`` when left out); ``reason`` is a
    detail kept beside it, never a translated phrase.
    """
    with transaction.atomic():
        if obj.pk is not None:
            model = type(obj)
            version = obj.row_version if expected_version is None else expected_version
            bumped = model._default_manager.filter(pk=obj.pk, row_version=version).update(
                row_version=F("row_version") + 1
            )
            if not bumped:
                raise _conflict(obj, version)
            obj.row_version = version + 1
        obj._history_user = user  # type: ignore[attr-defined]
        obj._change_reason = reason  # type: ignore[attr-defined]
        obj._history_action = action_key(obj, verb or ("changed" if obj.pk else "created"))  # type: ignore[attr-defined]
        obj.save()


def lock_version(obj: TenantModel, expected_version: int | None) -> None:
    """Take the row's lock for the rest of the transaction; ConflictError if it has moved on.

    For a change that must hold the record while it does other work first and
    saves it last (one history row, written at the end).
    """
    version = obj.row_version if expected_version is None else expected_version
    manager = type(obj)._default_manager
    if not manager.select_for_update().filter(pk=obj.pk, row_version=version).exists():
        raise _conflict(obj, version)


def archive(obj: ArchivableModel, *, user: AbstractBaseUser | None, reason: str = "") -> None:
    """Archive instead of delete; the row stays, with who and when."""
    if obj.archived_at is not None:
        return
    obj.archived_at = clock.now()
    obj.archived_by = user  # type: ignore[assignment]
    save_versioned(obj, expected_version=None, user=user, verb="archived", reason=reason)


def restore(obj: ArchivableModel, *, user: AbstractBaseUser | None, reason: str = "") -> None:
    if obj.archived_at is None:
        return
    obj.archived_at = None
    obj.archived_by = None
    save_versioned(obj, expected_version=None, user=user, verb="restored", reason=reason)


def refuse_if_archived(obj: models.Model) -> None:
    """Changes to an archived record are refused alike by every door."""
    if getattr(obj, "archived_at", None) is not None:
        raise ValidationError(ARCHIVED)


def field_problems(obj: models.Model, *, skip: set[str] = frozenset()) -> dict[str, list[str]]:
    """The model's own field rules (lengths, choices, digits, ranges), in Django's words.

    One definition for every door: the form, the API and the import all see
    the same limit with the same message. Relations are the services' own
    checks (they also know the municipality); ``skip`` leaves out fields a
    service words better itself.
    """
    exclude = {f.name for f in obj._meta.fields if f.is_relation} | set(skip)
    problems: dict[str, list[str]] = {}
    try:
        obj.clean_fields(exclude=exclude)
    except ValidationError as error:
        problems = {name: list(messages) for name, messages in error.message_dict.items()}
    for field in obj._meta.fields:
        if field.name in exclude or field.name in problems:
            continue
        problem = value_problem(field, getattr(obj, field.attname))
        if problem:
            problems[field.name] = [problem]
    return problems


def value_problem(field: models.Field, value: object) -> str | None:
    """The bounds Django's own field checks leave open: control characters, URL schemes, dates."""
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            return problem
        if (
            isinstance(field, models.URLField)
            and value
            and urlsplit(value.strip()).scheme.lower() not in ("http", "https")
        ):
            return _("Ange en adress som börjar med http:// eller https://.")
    if isinstance(value, date) and not FIRST_DATE_YEAR <= value.year <= LAST_YEAR:
        return _("Ange ett datum mellan %(first)s och %(last)s.") % {
            "first": FIRST_DATE_YEAR,
            "last": LAST_YEAR,
        }
    return None


def delete_derived(queryset: models.QuerySet) -> int:
    """Delete rows that another record's history already tells (links, copies): no history rows.

    A partner link is part of its activity's change (the activity's history
    row names its partners), so removing one writes no history of its own.
    """
    return queryset._raw_delete(queryset.db)


def changed_fields(obj: models.Model, values: dict[str, object]) -> bool:
    """Set ``values`` on ``obj``; True when any value differed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def rate_limit_hit(*, scope: str, client: str, limit: int, window: timedelta) -> bool:
    """Count one use of ``scope`` by ``client``; False (and nothing counted) once over ``limit``.

    A fixed window that starts with the client's first use: at most ``limit``
    uses from then until ``window`` has passed. The row lock makes the count
    exact across worker processes.
    """
    now = clock.now()
    key = hashlib.sha256(f"{scope}\0{client}".encode()).hexdigest()
    with transaction.atomic():
        RateLimit.objects.filter(window_ends_at__lte=now).delete()
        row, _created = RateLimit.objects.select_for_update().get_or_create(
            key=key, defaults={"window_ends_at": now + window}
        )
        if row.hits >= limit:
            return False
        RateLimit.objects.filter(pk=row.pk).update(hits=F("hits") + 1)
    return True


#: What an anonymous form says when its sender has reached the limit.
TOO_MANY_REPORTS = gettext_lazy(
    "För många anmälningar från din anslutning på kort tid. Vänta en stund och skicka igen; "
    "det du skrivit finns kvar i formuläret."
)


def anonymous_form_allowed(*, scope: str, client: str) -> bool:
    """One more use of an anonymous form, within UTBLICK_ANONYMOUS_FORM_LIMIT per window?"""
    return rate_limit_hit(
        scope=scope,
        client=client,
        limit=settings.UTBLICK_ANONYMOUS_FORM_LIMIT,
        window=settings.UTBLICK_ANONYMOUS_FORM_WINDOW,
    )
