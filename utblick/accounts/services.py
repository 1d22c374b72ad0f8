"""Writes for memberships and invitations: who may do what in a municipality."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from utblick.accounts.models import Invitation, Membership
from utblick.accounts.selectors import invitation_by_token, invitation_token_hash
from utblick.core import clock
from utblick.core import services as core
from utblick.core.history import user_display
from utblick.core.tenancy import Access, Role, system_access
from utblick.organisation.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def _units_reason(units: Any) -> str:
    """The editor's units beside the history row (the membership's row does not hold them)."""
    return ", ".join(sorted(str(u) for u in units))[:100]


def member_grant(
    *, access: Access, user: AbstractBaseUser | None, member: Any, role: str, units: Any
) -> Membership:
    """Give ``member``, an account the caller has just made, a role in the municipality.

    Used when an invitation is taken up (a new account) and by the demo for its
    own accounts. Never reached from a coordinator's form with an account found
    by name: an account that belongs to another municipality is refused unless
    the caller is Utblick itself or a platform administrator.
    """
    access.require("coordinate")
    elsewhere = Membership.objects.filter(user=member).exclude(municipality=access.municipality)
    if elsewhere.exists() and not access.is_platform_admin:
        raise PermissionDenied(_("Kontot hör till en annan kommun."))
    units = _own_units(access, role, units)
    with transaction.atomic():
        membership = Membership(municipality=access.municipality, user=member, role=role)
        core.save_versioned(
            membership, expected_version=None, user=user, reason=_units_reason(units)
        )
        membership.units.set(units)
    return membership


def _own_units(access: Access, role: str, units: Any) -> list[Unit]:
    """An editor's units, all of this municipality; none for the other roles."""
    if role not in Role.values:
        raise ValidationError({"role": _("Välj en roll.")})
    if role != Role.EDITOR:
        return []
    chosen = list(units or [])
    if not chosen:
        raise ValidationError({"units": _("En redaktör behöver minst en enhet att redigera.")})
    if any(u.municipality_id != access.municipality.pk for u in chosen):
        raise ValidationError({"units": _("Välj enheter i den egna kommunen.")})
    return chosen


def _invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:invitation_accept", args=[token])


def _send_invitation(invitation: Invitation, token: str, inviter: str) -> None:
    """The e-mail with the link, in Swedish (the invitee's language is not known)."""
    with translation.override("sv"):
        municipality = invitation.municipality.name
        subject = _("Du är inbjuden till Utblick – %(municipality)s") % {
            "municipality": municipality
        }
        body = _(
            "Hej %(name)s!\n\n"
            "%(inviter)s har bjudit in dig till Utblick som %(role)s i %(municipality)s.\n\n"
            "Välj ditt användarnamn och lösenord här:\n%(link)s\n\n"
            "Länken kan användas en gång och gäller till %(until)s. "
            "Väntade du dig inte den här inbjudan kan du bortse från meddelandet.\n"
        ) % {
            "name": invitation.first_name,
            "inviter": inviter,
            "role": str(Role(invitation.role).label).lower(),
            "municipality": municipality,
            "link": _invitation_link(token),
            "until": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M"),
        }
    send_mail(subject, body, None, [invitation.email])


