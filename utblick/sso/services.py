"""Writes: a municipality's sign-in settings, and an account signing in through them."""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.accounts import services as accounts
from utblick.accounts.models import Invitation, Membership
from utblick.accounts.selectors import invitation_by_token
from utblick.core import clock
from utblick.core import services as core
from utblick.core.tenancy import Access, Role, system_access
from utblick.sso import oidc
from utblick.sso.crypto import encrypt
from utblick.sso.models import SsoSettings, split_values

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SCOPE = re.compile(r"^[A-Za-z0-9_:/.\-]+$")
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def _settings_problems(settings: SsoSettings, new_secret: str) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    bad = [d for d in settings.domains if not DOMAIN.match(d)]
    if bad:
        add("allowed_domains", _("Skriv domäner som kungalv.se: %(bad)s") % {"bad": ", ".join(bad)})
    if settings.client_secret_env and not ENV_NAME.match(settings.client_secret_env):
        add(
            "client_secret_env",
            _("Skriv bara namnet på variabeln: bokstäver, siffror och understreck."),
        )
    if any(not SCOPE.match(v) for v in split_values(settings.extra_scopes)):
        add("extra_scopes", _("Skriv omfången åtskilda med mellanslag, till exempel allatclaims."))
    if settings.client_secret_env and new_secret:
        add(
            "client_secret_env",
            _("Ange hemligheten antingen som miljövariabel eller skriv in den, inte båda."),
        )
    if (settings.coordinator_groups.strip() or settings.editor_groups.strip()) and not (
        settings.group_claim.strip()
    ):
        add("group_claim", _("Ange vilket anspråk som innehåller grupperna."))
    if settings.require_sso and not settings.enabled:
        add(
            "require_sso",
            _("Inloggning via organisationens konto måste vara påslagen för att kunna krävas."),
        )
    if settings.enabled:
        if not settings.issuer:
            add("issuer", _("Ange utfärdarens adress."))
        if not settings.client_id:
            add("client_id", _("Ange klient-id."))
        if not (settings.client_secret_env or new_secret or settings.client_secret_encrypted):
            add(
                "client_secret_env",
                _("Ange en miljövariabel med hemligheten, eller skriv in hemligheten."),
            )
    if settings.issuer and "issuer" not in problems:
        try:
            oidc.check_url(settings.issuer)
            if settings.enabled:
                oidc.discover(settings.issuer)
        except oidc.OidcError as error:
            add("issuer", str(error))
    return problems


def sso_settings_save(
    *,
    access: Access,
    user: AbstractBaseUser,
    settings: SsoSettings,
    expected_version: int | None,
    new_secret: str = "",
    editor_units: Any = (),
) -> SsoSettings:
    """Save the municipality's sign-in settings; a new secret is stored encrypted only."""
    access.require("coordinate")
    settings.municipality = access.municipality
    settings.issuer = settings.issuer.strip().rstrip("/")
    settings.client_id = settings.client_id.strip()
    settings.client_secret_env = settings.client_secret_env.strip()
    settings.group_claim = settings.group_claim.strip()
    settings.extra_scopes = " ".join(split_values(settings.extra_scopes))
    settings.allowed_domains = "\n".join(settings.domains)
    settings.coordinator_groups = "\n".join(split_values(settings.coordinator_groups))
    settings.editor_groups = "\n".join(split_values(settings.editor_groups))
    new_secret = new_secret.strip()
    units = list(editor_units or [])
    problems = core.field_problems(settings, skip={"client_secret_encrypted"})
    for field, messages in _settings_problems(settings, new_secret).items():
        problems.setdefault(field, []).extend(messages)
    if any(u.municipality_id != access.municipality.pk for u in units):
        problems.setdefault("editor_units", []).append(_("Välj enheter i den egna kommunen."))
    if problems:
        raise ValidationError(problems)
    if new_secret:
        settings.client_secret_encrypted = encrypt(new_secret)
    elif settings.client_secret_env:
        settings.client_secret_encrypted = ""
    with transaction.atomic():
        if (
            settings.pk is None
            and SsoSettings.objects.filter(municipality=access.municipality).exists()
        ):
            raise ValidationError(
                _("Någon annan sparade inställningarna samtidigt. Ladda om sidan och försök igen.")
            )
        core.save_versioned(settings, expected_version=expected_version, user=user)
        settings.editor_units.set(units)
    return settings


class SsoRefused(Exception):
    """The provider vouched for someone Utblick will not let in; the message says why."""


def email_from(claims: dict[str, Any]) -> str:
    """The address: ``email``, else Entra's ``preferred_username`` or ADFS's ``upn``."""
    for key in ("email", "preferred_username", "upn"):
        value = claims.get(key)
        if isinstance(value, str) and "@" in value:
            return value.strip()
    return ""


def _check_address(settings: SsoSettings, claims: dict[str, Any]) -> str:
    email = email_from(claims)
    if not email:
        raise SsoRefused(
            _("Organisationens inloggning skickade ingen e-postadress. Kontakta er IT-avdelning.")
        )
    domain = email.rpartition("@")[2].lower()
    if settings.domains:
        if domain not in settings.domains:
            raise SsoRefused(
                _(
                    "Adressen %(email)s hör inte till de domäner som %(municipality)s tillåter "
                    "(%(domains)s). Logga in med ett konto i organisationen."
                )
                % {
                    "email": email,
                    "municipality": settings.municipality.name,
                    "domains": ", ".join(settings.domains),
                }
            )
    elif claims.get("email_verified") is not True:
        raise SsoRefused(
            _("Organisationens inloggning har inte bekräftat adressen %(email)s.")
            % {"email": email}
        )
    return email


