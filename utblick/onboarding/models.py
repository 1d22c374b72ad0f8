"""The coordinator's first-run path ("Kom igång").

Whether a step is done is derived from the municipality's data (see
``onboarding.selectors``); only the coordinator's choice to skip a step is
stored, so the path resumes where the data stands.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel


class Step(models.TextChoices):
    POLICY = "policy", _("Styrdokument")
    UNITS = "units", _("Enheter")
    MEMBERS = "members", _("Medlemmar")
    REGISTER = "register", _("Gamla listan")
    PUBLISHING = "publishing", _("Publicering")


class StepSkip(TenantModel):
    """A step of the first-run path the coordinator chose to skip (or skipped and took back)."""

    SHOW_IN_RECENT_CHANGES = False

    step = models.CharField(_("steg"), max_length=20, choices=Step.choices)
    skipped_at = models.DateTimeField(
        _("hoppades över"), null=True, blank=True, help_text=_("Tom när steget inte hoppas över.")
    )
    skipped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hoppades över av"),
    )

    class Meta:
        verbose_name = _("överhoppat steg")
        verbose_name_plural = _("överhoppade steg")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "step"],
                name="onboarding_step_unique_per_municipality",
                violation_error_message=_("Steget finns redan för kommunen."),
            )
        ]

    def __str__(self) -> str:
        return str(self.get_step_display())

    @property
    def is_skipped(self) -> bool:
        return self.skipped_at is not None
