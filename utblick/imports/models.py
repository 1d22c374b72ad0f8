"""An uploaded import file, kept between its preview and its application."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel


class BatchStatus(models.TextChoices):
    CHECKING = "checking", _("Kontrolleras")
    PREVIEWED = "previewed", _("Förhandsgranskad")
    APPLIED = "applied", _("Inläst")
    DISCARDED = "discarded", _("Avbruten")


class ImportBatch(TenantModel):
    """One uploaded file: previewed, then applied whole or not at all."""

    SHOW_IN_RECENT_CHANGES = False
    #: What was derived or asked, not the municipality's data (``core.selectors.data_stamp``).
    IN_DATA_STAMP = False

    file = models.FileField(_("fil"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("filnamn"), max_length=255)
    sha256 = models.CharField(_("kontrollsumma"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.PREVIEWED
    )
    #: Row versions seen at preview: applying refuses if a record changed since.
    seen_versions = models.JSONField(_("versioner vid förhandsgranskning"), default=dict)
    summary = models.JSONField(_("sammanfattning"), default=dict)
    applied_at = models.DateTimeField(_("inläst"), null=True, blank=True)
    #: Every row's outcome of the last check, as gzipped JSON (paged through on the preview).
    preview = models.FileField(_("förhandsgranskning"), upload_to="imports/%Y/%m/", blank=True)
    #: What the file's maker says about it (an EU register's names to confirm), shown on
    #: the preview above the rows.
    notes = models.JSONField(_("anteckningar"), default=list, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
