"""Writes that span apps: a new municipality together with its first coordinator's invitation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from utblick.accounts.models import Invitation
from utblick.accounts.services import invitation_create
from utblick.core.tenancy import COORDINATOR, Access
from utblick.municipalities.models import Municipality
from utblick.municipalities.services import municipality_create

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


@dataclass(frozen=True)
class Onboarded:
    municipality: Municipality
    invitation: Invitation


def municipality_onboard(
    *,
    user: AbstractBaseUser,
    code: str,
    slug: str,
    website: str,
    email: str,
    first_name: str,
    last_name: str,
) -> Onboarded:
    """Create the listed municipality ``code`` and invite its first coordinator, all or nothing.

    The invitation e-mail goes out only after the commit (``invitation_create``
    defers it), so a refused invitation leaves neither municipality nor e-mail.
    """
    with transaction.atomic():
        municipality = municipality_create(
            user=user,
            code=code,
            slug=slug,
            website=website,
        )
        access = Access(municipality, COORDINATOR, user.pk, is_platform_admin=True)
        invitation = invitation_create(
            access=access,
            user=user,
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=COORDINATOR,
            units=[],
        )
    return Onboarded(municipality, invitation)
