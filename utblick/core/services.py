"""Writes shared by every tenant-owned model: versioned saves, archive, restore.

Domain services call these inside their own ``transaction.atomic`` block; each
save writes exactly one history row with the acting user and a reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from utblick.core import clock
from utblick.core.history import FieldChange, changes_between
from utblick.core.models import ArchivableModel, TenantModel

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
    reason: str = "",
) -> None:
    """Save ``obj`` only if nobody saved it since ``expected_version`` was read.

    The conditional UPDATE takes the row (and on SQLite the database) lock, so
    two saves from the same starting version cannot both succeed.
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
        obj.save()


def archive(obj: ArchivableModel, *, user: AbstractBaseUser | None, reason: str = "") -> None:
    """Archive instead of delete; the row stays, with who and when."""
    if obj.archived_at is not None:
        return
    obj.archived_at = clock.now()
    obj.archived_by = user  # type: ignore[assignment]
    save_versioned(obj, expected_version=None, user=user, reason=reason or _("Arkiverad"))


def restore(obj: ArchivableModel, *, user: AbstractBaseUser | None, reason: str = "") -> None:
    if obj.archived_at is None:
        return
    obj.archived_at = None
    obj.archived_by = None
    save_versioned(obj, expected_version=None, user=user, reason=reason or _("Återställd"))


def changed_fields(obj: models.Model, values: dict[str, object]) -> bool:
    """Set ``values`` on ``obj``; True when any value differed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed
