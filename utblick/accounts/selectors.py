"""Reads about users: the municipalities a user belongs to, invitations."""

from __future__ import annotations

import hashlib
from typing import Any

from utblick.accounts.models import Invitation, Membership
from utblick.municipalities.models import Municipality


def municipalities_of(user: Any) -> list[Municipality]:
    if user.is_superuser:
        return list(Municipality.objects.order_by("name"))
    mine = Membership.objects.filter(user=user, archived_at__isnull=True)
    return list(Municipality.objects.filter(pk__in=mine.values("municipality_id")).order_by("name"))


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation a link's key belongs to, whatever its state; None for no invitation."""
    return (
        Invitation.objects.select_related("municipality")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


def invitations_open(municipality: Municipality) -> list[Invitation]:
    """Invitations not yet taken up or withdrawn, newest first, with their units."""
    return list(
        Invitation.objects.open()
        .filter(municipality=municipality)
        .prefetch_related("units")
        .order_by("-created_at")
    )
