"""Background jobs: one job per piece of work, retried when it fails, refused when it can't be done.

The queue is the real django-tasks database backend and the tasks are run with its
worker's own code (:func:`run_jobs`); only the job kinds ``test-flaky`` registered
here stand in for a handler that fails the first times it runs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from utblick.accounts.models import Membership
from utblick.core import clock as product_clock
from utblick.core.tenancy import system_access
from utblick.jobs.models import Job, JobState
from utblick.jobs.services import (
    MAX_ATTEMPTS,
    JobRefused,
    Outcome,
    job_start,
    next_daily,
    register,
    schedule_dailies,
)
from utblick.organisation.models import Unit
from utblick.reports.data import Scope
from utblick.reports.models import GeneratedReport
from utblick.reports.services import report_start
from utblick.testing.fixtures import client_for, run_jobs

FAILURES: dict[int, int] = {}


def _flaky(job: Job, access: Any, user: Any, progress: Any) -> Outcome:
    """Fails as many times as the job's params say, then succeeds."""
    progress.stage("Räknar", total=2, step=1)
    if FAILURES.get(job.pk, 0) < job.params["fail"]:
        FAILURES[job.pk] = FAILURES.get(job.pk, 0) + 1
        raise RuntimeError("disken är full")
    return Outcome(url="/klart/", label="Resultatet")


register("test-flaky", _flaky)


def _start(municipality: Any, user: Any, fail: int, key: str = "k") -> Job:
    return job_start(
        kind="test-flaky",
        params={"fail": fail},
        key=key,
        title="Prov",
        municipality=municipality,
        user=user,
    )


def test_the_same_work_asked_twice_while_open_is_one_job(personas: dict[str, Any]) -> None:
    uppsala = Membership.objects.get(user=personas["coordinator"]).municipality
    first = _start(uppsala, personas["coordinator"], 0)
    assert _start(uppsala, personas["coordinator"], 0) == first
    assert DBTaskResult.objects.count() == 1
    assert run_jobs() == ["done"]
    first.refresh_from_db()
    assert (first.state, first.result_url, first.step, first.total) == ("done", "/klart/", 2, 2)
    again = _start(uppsala, personas["coordinator"], 0)  # done: asking again is new work
    assert again != first and again.state == JobState.QUEUED


def test_a_failing_job_is_retried_after_a_pause_then_shown_as_failed(
    personas: dict[str, Any], clock: Any
) -> None:
    clock.set(datetime(2026, 11, 23, 10, 0), tick=False)
    uppsala = Membership.objects.get(user=personas["coordinator"]).municipality
    recovers, gives_up = _start(uppsala, personas["coordinator"], 1, "a"), None
    assert run_jobs() == ["retry"]
    recovers.refresh_from_db()
    assert recovers.state == JobState.QUEUED and "Försök 1 misslyckades" in recovers.error
    assert run_jobs() == []  # not before the pause is over
    clock.set(datetime(2026, 11, 23, 10, 1), tick=False)
    assert run_jobs() == ["done"]
    recovers.refresh_from_db()
    assert (recovers.state, recovers.attempts, recovers.error) == ("done", 2, "")

    gives_up = _start(uppsala, personas["coordinator"], 99, "b")
    for minute in range(MAX_ATTEMPTS):
        clock.set(datetime(2026, 11, 23, 11, minute * 5), tick=False)
        run_jobs()
    gives_up.refresh_from_db()
    assert (gives_up.state, gives_up.attempts) == ("failed", MAX_ATTEMPTS)
    page = client_for(personas["coordinator"]).get(
        reverse("jobs:detail", args=["uppsala", gives_up.pk])
    )
    assert (
        "Jobbet misslyckades efter 3 försök: RuntimeError: disken är full" in page.content.decode()
    )


def test_a_report_job_with_a_vanished_unit_is_refused_in_swedish_and_not_retried(
    personas: dict[str, Any],
) -> None:
    uppsala = Membership.objects.get(user=personas["coordinator"]).municipality
    unit = Unit.objects.create(municipality=uppsala, key="tillfallig", name="Tillfällig")
    job = report_start(
        access=system_access(uppsala),
        user=personas["coordinator"],
        scope=Scope(uppsala, 2026, None, unit),
        fmt="xlsx",
    )
    unit.delete()
    assert run_jobs() == ["refused"]
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == ("failed", 1, "Enheten finns inte längre.")
    assert not GeneratedReport.objects.exists()


