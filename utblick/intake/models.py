"""An uploaded policy document and the draft proposed from it, reviewed element by element.

The upload is kept as it came; the draft is one row per proposed element with
the passage it comes from and the reviewer's decision, so that a review can
be interrupted and resumed, and two reviewers cannot overwrite each other
(every change checks the row version it started from).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel
from utblick.intake.display import METADATA_LABELS, describe


def passage_id(start: int, end: int) -> str:
    """The element id of a cited passage on the review screen (``#passage-…`` links to it)."""
    return f"passage-{start}-{end}"


class IntakeStatus(models.TextChoices):
    READING = "reading", _("Läses")
    REVIEWING = "reviewing", _("Granskas")
    NOT_POLICY = "not_policy", _("Inget styrdokument")
    ADOPTED = "adopted", _("Antagen")
    DISCARDED = "discarded", _("Avbruten")


class DocumentFormat(models.TextChoices):
    TEXT = "txt", _("Text")
    DOCX = "docx", _("Word")
    PDF = "pdf", _("PDF")


class DraftOrigin(models.TextChoices):
    UPLOAD = "upload", _("Uppladdat dokument")
    TEMPLATE = "template", _("Mall")
    BLANK = "blank", _("Eget utkast")


class Element(models.TextChoices):
    METADATA = "metadata", _("Uppgift om dokumentet")
    FOCUS_AREA = "focus_area", _("Inriktning")
    GOAL = "goal", _("Mål")
    PRINCIPLE = "principle", _("Princip")
    RESPONSIBILITY = "responsibility", _("Ansvar")
    CADENCE = "cadence", _("Uppföljning")
    TAXONOMY = "taxonomy", _("Klassificering")


class Decision(models.TextChoices):
    PENDING = "pending", _("Ej granskad")
    ACCEPTED = "accepted", _("Godtagen")
    EDITED = "edited", _("Ändrad")
    REJECTED = "rejected", _("Avvisad")


class PolicyIntake(TenantModel):
    """One uploaded policy document and the draft configuration proposed from it."""

    SHOW_IN_RECENT_CHANGES = False
    #: What was derived or asked, not the municipality's data (``core.selectors.data_stamp``).
    IN_DATA_STAMP = False

    origin = models.CharField(
        _("utgångspunkt"), max_length=20, choices=DraftOrigin.choices, default=DraftOrigin.UPLOAD
    )
    template = models.CharField(
        _("mall"),
        max_length=300,
        blank=True,
        help_text=_("Den levererade policy som utkastet utgår från."),
    )
    file = models.FileField(_("fil"), upload_to="intake/%Y/%m/", blank=True)
    original_name = models.CharField(_("filnamn"), max_length=255, blank=True)
    sha256 = models.CharField(_("kontrollsumma"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("storlek i byte"), default=0)
    file_format = models.CharField(
        _("format"), max_length=10, choices=DocumentFormat.choices, blank=True
    )
    text = models.TextField(
        _("dokumentets text"), blank=True, help_text=_("Texten som förslagen citerar.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=IntakeStatus.choices, default=IntakeStatus.REVIEWING
    )
    explanation = models.TextField(_("förklaring"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )
    policy = models.ForeignKey(
        "policies.Policy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("antagen version"),
    )
    adopted_at = models.DateTimeField(_("antagen"), null=True, blank=True)

    class Meta:
        verbose_name = _("inläsning av styrdokument")
        verbose_name_plural = _("inläsningar av styrdokument")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_document(self) -> bool:
        """Drafted from an uploaded document (not from a template or by hand)."""
        return bool(self.file)

    @property
    def name(self) -> str:
        """What the draft is called in lists and headings."""
        if self.original_name:
            return self.original_name
        if self.origin == DraftOrigin.TEMPLATE:
            return str(_("Utkast från mallen %(name)s") % {"name": self.template})
        return str(_("Eget utkast"))

    def get_absolute_url(self) -> str:
        return reverse("intake:review", args=[self.municipality.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == IntakeStatus.REVIEWING


class IntakeProposal(TenantModel):
    """One proposed element of the draft, with its source passage and the reviewer's decision."""

    SHOW_IN_RECENT_CHANGES = False
    #: What was derived or asked, not the municipality's data (``core.selectors.data_stamp``).
    IN_DATA_STAMP = False

    intake = models.ForeignKey(
        PolicyIntake,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("inläsning"),
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)
    element = models.CharField(_("del"), max_length=20, choices=Element.choices)
    attribute = models.CharField(
        _("uppgift"), max_length=30, blank=True, help_text=_("För uppgifter om dokumentet.")
    )
    proposed = models.JSONField(_("föreslaget"), default=dict)
    value = models.JSONField(_("värde"), default=dict)
    decision = models.CharField(
        _("beslut"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    confidence = models.FloatField(_("säkerhet"), default=0.0)
    passages = models.JSONField(
        _("källställen"), default=list, help_text=_("[start, slut, avsnitt] i dokumentets text.")
    )
    reason = models.TextField(_("varför"), blank=True)
    added = models.BooleanField(_("tillagd av granskaren"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granskad av"),
    )
    decided_at = models.DateTimeField(_("granskad"), null=True, blank=True)

    class Meta:
        verbose_name = _("förslag")
        verbose_name_plural = _("förslag")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_element_display()} {self.position}"

    @property
    def included(self) -> bool:
        """Part of the policy when it is adopted."""
        return self.decision in (Decision.ACCEPTED, Decision.EDITED)

    @property
    def label(self) -> str:

        if self.element == Element.METADATA:
            return str(METADATA_LABELS.get(self.attribute, self.attribute))
        return str(self.get_element_display())

    @property
    def display(self) -> Any:

        return describe(self.element, self.attribute, self.value)

    @property
    def anchors(self) -> list[tuple[str, str]]:
        """(element id, section) of each passage the proposal cites."""
        return [(passage_id(start, end), section) for start, end, section in self.passages]

    @property
    def confidence_level(self) -> str:
        return "high" if self.confidence >= 0.8 else "medium" if self.confidence >= 0.6 else "low"

    @property
    def source(self) -> str:
        sections: list[str] = []
        for _start, _end, section in self.passages:
            if section and section not in sections:
                sections.append(section)
        return "; ".join(sections)
