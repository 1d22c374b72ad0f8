"""Building blocks every tenant-owned model is made of.

A tenant-owned row always carries its municipality (never null), a row version
for optimistic locking, and time stamps. Archivable rows are archived, never
deleted, through the UI.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from utblick.core.tenancy import Access

#: What a history row's ``history_type`` means when the change names no action of its own.
DEFAULT_VERBS = {"+": "created", "~": "changed", "-": "deleted"}


class HistoryAction(models.Model):
    """What every history row carries besides who and when: the action, as a stable key.

    The key is ``<model>.<verb>`` (``activity.published``), stored as is and
    translated only when a page shows it (``core.history.action_label``).
    """

    history_action = models.CharField(_("åtgärd"), max_length=60, blank=True, default="")

    class Meta:
        abstract = True


def action_key(instance: models.Model, verb: str) -> str:
    return f"{instance._meta.model_name}.{verb}"


@receiver(pre_create_historical_record)
def _stamp_action(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    """The generic change log: the row gets the action the write named, or the plain verb."""
    history_instance.history_action = getattr(instance, "_history_action", "") or action_key(
        instance, DEFAULT_VERBS[history_instance.history_type]
    )


class TenantQuerySet(models.QuerySet):
    """Reads that every tenant-owned model shares."""

    def visible_to(self, access: Access) -> Self:
        """What the member may see: everything of their own municipality."""
        return self.filter(municipality=access.municipality)


class ArchivableQuerySet(TenantQuerySet):
    def current(self) -> Self:
        """Rows that are not archived."""
        return self.filter(archived_at__isnull=True)

    def archived(self) -> Self:
        return self.filter(archived_at__isnull=False)


class TenantModel(models.Model):
    """A row that belongs to one municipality."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommun"),
    )
    row_version = models.PositiveIntegerField(
        _("version"), default=1, editable=False, help_text=_("Ökas vid varje sparning.")
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = TenantQuerySet.as_manager()
    # Every change to every tenant-owned row is kept: who, when, before/after.
    history = HistoricalRecords(inherit=True, bases=[HistoryAction])

    class Meta:
        abstract = True


class ArchivableModel(TenantModel):
    """A tenant row that is archived instead of deleted."""

    archived_at = models.DateTimeField(_("arkiverad"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("arkiverad av"),
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class RateLimit(models.Model):
    """How often one client has used one anonymous form in the current window.

    Kept in the database so that every worker process counts the same hits.
    The key is a hash (the client's address is not stored); a row is removed
    once its window is over.
    """

    key = models.CharField(_("nyckel"), max_length=64, unique=True)
    window_ends_at = models.DateTimeField(_("fönstret slutar"), db_index=True)
    hits = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        verbose_name = _("begränsning av anrop")
        verbose_name_plural = _("begränsningar av anrop")

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.hits}"


class CoordinateSource(models.TextChoices):
    """Where a record's coordinates came from: typed by hand win over the gazetteer's."""

    HAND = "hand", _("angivna för hand")
    GAZETTEER = "geonames", _("ortregistret GeoNames")


def coordinate_field(label: str, limit: int, help_text: str = "") -> models.DecimalField:
    """A latitude (limit 90) or longitude (limit 180) with five decimals (about a metre)."""
    return models.DecimalField(
        label,
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-limit), MaxValueValidator(limit)],
        help_text=help_text,
    )
