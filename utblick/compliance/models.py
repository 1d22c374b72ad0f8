"""Compliance runs: the findings that stood at a moment, kept when the policy changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel


class ComplianceRun(TenantModel):
    """A stored evaluation: which findings stood, under which policy version."""

    SHOW_IN_RECENT_CHANGES = False

    policy = models.ForeignKey(
        "policies.Policy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("styrdokument"),
    )
    reason = models.CharField(_("anledning"), max_length=200)
    findings = models.JSONField(_("avvikelser"), default=list)
    error_count = models.PositiveIntegerField(_("fel"), default=0)
    warning_count = models.PositiveIntegerField(_("varningar"), default=0)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("körd av"),
    )

    class Meta:
        verbose_name = _("efterlevnadskontroll")
        verbose_name_plural = _("efterlevnadskontroller")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.reason}"
