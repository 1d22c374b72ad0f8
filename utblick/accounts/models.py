"""Who may do what in which municipality."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import ArchivableModel, TenantModel, TenantQuerySet
from utblick.core.tenancy import Role


class Membership(ArchivableModel):
    """A user's role in one municipality; editors are limited to their units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("användare"),
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    units = models.ManyToManyField(
        "organisation.Unit",
        blank=True,
        related_name="editors",
        verbose_name=_("enheter"),
        help_text=_("Redaktörer ändrar bara uppgifter för dessa enheter och enheterna under dem."),
    )

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"],
                name="one_membership_per_user_and_municipality",
                violation_error_message=_("Användaren är redan medlem i kommunen."),
            )
        ]

    list_related = ("user",)  # what its name reads, for lists of many

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class TokenScope(models.TextChoices):
    """What a key may do: read only, or read and write (within the user's own role)."""

    READ = "read", _("läsa")
    WRITE = "write", _("läsa och skriva")


class ApiToken(models.Model):
    """A personal API key. Only its hash is stored; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("användare"),
    )
    name = models.CharField(_("benämning"), max_length=100)
    prefix = models.CharField(_("början av nyckeln"), max_length=8)
    key_hash = models.CharField(_("nyckelns kontrollsumma"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    scope = models.CharField(
        _("behörighet"), max_length=10, choices=TokenScope.choices, default=TokenScope.WRITE
    )
    expires_on = models.DateField(
        _("giltig till och med"),
        null=True,
        blank=True,
        help_text=_("Tom för nycklar skapade innan nycklar fick ett slutdatum."),
    )

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_expired(self, today: date) -> bool:
        """Valid through ``expires_on``; expired from the day after."""
        return self.expires_on is not None and today > self.expires_on


class InvitationQuerySet(TenantQuerySet):
    def open(self) -> Self:
        """Neither taken up nor withdrawn (possibly expired: it can be sent again)."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Invitation(TenantModel):
    """An e-mail invitation to become a member of a municipality with a role.

    The link's key is stored only as a hash; it works once, until ``expires_at``.
    Taking it up always creates a new account: an existing account is never
    attached to a municipality by an invitation.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("väntar")
        EXPIRED = "expired", _("har gått ut")
        ACCEPTED = "accepted", _("antagen")
        WITHDRAWN = "withdrawn", _("återkallad")

    email = models.EmailField(_("e-post"))
    first_name = models.CharField(_("förnamn"), max_length=150)
    last_name = models.CharField(_("efternamn"), max_length=150, blank=True)
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    units = models.ManyToManyField(
        "organisation.Unit", blank=True, related_name="+", verbose_name=_("enheter")
    )
    token_hash = models.CharField(
        _("länkens kontrollsumma"), max_length=64, unique=True, editable=False
    )
    expires_at = models.DateTimeField(_("gäller till"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inbjuden av"),
    )
    accepted_at = models.DateTimeField(_("antagen"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kontot som skapades"),
    )
    withdrawn_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} <{self.email}>".replace("  ", " ")

    def state(self, now: datetime) -> State:
        if self.accepted_at is not None:
            return self.State.ACCEPTED
        if self.withdrawn_at is not None:
            return self.State.WITHDRAWN
        if self.expires_at <= now:
            return self.State.EXPIRED
        return self.State.PENDING


class AccountEvent(models.Model):
    """What happened to an account itself: its e-mail or password changed, by whom and when.

    Accounts belong to no municipality, so they are outside the tenant history;
    this keeps the same who-and-when for the changes a person makes to their own account.
    """

    class Kind(models.TextChoices):
        EMAIL_CHANGED = "email_changed", _("E-postadressen ändrades")
        PASSWORD_CHANGED = "password_changed", _("Lösenordet byttes")
        PASSWORD_RESET = "password_reset", _("Lösenordet återställdes via e-post")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account_events",
        verbose_name=_("användare"),
    )
    kind = models.CharField(_("händelse"), max_length=30, choices=Kind.choices)
    old_value = models.CharField(_("före"), max_length=254, blank=True)
    new_value = models.CharField(_("efter"), max_length=254, blank=True)
    at = models.DateTimeField(_("när"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("av"),
    )

    class Meta:
        verbose_name = _("kontohändelse")
        verbose_name_plural = _("kontohändelser")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()}"
