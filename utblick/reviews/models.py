"""Reviews of agreements and memberships (A3, A4): assessed, decided, and ended when decided so."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel


class Decision(models.TextChoices):
    CONTINUE = "continue", _("Fortsätt")
    CHANGE = "change", _("Fortsätt med ändringar")
    END = "end", _("Avsluta")


class Review(TenantModel):
    """A review of a twin city, partnership or network membership."""

    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("avtal/medlemskap"),
    )
    assessment = models.TextField(_("bedömning av syfte och nytta"))
    decision = models.CharField(_("beslut"), max_length=20, choices=Decision.choices)
    deciding_body = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beslutande organ"),
    )
    decided_on = models.DateField(_("beslutsdatum"))
    decision_reference = models.CharField(_("diarienummer/paragraf"), max_length=100)
    changes = models.TextField(_("ändringar"), blank=True)
    next_review_on = models.DateField(_("nästa omprövning"), null=True, blank=True)

    class Meta:
        verbose_name = _("omprövning")
        verbose_name_plural = _("omprövningar")
        ordering = ["-decided_on", "-pk"]

    list_related = ("activity",)  # what its name reads, for lists of many

    def __str__(self) -> str:
        return f"{self.activity} {self.decided_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return (
            reverse("activities:detail", args=[self.municipality.slug, self.activity_id])
            + "#omprovning"
        )
