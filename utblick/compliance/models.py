"""Compliance runs: the findings that stood at a moment, kept when the policy changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel


class ComplianceRun(TenantModel):
    """A stored evaluation: which findings stood, under which policy version."""

    SHOW_IN_RECENT_CHANGES = False
    #: What was derived or asked, not the municipality's data (``core.selectors.data_stamp``).
    IN_DATA_STAMP = False

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


class Decision(models.TextChoices):
    JUSTIFIED = "justified", _("Motiverad")
    DISMISSED = "dismissed", _("Avfärdad")


class FindingJustification(TenantModel):
    """A coordinator's written reason for accepting a warning about one rule and one record.

    It stays attached to the rule (and principle) and the record; when the record is
    edited afterwards it needs to be looked at again; withdrawn, the warning is open again.
    """

    rule_id = models.CharField(_("regel"), max_length=60)
    principle_key = models.CharField(_("princip"), max_length=60)
    subject = models.CharField(_("gäller"), max_length=20)
    subject_id = models.PositiveIntegerField(_("post"))
    decision = models.CharField(_("beslut"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("motivering"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutad av"),
    )
    decided_at = models.DateTimeField(_("beslutad"))
    withdrawn_at = models.DateTimeField(_("återtagen"), null=True, blank=True)

    class Meta:
        verbose_name = _("motivering av varning")
        verbose_name_plural = _("motiveringar av varningar")
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.rule_id} {self.subject} {self.subject_id}"

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.rule_id, self.subject, self.subject_id, self.principle_key)
