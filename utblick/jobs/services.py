"""Starting, running and retrying background jobs: the one door for every job.

Each domain app registers a handler for its kind of job (in its ``AppConfig.ready``)
and starts jobs with :func:`job_start`. The queue is django-tasks' database
backend: ``utblick worker`` (or ``db_worker``) runs the tasks, as many processes
on as many machines as you like, each task claimed by one of them. A handler
reports its progress through :class:`Progress` and returns where its result is.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from utblick.accounts.access import access_for
from utblick.core import clock
from utblick.core.tenancy import Access, system_access
from utblick.jobs.models import OPEN_STATES, Job, JobState

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

log = logging.getLogger(__name__)

#: A job that fails for an unexpected reason is tried this many times in all.
MAX_ATTEMPTS = 3
#: Seconds before the second and the third attempt.
BACKOFF = (30, 120)
#: A job still "running" this long after it began lost its worker (a restart): it no
#: longer stands in the way of the same work asked for again.
STALE_AFTER = timedelta(hours=2)
#: Progress is written at most this often (seconds), besides every change of stage.
WRITE_EVERY = 0.25


class JobRefused(Exception):
    """The work cannot be done as asked (a bad file, a lost right): shown, never retried.

    ``outcome`` may point to where the user sees why (e.g. the rows in error).
    """

    def __init__(self, message: str, outcome: Outcome | None = None):
        super().__init__(message)
        self.outcome = outcome


@dataclass(frozen=True)
class Outcome:
    """Where the result of a finished job is: a page or a download."""

    url: str = ""
    label: str = ""
    archive_url: str = ""
    archive_label: str = ""


class Progress:
    """What a handler tells the user: a description and a step count, written sparingly."""

    def __init__(self, job: Job):
        self.job = job
        self._written = 0.0

    def stage(self, description: str, total: int = 0, step: int = 0) -> None:
        """A new stage of the work: its description, and how many steps it has."""
        self.job.description, self.job.total, self.job.step = description[:300], total, step
        self._write(force=True)

    def advance(self, steps: int = 1) -> None:
        self.job.step = min(self.job.step + steps, self.job.total or self.job.step + steps)
        self._write(force=self.job.step == self.job.total)

    def _write(self, *, force: bool) -> None:
        # Inside a transaction a write would stay unseen until it ends (and on SQLite
        # would wait for the transaction's own lock): the stage before it stays on screen.
        if connection.in_atomic_block:
            return
        moment = time.monotonic()
        if not force and moment - self._written < WRITE_EVERY:
            return
        self._written = moment
        Job.objects.filter(pk=self.job.pk).update(
            step=self.job.step, total=self.job.total, description=self.job.description
        )


Handler = Callable[[Job, Access | None, Any, Progress], Outcome]
_HANDLERS: dict[str, Handler] = {}
_DAILY: dict[str, Any] = {}


def register(kind: str, handler: Handler, *, daily_title: Any = None) -> None:
    """Make ``handler`` run every job of ``kind``; called from an app's ``ready()``.

    With ``daily_title``, the queue also runs the job once a day on its own
    (:func:`schedule_dailies`, called when a worker starts): no cron.
    """
    _HANDLERS[kind] = handler
    if daily_title is not None:
        _DAILY[kind] = daily_title


def job_start(
    *,
    kind: str,
    params: dict[str, Any],
    key: str,
    title: str,
    municipality: Any = None,
    user: AbstractBaseUser | None = None,
    not_before: datetime | None = None,
) -> Job:
    """Queue a job, or return the open job that already does the same work.

    A double press of a button, a second tab or a reload starts nothing new: a
    queued or running job with the same kind and key is the answer.
    """
    if kind not in _HANDLERS:
        raise ValueError(f"no handler for jobs of kind {kind!r}")
    with transaction.atomic():
        open_job = (
            Job.objects.select_for_update()
            .filter(municipality=municipality, kind=kind, key=key[:300], state__in=OPEN_STATES)
            .exclude(state=JobState.RUNNING, started_at__lt=clock.now() - STALE_AFTER)
            .first()
        )
        if open_job is not None:
            return open_job
        job = Job.objects.create(
            municipality=municipality,
            kind=kind,
            params=params,
            key=key[:300],
            title=title[:300],
            language=translation.get_language() or "sv",
            created_by=user if user is not None and user.is_authenticated else None,
            created_at=clock.now(),
            description=_("Väntar på sin tur i kön"),
        )
        # The queue is a table of the same database: the task row is written in this
        # transaction, so a job and its task exist together or not at all.
        _enqueue(job.pk, not_before)
    return job


def _enqueue(job_pk: int, not_before: datetime | None) -> None:
    runner = run_job.using(run_after=not_before) if not_before else run_job
    result = runner.enqueue(job_pk)
    Job.objects.filter(pk=job_pk).update(task_id=str(result.id))


def _access(job: Job) -> tuple[Access | None, Any]:
    """The starter's access as it is now: a right lost meanwhile stops the job."""
    user = None
    if job.created_by_id is not None:
        user = get_user_model().objects.filter(pk=job.created_by_id, is_active=True).first()
        if user is None:
            raise JobRefused(_("Användaren som startade jobbet finns inte längre."))
    if job.municipality is None:
        return None, user
    if user is None:
        return system_access(job.municipality), None
    try:
        return access_for(user, job.municipality.slug), user
    except Http404 as lost:
        raise JobRefused(_("Du har inte längre tillgång till kommunen.")) from lost