def _new_key(invitation: Invitation) -> str:
    """A fresh link key for ``invitation`` (only its hash is kept), valid from now."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = invitation_token_hash(token)
    invitation.expires_at = clock.now() + timedelta(days=settings.UTBLICK_INVITATION_DAYS)
    return token


def _mail_after_commit(invitation: Invitation, token: str, user: AbstractBaseUser | None) -> None:
    inviter = user_display(user) if user is not None else _("Utblick")
    # robust: a mail server that is down must not turn a saved invitation into an
    # error page; the list shows it as waiting and it can be sent again.
    transaction.on_commit(lambda: _send_invitation(invitation, token, inviter), robust=True)


def invitation_create(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    units: Any,
) -> Invitation:
    """Invite ``email`` to become a member with ``role``; the link goes by e-mail.

    The answer is the same whether or not Utblick already has an account with
    that address (no probing): only a member of this very municipality is named.
    """
    access.require("coordinate")
    email = email.strip()
    units = _own_units(access, role, units)
    mine = Membership.objects.filter(municipality=access.municipality, user__email__iexact=email)
    if mine.filter(archived_at__isnull=True).exists():
        raise ValidationError(
            {"email": _("%(email)s är redan medlem i kommunen.") % {"email": email}}
        )
    if mine.exists():
        raise ValidationError(
            {
                "email": _(
                    "%(email)s har en borttagen behörighet i kommunen; återställ den under Visa borttagna."
                )
                % {"email": email}
            }
        )
    waiting = Invitation.objects.open().filter(
        municipality=access.municipality, email__iexact=email, expires_at__gt=clock.now()
    )
    if waiting.exists():
        raise ValidationError(
            {
                "email": _(
                    "En inbjudan till %(email)s väntar redan. Skicka den igen från listan om den inte har kommit fram."
                )
                % {"email": email}
            }
        )
    invitation = Invitation(
        municipality=access.municipality,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        invited_by=user,
    )
    token = _new_key(invitation)
    problems = core.field_problems(invitation)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        core.save_versioned(
            invitation, expected_version=None, user=user, reason=_units_reason(units)
        )
        invitation.units.set(units)
        _mail_after_commit(invitation, token, user)
    return invitation


def _still_open(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("Inbjudan är redan antagen."))
    if invitation.withdrawn_at is not None:
        raise ValidationError(_("Inbjudan är återkallad."))


def invitation_resend(
    *, access: Access, user: AbstractBaseUser | None, invitation: Invitation
) -> None:
    """Send a new link (the old one stops working), valid for the full time from now."""
    access.require("coordinate")
    _still_open(invitation)
    token = _new_key(invitation)
    with transaction.atomic():
        core.save_versioned(invitation, expected_version=None, user=user, verb="resent")
        _mail_after_commit(invitation, token, user)


def invitation_withdraw(
    *, access: Access, user: AbstractBaseUser | None, invitation: Invitation
) -> None:
    access.require("coordinate")
    _still_open(invitation)
    invitation.withdrawn_at = clock.now()
    core.save_versioned(invitation, expected_version=None, user=user, verb="withdrawn")


class InvitationUnusable(Exception):
    """The link's invitation cannot be taken up: used, withdrawn or expired."""

    def __init__(self, state: Invitation.State):
        self.state = state
        super().__init__(state.label)


def invitation_accept(*, token: str, username: str, password: str) -> Any:
    """Take up an invitation: a new account with the invited role. Returns the account.

    Always a new account, also for someone who already has one: an invitation
    never attaches an existing account (the invitee signs in with the new one).
    """
    User = get_user_model()
    with transaction.atomic():
        invitation = invitation_by_token(token)
        if invitation is None:
            raise Invitation.DoesNotExist
        # Take the row's lock, and read its state again under it: one use only.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        state = invitation.state(clock.now())
        if state != Invitation.State.PENDING:
            raise InvitationUnusable(state)
        username = username.strip()
        taken = _("Användarnamnet är upptaget. Välj ett annat.")
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": taken})
        member = User(
            username=username,
            email=invitation.email,
            first_name=invitation.first_name,
            last_name=invitation.last_name,
        )
        try:
            validate_password(password, member)
        except ValidationError as error:
            raise ValidationError({"new_password2": error.messages}) from error
        member.set_password(password)
        try:
            with transaction.atomic():  # a savepoint: two people racing for one name
                member.save()
        except IntegrityError as error:
            raise ValidationError({"username": taken}) from error
        access = system_access(invitation.municipality)
        member_grant(
            access=access,
            user=member,
            member=member,
            role=invitation.role,
            units=invitation.units.all(),
        )
        invitation.accepted_at = clock.now()
        invitation.accepted_by = member
        core.save_versioned(invitation, expected_version=None, user=member, verb="accepted")
    return member


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
