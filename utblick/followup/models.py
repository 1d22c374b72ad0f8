"""Follow-up (F2): the periods the policy's cadence gives, and a status per activity and period.

A period is open from its start; its follow-ups are due some days after its
end and locked when it closes. After that a change is a correction: a new
version of the follow-up, with a reason, and the earlier one stays readable.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel, TenantQuerySet


class Period(TenantModel):
    """A follow-up period of one year, e.g. "Tertial 2 2026"."""

    key = models.SlugField(_("nyckel"), max_length=40, help_text=_("t1, t2, bokslut, ar …"))
    name = models.CharField(_("namn"), max_length=100)
    year = models.PositiveIntegerField(_("år"))
    start = models.DateField(_("från"))
    end = models.DateField(_("till"))
    opens_on = models.DateField(_("öppnar"))
    due_on = models.DateField(_("sista dag för inlämning"))
    closes_on = models.DateField(_("stängs och låses"))
    is_year_end = models.BooleanField(_("årsbokslut"), default=False)
    policy = models.ForeignKey(
        "policies.Policy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("styrdokument"),
        help_text=_("Versionen vars uppföljningsrytm gav perioden; tom för en egen period."),
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("uppföljningsperiod")
        verbose_name_plural = _("uppföljningsperioder")
        ordering = ["year", "start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "key"], name="period_key_unique_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("due_on")),
                name="period_closes_after_due",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("followup:period", args=[self.municipality.slug, self.year, self.key])

    def is_locked(self, on: date) -> bool:
        return on > self.closes_on

    def state(self, on: date) -> str:
        if on < self.opens_on:
            return "upcoming"
        if on > self.closes_on:
            return "closed"
        if on > self.due_on:
            return "overdue"
        return "open"


class TrafficLight(models.TextChoices):
    ON_TRACK = "on_track", _("Enligt plan")
    AT_RISK = "at_risk", _("Risk för avvikelse")
    OFF_TRACK = "off_track", _("Avviker")


class FollowUpState(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inlämnad")
    RETURNED = "returned", _("Återsänd för komplettering")


class FollowUp(TenantModel):
    """An activity's status, progress, results and money in one period."""

    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="followups",
        verbose_name=_("aktivitet"),
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="followups", verbose_name=_("period")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    is_latest = models.BooleanField(_("senaste version"), default=True)
    correction_reason = models.TextField(_("skäl till rättelse"), blank=True)
    status = models.CharField(_("läge"), max_length=20, choices=TrafficLight.choices)
    comment = models.TextField(
        _("kommentar"), blank=True, help_text=_("Krävs när läget inte är ”enligt plan”.")
    )
    progress = models.PositiveIntegerField(
        _("genomfört (procent)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    results = models.TextField(_("uppnådda resultat"), blank=True)
    spent = models.DecimalField(
        _("använt hittills (kr)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0), _("Beloppet kan inte vara negativt."))],
    )
    next_steps = models.TextField(_("nästa steg"), blank=True)
    state = models.CharField(
        _("inlämning"), max_length=20, choices=FollowUpState.choices, default=FollowUpState.DRAFT
    )
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnad av"),
    )
    returned_reason = models.TextField(_("vad som behöver kompletteras"), blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        ordering = ["period", "activity", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "period", "version"], name="followup_version_unique"
            ),
            models.UniqueConstraint(
                fields=["activity", "period"],
                condition=models.Q(is_latest=True),
                name="followup_one_latest",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__gte=0) & models.Q(progress__lte=100),
                name="followup_progress_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(spent__gte=0), name="followup_spent_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "period", "is_latest"], name="followup_period_idx")
        ]

    def __str__(self) -> str:
        return f"{self.activity} – {self.period}"

    #: What its name and address read, for lists that show many (the recent changes).
    list_related = ("period", "activity")

    def get_absolute_url(self) -> str:
        return reverse(
            "followup:edit",
            args=[self.municipality.slug, self.period.year, self.period.key, self.activity_id],
        )


class ReminderLog(models.Model):
    """When a user was last reminded, so that a daily run sends at most one e-mail a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    items = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.sent_on:%Y-%m-%d}"