@task()
def run_job(job_pk: int) -> str:
    """The task the worker runs: one attempt at one job. Finished jobs are not run again."""
    job = Job.objects.select_related("municipality").filter(pk=job_pk).first()
    if job is None or job.finished:
        return "skipped"
    with translation.override(job.language):
        return _attempt(job)


def _attempt(job: Job) -> str:
    job.attempts += 1
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, started_at=clock.now(), attempts=job.attempts, error=""
    )
    progress = Progress(job)
    try:
        access, user = _access(job)
        handler = _HANDLERS.get(job.kind)
        if handler is None:
            raise JobRefused(_("Okänt slags jobb: %(kind)s") % {"kind": job.kind})
        outcome = handler(job, access, user, progress)
    except (JobRefused, ValidationError, PermissionDenied, Http404, PermissionError) as refusal:
        where = refusal.outcome if isinstance(refusal, JobRefused) else None
        _finish(job, JobState.FAILED, error=_refusal_text(refusal), outcome=where)
        return "refused"
    except Exception as error:  # any other failure is retried, then shown
        log.exception("job %s (%s) failed, attempt %s", job.pk, job.kind, job.attempts)
        return _failed(job, error)
    _finish(job, JobState.DONE, outcome=outcome)
    return "done"


def _refusal_text(refusal: Exception) -> str:
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    if isinstance(refusal, (PermissionDenied, PermissionError)):
        return str(refusal) or _("Du har inte behörighet att göra det här.")
    if isinstance(refusal, Http404):
        return _("Det som jobbet gällde finns inte längre.")
    return str(refusal)


def _failed(job: Job, error: Exception) -> str:
    what = f"{type(error).__name__}: {error}"[:500]
    if job.attempts < MAX_ATTEMPTS:
        wait = BACKOFF[min(job.attempts, len(BACKOFF)) - 1]
        Job.objects.filter(pk=job.pk).update(
            state=JobState.QUEUED,
            error=_("Försök %(n)s misslyckades (%(what)s); ett nytt försök görs om %(s)s sekunder.")
            % {"n": job.attempts, "what": what, "s": wait},
        )
        _enqueue(job.pk, clock.now() + timedelta(seconds=wait))
        return "retry"
    _finish(
        job,
        JobState.FAILED,
        error=_("Jobbet misslyckades efter %(n)s försök: %(what)s")
        % {"n": job.attempts, "what": what},
    )
    return "failed"


def _finish(job: Job, state: str, *, error: str = "", outcome: Outcome | None = None) -> None:
    values: dict[str, Any] = {"state": state, "finished_at": clock.now(), "error": error}
    if outcome is not None:
        values |= {
            "result_url": outcome.url,
            "result_label": outcome.label[:300],
            "archive_url": outcome.archive_url,
            "archive_label": outcome.archive_label[:300],
        }
    if state == JobState.DONE:  # the last stage's description stays, over a full bar
        values |= {"step": job.total or 1, "total": job.total or 1}
    Job.objects.filter(pk=job.pk).update(**values)
    _repeat(job)  # a daily job queues tomorrow's run, whether today's worked or not


#: The hour of the day (local time) at which daily jobs run.
DAILY_HOUR = 6


def next_daily(moment: datetime) -> datetime:
    """The next run of a daily job after ``moment``: tomorrow, or today if before the hour."""
    local = timezone.localtime(moment)
    run = local.replace(hour=DAILY_HOUR, minute=0, second=0, microsecond=0)
    return run if run > local else run + timedelta(days=1)


def schedule_daily(kind: str, title: str) -> Job:
    """Keep one daily job of ``kind`` queued for its next run (idempotent)."""
    return job_start(
        kind=kind,
        params={"daily": True},
        key="daily",
        title=title,
        not_before=next_daily(clock.now()),
    )


def schedule_dailies() -> list[Job]:
    """Every registered daily job queued for its next run; what was queued already stays."""
    return [schedule_daily(kind, str(title)) for kind, title in sorted(_DAILY.items())]


def _repeat(job: Job) -> None:
    if job.params.get("daily"):
        schedule_daily(job.kind, job.title)
