"""The report page reads stored figures while the data and the day are unchanged (issue 16)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from utblick.activities.models import Activity, BudgetLine
from utblick.activities.services import activity_archive, budget_set
from utblick.core import clock as product_clock
from utblick.core.selectors import data_stamp
from utblick.core.services import save_versioned
from utblick.core.tenancy import Role, system_access
from utblick.jobs.models import JobState
from utblick.jobs.services import schedule_dailies
from utblick.organisation.models import Unit
from utblick.reports.data import Scope, build_report
from utblick.reports.formatting import figure_text
from utblick.reports.models import ReportSnapshot
from utblick.reports.services import report_data, report_data_warm_all, report_generate
from utblick.reports.snapshots import encode
from utblick.reports.tests.conftest import t2
from utblick.testing.fixtures import client_for, load_shipped, make_member, run_jobs

pytestmark = pytest.mark.django_db


def _page(client: Any, slug: str = "kungalv", query: str = "?ar=2026") -> tuple[Any, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:page", args=[slug]) + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser"), [q["sql"] for q in queries]


def _reads_activities(sql: list[str]) -> bool:
    """Whether the figures were counted: the activities read row by row, with their budgets."""
    lines = BudgetLine._meta.db_table
    return any(q.startswith(f'SELECT "{lines}"."id"') for q in sql)


def _figure(page: Any, label: str) -> str:
    for term in page.select("dt"):
        if term.get_text(strip=True) == label:
            return term.find_next_sibling("dd").get_text(strip=True)
    raise AssertionError(f"no figure {label!r}")


def test_stored_figures_read_back_as_computed(kungalv: Any) -> None:
    scope = Scope(kungalv, 2026, t2(kungalv))
    computed = report_data(scope)
    stored = report_data(scope)
    assert ReportSnapshot.objects.filter(municipality=kungalv).count() == 1
    assert stored is not computed
    assert stored.data_version == computed.data_version == build_report(scope).data_version
    assert stored.figures == [tuple(f) for f in computed.figures]
    for mine, theirs in zip(stored.tables, computed.tables, strict=True):
        assert (mine.key, mine.title, mine.headers, mine.rows) == (
            theirs.key,
            theirs.title,
            theirs.headers,
            theirs.rows,
        )
        assert (mine.money_columns, mine.percent_columns, mine.document_limit) == (
            theirs.money_columns,
            theirs.percent_columns,
            theirs.document_limit,
        )
    assert isinstance(stored.figure("budget_year"), Decimal)
    assert stored.places == computed.places and stored.visuals == computed.visuals
    assert stored.charts == {k: [tuple(v) for v in vs] for k, vs in computed.charts.items()}


def test_the_page_reads_stored_figures_until_a_change_through_any_door(kungalv: Any) -> None:
    coordinator = make_member(kungalv, "kungalv-snapshot", Role.COORDINATOR)
    client = client_for(coordinator)
    first, sql = _page(client)
    assert _reads_activities(sql)  # computed
    again, sql = _page(client)
    assert not _reads_activities(sql)  # read back
    assert again.select_one("main").get_text() == first.select_one("main").get_text()

    access = system_access(kungalv)
    activity = Activity.objects.filter(municipality=kungalv, archived_at__isnull=True).first()
    count = int(_figure(again, "Aktiviteter"))
    activity_archive(access=access, user=coordinator, activity=activity)
    after, sql = _page(client)
    assert _reads_activities(sql)
    assert int(_figure(after, "Aktiviteter")) == count - 1

    other = Activity.objects.filter(municipality=kungalv, archived_at__isnull=True).first()
    before = _figure(after, "Budget 2026")
    budget_set(
        access=access,
        user=coordinator,
        activity=other,
        year=2026,
        budget=Decimal("1234567"),
        cost=Decimal(0),
    )
    changed, _sql = _page(client)
    assert _figure(changed, "Budget 2026") != before
    fresh = report_data(Scope(kungalv, 2026))
    assert _figure(changed, "Budget 2026") == figure_text(fresh.figure("budget_year"))


def test_a_new_day_or_language_computes_anew(kungalv: Any, clock: Any) -> None:
    reader = make_member(kungalv, "kungalv-dag", Role.READER)
    _page(client_for(reader))
    clock.set(product_clock.today() + timedelta(days=1))
    client = client_for(reader)
    _page_next_day, sql = _page(client)
    assert _reads_activities(sql)
    assert ReportSnapshot.objects.get(municipality=kungalv).as_of == product_clock.today()
    with translation.override("en"):
        english = report_data(Scope(kungalv, 2026))
    assert english.figures[0][1] == "Activities"
    assert ReportSnapshot.objects.filter(municipality=kungalv).count() == 2
    swedish, sql = _page(client)
    assert not _reads_activities(sql) and _figure(swedish, "Aktiviteter")


def test_the_stamp_moves_with_every_save_even_against_a_slow_clock(kungalv: Any) -> None:
    coordinator = make_member(kungalv, "kungalv-stamp", Role.COORDINATOR)
    stamp = data_stamp(kungalv)
    assert data_stamp(kungalv) == stamp
    activity = Activity.objects.filter(municipality=kungalv).first()
    last_change = activity.updated_at
    budget_set(
        access=system_access(kungalv),
        user=coordinator,
        activity=activity,
        year=2026,
        budget=Decimal("1"),
        cost=Decimal("1"),
    )
    moved = data_stamp(kungalv)
    assert moved != stamp
    # A change saved by a machine whose clock is behind: its time is not the latest.
    activity.title = "Ny titel"
    save_versioned(activity, expected_version=None, user=coordinator)
    Activity.objects.filter(pk=activity.pk).update(updated_at=last_change - timedelta(days=1))
    assert data_stamp(kungalv) != moved
    # Another municipality's change is not this one's.
    umea = load_shipped("umea")
    mine = data_stamp(kungalv)
    other = Unit.objects.filter(municipality=umea).first()
    other.name = "Umeås ändring"
    save_versioned(other, expected_version=None, user=None)
    assert data_stamp(kungalv) == mine


def test_an_archived_report_does_not_make_the_figures_stale(kungalv: Any) -> None:
    coordinator = make_member(kungalv, "kungalv-arkiv", Role.COORDINATOR)
    client = client_for(coordinator)
    _page(client)
    report_generate(
        access=system_access(kungalv), user=coordinator, scope=Scope(kungalv, 2026), fmt="xlsx"
    )
    _page_after, sql = _page(client)
    assert not _reads_activities(sql)


def test_the_daily_job_computes_every_municipalitys_page_ahead(kungalv: Any) -> None:
    umea = load_shipped("umea")
    readers = {m: make_member(m, f"{m.slug}-morgon", Role.READER) for m in (kungalv, umea)}
    assert report_data_warm_all(year=product_clock.today().year) >= 2
    for municipality, reader in readers.items():
        client = client_for(reader)
        _page_now, sql = _page(client, municipality.slug, query="")
        assert not _reads_activities(sql)


def test_the_daily_job_is_queued_by_the_worker_and_runs(kungalv: Any, clock: Any) -> None:
    clock.set(datetime(2026, 12, 5, 7, 0), tick=False)
    job = {job.kind: job for job in schedule_dailies()}["report-pages"]
    clock.set(datetime(2026, 12, 6, 6, 1), tick=False)
    assert set(run_jobs()) == {"done"}
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert "kommuner" in job.result_label
    assert ReportSnapshot.objects.filter(municipality=kungalv).exists()


def test_a_document_for_the_archive_is_computed_anew_and_the_page_follows_it(
    kungalv: Any,
) -> None:
    coordinator = make_member(kungalv, "kungalv-fresh", Role.COORDINATOR)
    scope = Scope(kungalv, 2026)
    data = report_data(scope)
    # Stored figures that no longer say what the records say (as after a code change).
    data.figures = [(k, label, 999 if k == "activities" else v) for k, label, v in data.figures]
    ReportSnapshot.objects.filter(municipality=kungalv).update(payload=encode(data))
    client = client_for(coordinator)
    assert _figure(_page(client)[0], "Aktiviteter") == "999"
    report = report_generate(
        access=system_access(kungalv), user=coordinator, scope=scope, fmt="xlsx"
    )
    assert report.data_version == build_report(scope).data_version
    assert _figure(_page(client)[0], "Aktiviteter") == str(build_report(scope).figure("activities"))
