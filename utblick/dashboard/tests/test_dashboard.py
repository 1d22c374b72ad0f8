"""The start page as a dashboard, and the count on the menu's "Att göra"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.activities.models import Activity
from utblick.core import clock
from utblick.core.tenancy import Role
from utblick.demo.register import load_register
from utblick.followup.due import due_count, due_items
from utblick.municipalities.services import municipality_create
from utblick.testing.fixtures import bulk_activities, client_for, make_member

pytestmark = pytest.mark.django_db


def _start(user: Any, slug: str = "uppsala") -> BeautifulSoup:
    response = client_for(user).get(reverse("dashboard:start", args=[slug]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_coordinator_sees_what_is_due_compliance_counts_money_and_charts(
    personas: dict[str, Any], uppsala: Any
) -> None:
    load_register(uppsala)
    html = _start(personas["coordinator"])
    access = access_for(personas["coordinator"], "uppsala")
    items = due_items(access, clock.today())
    assert items, "the demo register has work due"
    due = html.select_one(".dashboard__due")
    assert len(due.select(".due-list__item")) == min(len(items), 8)
    assert due.select_one("a[href$='/uppfoljning/att-gora/']") is not None
    compliance = html.select_one(".dashboard__compliance")
    assert compliance.select_one("a[href$='/efterlevnad/']") is not None
    money = html.select_one(".dashboard__money")
    assert money.select_one("h2").get_text().endswith(str(clock.today().year))
    # Two charts, each an image with a text alternative and the same numbers in a table.
    charts = html.select(".dashboard-chart")
    assert len(charts) == 2
    for chart in charts:
        image = chart.select_one("img")
        assert image["src"].startswith("data:image/svg+xml;base64,")
        assert image["alt"].startswith("Diagram:")
        assert chart.select("table tbody tr")
    kinds = {
        row.th.get_text(): int(row.td.get_text()) for row in charts[0].select("table tbody tr")
    }
    assert sum(kinds.values()) == int(html.select_one("#h-register .count").get_text())


def test_recent_changes_say_what_happened_in_words(personas: dict[str, Any], uppsala: Any) -> None:
    load_register(uppsala)
    html = _start(personas["coordinator"])
    verbs = {td.get_text() for td in html.select("#h-changes + table td[data-label='Vad']")}
    assert verbs and not verbs & {"created", "changed", "deleted"}, verbs
    assert verbs <= {"Skapad", "Ändrad", "Arkiverad", "Publicerad", "Antagen"} | {
        v for v in verbs if " – " in v
    }


def test_a_reader_sees_the_figures_and_no_tasks(personas: dict[str, Any], uppsala: Any) -> None:
    load_register(uppsala)
    html = _start(personas["reader"])
    assert "Som läsare har du inga uppgifter här." in html.select_one(".dashboard__due").get_text()
    assert html.select(".dashboard-chart")
    assert html.select_one(".nav-badge") is None


def test_a_new_municipality_gets_sensible_empty_states(db: Any) -> None:
    root = get_user_model().objects.create_superuser("root", "root@example.se", "x")
    new = municipality_create(user=root, code="0114", organisation_number="")
    coordinator = make_member(new, "ny-samordnare", Role.COORDINATOR)
    html = _start(coordinator, new.slug)
    assert not html.select(".dashboard-chart")
    assert (
        "Registret har inga aktiviteter ännu." in html.select_one("#h-register").parent.get_text()
    )
    assert "Efterlevnaden kontrolleras" in html.select_one(".dashboard__compliance").get_text()
    assert "Ingen budget" in html.select_one(".dashboard__money").get_text()
    assert "Inga ändringar ännu." in html.get_text() or html.select("#h-changes + table")


def test_the_start_page_reads_a_flat_number_of_queries(
    personas: dict[str, Any], uppsala: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(personas["coordinator"])
    url = reverse("dashboard:start", args=["uppsala"])
    bulk_activities(uppsala, 3, label="a")
    client.get(url)  # warm caches (chart rendering, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    ids = bulk_activities(uppsala, 150, label="b")
    # Running projects: each owed a follow-up and counted in the menu's badge too.
    Activity.objects.filter(pk__in=ids).update(status="active", start_date=date(2020, 1, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_badge_counts_exactly_what_att_gora_lists(
    personas: dict[str, Any], uppsala: Any
) -> None:
    load_register(uppsala)
    today = clock.today()
    kinds: set[str] = set()
    for role in ("coordinator", "editor", "reader"):
        access = access_for(personas[role], "uppsala")
        items = due_items(access, today)
        kinds |= {i.kind for i in items}
        with CaptureQueriesContext(connection) as queries:
            assert due_count(access, today) == len(items), role
        assert len(queries.captured_queries) <= 8, role
    assert {"followup", "review"} <= kinds  # plans and the policy: followup's tests


def test_the_badge_is_in_the_menu_with_words_for_screen_readers(
    personas: dict[str, Any], uppsala: Any
) -> None:
    load_register(uppsala)
    access = access_for(personas["coordinator"], "uppsala")
    n = due_count(access, clock.today())
    assert n > 0
    html = _start(personas["coordinator"])
    link = html.select_one(".main-nav a[href$='/uppfoljning/att-gora/']")
    assert link.select_one(".nav-badge").get_text() == str(n)
    assert link.select_one(".nav-badge")["aria-hidden"] == "true"
    assert " ".join(link.get_text(" ", strip=True).split()) == f"Att göra {n} , {n} att göra"


def test_the_status_chart_counts_an_activity_past_its_end_date_apart(
    personas: dict[str, Any], uppsala: Any
) -> None:
    """Issue 19, item 3: "Beslutad/pågående" only for what is still under way by its dates."""
    ids = bulk_activities(uppsala, 3, label="s")
    today = clock.today()
    Activity.objects.filter(pk__in=ids[:2]).update(
        status="active", start_date=date(2020, 1, 1), end_date=date(today.year - 1, 12, 31)
    )
    Activity.objects.filter(pk=ids[2]).update(
        status="active", start_date=date(2020, 1, 1), end_date=date(today.year + 1, 12, 31)
    )
    charts = _start(personas["coordinator"]).select(".dashboard-chart")
    statuses = {
        row.th.get_text(): int(row.td.get_text()) for row in charts[1].select("table tbody tr")
    }
    assert statuses["Beslutad/pågående"] == 1
    assert statuses["Beslutad – slutdatum passerat"] == 2
