"""The tenant: a Swedish municipality."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from utblick.core.models import HistoryAction
from utblick.core.validators import validate_organisation_number

municipality_code_validator = RegexValidator(
    r"^\d{4}$", _("Kommunkoden ska vara fyra siffror, t.ex. 0380.")
)


class Municipality(models.Model):
    """A municipality that runs its international work in Utblick."""

    name = models.CharField(_("namn"), max_length=100)
    slug = models.SlugField(_("kortnamn i adresser"), max_length=60, unique=True)
    code = models.CharField(
        _("kommunkod"), max_length=4, unique=True, validators=[municipality_code_validator]
    )
    organisation_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        unique=True,
        validators=[validate_organisation_number],
    )
    website = models.URLField(_("webbplats"), blank=True)
    import_words = models.JSONField(
        _("egna ord i importerade listor"),
        default=dict,
        blank=True,
        help_text=_(
            "Per kolumn (kind, status, agreement_state …) ord i kommunens egna listor och "
            'vad de betyder, t.ex. {"kind": {"vänskapsavtal": "twin_city"}}.'
        ),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords(bases=[HistoryAction])

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dashboard:start", args=[self.slug])
