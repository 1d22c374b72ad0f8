"""Who may do what in which municipality."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import ArchivableModel
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

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
