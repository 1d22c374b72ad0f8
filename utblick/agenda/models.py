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
    kpi = models.CharField(_("nyckeltal (Kolada-id)"), max_length=20)
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
        return f"{self.kpi} {self.area} {self.year} {self.gender}: {self.value}"
