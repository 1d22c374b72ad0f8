"""Where the money comes from (A1, A8): a shipped list of funders and per-activity funding rows."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import ArchivableModel


class SourceKind(models.TextChoices):
    EU = "eu", _("EU-program")
    NATIONAL = "national", _("Nationell finansiär")
    OWN = "own", _("Egna medel")
    OTHER = "other", _("Annan")


class FundingSource(models.Model):
    """A funder from the shipped reference list (not tenant data)."""

    key = models.SlugField(_("nyckel"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=120)
    kind = models.CharField(_("typ"), max_length=20, choices=SourceKind.choices)
    external = models.BooleanField(
        _("extern"), default=True, help_text=_("Pengar från annan part än kommunen.")
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("finansieringskälla")
        verbose_name_plural = _("finansieringskällor")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Currency(models.TextChoices):
    SEK = "SEK", _("kronor (SEK)")
    EUR = "EUR", _("euro (EUR)")


class FundingStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    APPLIED = "applied", _("Ansökt")
    GRANTED = "granted", _("Beviljad")
    REJECTED = "rejected", _("Avslagen")
    WITHDRAWN = "withdrawn", _("Återtagen")


class Funding(ArchivableModel):
    """One application or grant for an activity, in SEK or EUR."""

    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="funding",
        verbose_name=_("aktivitet"),
    )
    source = models.ForeignKey(
        FundingSource, on_delete=models.PROTECT, related_name="+", verbose_name=_("källa")
    )
    call_identifier = models.CharField(_("utlysning/diarienummer"), max_length=120, blank=True)
    external_id = models.CharField(
        _("finansiärens projekt-id"),
        max_length=60,
        blank=True,
        help_text=_("Finansiärens id för projektet, t.ex. bidragsavtalets nummer 101056765."),
    )
    currency = models.CharField(
        _("valuta"), max_length=3, choices=Currency.choices, default=Currency.SEK
    )
    applied_amount = models.DecimalField(
        _("sökt belopp"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), _("Beloppet kan inte vara negativt."))],
    )
    granted_amount = models.DecimalField(
        _("beviljat belopp"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), _("Beloppet kan inte vara negativt."))],
    )
    rate_to_sek = models.DecimalField(
        _("kurs till kronor"),
        max_digits=10,
        decimal_places=4,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.0001"), _("Kursen måste vara större än noll."))],
        help_text=_("Kronor per enhet av valutan; 1 för SEK."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FundingStatus.choices, default=FundingStatus.PLANNED
    )
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("finansiering")
        verbose_name_plural = _("finansiering")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applied_amount__gte=0) | models.Q(applied_amount__isnull=True),
                name="funding_applied_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(granted_amount__gte=0) | models.Q(granted_amount__isnull=True),
                name="funding_granted_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.call_identifier}".strip()

    @property
    def granted_sek(self) -> Decimal:
        if self.status != FundingStatus.GRANTED or self.granted_amount is None:
            return Decimal(0)
        return (self.granted_amount * self.rate_to_sek).quantize(Decimal("0.01"))

    @property
    def applied_sek(self) -> Decimal:
        if self.applied_amount is None:
            return Decimal(0)
        return (self.applied_amount * self.rate_to_sek).quantize(Decimal("0.01"))
