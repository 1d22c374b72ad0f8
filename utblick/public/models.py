"""What the public sees: a separate copy of each published activity, and what may be shown.

Public pages, open data and the DCAT catalogue read only from here, so a
draft, an archived activity or an unpublished change cannot leak: it is not
in these tables. Contacts are read live and shown only with their consent.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from utblick.activities.models import Kind, past_end
from utblick.core.countries import country_name
from utblick.core.db import Swedish
from utblick.core.models import TenantModel
from utblick.core.reference import sdg_name
from utblick.travel.models import Mode

TRAVEL_MODES = Mode.choices

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


class PublicSettings(TenantModel):
    """Whether and what the municipality publishes (one row per municipality)."""

    SHOW_IN_RECENT_CHANGES = False

    enabled = models.BooleanField(_("publicera förteckningen"), default=False)
    show_costs = models.BooleanField(_("visa kostnader och budget"), default=True)
    show_funding = models.BooleanField(_("visa finansiering"), default=True)
    show_contacts = models.BooleanField(
        _("visa kontaktpersoner"),
        default=True,
        help_text=_("Bara de som samtyckt till publicering visas."),
    )
    show_units = models.BooleanField(_("visa ansvarig enhet"), default=True)
    intro = models.TextField(_("inledning"), blank=True)
    intro_en = models.TextField(_("inledning på engelska"), blank=True)
    contact_email = models.EmailField(_("e-post för frågor om förteckningen och öppna data"))
    licence = models.URLField(_("licens för öppna data"), default=CC0)
    accessibility_email = models.EmailField(_("e-post för att anmäla brister i tillgängligheten"))
    accessibility_reviewed_on = models.DateField(
        _("tillgängligheten granskad"), null=True, blank=True
    )
    accessibility_known_issues = models.TextField(_("kända brister"), blank=True)

    class Meta:
        verbose_name = _("publiceringsinställningar")
        verbose_name_plural = _("publiceringsinställningar")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"], name="one_public_settings_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return str(self.municipality)


class PublicActivity(models.Model):
    """The published copy of an activity, as it was when last published."""

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    activity = models.OneToOneField(
        "activities.Activity", on_delete=models.PROTECT, related_name="public_copy"
    )
    kind = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20)
    unit_name = models.CharField(max_length=200, blank=True)
    contact_id = models.BigIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=2, blank=True)
    #: "|FI|EE|": the activity's and its partners' countries, for filtering on any database.
    countries = models.CharField(max_length=400, blank=True)
    focus_areas = models.JSONField(default=list)  # [[key, name], …]
    focus_area_keys = models.CharField(max_length=600, blank=True)  # "|key|key|"
    goals = models.JSONField(default=list)  # [[key, text], …]
    sdgs = models.JSONField(default=list)  # ["11", "17"]
    sdg_codes = models.CharField(max_length=100, blank=True)  # "|11|17|"
    terms = models.JSONField(default=list)  # [[taxonomy, term], …]
    partners = models.JSONField(default=list)  # [{name, kind, country, place, role, lat, lon}]
    network = models.CharField(max_length=200, blank=True)
    member_since = models.DateField(null=True, blank=True)
    agreement_date = models.DateField(null=True, blank=True)
    agreement_state = models.CharField(max_length=20, blank=True)
    date_precision = models.JSONField(default=dict, blank=True)  # {"agreement_date": "year"}
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    purpose = models.TextField(blank=True)
    benefit = models.TextField(blank=True)
    report = models.TextField(blank=True)
    reference = models.CharField(max_length=100, blank=True)
    stance = models.TextField(blank=True)
    child_impact = models.CharField(max_length=20, blank=True)
    #: A project's ids in the EU's registers: {"eu_project_id": "101056765", "nuts_code": …}.
    identifiers = models.JSONField(default=dict, blank=True)
    annual_fee = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    cost = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    budget = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    external_funding = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    funders = models.JSONField(default=list)  # [["Erasmus+", "125000.00"], …]: granted, in kronor
    years = models.CharField(max_length=200, blank=True)  # "|2025|2026|"
    #: The trips' climate cost: {"kg", "if_train_kg", "trips": [...], "factors": [...]}.
    travel = models.JSONField(default=dict, blank=True)
    search_text = models.TextField(blank=True)
    first_published_at = models.DateTimeField()
    last_published_at = models.DateTimeField()

    class Meta:
        ordering = ["title"]
        indexes = [
            models.Index(fields=["municipality", "kind"], name="public_kind_idx"),
            # The list's order (Swedish title, then id) straight from the index: flat at 100 000.
            models.Index(F("municipality"), Swedish("title"), F("id"), name="public_title_sv_idx"),
            # The newest publication per municipality: the filter choices' cache key.
            models.Index(fields=["municipality", "last_published_at"], name="public_latest_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def past_end_date(self) -> bool:
        """Published as under way, but its end date has passed (see Activity.past_end_date)."""
        return past_end(self.status, self.end_date)

    @property
    def country_name(self) -> str:
        return country_name(self.country) if self.country else ""

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label) if self.kind in Kind.values else self.kind

    @property
    def partner_list(self) -> list[dict[str, Any]]:
        """The partners (the network organisation of a membership is shown on its own)."""
        return [
            {**p, "country_name": country_name(p["country"])}
            for p in self.partners
            if p["role"] != "network"
        ]

    @property
    def funder_names(self) -> list[str]:
        return [name for name, _amount in self.funders]

    @property
    def sdg_list(self) -> list[tuple[str, str]]:
        return [(code, sdg_name(code)) for code in self.sdgs]

    def _travel_number(self, key: str) -> Decimal | None:
        value = (self.travel or {}).get(key)
        return Decimal(value) if value is not None else None

    @property
    def travel_kg(self) -> Decimal | None:
        return self._travel_number("kg")

    @property
    def travel_if_train_kg(self) -> Decimal | None:
        return self._travel_number("if_train_kg")

    @property
    def travel_trips(self) -> list[dict[str, Any]]:
        """The trips with their figures as numbers and their mode in words."""
        labels = dict(TRAVEL_MODES)
        return [
            t
            | {
                "mode_label": labels.get(t["mode"], t["mode"]),
                **{
                    k: Decimal(t[k]) if t.get(k) is not None else None
                    for k in ("km", "kg", "train_kg")
                },
            }
            for t in (self.travel or {}).get("trips", [])
        ]


class AccessibilityReport(TenantModel):
    """A defect in the public pages' accessibility, reported by anyone (DOS-lagen)."""

    page = models.CharField(_("sida"), max_length=500, blank=True)
    description = models.TextField(_("vad fungerar inte?"))
    email = models.EmailField(_("e-post för svar"), blank=True)
    handled_at = models.DateTimeField(_("hanterad"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("anmälan om tillgänglighetsbrist")
        verbose_name_plural = _("anmälningar om tillgänglighetsbrister")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.description[:60]