def _groups(settings: SsoSettings, claims: dict[str, Any]) -> set[str]:
    value = claims.get(settings.group_claim)
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {str(v) for v in value}
    return set()


def mapped_role(settings: SsoSettings, claims: dict[str, Any]) -> str | None:
    """The role the groups give, or None when no group claim is set (the role is kept)."""
    if not settings.group_claim:
        return None
    groups = _groups(settings, claims)
    if groups & set(split_values(settings.coordinator_groups)):
        return Role.COORDINATOR
    if groups & set(split_values(settings.editor_groups)) and settings.editor_units.exists():
        return Role.EDITOR
    return Role.READER


def _free_username(email: str) -> str:
    User = get_user_model()
    local = "".join(c for c in email.split("@", 1)[0].lower() if c.isalnum() or c in ".+-_")
    base = (local or "anvandare")[:140]
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}{n}"
    return name


def _grant(settings: SsoSettings, member: Any, role: str | None) -> None:
    access = system_access(settings.municipality)
    role = role or Role.READER
    units = settings.editor_units.all() if role == Role.EDITOR else []
    accounts.member_grant(access=access, user=member, member=member, role=role, units=units)


def _apply_role(settings: SsoSettings, membership: Membership, role: str | None) -> None:
    """The groups' role on every sign-in; the last coordinator is never demoted by it."""
    if role is None or role == membership.role:
        return
    membership.role = role
    units = settings.editor_units.all() if role == Role.EDITOR else []
    try:
        accounts.member_update(
            access=system_access(settings.municipality),
            user=membership.user,
            membership=membership,
            expected_version=None,
            units=units,
        )
    except ValidationError:
        membership.refresh_from_db()


def _accept_invitation(settings: SsoSettings, email: str, token: str) -> Any | None:
    """A pending invitation to this municipality for this address becomes the account."""
    invitation = invitation_by_token(token)
    if invitation is None or invitation.municipality_id != settings.municipality_id:
        raise SsoRefused(_("Inbjudan finns inte."))
    if invitation.state(clock.now()) != Invitation.State.PENDING:
        raise SsoRefused(_("Inbjudan kan inte längre användas."))
    if invitation.email.lower() != email.lower():
        raise SsoRefused(
            _("Inbjudan gäller %(invited)s, men du loggade in som %(email)s.")
            % {"invited": invitation.email, "email": email}
        )
    if get_user_model().objects.filter(email__iexact=email).exists():
        return None  # an existing account signs in as itself (an invitation never attaches one)
    member = accounts.invitation_accept(
        token=token, username=_free_username(email), password=secrets.token_urlsafe(32)
    )
    member.set_unusable_password()  # only the organisation's sign-in opens this account
    member.save(update_fields=["password"])
    return member


def sso_sign_in(
    *, settings: SsoSettings, claims: dict[str, Any], invitation_token: str = ""
) -> Any:
    """The account for verified ID-token ``claims`` from ``settings``' provider.

    Matched by address, or made on first sign-in with a membership in this
    municipality only. An account that belongs to another municipality, an
    archived membership here and platform administrators are refused.
    """
    email = _check_address(settings, claims)
    role = mapped_role(settings, claims)
    User = get_user_model()
    municipality = settings.municipality
    with transaction.atomic():
        if invitation_token:
            member = _accept_invitation(settings, email, invitation_token)
            if member is not None:
                _apply_role(settings, Membership.objects.get(user=member), role)
                return member
        candidates = list(
            User.objects.filter(email__iexact=email, is_active=True).order_by("-last_login", "pk")
        )
        if any(u.is_superuser for u in candidates):
            raise SsoRefused(
                _("Plattformsadministratörer loggar in med användarnamn och lösenord.")
            )
        memberships = list(Membership.objects.filter(user__in=candidates).select_related("user"))
        here = [m for m in memberships if m.municipality_id == municipality.pk]
        active = [m for m in here if m.archived_at is None]
        if active:
            chosen = min(active, key=lambda m: [u.pk for u in candidates].index(m.user_id))
            _apply_role(settings, chosen, role)
            return chosen.user
        if here:
            raise SsoRefused(
                _("Din behörighet i %(municipality)s är borttagen. Kontakta kommunens samordnare.")
                % {"municipality": municipality.name}
            )
        belonging = {m.user_id for m in memberships}
        free = [u for u in candidates if u.pk not in belonging]
        if free:
            _grant(settings, free[0], role)
            return free[0]
        if candidates:
            raise SsoRefused(
                _(
                    "Kontot med adressen %(email)s hör till en annan kommun i Utblick. "
                    "Logga in på det sätt den kommunen använder."
                )
                % {"email": email}
            )
        member = User.objects.create_user(
            _free_username(email),
            email,
            None,
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
        )
        try:
            _grant(settings, member, role)
        except PermissionDenied as error:  # cannot happen for a new account; never half-made
            raise SsoRefused(str(error)) from error
    return member
