"""The new term of office: the pack, dormancy, and the items on Att göra (issue 20, items 2–3)."""

from __future__ import annotations

import subprocess
import tomllib
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import tomli_w
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.activities.models import Activity, ActivityPartner
from utblick.core import clock
from utblick.core.tenancy import Role
from utblick.demo.services import shipped_policy_file
from utblick.followup.due import due_count, due_items
from utblick.followup.models import FollowUp, FollowUpState
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.policies.models import FocusArea
from utblick.policies.services import policy_file_load
from utblick.reports.models import GeneratedReport
from utblick.reviews.models import Review
from utblick.termchange.selectors import liveliness, term_pack
from utblick.testing.fixtures import client_for, load_shipped, make_member, year_period

pytestmark = pytest.mark.django_db

TERM_START = date(2026, 10, 15)


def _agreement(umea: Any, title: str, kind: str, **fields: Any) -> Activity:
    values = {"status": "active", "agreement_date": date(2015, 5, 1)} | fields
    if kind == "network":
        values["member_since"] = values.pop("agreement_date")
    return Activity.objects.create(
        municipality=umea,
        kind=kind,
        title=title,
        unit=Unit.objects.get(municipality=umea, key="ks"),
        **values,
    )


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    umea = load_shipped("umea")
    uppsala = load_shipped("uppsala")
    a = {
        "wurzburg": _agreement(
            umea, "Vänort Würzburg", "twin_city", last_contact_on=date(2025, 11, 3)
        ),
        "vaasa": _agreement(umea, "Vänort Vasa", "twin_city"),  # last contact 30 months ago
        "eurocities": _agreement(umea, "Eurocities", "network", last_contact_on=date(2026, 3, 1)),
        "tartu": _agreement(
            umea, "Partnerskap Tartu", "partnership", last_contact_on=date(2026, 1, 9)
        ),
        # Not in force: ended, only an idea, archived; and an event is no agreement.
        "ended": _agreement(umea, "Vänort Saint-Brieuc", "twin_city", status="ended"),
        "idea": _agreement(umea, "Vänort Tromsø", "twin_city", status="idea"),
        "archived": _agreement(umea, "Vänort Petrozavodsk", "twin_city", archived_at=clock.now()),
        "event": Activity.objects.create(
            municipality=umea,
            kind="event",
            title="Studiebesök",
            status="active",
            unit=Unit.objects.get(municipality=umea, key="ks"),
        ),
        # Another municipality's agreement is never in Umeå's pack.
        "other": _agreement(uppsala, "Vänort Hangö", "twin_city"),
    }
    a["vaasa"].last_contact_on = date(2024, 4, 20)
    a["vaasa"].save()
    return {"umea": umea, "uppsala": uppsala, **a}


def test_the_pack_on_the_first_day_lists_exactly_the_agreements_in_force_by_deciding_body(
    world: dict[str, Any],
) -> None:
    with clock.fixed_day(TERM_START):
        pack = term_pack(world["umea"], clock.today())
    listed = {g.body: sorted(r.activity.title for r in g.rows) for g in pack.groups}
    assert listed == {
        "Kommunfullmäktige": ["Vänort Vasa", "Vänort Würzburg"],
        "Kommunstyrelsen": ["Eurocities"],
        # Umeå's programme names no body for partnerships, and this one records none.
        "Inget beslutande organ angivet": ["Partnerskap Tartu"],
    }
    assert pack.term.label == "2026–2030"
    assert pack.revision_due  # adopted 2018: a revised programme is owed
    assert pack.open == 4 and pack.reviewed == set()


def test_a_review_decided_this_term_settles_the_reconsideration(world: dict[str, Any]) -> None:
    umea = world["umea"]
    Review.objects.create(
        municipality=umea,
        activity=world["eurocities"],
        assessment="Fortsatt relevant",
        decision="continue",
        deciding_body=Unit.objects.get(municipality=umea, key="ks"),
        decided_on=date(2026, 11, 20),
        decision_reference="KS 2026/311",
    )
    with clock.fixed_day(date(2026, 12, 1)):
        pack = term_pack(umea, clock.today())
        coordinator = make_member(umea, "umea-samordnare", Role.COORDINATOR)
        access = access_for(coordinator, "umea")
        items = [i for i in due_items(access, clock.today()) if i.kind == "reconsider"]
        count = due_count(access, clock.today())
        total = len(due_items(access, clock.today()))
    assert pack.reviewed == {world["eurocities"].pk}
    assert pack.open == 3
    assert sorted(i.title for i in items) == ["Partnerskap Tartu", "Vänort Vasa", "Vänort Würzburg"]
    assert all(i.due_on == date(2027, 10, 15) for i in items)
    assert count == total  # the badge counts what the list shows


