"""The municipality's governing document for international work, as configuration (D1–D5).

A ``Policy`` row is one version of the document. Once adopted it is never
edited: a revision is a new version, and the old one stays readable. Every
element (focus area, goal, principle…) belongs to one version and carries a
``key`` that stays the same across versions, so records tagged under one
version can be matched in the next.
"""

from __future__ import annotations

from datetime import date
from typing import Self

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import ArchivableModel, TenantModel, TenantQuerySet
from utblick.core.terms import term_of_office_start, term_start_date
from utblick.policies.rule_catalogue import RULE_TYPES, describe_params


class PolicyKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    PROGRAMME = "programme", _("Program")
    STRATEGY = "strategy", _("Strategi")
    GUIDELINE = "guideline", _("Riktlinje")


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    IN_FORCE = "in_force", _("Gällande")
    REPLACED = "replaced", _("Ersatt")


class RevisionRule(models.TextChoices):
    EACH_TERM = "each_term", _("Revideras varje mandatperiod")
    NONE = "none", _("Ingen fast revisionstidpunkt")


class CadenceKind(models.TextChoices):
    TERTIAL = "tertial", _("Tertial (T1, T2) och bokslut")
    YEARLY = "yearly", _("Årligen")
    CUSTOM = "custom", _("Egna perioder")


class Duty(models.TextChoices):
    ADOPTS_POLICY = "adopts_policy", _("Antar policyn")
    ADOPTS_GUIDELINES = "adopts_guidelines", _("Antar riktlinjer och prioriteringar")
    LEADS = "leads", _("Leder det internationella arbetet")
    COORDINATES = "coordinates", _("Samordnar")
    DEVELOPS = "develops", _("Ansvarar för utvecklingen av arbetet")
    FOLLOWS_UP = "follows_up", _("Följer upp och sammanställer")
    REPORTS = "reports", _("Återrapporterar")
    RECEIVES_REPORTS = "receives_reports", _("Tar emot rapportering")
    SUPPORTS = "supports", _("Stödjer verksamheterna")
    MONITORS = "monitors", _("Bevakar och påverkar sitt område")
    INTEGRATES = "integrates", _("Integrerar arbetet i verksamheten")
    PLANS = "plans", _("Upprättar handlingsplan")
    FINANCES = "finances", _("Bär kostnaden för deltagande")
    APPOINTS_CONTACTS = "appoints_contacts", _("Utser kontaktpersoner")
    REPRESENTS = "represents", _("Företräder kommunen")
    DECIDES_TWIN_CITIES = "decides_twin_cities", _("Beslutar om vänorter")
    DECIDES_PARTNERSHIPS = "decides_partnerships", _("Beslutar om partnerskap och samarbetsavtal")
    DECIDES_MEMBERSHIPS = "decides_memberships", _("Beslutar om medlemskap i nätverk")


class Builtin(models.TextChoices):
    AGENDA2030 = "agenda2030", _("Agenda 2030 – de globala målen")
    AGENDA2030_TARGETS = "agenda2030-delmal", _("Agenda 2030 – de 169 delmålen")
    EUROPE2020 = "europe2020", _("Europa 2020 – prioriteringar")


class Severity(models.TextChoices):
    ERROR = "error", _("Fel (stoppar)")
    WARNING = "warning", _("Varning")


#: Months without activity, follow-up, review or contact before an agreement may be dormant.
DEFAULT_DORMANT_AFTER_MONTHS = 24


class PolicyQuerySet(TenantQuerySet):
    def in_force(self) -> Self:
        return self.filter(status=PolicyStatus.IN_FORCE)


