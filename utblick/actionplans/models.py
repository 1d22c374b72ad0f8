"""Yearly action plans of committees and companies (F1), evaluated and revised annually."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import ArchivableModel, TenantModel


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Fastställd")
    EVALUATED = "evaluated", _("Utvärderad")


class ActionPlan(TenantModel):
    """One unit's plan for one year."""

    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("enhet"),
    )
    year = models.PositiveIntegerField(_("år"))
    state = models.CharField(
        _("status"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT
    )
    adopted_on = models.DateField(_("fastställd"), null=True, blank=True)
    decision_reference = models.CharField(_("beslut"), max_length=100, blank=True)
    summary = models.TextField(_("inriktning för året"), blank=True)
    evaluation_summary = models.TextField(_("samlad utvärdering"), blank=True)
    evaluated_on = models.DateField(_("utvärderad"), null=True, blank=True)
    revised_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("reviderad från"),
    )

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="one_action_plan_per_unit_and_year",
                violation_error_message=_("Enheten har redan en handlingsplan för året."),
            )
        ]

    list_related = ("unit",)  # what its name reads, for lists of many

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("actionplans:detail", args=[self.municipality.slug, self.pk])


class Outcome(models.TextChoices):
    ACHIEVED = "achieved", _("Uppnått")
    PARTLY = "partly", _("Delvis uppnått")
    NOT_ACHIEVED = "not_achieved", _("Inte uppnått")


class Measure(ArchivableModel):
    """An evaluable measure of the plan: indicator, target, who, when."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("handlingsplan"),
    )
    title = models.CharField(_("åtgärd"), max_length=300)
    indicator = models.CharField(_("indikator"), max_length=300)
    target_value = models.CharField(_("målvärde"), max_length=100)
    responsible = models.ForeignKey(
        "organisation.Contact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig"),
    )
    deadline = models.DateField(_("klart senast"), null=True, blank=True)
    activities = models.ManyToManyField(
        "activities.Activity", blank=True, related_name="measures", verbose_name=_("aktiviteter")
    )
    goals = models.ManyToManyField(
        "policies.Goal", blank=True, related_name="measures", verbose_name=_("mål i styrdokumentet")
    )
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_value = models.CharField(_("uppnått värde"), max_length=100, blank=True)
    evaluation_comment = models.TextField(_("kommentar till utvärderingen"), blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class PlanFollowUp(TenantModel):
    """The plan as a whole, followed up at the policy's cadence."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.PROTECT,
        related_name="followups",
        verbose_name=_("handlingsplan"),
    )
    period = models.ForeignKey(
        "followup.Period", on_delete=models.PROTECT, related_name="+", verbose_name=_("period")
    )
    status = models.CharField(
        _("läge"),
        max_length=20,
        choices=[
            ("on_track", _("Enligt plan")),
            ("at_risk", _("Risk för avvikelse")),
            ("off_track", _("Avviker")),
        ],
    )
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("uppföljning av handlingsplan")
        verbose_name_plural = _("uppföljningar av handlingsplaner")
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="plan_followup_once_per_period")
        ]

    list_related = ("plan__unit", "period")  # what its name reads, for lists of many

    def __str__(self) -> str:
        return f"{self.plan} – {self.period}"
