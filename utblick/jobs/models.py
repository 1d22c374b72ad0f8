"""Work that runs in the background: a report, an import, an intake, a reminder round.

The queue itself is django-tasks' database backend (``django_tasks_db``); a
:class:`Job` is what the user sees of one piece of work: what it is, how far it
has come, and where its result is. One job may take several attempts (tasks).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Väntar på sin tur")
    RUNNING = "running", _("Pågår")
    DONE = "done", _("Klart")
    FAILED = "failed", _("Misslyckades")


OPEN_STATES = (JobState.QUEUED, JobState.RUNNING)


class Job(models.Model):
    """One piece of background work, its progress and its result."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kommun"),
        help_text=_("Tomt för plattformens egna jobb."),
    )
    kind = models.CharField(_("slag"), max_length=40)
    #: What the handler needs, as JSON (ids and keys, never whole records).
    params = models.JSONField(_("parametrar"), default=dict)
    #: The same work asked for twice while the first is open is the same job.
    key = models.CharField(_("nyckel"), max_length=300)
    title = models.CharField(_("titel"), max_length=300)
    language = models.CharField(_("språk"), max_length=10, default="sv")
    state = models.CharField(
        _("läge"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    step = models.PositiveIntegerField(_("steg"), default=0)
    total = models.PositiveIntegerField(_("antal steg"), default=0)
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    result_url = models.CharField(_("resultat"), max_length=500, blank=True)
    result_label = models.CharField(_("resultatets namn"), max_length=300, blank=True)
    #: Where the result is kept for later (an archive), if not the result's own page.
    archive_url = models.CharField(_("arkiv"), max_length=500, blank=True)
    archive_label = models.CharField(_("arkivets namn"), max_length=300, blank=True)
    error = models.TextField(_("fel"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    task_id = models.CharField(_("köns id"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("startat av"),
    )
    created_at = models.DateTimeField(_("startat"))
    started_at = models.DateTimeField(_("påbörjat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("avslutat"), null=True, blank=True)

    class Meta:
        verbose_name = _("jobb")
        verbose_name_plural = _("jobb")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "kind", "key", "state"])]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return round(100 * self.step / self.total) if self.total else 0