def test_no_contact_for_30_months_is_flagged_dormant_and_a_contact_last_year_is_not(
    world: dict[str, Any],
) -> None:
    umea = world["umea"]
    with clock.fixed_day(date(2026, 10, 20)):
        rows = {r.activity.title: r for r in liveliness(umea, clock.today())}
    assert rows["Vänort Vasa"].dormant
    assert rows["Vänort Vasa"].last_sign == date(2024, 4, 20)
    assert not rows["Vänort Würzburg"].dormant
    assert not rows["Eurocities"].dormant


def test_any_sign_of_life_counts_and_the_policy_sets_the_months(world: dict[str, Any]) -> None:
    umea, vaasa = world["umea"], world["vaasa"]
    # A visit with the same partner this year revives the agreement ...
    partner = Partner.objects.create(
        municipality=umea, name="Vaasa", kind="municipality", country="FI"
    )
    ActivityPartner.objects.create(municipality=umea, activity=vaasa, partner=partner)
    visit = Activity.objects.create(
        municipality=umea,
        kind="event",
        title="Delegation till Vasa",
        status="completed",
        start_date=date(2026, 5, 4),
        unit=vaasa.unit,
    )
    ActivityPartner.objects.create(municipality=umea, activity=visit, partner=partner)
    with clock.fixed_day(date(2026, 10, 20)):
        row = next(r for r in liveliness(umea, clock.today()) if r.activity == vaasa)
    assert not row.dormant and row.last_related == date(2026, 5, 4)

    # ... and so does a submitted follow-up; a policy allowing 36 months keeps Vasa awake too.
    visit.archived_at = clock.now()
    visit.save()
    data = tomllib.loads(shipped_policy_file("umea").decode())
    data["policy"]["dormant_after_months"] = {"twin_city": 36}
    data["policy"]["version"] = "2"
    policy_file_load(data=tomli_w.dumps(data), filename="umea.toml", user=None)
    with clock.fixed_day(date(2026, 10, 20)):
        row = next(r for r in liveliness(umea, clock.today()) if r.activity == vaasa)
    assert row.months == 36 and not row.dormant
    period = year_period(umea, 2025)
    FollowUp.objects.create(
        municipality=umea,
        activity=world["eurocities"],
        period=period,
        status="on_track",
        state=FollowUpState.SUBMITTED,
        spent=Decimal(1000),
    )
    with clock.fixed_day(date(2028, 3, 1)):
        rows = {r.activity.title: r for r in liveliness(umea, clock.today())}
    eurocities = rows["Eurocities"]
    assert eurocities.last_followup == date(2025, 12, 31)
    assert eurocities.last_sign == date(2026, 3, 1)  # the contact is later than the follow-up
    assert not eurocities.dormant  # 24 months to the day: not yet
    with clock.fixed_day(date(2028, 3, 2)):
        rows = {r.activity.title: r for r in liveliness(umea, clock.today())}
    assert rows["Eurocities"].dormant


