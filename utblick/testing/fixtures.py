"""Personas and data for tests: coordinator, editor and reader in Uppsala, coordinator in Umeå."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from utblick.accounts.access import access_for
from utblick.accounts.models import Membership
from utblick.actionplans.models import ActionPlan, Measure
from utblick.activities.models import (
    Activity,
    ActivityDocument,
    ActivityLink,
    ActivityPartner,
    BudgetLine,
)
from utblick.compliance.models import ComplianceRun, FindingJustification
from utblick.core import clock
from utblick.core.tenancy import Role
from utblick.demo.services import shipped_policy_file
from utblick.followup.models import FollowUp, Period
from utblick.funding.models import Funding, FundingSource
from utblick.imports.models import ImportBatch
from utblick.intake.evaluate import seed_text
from utblick.intake.services import intake_create
from utblick.jobs.models import Job, JobState
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.policies.models import FocusArea, Policy, PolicyDocument, Term
from utblick.policies.services import policy_file_load
from utblick.public.models import AccessibilityReport
from utblick.reports.models import GeneratedReport
from utblick.reviews.models import DecisionDraft
from utblick.travel.models import Trip

PASSWORD = "test-password-1"


def load_shipped(slug: str) -> Municipality:
    return policy_file_load(
        data=shipped_policy_file(slug), filename=f"{slug}.toml", user=None
    ).municipality


def make_member(
    municipality: Municipality, username: str, role: str, units: list[Unit] | None = None
) -> Any:
    user = get_user_model().objects.create_user(username, f"{username}@example.se", PASSWORD)
    membership = Membership.objects.create(municipality=municipality, user=user, role=role)
    if units:
        membership.units.set(units)
    return user


def client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def uppsala(db: Any) -> Municipality:
    return load_shipped("uppsala")


@pytest.fixture
def umea(db: Any) -> Municipality:
    return load_shipped("umea")


def make_personas(uppsala: Municipality, umea: Municipality) -> dict[str, Any]:
    """Users of every kind the tests speak of, keyed by role."""
    education = Unit.objects.get(municipality=uppsala, key="utbildningsnamnden")
    return {
        "coordinator": make_member(uppsala, "uppsala-samordnare", Role.COORDINATOR),
        "editor": make_member(uppsala, "uppsala-redaktor", Role.EDITOR, [education]),
        "reader": make_member(uppsala, "uppsala-lasare", Role.READER),
        "outsider": make_member(umea, "umea-samordnare", Role.COORDINATOR),
    }


@pytest.fixture
def personas(uppsala: Municipality, umea: Municipality) -> dict[str, Any]:
    return make_personas(uppsala, umea)


@contextmanager
def module_data(django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[None]:
    """Rows (and files) built once for a module's tests, and rolled back when it is done.

    Each test still runs in its own transaction inside this one (a savepoint),
    so what a test writes is undone after it and the next test sees the same
    world. For fixtures the tests read and do not change.
    """
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


def make_register_objects(municipality: Municipality, unit: Unit, user: Any) -> dict[str, int]:
    """One activity in ``unit`` with a row of every kind that hangs on it; their ids."""
    activity = Activity.objects.create(
        municipality=municipality,
        kind="project",
        title="Testprojekt",
        unit=unit,
        development_area="Test",
    )
    partner = Partner.objects.create(
        municipality=municipality, name="Tartu linn", kind="municipality", country="EE"
    )
    link = ActivityPartner.objects.create(
        municipality=municipality, activity=activity, partner=partner
    )
    line = BudgetLine.objects.create(
        municipality=municipality, activity=activity, year=2026, budget=Decimal(100)
    )
    funding = Funding.objects.create(
        municipality=municipality,
        activity=activity,
        source=FundingSource.objects.get(key="erasmus-plus"),
    )
    web = ActivityLink.objects.create(
        municipality=municipality, activity=activity, title="Webb", url="https://example.se"
    )
    trip = Trip.objects.create(
        municipality=municipality, activity=activity, mode="train", distance_km=Decimal(70)
    )
    document = ActivityDocument(
        municipality=municipality,
        activity=activity,
        title="Avtal",
        original_name="avtal.pdf",
        size=4,
        sha256="0" * 64,
        uploaded_by=user,
    )
    document.file.save("avtal.pdf", ContentFile(b"%PDF"), save=True)
    batch = ImportBatch(
        municipality=municipality, original_name="x.csv", sha256="0" * 64, created_by=user
    )
    batch.file.save("x.csv", ContentFile(b"typ;titel\n"), save=True)
    defect = AccessibilityReport.objects.create(municipality=municipality, description="Kartan")
    return {
        "defect": defect.pk,
        "activity": activity.pk,
        "partner": partner.pk,
        "partner_link": link.pk,
        "budget_line": line.pk,
        "funding": funding.pk,
        "trip": trip.pk,
        "link": web.pk,
        "document": document.pk,
        "batch": batch.pk,
    }


def year_period(municipality: Municipality, year: int) -> Period:
    """A stored whole-year follow-up period, open from 1 December and due at the end of January."""
    return Period.objects.create(
        municipality=municipality,
        key="ar",
        name=f"Helår {year}",
        year=year,
        start=date(year, 1, 1),
        end=date(year, 12, 31),
        opens_on=date(year, 12, 1),
        due_on=date(year + 1, 1, 31),
        closes_on=date(year + 1, 2, 28),
    )


def make_planning_objects(
    municipality: Municipality, unit: Unit, activity_id: int, user: Any
) -> dict[str, int]:
    """A period, a follow-up, an action plan with a measure and a stored report; their ids."""
    period = Period.objects.create(
        municipality=municipality,
        key="ar",
        name="Helår 2026",
        year=2026,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        opens_on=date(2026, 1, 1),
        due_on=date(2027, 3, 1),
        closes_on=date(2027, 4, 30),
    )
    FollowUp.objects.create(
        municipality=municipality, activity_id=activity_id, period=period, status="on_track"
    )
    plan = ActionPlan.objects.create(municipality=municipality, unit=unit, year=2026)
    measure = Measure.objects.create(
        municipality=municipality, plan=plan, title="Åtgärd", indicator="Antal", target_value="1"
    )
    report = GeneratedReport(
        municipality=municipality,
        title="Rapport",
        year=2026,
        format="pdf",
        size=4,
        sha256="0" * 64,
        data_version="0" * 64,
        generated_by=user,
    )
    report.file.save("rapport.pdf", ContentFile(b"%PDF"), save=True)

    run = ComplianceRun.objects.create(municipality=municipality, reason="Test", findings=[])
    justification = FindingJustification.objects.create(
        municipality=municipality,
        rule_id="r",
        principle_key="p",
        subject="activity",
        subject_id=activity_id,
        decision="justified",
        reason="Test",
        decided_at=clock.now(),
    )
    return {
        "justification": justification.pk,
        "year": period.year,
        "period": period.key,
        "plan": plan.pk,
        "measure": measure.pk,
        "report": report.pk,
        "run": run.pk,
    }


def make_draft_objects(municipality: Municipality, activity_id: int, user: Any) -> dict[str, Any]:
    """A stored decision draft (its two files) about the activity; its id and a format."""
    draft = DecisionDraft(
        municipality=municipality,
        activity_id=activity_id,
        action="continue",
        addressed_to=Unit.objects.filter(municipality=municipality).first(),
        subject="Fortsatt avtal",
        docx_sha256="0" * 64,
        pdf_sha256="0" * 64,
        created_by=user,
    )
    draft.docx.save("underlag.docx", ContentFile(b"PK"), save=False)
    draft.pdf.save("underlag.pdf", ContentFile(b"%PDF"), save=True)
    return {"draft": draft.pk, "draft_format": "pdf"}


def make_intake_objects(municipality: Municipality, user: Any) -> dict[str, Any]:
    """An uploaded policy document under review, and a document attached to version 2."""
    intake = intake_create(
        access=access_for(user, municipality.slug),
        user=user,
        data=seed_text(municipality.slug).encode(),
        filename="policy.txt",
    )
    document = PolicyDocument(
        municipality=municipality,
        policy=Policy.objects.get(municipality=municipality, number=2),
        title="policy.txt",
        sha256=intake.sha256,
    )
    document.file.save("policy.txt", ContentFile(b"Policy"), save=True)
    return {
        "intake": intake.pk,
        "proposal": intake.proposals.first().pk,
        "element": "goal",
        "policy_document": document.pk,
    }


@pytest.fixture(autouse=True)
def _media_in_tmp(request: pytest.FixtureRequest, settings: Any, tmp_path: Any) -> None:
    """Uploaded files of a test go to its own temporary folder (a module's world keeps its own)."""
    if not getattr(request.module, "SHARED_WORLD", False):
        settings.MEDIA_ROOT = tmp_path / "media"


def bulk_activities(municipality: Municipality, n: int, *, label: str = "") -> list[int]:
    """``n`` tagged projects, each with a partner and a funding row, written in a few inserts.

    For the query-count tests: the rows a list, an export or a report reads, without
    going through the register's door row by row (the door has tests of its own).
    """
    label = label or str(n)
    unit = Unit.objects.get(municipality=municipality, key="ks")
    areas = list(FocusArea.objects.filter(policy__municipality=municipality)[:2])
    terms = list(Term.objects.filter(taxonomy__policy__municipality=municipality)[:1])
    partner = Partner.objects.create(
        municipality=municipality, name=f"Partner {label}", kind="region", country="FI"
    )
    source = FundingSource.objects.get(key="interreg")
    activities = Activity.objects.bulk_create(
        [
            Activity(
                municipality=municipality,
                kind="project",
                title=f"Aktivitet {label}-{i}",
                unit=unit,
                development_area="Verksamhetsutveckling",
                partner_summary=f"{partner.name} (partner)",
                search_text=f"aktivitet {label}-{i}",
            )
            for i in range(n)
        ]
    )
    ids = [a.pk for a in activities]
    Activity.focus_areas.through.objects.bulk_create(
        [Activity.focus_areas.through(activity_id=pk, focusarea=a) for pk in ids for a in areas]
    )
    Activity.terms.through.objects.bulk_create(
        [Activity.terms.through(activity_id=pk, term=t) for pk in ids for t in terms]
    )
    ActivityPartner.objects.bulk_create(
        [ActivityPartner(municipality=municipality, activity_id=pk, partner=partner) for pk in ids]
    )
    Funding.objects.bulk_create(
        [
            Funding(
                municipality=municipality,
                activity_id=pk,
                source=source,
                status="applied",
                applied_amount=Decimal(1),
            )
            for pk in ids
        ]
    )
    return ids


def queue_worker(worker_id: str, *, interval: float) -> Worker:
    """django-tasks' database worker for the default queue, as ``utblick worker`` runs it."""
    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def run_jobs() -> list[str]:
    """Run every queued job that is due, one after another, with django-tasks' own worker code.

    The worker's polling loop closes "old" connections, which would end a test's
    transaction; this claims each ready task as the loop does and runs it with the
    worker's ``run_task``. Returns each task's return value (e.g. "done", "retry").
    """
    outcomes = []
    worker = queue_worker("test", interval=0)
    while True:
        with exclusive_transaction():
            task = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if task is not None:
                task.claim(worker.worker_id)
        if task is None:
            return outcomes
        worker.run_task(task)
        task.refresh_from_db()
        outcomes.append(task.return_value if task.status == "SUCCESSFUL" else task.status)


def generated_report(client: Client, slug: str, query: str, fmt: str) -> Any:
    """Ask for a report as the page does, run its job, and download the result."""
    response = client.post(reverse("reports:generate", args=[slug]) + query, {"format": fmt})
    job = finished_job(client, response)
    assert job.state == JobState.DONE, job.error
    return client.get(job.result_url)


def finished_job(client: Client, response: Any) -> Job:
    """The job a page started (its redirect), after the worker has run what is queued."""
    assert response.status_code == 302 and "/jobb/" in response["Location"], response
    run_jobs()
    job = Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))
    assert client.get(response["Location"]).status_code == 200
    return job


def import_preview(client: Client, slug: str, name: str, data: bytes) -> Any:
    """Upload a file as the page does, let its check run, and open the preview."""
    response = client.post(
        reverse("imports:upload", args=[slug]), {"file": SimpleUploadedFile(name, data)}
    )
    if response.status_code != 302:
        return response  # refused at once (an unreadable file)
    job = finished_job(client, response)
    assert job.state == JobState.DONE, job.error
    return client.get(job.result_url)


def import_apply(client: Client, url: str) -> Job:
    """Press "Läs in" (a POST to ``url``) and let the job run."""
    return finished_job(client, client.post(url))