def test_a_job_stops_when_its_starter_lost_the_municipality(personas: dict[str, Any]) -> None:
    uppsala = Membership.objects.get(user=personas["reader"]).municipality
    job = _start(uppsala, personas["reader"], 0)
    Membership.objects.filter(user=personas["reader"]).update(archived_at=product_clock.now())
    assert run_jobs() == ["refused"]
    job.refresh_from_db()
    assert job.error == "Du har inte längre tillgång till kommunen."


def test_jobs_are_seen_by_their_starter_and_the_coordinators(personas: dict[str, Any]) -> None:
    uppsala = Membership.objects.get(user=personas["coordinator"]).municipality
    job = _start(uppsala, personas["coordinator"], 0)
    editors = _start(uppsala, personas["editor"], 0, "e")
    assert (
        client_for(personas["coordinator"])
        .get(reverse("jobs:detail", args=["uppsala", editors.pk]))
        .status_code
        == 200
    )
    url = reverse("jobs:detail", args=["uppsala", job.pk])
    assert client_for(personas["coordinator"]).get(url).status_code == 200
    assert client_for(personas["reader"]).get(url).status_code == 404  # same municipality
    assert client_for(personas["outsider"]).get(url).status_code == 404
    other = reverse("jobs:detail", args=["umea", job.pk])
    assert client_for(personas["outsider"]).get(other).status_code == 404
    listing = client_for(personas["reader"]).get(reverse("jobs:index", args=["uppsala"]))
    assert "Prov" not in listing.content.decode()
    assert (
        "Prov"
        in client_for(personas["coordinator"])
        .get(reverse("jobs:index", args=["uppsala"]))
        .content.decode()
    )


def test_the_status_fragment_polls_until_the_job_is_done(personas: dict[str, Any]) -> None:
    uppsala = Membership.objects.get(user=personas["coordinator"]).municipality
    job = _start(uppsala, personas["coordinator"], 0)
    client = client_for(personas["coordinator"])
    url = reverse("jobs:detail", args=["uppsala", job.pk])
    waiting = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in waiting and "<html" not in waiting
    run_jobs()
    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done and 'href="/klart/"' in done and 'value="2"' in done


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 12, 5, 5, 59), datetime(2026, 12, 5, 6, 0)),
        (datetime(2026, 12, 5, 6, 0), datetime(2026, 12, 6, 6, 0)),
        (datetime(2026, 12, 31, 23, 0), datetime(2027, 1, 1, 6, 0)),
        (datetime(2027, 3, 27, 12, 0), datetime(2027, 3, 28, 6, 0)),  # the clocks go forward
    ],
)
def test_daily_jobs_run_at_six_in_the_morning(moment: datetime, expected: datetime) -> None:
    zone = timezone.get_default_timezone()
    assert next_daily(moment.replace(tzinfo=zone)) == expected.replace(tzinfo=zone)


def test_the_reminders_are_scheduled_once_and_then_every_day(db: Any, clock: Any) -> None:
    clock.set(datetime(2026, 12, 5, 7, 0), tick=False)
    first = schedule_dailies()
    assert {j.kind for j in first} >= {"remind"}
    assert schedule_dailies() == first  # a second worker starting adds nothing
    assert run_jobs() == []  # not before tomorrow 06:00
    clock.set(datetime(2026, 12, 6, 6, 1), tick=False)
    outcomes = run_jobs()
    assert outcomes and set(outcomes) == {"done"}
    queued = Job.objects.filter(kind="remind", state=JobState.QUEUED).get()
    task = DBTaskResult.objects.get(id=queued.task_id)
    zone = timezone.get_default_timezone()
    assert timezone.localtime(task.run_after) == datetime(2026, 12, 7, 6, 0, tzinfo=zone)


def _refusing(job: Job, access: Any, user: Any, progress: Any) -> Outcome:
    raise JobRefused("Det går inte i dag.")


register("test-refused", _refusing)


def test_a_daily_job_that_fails_still_queues_tomorrows_run(db: Any, clock: Any) -> None:
    clock.set(datetime(2026, 12, 5, 7, 0), tick=False)
    job_start(kind="test-refused", params={"daily": True}, key="daily", title="Dagligt prov")
    assert run_jobs() == ["refused"]
    queued = Job.objects.get(kind="test-refused", state=JobState.QUEUED)
    zone = timezone.get_default_timezone()
    run_after = DBTaskResult.objects.get(id=queued.task_id).run_after
    assert timezone.localtime(run_after) == datetime(2026, 12, 6, 6, 0, tzinfo=zone)
