"""Generated reports, kept as archived records: never changed, regenerating makes a new one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel


class ReportFormat(models.TextChoices):
    PDF = "pdf", _("PDF/A för arkivet")
    DOCX = "docx", _("Word för ärendet")
    XLSX = "xlsx", _("Excel med siffrorna")


class GeneratedReport(TenantModel):
    """One generated report file, with who made it, when, from which data, and its checksum."""

    SHOW_IN_RECENT_CHANGES = False
    #: What was derived or asked, not the municipality's data (``core.selectors.data_stamp``).
    IN_DATA_STAMP = False

    title = models.CharField(_("titel"), max_length=300)
    year = models.PositiveIntegerField(_("år"))
    period = models.ForeignKey(
        "followup.Period",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("period"),
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enhet"),
    )
    format = models.CharField(_("format"), max_length=10, choices=ReportFormat.choices)
    file = models.FileField(_("fil"), upload_to="reports/%Y/")
    size = models.PositiveIntegerField(_("storlek (byte)"))
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    data_version = models.CharField(
        _("dataversion"),
        max_length=64,
        help_text=_("Kontrollsumma av siffrorna rapporten bygger på."),
    )
    #: The background job that made it: a job run again after a crash finds its report here.
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jobb"),
    )
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_format_display()})"

    def get_absolute_url(self) -> str:
        return reverse("reports:download", args=[self.municipality.slug, self.pk])


class ReportSnapshot(models.Model):
    """A report's figures as last computed for one scope and language (``reports.snapshots``).

    Not a record: a stored result that the report page reads while the municipality's
    data (``core.selectors.data_stamp``) and the day are what they were when it was
    computed. Anything else computes it anew and replaces it.
    """

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("kommun"),
    )
    scope = models.CharField(_("omfattning"), max_length=100)
    language = models.CharField(_("språk"), max_length=10)
    as_of = models.DateField(_("gäller dagen"))
    stamp = models.CharField(_("datastämpel"), max_length=64)
    #: The figures, tables, charts and map as gzipped JSON.
    payload = models.BinaryField(_("innehåll"))
    computed_at = models.DateTimeField(_("beräknad"))

    class Meta:
        verbose_name = _("lagrad sammanställning")
        verbose_name_plural = _("lagrade sammanställningar")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "scope", "language"], name="report_snapshot_one_per_scope"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} ({self.language}, {self.as_of})"
