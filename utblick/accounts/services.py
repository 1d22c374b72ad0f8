"""Writes for memberships: who may do what in a municipality."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.accounts.models import Membership
from utblick.core import services as core
from utblick.core.tenancy import Access, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def _units_reason(units: Any) -> str:
    """The editor's units beside the history row (the membership's row does not hold them)."""
    return ", ".join(sorted(str(u) for u in units))[:100]


def member_add(
    *,
    access: Access,
    user: AbstractBaseUser,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    units: Any,
) -> tuple[Membership, str | None]:
    """Give ``username`` a role; create the account with a one-time password if new."""
    access.require("coordinate")
    User = get_user_model()
    password = None
    with transaction.atomic():
        member = User.objects.filter(username=username).first()
        if member is None:
            password = secrets.token_urlsafe(12)
            member = User.objects.create_user(
                username, email, password, first_name=first_name, last_name=last_name
            )
        membership = Membership(municipality=access.municipality, user=member, role=role)
        core.save_versioned(
            membership, expected_version=None, user=user, reason=_units_reason(units)
        )
        membership.units.set(units if role == Role.EDITOR else [])
    return membership, password


def member_update(
    *,
    access: Access,
    user: AbstractBaseUser,
    membership: Membership,
    expected_version: int | None,
    units: Any,
) -> Membership:
    access.require("coordinate")
    _keep_a_coordinator(access, membership)
    with transaction.atomic():
        core.save_versioned(
            membership, expected_version=expected_version, user=user, reason=_units_reason(units)
        )
        membership.units.set(units if membership.role == Role.EDITOR else [])
    return membership


def _keep_a_coordinator(access: Access, membership: Membership, *, leaving: bool = False) -> None:
    """A municipality always keeps at least one active coordinator."""
    if membership.pk is None:
        return
    was = Membership.objects.get(pk=membership.pk)
    if was.role != Role.COORDINATOR or (membership.role == Role.COORDINATOR and not leaving):
        return
    others = Membership.objects.filter(
        municipality=access.municipality, role=Role.COORDINATOR, archived_at__isnull=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(_("Kommunen måste ha minst en samordnare kvar."))


def member_archive(*, access: Access, user: AbstractBaseUser, membership: Membership) -> None:
    access.require("coordinate")
    _keep_a_coordinator(access, membership, leaving=True)
    core.archive(membership, user=user)


def member_restore(*, access: Access, user: AbstractBaseUser, membership: Membership) -> None:
    access.require("coordinate")
    core.restore(membership, user=user)