def test_pack_page_compliance_page_and_the_three_formats(world: dict[str, Any]) -> None:
    umea = world["umea"]
    coordinator = make_member(umea, "umea-samordnare", Role.COORDINATOR)
    client = client_for(coordinator)
    with clock.fixed_day(date(2026, 10, 20)):
        html = BeautifulSoup(
            client.get(reverse("termchange:pack", args=["umea"])).content, "html.parser"
        )
        bodies = [h.contents[0].strip() for h in html.select("#ompröva ~ h3")][:3]
        assert bodies == ["Inget beslutande organ angivet", "Kommunfullmäktige", "Kommunstyrelsen"]
        titles = {a.get_text(strip=True) for a in html.select("table th[scope=row] a")}
        assert titles == {"Vänort Vasa", "Vänort Würzburg", "Eurocities", "Partnerskap Tartu"}
        compliance = BeautifulSoup(
            client.get(reverse("compliance:page", args=["umea"])).content, "html.parser"
        )
        flagged = [
            r.select_one("th a").get_text(strip=True) for r in compliance.select("tr.dormant")
        ]
        assert flagged == ["Vänort Vasa"]
        for fmt in ("pdf", "docx", "xlsx"):
            response = client.post(reverse("termchange:generate", args=["umea"]), {"format": fmt})
            assert response.status_code == 200
            assert b"".join(response.streaming_content)
    archived = GeneratedReport.objects.filter(municipality=umea)
    assert sorted(r.format for r in archived) == ["docx", "pdf", "xlsx"]
    assert {r.title for r in archived} == {"Ny mandatperiod 2026–2030 – Umeå kommun"}
    pdf = archived.get(format="pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", pdf.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Vänort Vasa" in text and "Kommunfullmäktige" in text
    assert "Vänort Saint-Brieuc" not in text and "Hangö" not in text


def test_the_daily_reminders_archive_the_pack_once_from_the_terms_first_day(
    world: dict[str, Any],
) -> None:
    call_command("remind", "--today", "2026-10-14")
    assert not GeneratedReport.objects.filter(title__startswith="Ny mandatperiod 2026").exists()
    call_command("remind", "--today", "2026-10-15")
    call_command("remind", "--today", "2026-10-16")
    packs = GeneratedReport.objects.filter(title__startswith="Ny mandatperiod 2026")
    assert sorted(p.municipality.slug for p in packs) == ["umea", "uppsala"]


def test_last_terms_results_per_focus_area(world: dict[str, Any]) -> None:
    umea = world["umea"]
    project = Activity.objects.create(
        municipality=umea,
        kind="project",
        title="Klimatprojekt",
        status="completed",
        start_date=date(2023, 1, 1),
        end_date=date(2025, 6, 30),
        development_area="Klimat",
        unit=Unit.objects.get(municipality=umea, key="ks"),
    )
    project.focus_areas.set(
        FocusArea.objects.filter(policy__municipality=umea, key="verksamhetsutveckling")
    )
    period = year_period(umea, 2024)
    FollowUp.objects.create(
        municipality=umea,
        activity=project,
        period=period,
        status="at_risk",
        state=FollowUpState.SUBMITTED,
        spent=Decimal(180000),
    )
    with clock.fixed_day(TERM_START):
        pack = term_pack(umea, clock.today())
    area = next(r for r in pack.areas if r.label == "Verksamhetsutveckling")
    assert (area.activities, area.spent, area.lights["at_risk"]) == (1, Decimal(180000), 1)


def test_the_pack_page_reads_a_fixed_number_of_queries(
    world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    umea = world["umea"]
    client = client_for(make_member(umea, "umea-samordnare", Role.COORDINATOR))
    url = reverse("termchange:pack", args=["umea"])
    partner = Partner.objects.create(
        municipality=umea, name="Tartu", kind="municipality", country="EE"
    )
    ActivityPartner.objects.create(municipality=umea, activity=world["tartu"], partner=partner)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    baseline = len(few.captured_queries)
    for i in range(8):
        more = _agreement(umea, f"Vänort {i}", "twin_city" if i % 2 else "network")
        ActivityPartner.objects.create(municipality=umea, activity=more, partner=partner)
        Review.objects.create(
            municipality=umea,
            activity=more,
            assessment="Bra",
            decision="continue",
            deciding_body=Unit.objects.get(municipality=umea, key="ks"),
            decided_on=date(2026, 11, 1),
            decision_reference=f"KS {i}",
        )
    with django_assert_max_num_queries(baseline):
        assert client.get(url).status_code == 200


def test_an_agreement_decided_this_term_is_not_reconsidered_and_its_date_is_a_sign_of_life(
    world: dict[str, Any],
) -> None:
    umea = world["umea"]
    new = _agreement(umea, "Vänort Riga", "twin_city", agreement_date=date(2026, 11, 2))
    partner = Partner.objects.create(
        municipality=umea, name="Riga", kind="municipality", country="LV"
    )
    ActivityPartner.objects.create(municipality=umea, activity=new, partner=partner)
    old_visit = Activity.objects.create(
        municipality=umea,
        kind="event",
        title="Besök i Riga 2019",
        status="completed",
        start_date=date(2019, 5, 1),
        unit=new.unit,
    )
    ActivityPartner.objects.create(municipality=umea, activity=old_visit, partner=partner)
    with clock.fixed_day(date(2026, 12, 1)):
        pack = term_pack(umea, clock.today())
        rows = {r.activity.title: r for r in liveliness(umea, clock.today())}
        access = access_for(make_member(umea, "umea-samordnare", Role.COORDINATOR), "umea")
        items = [i.title for i in due_items(access, clock.today()) if i.kind == "reconsider"]
    assert new.pk in pack.reviewed and "Vänort Riga" not in items
    assert not rows["Vänort Riga"].dormant  # decided a month ago, though the last visit was 2019
