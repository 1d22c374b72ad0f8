"""Who may do what in which municipality."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import ArchivableModel


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Samordnare")
    EDITOR = "editor", _("Redaktör")
    READER = "reader", _("Läsare")


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

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"
