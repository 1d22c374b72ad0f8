"""The register: the municipality's international activities of every kind (A1–A11, F4).

One table for all kinds keeps the list, filters, export, import and API one
path; the fields a kind does not use stay empty. ``search_text`` holds the
searchable words folded (lower case, no diacritics), so a search finds
"Malmö" as "malmo", "MALMÖ" or "malmö" on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core import clock
from utblick.core.countries import country_name
from utblick.core.db import Swedish
from utblick.core.models import (
    ArchivableModel,
    ArchivableQuerySet,
    CoordinateSource,
    TenantModel,
    coordinate_field,
)
from utblick.core.validators import validate_nuts_code, validate_programme_period

NOT_NEGATIVE = MinValueValidator(Decimal(0), _("Beloppet kan inte vara negativt."))


class Kind(models.TextChoices):
    PROJECT = "project", _("Projekt")
    TWIN_CITY = "twin_city", _("Vänort")
    PARTNERSHIP = "partnership", _("Partnerskap/samarbetsavtal")
    NETWORK = "network", _("Nätverksmedlemskap")
    EVENT = "event", _("Evenemang, möte eller besök")
    MONITORING = "monitoring", _("Bevakningsfråga")


class Status(models.TextChoices):
    IDEA = "idea", _("Idé")
    PROPOSED = "proposed", _("Föreslagen")
    ACTIVE = "active", _("Beslutad/pågående")
    COMPLETED = "completed", _("Avslutad")
    ENDED = "ended", _("Upphörd")
    REJECTED = "rejected", _("Avslagen")


#: Which lifecycle steps are allowed from each status.
TRANSITIONS: dict[str, set[str]] = {
    Status.IDEA: {Status.PROPOSED, Status.ACTIVE, Status.REJECTED},
    Status.PROPOSED: {Status.ACTIVE, Status.REJECTED, Status.IDEA},
    Status.ACTIVE: {Status.COMPLETED, Status.ENDED},
    Status.COMPLETED: {Status.ACTIVE},
    Status.ENDED: set(),
    Status.REJECTED: {Status.IDEA},
}


#: The kinds that are agreements or memberships, reviewed regularly (A3, A4).
REVIEWABLE = (Kind.TWIN_CITY, Kind.PARTNERSHIP, Kind.NETWORK)

#: The policy duty (``policies.Duty``) of the body that decides on each reviewable kind.
DECIDING_DUTY = {
    Kind.TWIN_CITY: "decides_twin_cities",
    Kind.PARTNERSHIP: "decides_partnerships",
    Kind.NETWORK: "decides_memberships",
}


#: The fields every kind has, and the child perspective (A9).
COMMON_FIELDS = [
    "title",
    "summary",
    "description",
    "unit",
    "contact",
    "start_date",
    "end_date",
    "status",
]
CHILD_FIELDS = ["child_impact", "child_assessment"]
_ENDING = ["ended_on", "end_reason", "end_deciding_body", "end_decision_reference"]
_AGREEMENT = [
    "place",
    "country",
    "latitude",
    "longitude",
    "agreement_date",
    "deciding_body",
    "decision_reference",
    "agreement_state",
    "purpose",
    "last_contact_on",
    "next_review_on",
    *_ENDING,
    "is_development_aid",
]
#: A project's identifiers in the EU's registers (CORDIS, Kohesio, keep.eu).
EU_FIELDS = [
    "eu_project_id",
    "eu_programme",
    "eu_programme_period",
    "eu_call",
    "eu_funding_scheme",
    "cofinancing_rate",
    "nuts_code",
]
#: The fields of each kind, in the order the form shows them: one definition for
#: the form, the API and the import. A field no kind lists here is common.
KIND_FIELDS: dict[str, list[str]] = {
    Kind.PROJECT: ["development_area", "is_development_aid", *EU_FIELDS],
    Kind.TWIN_CITY: _AGREEMENT,
    Kind.PARTNERSHIP: _AGREEMENT,
    Kind.NETWORK: [
        "network",
        "membership_category",
        "member_since",
        "annual_fee",
        "representative",
        "purpose",
        "benefit",
        "next_review_on",
        *_ENDING,
        "is_development_aid",
    ],
    Kind.EVENT: [
        "place",
        "country",
        "latitude",
        "longitude",
        "direction",
        "participants",
        "participant_count",
        "purpose",
        "cost",
        "report",
        "is_development_aid",
    ],
    Kind.MONITORING: ["reference", "stance", "actions_taken", "deadline"],
}
KIND_SPECIFIC = sorted({name for names in KIND_FIELDS.values() for name in names})


class AgreementState(models.TextChoices):
    ACTIVE = "active", _("Aktivt")
    DORMANT = "dormant", _("Vilande")
    ENDED = "ended", _("Avslutat")


class MembershipCategory(models.TextChoices):
    MEMBER = "member", _("Medlem")
    ASSOCIATE = "associate", _("Associerad medlem")
    PARTNER = "partner", _("Partner")
    OBSERVER = "observer", _("Observatör")


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Inkommande (besök hos oss)")
    OUTGOING = "outgoing", _("Utgående (vi reser)")
    HOSTED_ONLINE = "online", _("Digitalt")


class ChildImpact(models.TextChoices):
    POSITIVE = "positive", _("Positiv påverkan på barn och unga")
    NEUTRAL = "neutral", _("Ingen påtaglig påverkan")
    NEGATIVE = "negative", _("Risk för negativ påverkan")
    NOT_RELEVANT = "not_relevant", _("Inte relevant")


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Huvudman")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associerad")
    FUNDER = "funder", _("Finansiär")


class ActivityQuerySet(ArchivableQuerySet):
    def in_year(self, year: int) -> Self:
        """Running at some point of ``year``."""
        return self.filter(
            models.Q(start_date__lte=date(year, 12, 31)) | models.Q(start_date__isnull=True),
            models.Q(end_date__gte=date(year, 1, 1)) | models.Q(end_date__isnull=True),
        )


class Activity(ArchivableModel):
    """A project, twin city, partnership, network membership, event or monitored issue."""

    #: Tag changes (focus areas, goals, terms) show in the history through this field.
    many_summary_field = "tag_summary"

    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("sammanfattning"), blank=True, max_length=1000)
    description = models.TextField(_("beskrivning"), blank=True)
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("ansvarig enhet"),
    )
    contact = models.ForeignKey(
        "organisation.Contact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("kontaktperson"),
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )

    # Ties to the policy (the version in force when tagged; re-tagged by key on revision).
    focus_areas = models.ManyToManyField(
        "policies.FocusArea", blank=True, related_name="activities", verbose_name=_("inriktningar")
    )
    goals = models.ManyToManyField(
        "policies.Goal", blank=True, related_name="activities", verbose_name=_("mål")
    )
    terms = models.ManyToManyField(
        "policies.Term", blank=True, related_name="activities", verbose_name=_("klassificering")
    )
    development_area = models.CharField(
        _("utvecklingsområde"),
        max_length=300,
        blank=True,
        help_text=_("Den planerade verksamhetsutveckling projektet tjänar, om inget mål passar."),
    )

    # Child perspective (A9).
    child_impact = models.CharField(
        _("barnperspektiv"), max_length=20, choices=ChildImpact.choices, blank=True
    )
    child_assessment = models.TextField(_("bedömning av barnperspektivet"), blank=True)

    # Project (A1, A8).
    is_development_aid = models.BooleanField(
        _("bistånd"),
        default=False,
        help_text=_("Insats av biståndskaraktär, t.ex. finansierad av Sida eller ICLD."),
    )

    # A project's identifiers in the EU's registers: what CORDIS, Kohesio and keep.eu publish.
    eu_project_id = models.CharField(
        _("EU-projektets id"),
        max_length=60,
        blank=True,
        help_text=_(
            "Projektets id i EU:s register: bidragsavtalets nummer i CORDIS, "
            "insatsens id i Kohesio eller projektets id i keep.eu, t.ex. 101056765."
        ),
    )
    eu_programme = models.CharField(
        _("EU-program"),
        max_length=120,
        blank=True,
        help_text=_("Programmets kod eller namn, t.ex. HORIZON, ERASMUS+ eller 2021TC16RFTN003."),
    )
    eu_programme_period = models.CharField(
        _("programperiod"),
        max_length=9,
        blank=True,
        validators=[validate_programme_period],
        help_text=_("T.ex. 2021–2027."),
    )
    eu_call = models.CharField(
        _("utlysning"), max_length=120, blank=True, help_text=_("T.ex. HORIZON-CL5-2021-D1-01.")
    )
    eu_funding_scheme = models.CharField(
        _("finansieringsform"),
        max_length=60,
        blank=True,
        help_text=_("T.ex. HORIZON-RIA eller KA2."),
    )
    cofinancing_rate = models.DecimalField(
        _("EU:s medfinansieringsgrad (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal(0), _("Ange en andel mellan 0 och 100 procent.")),
            MaxValueValidator(Decimal(100), _("Ange en andel mellan 0 och 100 procent.")),
        ],
        help_text=_("EU:s andel av de stödberättigande kostnaderna, t.ex. 80."),
    )
    nuts_code = models.CharField(
        _("NUTS-kod"),
        max_length=5,
        blank=True,
        validators=[validate_nuts_code],
        help_text=_("Regionen där projektet genomförs enligt NUTS, t.ex. SE331."),
    )

    # Twin city and partnership (A2, A3); place and country also for events.
    place = models.CharField(_("ort"), max_length=120, blank=True)
    country = models.CharField(_("land"), max_length=2, blank=True)
    latitude = coordinate_field(
        _("latitud"),
        90,
        _("Fylls i från ortregistret (GeoNames) efter ort och land; skriv egna för att ändra."),
    )
    longitude = coordinate_field(_("longitud"), 180)
    coordinates_source = models.CharField(
        _("koordinaternas källa"),
        max_length=10,
        choices=CoordinateSource.choices,
        blank=True,
        editable=False,
    )
    agreement_date = models.DateField(_("avtalsdatum"), null=True, blank=True)
    deciding_body = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_activities",
        verbose_name=_("beslutande organ"),
    )
    decision_reference = models.CharField(
        _("beslut (diarienummer/paragraf)"), max_length=100, blank=True
    )
    agreement_state = models.CharField(
        _("avtalets läge"), max_length=20, choices=AgreementState.choices, blank=True
    )
    ended_on = models.DateField(_("avslutat datum"), null=True, blank=True)
    end_reason = models.TextField(_("skäl för avslut"), blank=True)
    end_deciding_body = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ended_activities",
        verbose_name=_("organ som beslutade om avslut"),
    )
    end_decision_reference = models.CharField(_("beslut om avslut"), max_length=100, blank=True)
    #: Dates known only to the year or month, as the source wrote them: {"agreement_date": "year"}.
    date_precision = models.JSONField(_("datumens precision"), default=dict, blank=True)
    last_contact_on = models.DateField(
        _("senaste kontakt"),
        null=True,
        blank=True,
        help_text=_("Senaste möte, besök eller annan kontakt med parten."),
    )
    next_review_on = models.DateField(_("nästa omprövning"), null=True, blank=True)

    # Network membership (A4).
    network = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("nätverksorganisation"),
    )
    membership_category = models.CharField(
        _("medlemskategori"), max_length=20, choices=MembershipCategory.choices, blank=True
    )
    member_since = models.DateField(_("medlem sedan"), null=True, blank=True)
    annual_fee = models.DecimalField(
        _("årsavgift (kr)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )
    representative = models.ForeignKey(
        "organisation.Contact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="represented_networks",
        verbose_name=_("representant"),
    )
    purpose = models.TextField(_("syfte"), blank=True)
    benefit = models.TextField(_("nytta"), blank=True)

    # Event, meeting, delegation, study visit (A5).
    direction = models.CharField(
        _("riktning"), max_length=20, choices=Direction.choices, blank=True
    )
    participants = models.TextField(_("deltagare"), blank=True)
    participant_count = models.PositiveIntegerField(_("antal deltagare"), null=True, blank=True)
    cost = models.DecimalField(
        _("kostnad (kr)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )
    report = models.TextField(_("kort rapport"), blank=True)

    # Monitoring issue (A6).
    reference = models.CharField(_("referens (COM-nummer, CELEX …)"), max_length=100, blank=True)
    stance = models.TextField(_("kommunens hållning"), blank=True)
    actions_taken = models.TextField(_("åtgärder (t.ex. remissvar)"), blank=True)
    deadline = models.DateField(_("sista dag"), null=True, blank=True)

    published = models.BooleanField(
        _("publicerad"), default=False, help_text=_("Visas i den publika förteckningen.")
    )
    has_unpublished_changes = models.BooleanField(_("opublicerade ändringar"), default=False)
    first_published_at = models.DateTimeField(_("först publicerad"), null=True, blank=True)
    last_published_at = models.DateTimeField(_("senast publicerad"), null=True, blank=True)
    example = models.BooleanField(
        _("exempel"), default=False, help_text=_("Demopost som inte kommer ur en källa.")
    )
    # Kept in step by the services so that the history shows tag and partner changes.
    tag_summary = models.TextField(
        _("inriktningar, mål och klassificering"), blank=True, editable=False
    )
    partner_summary = models.TextField(_("partner"), blank=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["title"]
        indexes = [
            # With archived_at the register's counts are answered from the index alone.
            models.Index(
                fields=["municipality", "kind", "status", "archived_at"],
                name="activity_kind_status_arch_idx",
            ),
            models.Index(fields=["municipality", "unit"], name="activity_unit_idx"),
            # Every field the Att göra badge counts by: read from the index, not the rows.
            models.Index(
                fields=[
                    "municipality",
                    "archived_at",
                    "status",
                    "kind",
                    "unit",
                    "start_date",
                    "end_date",
                    "next_review_on",
                ],
                name="activity_due_idx",
            ),
            models.Index(fields=["municipality", "updated_at"], name="activity_updated_idx"),
            models.Index(fields=["municipality", "published"], name="activity_published_idx"),
            models.Index(fields=["municipality", "start_date"], name="activity_start_idx"),
            # The register's default order (Swedish title, then id) without sorting every row.
            models.Index(
                F("municipality"), Swedish("title"), F("id"), name="activity_title_sv_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="activity_end_after_start",
                violation_error_message=_("Slutdatum kan inte vara före startdatum."),
            ),
            models.CheckConstraint(
                condition=models.Q(annual_fee__gte=0) | models.Q(annual_fee__isnull=True),
                name="activity_fee_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(cost__gte=0) | models.Q(cost__isnull=True),
                name="activity_cost_not_negative",
            ),
            # One record per EU project: what the EU import finds again by its id.
            models.UniqueConstraint(
                fields=["municipality", "eu_project_id"],
                condition=~models.Q(eu_project_id=""),
                name="activity_eu_project_id_unique",
                violation_error_message=_("Ett annat projekt har redan det EU-id:t."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.municipality.slug, self.pk])

    @property
    def country_name(self) -> str:
        return country_name(self.country) if self.country else ""

    @property
    def is_reviewable(self) -> bool:
        return self.kind in REVIEWABLE

    @property
    def is_agreement(self) -> bool:
        return self.kind in (Kind.TWIN_CITY, Kind.PARTNERSHIP)

    @property
    def past_end_date(self) -> bool:
        """Decided and under way by its status, but its end date has passed (today's clock).

        Nothing is changed by itself: the coordinator closes it or moves the end date
        (it is on "Att göra"); until then every page says the end date has passed.
        """
        return past_end(self.status, self.end_date)


def past_end(status: str, end_date: date | None) -> bool:
    return status == Status.ACTIVE and end_date is not None and end_date < clock.today()


class ActivityPartner(TenantModel):
    """A partner's part in an activity."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="partner_links",
        verbose_name=_("aktivitet"),
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="activity_links",
        verbose_name=_("partner"),
    )
    role = models.CharField(
        _("roll"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )

    class Meta:
        verbose_name = _("partner i aktivitet")
        verbose_name_plural = _("partner i aktiviteter")
        constraints = [
            models.UniqueConstraint(fields=["activity", "partner"], name="activity_partner_once")
        ]

    list_related = ("partner",)  # what its name reads, for lists of many

    def __str__(self) -> str:
        return f"{self.partner} – {self.get_role_display()}"


class BudgetLine(TenantModel):
    """Budget and cost of one year, carried by the responsible unit (A11)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("aktivitet")
    )
    year = models.PositiveIntegerField(_("år"))
    budget = models.DecimalField(
        _("budget (kr)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[NOT_NEGATIVE],
    )
    cost = models.DecimalField(
        _("kostnad (kr)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[NOT_NEGATIVE],
    )

    class Meta:
        verbose_name = _("budgetår")
        verbose_name_plural = _("budget per år")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "year"], name="budget_line_year_once"),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0) & models.Q(cost__gte=0),
                name="budget_line_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class ActivityLink(ArchivableModel):
    """A web link about the activity (project site, decision, news)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="links", verbose_name=_("aktivitet")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    url = models.URLField(_("adress"), max_length=500)

    class Meta:
        verbose_name = _("länk")
        verbose_name_plural = _("länkar")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ActivityDocument(ArchivableModel):
    """An attached document. Never edited: a new file is a new document."""

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="documents", verbose_name=_("aktivitet")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    file = models.FileField(_("fil"), upload_to="documents/%Y/%m/")
    original_name = models.CharField(_("filnamn"), max_length=255)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    sha256 = models.CharField(_("kontrollsumma"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class EarlierTag(TenantModel):
    """A tag an activity had under a policy version that was replaced, kept readable there.

    ``retired`` marks a tag whose element has no successor in the new version: the
    activity is listed for a decision on the new version's transfer page.
    """

    SHOW_IN_RECENT_CHANGES = False

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="earlier_tags", verbose_name=_("aktivitet")
    )
    policy = models.ForeignKey(
        "policies.Policy",
        on_delete=models.PROTECT,
        related_name="earlier_tags",
        verbose_name=_("ersatt version"),
    )
    focus_area = models.ForeignKey(
        "policies.FocusArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="earlier_tags",
        verbose_name=_("inriktning"),
    )
    goal = models.ForeignKey(
        "policies.Goal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="earlier_tags",
        verbose_name=_("mål"),
    )
    term = models.ForeignKey(
        "policies.Term",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="earlier_tags",
        verbose_name=_("klassificering"),
    )
    retired = models.BooleanField(_("utgår i den nya versionen"), default=False)

    class Meta:
        verbose_name = _("tidigare tagg")
        verbose_name_plural = _("tidigare taggar")
        ordering = ["policy", "pk"]

    def __str__(self) -> str:
        return str(self.focus_area or self.goal or self.term)
