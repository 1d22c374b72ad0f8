"""Reads: a municipality's sign-in settings, who must sign in through them."""

from __future__ import annotations

import os
from typing import Any

from utblick.accounts.models import Membership
from utblick.municipalities.models import Municipality
from utblick.sso.crypto import decrypt
from utblick.sso.models import SsoSettings


def settings_for(municipality: Municipality) -> SsoSettings:
    """The municipality's settings, or unsaved defaults (not in use) when none are saved."""
    found = SsoSettings.objects.filter(municipality=municipality).first()
    return found or SsoSettings(municipality=municipality)


def enabled_settings() -> list[SsoSettings]:
    """Every municipality that signs in through its own provider, by name."""
    return list(
        SsoSettings.objects.filter(enabled=True)
        .select_related("municipality")
        .order_by("municipality__name")
    )


def enabled_settings_for(municipality_id: int) -> SsoSettings | None:
    return (
        SsoSettings.objects.filter(enabled=True, municipality_id=municipality_id)
        .select_related("municipality")
        .first()
    )


def settings_for_email(email: str) -> list[SsoSettings]:
    """The municipalities whose allowed domains hold the address's domain."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return []
    return [s for s in enabled_settings() if domain in s.domains]


def sso_required_for(user: Any) -> list[Municipality]:
    """The municipalities that require ``user`` to sign in through their provider."""
    if user.is_superuser:
        return []
    requiring = SsoSettings.objects.filter(enabled=True, require_sso=True).values("municipality_id")
    memberships = Membership.objects.filter(
        user=user, archived_at__isnull=True, municipality_id__in=requiring
    )
    return list(
        Municipality.objects.filter(pk__in=memberships.values("municipality_id")).order_by("name")
    )


def client_secret(settings: SsoSettings) -> str | None:
    """The secret from the named environment variable, or the stored one; None when missing."""
    if settings.client_secret_env:
        return os.environ.get(settings.client_secret_env) or None
    if settings.client_secret_encrypted:
        return decrypt(settings.client_secret_encrypted)
    return None
