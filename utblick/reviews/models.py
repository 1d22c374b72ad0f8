"""Reviews of agreements and memberships (A3, A4): assessed, decided, and ended when decided so."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel


class Decision(models.TextChoices):
    CONTINUE = "continue", _("Fortsätt")
    CHANGE = "change", _("Fortsätt med ändringar")
    END = "end", _("Avsluta")


class Review(TenantModel):
    """A review of a twin city, partnership or network membership."""

    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("avtal/medlemskap"),
    )
    assessment = models.TextField(_("bedömning av syfte och nytta"))
    decision = models.CharField(_("beslut"), max_length=20, choices=Decision.choices)
    deciding_body = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beslutande organ"),
    )
    decided_on = models.DateField(_("beslutsdatum"))
    decision_reference = models.CharField(_("diarienummer/paragraf"), max_length=100)
    changes = models.TextField(_("ändringar"), blank=True)
    next_review_on = models.DateField(_("nästa omprövning"), null=True, blank=True)

    class Meta:
        verbose_name = _("omprövning")
        verbose_name_plural = _("omprövningar")
        ordering = ["-decided_on", "-pk"]

    list_related = ("activity",)  # what its name reads, for lists of many

    def __str__(self) -> str:
        return f"{self.activity} {self.decided_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return (
            reverse("activities:detail", args=[self.municipality.slug, self.activity_id])
            + "#omprovning"
        )


class DraftAction(models.TextChoices):
    ENTER = "enter", _("Ingå")
    CONTINUE = "continue", _("Fortsätta")
    END = "end", _("Avsluta")


#: Which review decisions a draft for each action may be recorded as.
DRAFT_DECISIONS: dict[str, tuple[str, ...]] = {
    DraftAction.CONTINUE: (Decision.CONTINUE, Decision.CHANGE),
    DraftAction.END: (Decision.END,),
}


class DecisionDraft(TenantModel):
    """A decision draft (tjänsteskrivelse) to enter, continue or end an agreement or membership.

    Kept as written: never edited, a new draft is a new row; the Word and PDF/A files
    are immutable with their checksums. When the decision is taken, it is recorded on
    the draft (body, date, reference; for continue and end also the review that recorded
    it), so the draft stays in the archive with the decision it led to.
    """

    SHOW_IN_RECENT_CHANGES = False

    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="decision_drafts",
        verbose_name=_("avtal/medlemskap"),
    )
    action = models.CharField(_("förslag"), max_length=20, choices=DraftAction.choices)
    addressed_to = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("till organ"),
    )
    policy = models.ForeignKey(
        "policies.Policy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("styrdokument"),
        help_text=_("Versionen i kraft när underlaget skrevs, den som citeras."),
    )
    subject = models.CharField(_("ärende"), max_length=300)
    docx = models.FileField(_("Word-fil"), upload_to="decision-drafts/%Y/")
    docx_sha256 = models.CharField(_("kontrollsumma för Word-filen (SHA-256)"), max_length=64)
    pdf = models.FileField(_("PDF/A-fil"), upload_to="decision-drafts/%Y/")
    pdf_sha256 = models.CharField(_("kontrollsumma för PDF/A-filen (SHA-256)"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skriven av"),
    )
    # The decision taken on it; empty until it is recorded.
    decided_by = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutat av"),
    )
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decision_reference = models.CharField(_("diarienummer/paragraf"), max_length=100, blank=True)
    review = models.OneToOneField(
        Review,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="draft",
        verbose_name=_("omprövning"),
    )

    class Meta:
        verbose_name = _("beslutsunderlag")
        verbose_name_plural = _("beslutsunderlag")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True)
                | (models.Q(decided_by__isnull=False) & ~models.Q(decision_reference="")),
                name="decision_draft_decided_whole",
                violation_error_message=_(
                    "Ett beslut anges med organ, datum och diarienummer eller paragraf."
                ),
            ),
        ]

    list_related = ("activity",)  # what its name reads, for lists of many

    def __str__(self) -> str:
        return self.subject

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None

    def get_absolute_url(self) -> str:
        return reverse("reviews:drafts", args=[self.municipality.slug, self.activity_id])
