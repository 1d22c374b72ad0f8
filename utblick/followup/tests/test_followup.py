"""Periods from each policy's cadence, follow-ups, locking, corrections, returns; what is due; reminders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.activities.models import Activity
from utblick.activities.services import activity_save
from utblick.core.selectors import recent_changes
from utblick.core.tenancy import COORDINATOR, Access, Role
from utblick.demo.services import shipped_policy_file
from utblick.followup.due import due_count, due_items
from utblick.followup.models import FollowUp, FollowUpState, Period
from utblick.followup.selectors import closed_periods, periods_for
from utblick.followup.services import (
    FollowUpData,
    followup_correct,
    followup_return,
    followup_save,
    period_ensure,
)
from utblick.organisation.models import Unit
from utblick.policies.services import policy_file_load
from utblick.public.models import PublicActivity
from utblick.testing.fixtures import client_for, load_shipped, make_member

pytestmark = pytest.mark.django_db


def _url(name: str, period: Period, *activity: Activity) -> str:
    return reverse(name, args=["kungalv", period.year, period.key, *(a.pk for a in activity)])


def admin_access(municipality: Any) -> Access:
    return Access(municipality, COORDINATOR, user_id=0, is_platform_admin=True)


def test_kungalv_gets_tertials_and_year_end(db: Any) -> None:
    kungalv = load_shipped("kungalv")
    periods = periods_for(kungalv, 2026)
    assert [(p.key, p.name, p.start, p.end, p.due_on, p.closes_on) for p in periods] == [
        (
            "t1",
            "Tertial 1 2026",
            date(2026, 1, 1),
            date(2026, 4, 30),
            date(2026, 5, 30),
            date(2026, 7, 29),
        ),
        (
            "t2",
            "Tertial 2 2026",
            date(2026, 5, 1),
            date(2026, 8, 31),
            date(2026, 9, 30),
            date(2026, 11, 29),
        ),
        (
            "bokslut",
            "Tertial 3 och bokslut 2026",
            date(2026, 9, 1),
            date(2026, 12, 31),
            date(2027, 2, 14),
            date(2027, 4, 15),
        ),
    ]
    assert [p.is_year_end for p in periods] == [False, False, True]
    # Reading the periods stores nothing; the first follow-up stores its period, once.
    assert not Period.objects.filter(municipality=kungalv).exists()
    stored = period_ensure(periods[1])
    assert period_ensure(periods_for(kungalv, 2026)[1]) == stored
    assert [p.pk for p in periods_for(kungalv, 2026)] == [None, stored.pk, None]
    assert Period.objects.filter(municipality=kungalv).count() == 1


@pytest.mark.parametrize("slug", ["umea", "upplands-bro", "uppsala"])
def test_yearly_policies_get_one_period(slug: str, db: Any) -> None:
    municipality = load_shipped(slug)
    [period] = periods_for(municipality, 2025)
    assert (period.key, period.start, period.end, period.is_year_end) == (
        "ar",
        date(2025, 1, 1),
        date(2025, 12, 31),
        True,
    )


@pytest.fixture
def kungalv_setup(db: Any, clock: Any) -> dict[str, Any]:
    clock.set(date(2026, 9, 15))  # tertial 2 of 2026 is open
    kungalv = load_shipped("kungalv")
    unit = Unit.objects.get(municipality=kungalv, key="sektor-utbildning-kultur-fritid")
    other = Unit.objects.get(municipality=kungalv, key="sektor-omsorg")
    activity = Activity.objects.create(
        municipality=kungalv,
        kind="project",
        title="Skolprojekt",
        unit=unit,
        status="active",
        start_date=date(2026, 1, 1),
        development_area="Skola",
    )
    foreign = Activity.objects.create(
        municipality=kungalv, kind="event", title="Omsorgsbesök", unit=other, status="active"
    )
    t1, t2, year_end = periods_for(kungalv, 2026)
    editor = make_member(kungalv, "redaktor", Role.EDITOR, [unit])
    coordinator = make_member(kungalv, "samordnare", Role.COORDINATOR)
    return {
        "m": kungalv,
        "activity": activity,
        "foreign": foreign,
        "t1": t1,
        "t2": t2,
        "year_end": year_end,
        "editor": editor,
        "coordinator": coordinator,
    }


def test_comment_is_required_when_not_on_track(kungalv_setup: dict[str, Any], clock: Any) -> None:
    s = kungalv_setup
    client = client_for(s["editor"])
    url = _url("followup:edit", s["t2"], s["activity"])
    response = client.post(
        url, {"status": "at_risk", "progress": 40, "spent": "1000", "submit": "1"}
    )
    assert (
        "Förklara avvikelsen"
        in BeautifulSoup(response.content, "html.parser").select_one(".error-summary").get_text()
    )
    assert not FollowUp.objects.exists()
    clock.set(date(2026, 11, 23))
    with pytest.raises(ValidationError, match="Förklara avvikelsen"):
        followup_save(
            access=access_for(s["editor"], "kungalv"),
            user=s["editor"],
            activity=s["activity"],
            period=s["t2"],
            data=FollowUpData(status="off_track"),
            submit=True,
            expected_version=None,
        )


def test_submit_then_edit_until_the_period_closes(
    kungalv_setup: dict[str, Any], clock: Any
) -> None:
    s = kungalv_setup
    access = access_for(s["editor"], "kungalv")
    data = FollowUpData(status="on_track", progress=40, spent=Decimal(1000), results="Bra")
    clock.set(date(2026, 11, 23))
    followup = followup_save(
        access=access,
        user=s["editor"],
        activity=s["activity"],
        period=s["t2"],
        data=data,
        submit=True,
        expected_version=None,
    )
    assert followup.state == FollowUpState.SUBMITTED and followup.submitted_by == s["editor"]
    data.progress = 45
    clock.set(date(2026, 11, 29))
    followup_save(
        access=access,
        user=s["editor"],
        activity=s["activity"],
        period=s["t2"],
        data=data,
        submit=True,
        expected_version=followup.row_version,
    )
    clock.set(date(2026, 11, 30))
    with pytest.raises(ValidationError, match="låst"):
        followup_save(
            access=access,
            user=s["editor"],
            activity=s["activity"],
            period=s["t2"],
            data=data,
            submit=True,
            expected_version=None,
        )
    assert FollowUp.objects.get().progress == 45


def test_correction_after_close_is_a_new_version_and_both_stay(
    kungalv_setup: dict[str, Any], clock: Any
) -> None:
    s = kungalv_setup
    access = access_for(s["editor"], "kungalv")
    clock.set(date(2026, 5, 10))
    first = followup_save(
        access=access,
        user=s["editor"],
        activity=s["activity"],
        period=s["t1"],
        data=FollowUpData(status="on_track", progress=20),
        submit=True,
        expected_version=None,
    )
    with pytest.raises(ValidationError, match="Ange varför uppföljningen rättas"):
        followup_correct(
            access=access,
            user=s["editor"],
            followup=first,
            data=FollowUpData(status="on_track"),
            reason="",
        )
    corrected = followup_correct(
        access=access,
        user=s["editor"],
        followup=first,
        data=FollowUpData(status="at_risk", comment="Fel siffra", progress=15),
        reason="Fel siffra i T1",
    )
    first.refresh_from_db()
    assert (first.version, first.is_latest, first.progress) == (1, False, 20)
    assert (corrected.version, corrected.is_latest, corrected.correction_reason) == (
        2,
        True,
        "Fel siffra i T1",
    )
    page = BeautifulSoup(
        client_for(s["coordinator"]).get(_url("followup:edit", s["t1"], s["activity"])).content,
        "html.parser",
    )
    versions = [p.get_text(" ", strip=True) for p in page.select(".panel .history__meta")]
    assert len(versions) == 2 and "Version 2" in versions[0] and "ersatt av rättelse" in versions[1]


def test_editor_writes_only_own_units(kungalv_setup: dict[str, Any]) -> None:
    s = kungalv_setup
    client = client_for(s["editor"])
    url = _url("followup:edit", s["t2"], s["foreign"])
    assert (
        client.post(url, {"status": "on_track", "progress": 1, "spent": 0, "submit": 1}).status_code
        == 403
    )
    assert client.get(url).status_code == 200  # reading is fine
    assert not FollowUp.objects.exists()


def test_coordinator_returns_for_completion_and_it_becomes_due(
    kungalv_setup: dict[str, Any], clock: Any
) -> None:
    s = kungalv_setup
    access = access_for(s["editor"], "kungalv")
    clock.set(date(2026, 11, 1))
    followup = followup_save(
        access=access,
        user=s["editor"],
        activity=s["activity"],
        period=s["t2"],
        data=FollowUpData(status="on_track", progress=50),
        submit=True,
        expected_version=None,
    )
    clock.set(date(2026, 11, 2))
    followup_return(
        access=access_for(s["coordinator"], "kungalv"),
        user=s["coordinator"],
        followup=followup,
        reason="Ange hur många elever som deltog.",
    )
    items = due_items(access, date(2026, 11, 2))
    assert [(i.kind, i.title, i.detail) for i in items if i.kind == "returned"] == [
        ("returned", "Skolprojekt", "Ange hur många elever som deltog.")
    ]
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied for an editor
        followup_return(access=access, user=s["editor"], followup=followup, reason="x")


def test_due_items_for_editor_and_coordinator(kungalv_setup: dict[str, Any]) -> None:
    s = kungalv_setup
    today = date(2026, 11, 23)
    editor_items = due_items(access_for(s["editor"], "kungalv"), today)
    assert {(i.kind, i.title, i.detail) for i in editor_items} == {
        ("followup", "Skolprojekt", "Tertial 2 2026"),
        ("followup", "Skolprojekt", "Tertial 3 och bokslut 2026"),
    }
    coordinator_items = due_items(access_for(s["coordinator"], "kungalv"), today)
    kinds = [(i.kind, i.title) for i in coordinator_items]
    assert ("followup", "Omsorgsbesök") in kinds
    assert ("policy", "Revidera styrdokumentet") in kinds  # new term began 2026-10-15
    reader = make_member(s["m"], "lasare", Role.READER)
    assert due_items(access_for(reader, "kungalv"), today) == []


def test_the_menus_count_is_the_length_of_the_list_for_every_kind_of_item(
    kungalv_setup: dict[str, Any], db: Any
) -> None:
    s = kungalv_setup
    ub = load_shipped("upplands-bro")
    cases = [
        (access_for(s["editor"], "kungalv"), date(2026, 11, 23)),
        (access_for(s["coordinator"], "kungalv"), date(2026, 11, 23)),  # policy revision
        (access_for(s["editor"], "kungalv"), date(2027, 2, 10)),  # last year's year-end
        (access_for(make_member(ub, "ub", Role.COORDINATOR), "upplands-bro"), date(2026, 11, 23)),
    ]
    kinds: set[str] = set()
    for access, today in cases:
        items = due_items(access, today)
        kinds |= {i.kind for i in items}
        with CaptureQueriesContext(connection) as queries:
            assert due_count(access, today) == len(items), (access.municipality.slug, today)
        assert len(queries.captured_queries) <= 8
    assert {"followup", "policy", "plan"} <= kinds


def test_last_years_year_end_is_due_in_february_without_a_stored_period(
    kungalv_setup: dict[str, Any],
) -> None:
    s = kungalv_setup
    assert not Period.objects.filter(municipality=s["m"]).exists()
    items = due_items(access_for(s["editor"], "kungalv"), date(2027, 2, 10))
    assert [(i.kind, i.title, i.detail, i.due_on) for i in items if i.kind == "followup"] == [
        ("followup", "Skolprojekt", "Tertial 3 och bokslut 2026", date(2027, 2, 14)),
        ("followup", "Skolprojekt", "Tertial 1 2027", date(2027, 5, 30)),
    ]
    # Once closed (2027-04-15) it is no longer on the list of things to do.
    later = due_items(access_for(s["editor"], "kungalv"), date(2027, 4, 16))
    assert "Tertial 3 och bokslut 2026" not in [i.detail for i in later]


def test_each_year_owes_the_periods_of_the_version_in_force_that_year(db: Any, clock: Any) -> None:
    yearly = shipped_policy_file("kungalv").replace(b'kind = "tertial"', b'kind = "yearly"')
    clock.set(date(2025, 3, 1))
    kungalv = policy_file_load(data=yearly, filename="kungalv.toml", user=None).municipality
    clock.set(date(2027, 1, 10))
    load_shipped("kungalv")  # the tertial version is put in force in 2027
    closed = closed_periods(kungalv, date(2028, 6, 1))
    assert [(p.year, p.key) for p in closed] == [
        (2025, "ar"),
        (2026, "ar"),
        (2027, "t1"),
        (2027, "t2"),
        (2027, "bokslut"),
    ]
    assert [p.key for p in periods_for(kungalv, 2026)] == ["ar"]
    assert [p.key for p in periods_for(kungalv, 2027)] == ["t1", "t2", "bokslut"]


def test_upplands_bro_due_action_plans(db: Any) -> None:
    ub = load_shipped("upplands-bro")
    coordinator = make_member(ub, "ub", Role.COORDINATOR)
    items = due_items(access_for(coordinator, "upplands-bro"), date(2026, 11, 23))
    missing = sorted(i.unit for i in items if i.kind == "plan")
    assert missing == [
        "AB Upplands-Brohus",
        "Bygg- och miljönämnden",
        "Kultur- och fritidsnämnden",
        "Socialnämnden",
        "Utbildningsnämnden",
    ]


def test_review_due_is_listed(kungalv_setup: dict[str, Any]) -> None:
    s = kungalv_setup
    Activity.objects.create(
        municipality=s["m"],
        kind="network",
        title="Nätverk X",
        unit=s["activity"].unit,
        status="active",
        next_review_on=date(2026, 12, 1),
    )
    items = due_items(access_for(s["editor"], "kungalv"), date(2026, 11, 23))
    assert [(i.kind, i.title, i.due_on) for i in items if i.kind == "review"] == [
        ("review", "Nätverk X", date(2026, 12, 1))
    ]


def test_period_page_counts_submissions_per_unit(kungalv_setup: dict[str, Any], clock: Any) -> None:
    s = kungalv_setup
    clock.set(date(2026, 9, 1))
    followup_save(
        access=access_for(s["editor"], "kungalv"),
        user=s["editor"],
        activity=s["activity"],
        period=s["t2"],
        data=FollowUpData(status="on_track"),
        submit=True,
        expected_version=None,
    )
    page = BeautifulSoup(
        client_for(s["coordinator"]).get(_url("followup:period", s["t2"])).content,
        "html.parser",
    )
    rows = [
        [c.get_text(strip=True) for c in tr.select("th, td")]
        for tr in page.select("main table")[0].select("tbody tr")
    ]
    assert rows == [["Sektor Omsorg", "0", "1"], ["Sektor Utbildning, kultur och fritid", "1", "1"]]


def test_remind_sends_once_a_day(
    kungalv_setup: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The mail leaves only once the reminder's log row is committed.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("remind")
    assert len(callbacks) == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["redaktor@example.se", "samordnare@example.se"]
    editor_mail = next(m for m in mail.outbox if m.to == ["redaktor@example.se"])
    assert "Skolprojekt" in editor_mail.body and "Omsorgsbesök" not in editor_mail.body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind")
    assert len(mail.outbox) == 2


def test_custom_period(kungalv_setup: dict[str, Any]) -> None:
    s = kungalv_setup
    client = client_for(s["coordinator"])
    data = {
        "name": "Halvår 1 2027",
        "key": "h1",
        "start": "2027-01-01",
        "end": "2027-06-30",
        "opens_on": "2027-01-01",
        "due_on": "2027-07-31",
        "closes_on": "2027-06-01",
    }
    response = client.post(reverse("followup:period_create", args=["kungalv"]), data)
    assert "stängas före sista inlämningsdag" in response.content.decode()
    response = client.post(
        reverse("followup:period_create", args=["kungalv"]), data | {"closes_on": "2027-09-30"}
    )
    assert response.status_code == 302
    assert Period.objects.get(municipality=s["m"], key="h1").year == 2027
    # The cadence's own periods of that year cannot be made a second time, stored or not.
    response = client.post(
        reverse("followup:period_create", args=["kungalv"]),
        data | {"key": "t2", "closes_on": "2027-09-30"},
    )
    assert response.status_code == 200
    assert "Det finns redan en period med den nyckeln det året." in response.content.decode()
    assert not Period.objects.filter(municipality=s["m"], key="t2", year=2027).exists()


def test_period_page_query_count_does_not_grow(
    kungalv_setup: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    s = kungalv_setup
    client = client_for(s["coordinator"])
    url = _url("followup:period", s["t2"])
    t2 = period_ensure(s["t2"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    baseline = len(few.captured_queries)
    for i in range(60):
        a = Activity.objects.create(
            municipality=s["m"],
            kind="event",
            title=f"E{i}",
            unit=s["activity"].unit,
            status="active",
        )
        FollowUp.objects.create(municipality=s["m"], activity=a, period=t2, status="on_track")
    with django_assert_max_num_queries(baseline):
        assert client.get(url).status_code == 200


def test_recent_changes_link_follow_ups_without_a_query_each(kungalv_setup: dict[str, Any]) -> None:
    s = kungalv_setup
    access = access_for(s["editor"], "kungalv")

    def queries_with(count: int) -> int:
        for number in range(count):
            activity = Activity.objects.create(
                municipality=s["m"],
                kind="project",
                title=f"Projekt {count}-{number}",
                unit=s["activity"].unit,
                status="active",
                development_area="Skola",
            )
            followup_save(
                access=access,
                user=s["editor"],
                activity=activity,
                period=s["t2"],
                data=FollowUpData(status="on_track", progress=10),
                submit=False,
                expected_version=None,
            )
        with CaptureQueriesContext(connection) as captured:
            changes = recent_changes(s["m"], limit=40)
        assert sum("/uppfoljning/" in c.url for c in changes) >= count
        return len(captured)

    assert queries_with(2) == queries_with(8)


def test_the_later_of_two_versions_put_in_force_one_year_gives_its_periods(
    db: Any, clock: Any
) -> None:
    yearly = shipped_policy_file("kungalv").replace(b'kind = "tertial"', b'kind = "yearly"')
    clock.set(date(2025, 3, 1))
    kungalv = load_shipped("kungalv")
    clock.set(date(2025, 6, 1))
    policy_file_load(data=yearly, filename="kungalv.toml", user=None)
    assert [p.key for p in periods_for(kungalv, 2025)] == ["ar"]


def test_an_activity_past_its_end_date_is_due_to_be_closed_and_says_so(
    kungalv_setup: dict[str, Any], clock: Any
) -> None:
    s = kungalv_setup  # the clock says 2026-09-15
    activity = s["activity"]
    coordinator = access_for(s["coordinator"], "kungalv")
    activity.end_date = date(2026, 8, 31)
    activity_save(access=coordinator, user=None, activity=activity, expected_version=None)
    editor = access_for(s["editor"], "kungalv")
    today = date(2026, 9, 15)
    ended = [i for i in due_items(editor, today) if i.kind == "ended"]
    assert [(i.title, i.due_on, i.url) for i in ended] == [
        (
            "Skolprojekt",
            date(2026, 8, 31),
            reverse("activities:edit", args=["kungalv", activity.pk]),
        )
    ]
    assert due_count(editor, today) == len(due_items(editor, today))
    assert not [i for i in due_items(editor, date(2026, 8, 31)) if i.kind == "ended"]

    client = client_for(s["coordinator"])
    register = client.get(reverse("activities:list", args=["kungalv"])).content.decode()
    assert "Beslutad – slutdatum passerat" in register
    detail = client.get(reverse("activities:detail", args=["kungalv", activity.pk]))
    assert "Slutdatumet 2026-08-31 har passerat" in detail.content.decode()
    assert Activity.objects.get(pk=activity.pk).status == "active"  # nothing changed by itself

    activity.status = "completed"
    activity_save(access=coordinator, user=None, activity=activity, expected_version=None)
    assert not [i for i in due_items(editor, today) if i.kind == "ended"]


def test_the_public_pages_do_not_call_an_activity_past_its_end_date_ongoing(clock: Any) -> None:
    clock.set(date(2026, 9, 15))
    past = PublicActivity(status="active", end_date=date(2026, 8, 31))
    running = PublicActivity(status="active", end_date=date(2026, 12, 31))
    label = "public/_status.html"
    assert "Slutdatum passerat" in render_to_string(
        label, {"status": past.status, "past_end": past.past_end_date}
    )
    assert "Pågående" in render_to_string(
        label, {"status": running.status, "past_end": running.past_end_date}
    )


def test_a_comment_required_when_not_on_track_does_not_say_optional(
    kungalv_setup: dict[str, Any],
) -> None:
    s = kungalv_setup
    page = BeautifulSoup(
        client_for(s["editor"]).get(_url("followup:edit", s["t2"], s["activity"])).content,
        "html.parser",
    )
    label = page.select_one('label[for="id_comment"]').get_text(" ", strip=True)
    assert "krävs när läget inte är enligt plan" in label and "frivilligt" not in label
