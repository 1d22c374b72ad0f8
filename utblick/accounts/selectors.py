"""Reads about users: the municipalities a user belongs to."""

from __future__ import annotations

from typing import Any

from utblick.accounts.models import Membership
from utblick.municipalities.models import Municipality


def municipalities_of(user: Any) -> list[Municipality]:
    if user.is_superuser:
        return list(Municipality.objects.order_by("name"))
    mine = Membership.objects.filter(user=user, archived_at__isnull=True)
    return list(Municipality.objects.filter(pk__in=mine.values("municipality_id")).order_by("name"))
