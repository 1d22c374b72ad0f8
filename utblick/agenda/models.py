"""The municipality's Agenda 2030 indicators from Kolada, beside the activities of each goal.

Kolada (RKA, the Council for the Promotion of Municipal Analysis) publishes key figures of
every Swedish municipality, CC BY 4.0. A load (``agenda.services.kolada_load``) reads API v3
responses saved as JSON: the KPI groups tell which goal a key figure belongs to, the data
responses give its values per year. Every figure shown cites its KPI id and year.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel

#: Kolada's id for the whole country ("Riket"), shown beside the municipality's own figure.
COUNTRY = "0000"


class Indicator(TenantModel):
    """A Kolada key figure the municipality follows under one of the 17 goals."""

    kpi = models.CharField(_("nyckeltal (Kolada-id)"), max_length=20)
    title = models.CharField(_("namn"), max_length=400)
    goal = models.CharField(_("mål i Agenda 2030"), max_length=2)
    group = models.CharField(_("nyckeltalsgrupp i Kolada"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["goal", "kpi"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kpi", "goal"], name="one_indicator_per_goal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.title}"


class IndicatorValue(TenantModel):
    """One figure: a key figure's value for an area (the municipality or the country) in a year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indikator")
    )
    area = models.CharField(_("område (Kolada-id)"), max_length=10)
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1)  # T total, K women, M men
    value = models.DecimalField(_("värde"), max_digits=20, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("status"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "year", "gender"], name="one_value_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year} {self.gender}: {self.value}"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Godtaget")
    REJECTED = "rejected", _("Avvisat")


class SdgDecision(TenantModel):
    """What a person decided about one suggested goal or target of one activity."""

    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="sdg_decisions",
        verbose_name=_("aktivitet"),
    )
    code = models.CharField(_("mål eller delmål"), max_length=8)  # "13" or "13.1"
    decision = models.CharField(_("beslut"), max_length=10, choices=Decision.choices)
    #: The words that triggered the suggestion when it was decided, and its confidence.
    words = models.JSONField(_("ord"), default=list, blank=True)
    confidence = models.DecimalField(_("säkerhet"), max_digits=3, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("beslut om förslag")
        verbose_name_plural = _("beslut om förslag")
        ordering = ["activity", "code"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "code"], name="one_decision_per_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.get_decision_display()}"