class Policy(TenantModel):
    """One version of the municipality's governing document for international work."""

    number = models.PositiveIntegerField(
        _("löpnummer"), help_text=_("Versionens ordningsnummer i Utblick: 1, 2, 3…")
    )
    kind = models.CharField(_("dokumenttyp"), max_length=20, choices=PolicyKind.choices)
    title = models.CharField(_("titel"), max_length=300)
    adopted_by = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("antagen av"),
    )
    decided_on = models.DateField(_("beslutsdatum"))
    registry_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    decision_reference = models.CharField(_("beslutsparagraf"), max_length=60, blank=True)
    version_label = models.CharField(_("version"), max_length=30, blank=True)
    term_of_office = models.PositiveIntegerField(
        _("mandatperiod"), help_text=_("Valåret då mandatperioden började, t.ex. 2018.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PolicyStatus.choices, default=PolicyStatus.DRAFT
    )
    revision_rule = models.CharField(
        _("revidering"), max_length=20, choices=RevisionRule.choices, default=RevisionRule.NONE
    )
    owner = models.CharField(_("dokumentansvarig"), max_length=200, blank=True)
    purpose = models.TextField(_("syfte"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    source_document = models.CharField(_("källdokument"), max_length=300, blank=True)
    cadence_kind = models.CharField(
        _("uppföljningsrytm"), max_length=20, choices=CadenceKind.choices
    )
    cadence_text = models.TextField(_("uppföljning enligt dokumentet"), blank=True)
    cadence_source = models.CharField(_("källa för uppföljning"), max_length=200, blank=True)
    dormant_after_months = models.JSONField(
        _("vilande efter (månader)"),
        default=dict,
        blank=True,
        help_text=_(
            "Per typ av avtal: efter hur många månader utan aktivitet, uppföljning, omprövning "
            "eller kontakt avtalet kan vara vilande. Utan värde gäller 24 månader."
        ),
    )
    content_hash = models.CharField(_("innehållets kontrollsumma"), max_length=64)
    adopted_at = models.DateTimeField(_("antagen i Utblick"), null=True, blank=True)
    replaced_at = models.DateTimeField(_("ersatt"), null=True, blank=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="policy_number_unique_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(status="in_force"),
                name="one_policy_in_force_per_municipality",
                violation_error_message=_("En kommun kan bara ha ett gällande styrdokument."),
            ),
        ]

    def __str__(self) -> str:
        label = f" {self.version_label}" if self.version_label else ""
        return f"{self.title}{label}"

    def get_absolute_url(self) -> str:
        return reverse("policies:version", args=[self.municipality.slug, self.number])

    def revision_due(self, on: date) -> bool:
        """True when the document should have been revised for the term of ``on`` (D5)."""
        if self.revision_rule != RevisionRule.EACH_TERM or self.status != PolicyStatus.IN_FORCE:
            return False
        return self.term_of_office < term_of_office_start(on)

    def revision_due_since(self, on: date) -> date | None:
        if not self.revision_due(on):
            return None
        return term_start_date(term_of_office_start(on))

    def dormant_after(self, kind: str) -> int:
        """Months without a sign of life after which an agreement of ``kind`` may be dormant."""
        return int(self.dormant_after_months.get(kind, DEFAULT_DORMANT_AFTER_MONTHS))


class PolicyElement(TenantModel):
    """A part of one policy version, citing the section of the source it comes from."""

    #: Created with their version, never changed: the version's own history says it.
    SHOW_IN_RECENT_CHANGES = False

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, verbose_name=_("styrdokument"))
    key = models.SlugField(_("nyckel"), max_length=60)
    source = models.CharField(_("källa i dokumentet"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        abstract = True
        ordering = ["position"]


class OverallGoal(ArchivableModel):
    """One of the municipality's overall goals, which policy goals contribute to (D3)."""

    key = models.SlugField(_("nyckel"), max_length=60)
    text = models.TextField(_("mål"))
    document = models.CharField(_("styrdokument"), max_length=200, blank=True)
    source = models.CharField(_("källa"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("övergripande mål")
        verbose_name_plural = _("övergripande mål")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="overall_goal_key_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.text


class FocusArea(PolicyElement):
    """A focus area (inriktning, prioriterat område) of the policy (D2)."""

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="focus_areas", verbose_name=_("styrdokument")
    )
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta(PolicyElement.Meta):
        verbose_name = _("inriktning")
        verbose_name_plural = _("inriktningar")
        constraints = [
            models.UniqueConstraint(fields=["policy", "key"], name="focus_area_key_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Goal(PolicyElement):
    """A goal of the policy, optionally serving an overall goal of the municipality (D3)."""

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="goals", verbose_name=_("styrdokument")
    )
    text = models.TextField(_("mål"))
    overall_goal = models.ForeignKey(
        OverallGoal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policy_goals",
        verbose_name=_("bidrar till övergripande mål"),
    )

    class Meta(PolicyElement.Meta):
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [models.UniqueConstraint(fields=["policy", "key"], name="goal_key_unique")]

    def __str__(self) -> str:
        return self.text


class Taxonomy(PolicyElement):
    """A classification activities can be tagged with: Agenda 2030, Europe 2020, own (D4)."""

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="taxonomies", verbose_name=_("styrdokument")
    )
    name = models.CharField(_("namn"), max_length=200)
    builtin = models.CharField(_("inbyggd"), max_length=20, choices=Builtin.choices, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta(PolicyElement.Meta):
        verbose_name = _("klassificering")
        verbose_name_plural = _("klassificeringar")
        constraints = [
            models.UniqueConstraint(fields=["policy", "key"], name="taxonomy_key_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Term(TenantModel):
    """One value of a taxonomy, e.g. Agenda 2030 goal 11."""

    SHOW_IN_RECENT_CHANGES = False

    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, related_name="terms", verbose_name=_("klassificering")
    )
    key = models.SlugField(_("nyckel"), max_length=60)
    code = models.CharField(_("kod"), max_length=20, blank=True)
    name = models.CharField(_("namn"), max_length=200)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("termer")
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "key"], name="term_key_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class Principle(PolicyElement):
    """A principle of the policy; ``rule_id`` switches on the rule it implies."""

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="principles", verbose_name=_("styrdokument")
    )
    text = models.TextField(_("princip"))
    rule_id = models.CharField(_("regel"), max_length=60, blank=True)
    rule_severity = models.CharField(
        _("allvarlighetsgrad"), max_length=10, choices=Severity.choices, blank=True
    )
    rule_params = models.JSONField(_("regelns parametrar"), default=dict, blank=True)

    @property
    def rule_title(self) -> str:

        rule = RULE_TYPES.get(self.rule_id)
        return str(rule.title) if rule else self.rule_id

    @property
    def rule_params_display(self) -> str:
        """Every parameter the rule runs with: the file's, and the defaults for the rest."""
        rule = RULE_TYPES.get(self.rule_id)
        if rule is None:
            return describe_params(self.rule_params)
        try:
            params = rule.params.model_validate(self.rule_params).model_dump()
        except ValueError:
            params = self.rule_params
        return describe_params(params)

    @property
    def rule_description(self) -> str:
        rule = RULE_TYPES.get(self.rule_id)
        return str(rule.description) if rule else ""

    class Meta(PolicyElement.Meta):
        verbose_name = _("princip")
        verbose_name_plural = _("principer")
        constraints = [
            models.UniqueConstraint(fields=["policy", "key"], name="principle_key_unique")
        ]

    def __str__(self) -> str:
        return self.text


class Responsibility(PolicyElement):
    """Who does what (O2): a named body, or every unit of some kinds."""

    policy = models.ForeignKey(
        Policy,
        on_delete=models.PROTECT,
        related_name="responsibilities",
        verbose_name=_("styrdokument"),
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organ"),
    )
    unit_kinds = models.JSONField(_("alla enheter av typen"), default=list, blank=True)
    duty = models.CharField(_("ansvar"), max_length=40, choices=Duty.choices)
    text = models.TextField(_("enligt dokumentet"), blank=True)

    class Meta(PolicyElement.Meta):
        verbose_name = _("ansvar")
        verbose_name_plural = _("ansvarsfördelning")
        constraints = [
            models.UniqueConstraint(fields=["policy", "key"], name="responsibility_key_unique")
        ]

    def __str__(self) -> str:
        return self.get_duty_display()


class CadenceRecipient(PolicyElement):
    """A body the follow-up is reported to."""

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="report_to", verbose_name=_("styrdokument")
    )
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organ")
    )

    class Meta(PolicyElement.Meta):
        verbose_name = _("mottagare av uppföljning")
        verbose_name_plural = _("mottagare av uppföljning")

    list_related = ("unit",)  # what its name reads, for lists of many

    def __str__(self) -> str:
        return str(self.unit)


class CadencePeriod(PolicyElement):
    """A follow-up period of the cadence, as month and day within each year."""

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="periods", verbose_name=_("styrdokument")
    )
    name = models.CharField(_("namn"), max_length=100)
    start = models.CharField(_("start (MM-DD)"), max_length=5)
    end = models.CharField(_("slut (MM-DD)"), max_length=5)
    due_days = models.PositiveIntegerField(_("dagar till sista inlämning"), default=30)

    class Meta(PolicyElement.Meta):
        verbose_name = _("uppföljningsperiod")
        verbose_name_plural = _("uppföljningsperioder")
        constraints = [
            models.UniqueConstraint(fields=["policy", "key"], name="cadence_period_key_unique")
        ]

    def __str__(self) -> str:
        return self.name


class PolicyDocument(ArchivableModel):
    """The adopted document itself, attached to a version (e.g. the PDF)."""

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="documents", verbose_name=_("styrdokument")
    )
    file = models.FileField(_("fil"), upload_to="policies/%Y/")
    title = models.CharField(_("titel"), max_length=200)
    sha256 = models.CharField(_("kontrollsumma"), max_length=64)

    class Meta:
        verbose_name = _("bifogat dokument")
        verbose_name_plural = _("bifogade dokument")

    def __str__(self) -> str:
        return self.title


