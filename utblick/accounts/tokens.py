"""Personal API keys: created with a scope and an expiry date, looked up by hash, revoked."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from utblick.accounts.models import ApiToken, TokenScope
from utblick.core import clock

PREFIX = "utb_"
DEFAULT_DAYS = 90
VALID_DAYS = (30, 90, 365)
MAX_DAYS = 3 * 365


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def token_create(
    *,
    user: Any,
    name: str,
    scope: str = TokenScope.WRITE,
    expires_on: date | None = None,
) -> tuple[ApiToken, str]:
    """A new key for ``user``; the plain key is returned once and never stored.

    ``expires_on`` is the last day the key works; without it the key works for
    ``DEFAULT_DAYS`` days from today. A day in the past or more than three years
    ahead is refused.
    """
    today = clock.today()
    if expires_on is None:
        expires_on = today + timedelta(days=DEFAULT_DAYS)
    if expires_on < today:
        raise ValidationError({"expires_on": _("Slutdatumet kan inte ligga före i dag.")})
    if expires_on > today + timedelta(days=MAX_DAYS):
        raise ValidationError(
            {"expires_on": _("En nyckel kan gälla högst tre år; välj ett tidigare datum.")}
        )
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Välj läsa eller läsa och skriva.")})
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:8],
        key_hash=_hash(key),
        scope=scope,
        expires_on=expires_on,
    )
    return token, key


def token_for_key(key: str) -> ApiToken | None:
    """The live (not revoked, active user) key, expired or not; marks it as used."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or token.is_expired(clock.today()):
        return token
    now = clock.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def token_user(key: str) -> Any | None:
    """The user a valid (live, unexpired) key belongs to."""
    token = token_for_key(key)
    if token is None or token.is_expired(clock.today()):
        return None
    return token.user


def token_revoke(*, user: Any, token_id: int) -> bool:
    return bool(
        ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=clock.now()
        )
    )