class TransferElement(models.TextChoices):
    FOCUS_AREA = "focus_area", _("Inriktning")
    GOAL = "goal", _("Mål")
    TERM = "term", _("Klassificering")


class TagTransfer(TenantModel):
    """How one element of the replaced version carries to the new version's elements (D5).

    Written when the new version is adopted: confirmed by a coordinator on the
    transfer page, or suggested when a policy file is loaded straight into force.
    No successor retires the element; several split it; several rows naming the
    same successor merge. Never changed afterwards.
    """

    SHOW_IN_RECENT_CHANGES = False

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("ny version")
    )
    previous = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="+", verbose_name=_("ersatt version")
    )
    element = models.CharField(_("del"), max_length=20, choices=TransferElement.choices)
    #: The element's key; a term's is "<taxonomy key>/<term key>".
    old_key = models.CharField(_("nyckel i den ersatta versionen"), max_length=130)
    old_label = models.TextField(_("i den ersatta versionen"))
    new_keys = models.JSONField(_("nycklar i den nya versionen"), default=list, blank=True)
    new_labels = models.JSONField(_("i den nya versionen"), default=list, blank=True)
    moved = models.PositiveIntegerField(_("aktiviteter"), default=0)
    confirmed = models.BooleanField(_("bekräftad av samordnare"), default=False)

    class Meta:
        verbose_name = _("överföring av taggar")
        verbose_name_plural = _("överföringar av taggar")
        ordering = ["policy", "element", "pk"]

    def __str__(self) -> str:
        return f"{self.old_label} → {', '.join(self.new_labels) or '–'}"

    @property
    def retired(self) -> bool:
        return not self.new_keys
