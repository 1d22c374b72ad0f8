"""The register's list page: filter labels, sortable columns and the page size."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_every_filter_label_points_to_its_own_checkbox(
    personas: dict[str, Any], uppsala: Any
) -> None:
    page = soup(
        client_for(personas["coordinator"]).get(reverse("activities:list", args=["uppsala"]))
    )
    ids = Counter(el["id"] for el in page.select("[id]"))
    assert [i for i, n in ids.items() if n > 1] == []
    for name in ("typ", "status"):
        boxes = page.select(f"#filters input[type=checkbox][name={name}]")
        assert len(boxes) == 6
        for box in boxes:
            [label] = page.select(f"label[for='{box['id']}']")
            assert label.get_text(strip=True)
    labels = {label.get_text(strip=True): label["for"] for label in page.select("#filters label")}
    assert page.select_one(f"#{labels['Vänort']}")["value"] == "twin_city"


@pytest.fixture
def listed(uppsala: Any) -> dict[str, Any]:
    """Activities whose kinds, statuses and units sort differently from their titles."""
    from utblick.activities.models import Activity
    from utblick.activities.services import activity_save
    from utblick.activities.validation import Tags
    from utblick.core.tenancy import system_access
    from utblick.organisation.models import Unit

    def make(title: str, kind: str, status: str, unit: str, **fields: Any) -> Activity:
        return activity_save(
            access=system_access(uppsala),
            user=None,
            activity=Activity(
                municipality=uppsala,
                kind=kind,
                title=title,
                status=status,
                unit=Unit.objects.get(municipality=uppsala, key=unit),
                **fields,
            ),
            tags=Tags(),
            expected_version=None,
        )

    return {
        "event": make("Aaa-mötet", "event", "completed", "kulturforvaltningen", place="Åbo"),
        "twin": make("Vänort: Åbo", "twin_city", "active", "ks", place="Åbo", country="FI"),
        "project": make(
            "Zeta", "project", "idea", "utbildningsforvaltningen", development_area="Test"
        ),
    }


def titles(response: Any) -> list[str]:
    return [
        a.get_text(strip=True) for a in soup(response).select(".register-table tbody td a[href]")
    ]


def headers(response: Any) -> dict[str, tuple[str, str]]:
    """Each sortable heading: (aria-sort, where its link goes)."""
    return {
        th.select_one("a").get_text(" ", strip=True).split(" (")[0]: (
            th.get("aria-sort", ""),
            th.select_one("a")["href"],
        )
        for th in soup(response).select(".register-table th.sortable")
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Aaa-mötet", "Vänort: Åbo", "Zeta"]),
        ("?sortera=typ", ["Zeta", "Vänort: Åbo", "Aaa-mötet"]),  # the kinds' own order
        ("?sortera=-typ", ["Aaa-mötet", "Vänort: Åbo", "Zeta"]),
        ("?sortera=status", ["Zeta", "Vänort: Åbo", "Aaa-mötet"]),  # the lifecycle
        ("?sortera=-status", ["Aaa-mötet", "Vänort: Åbo", "Zeta"]),
        ("?sortera=enhet", ["Vänort: Åbo", "Aaa-mötet", "Zeta"]),  # Kommunstyrelsen, Kultur…, Utb…
        ("?sortera=-enhet", ["Zeta", "Aaa-mötet", "Vänort: Åbo"]),
    ],
)
def test_columns_sort_both_ways(
    query: str, expected: list[str], personas: dict[str, Any], listed: Any
) -> None:
    response = client_for(personas["reader"]).get(
        reverse("activities:list", args=["uppsala"]) + query
    )
    assert titles(response) == expected


def test_the_sorted_column_says_so_and_its_link_turns_the_direction(
    personas: dict[str, Any], listed: Any
) -> None:
    client = client_for(personas["reader"])
    url = reverse("activities:list", args=["uppsala"])
    first = headers(client.get(url + "?typ=event&typ=twin_city&sida=1"))
    assert first["Aktivitet"] == ("ascending", "?typ=event&typ=twin_city&sortera=-titel")
    assert first["Typ"] == ("", "?typ=event&typ=twin_city&sortera=typ")
    second = client.get(url + first["Aktivitet"][1])
    assert titles(second) == ["Vänort: Åbo", "Aaa-mötet"]
    assert headers(second)["Aktivitet"] == ("descending", "?typ=event&typ=twin_city&sortera=titel")
    assert "aria-sort" not in str(soup(second).select(".register-table th:not(.sortable)"))
    caption = soup(second).select_one(".register-table caption").get_text()
    assert "sorterade efter Aktivitet, fallande" in caption


def test_page_size_is_kept_in_the_address_and_by_the_page_links(
    personas: dict[str, Any], uppsala: Any
) -> None:
    from utblick.testing.fixtures import bulk_activities

    bulk_activities(uppsala, 30)
    client = client_for(personas["reader"])
    url = reverse("activities:list", args=["uppsala"])
    page = soup(client.get(url + "?per_sida=25&sortera=-titel"))
    assert len(page.select(".register-table tbody tr")) == 25
    assert page.select_one("#id_per_sida option[selected]")["value"] == "25"
    [next_link] = page.select(".pagination a")
    assert next_link["href"] == "?per_sida=25&sortera=-titel&sida=2"
    assert len(soup(client.get(url + next_link["href"])).select(".register-table tbody tr")) == 5
    # A size not offered falls back to the default.
    assert len(soup(client.get(url + "?per_sida=7")).select(".register-table tbody tr")) == 30
    assert len(soup(client.get(url + "?per_sida=x")).select(".register-table tbody tr")) == 30


def test_a_heading_click_through_htmx_updates_the_panel_but_the_panel_keeps_its_focus(
    personas: dict[str, Any], listed: Any
) -> None:
    client = client_for(personas["reader"])
    url = reverse("activities:list", args=["uppsala"]) + "?sortera=-typ&per_sida=25"
    from_heading = soup(
        client.get(url, headers={"HX-Request": "true", "HX-Trigger": "sortera-typ"})
    )
    options = from_heading.select_one("#view-options[hx-swap-oob]")
    assert options.select_one("#id_sortera option[selected]")["value"] == "-typ"
    assert options.select_one("#id_per_sida option[selected]")["value"] == "25"
    from_panel = soup(client.get(url, headers={"HX-Request": "true", "HX-Trigger": "filters"}))
    assert from_panel.select_one("#view-options") is None
    assert from_panel.select_one(".register-table") is not None


def test_a_sorted_list_reads_as_few_queries_at_10_and_500(
    personas: dict[str, Any], uppsala: Any, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from utblick.testing.fixtures import bulk_activities

    client = client_for(personas["coordinator"])
    url = reverse("activities:list", args=["uppsala"]) + "?sortera=-enhet&per_sida=200"
    bulk_activities(uppsala, 10)
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as at_10:
        client.get(url)
    bulk_activities(uppsala, 490, label="more")
    with django_assert_num_queries(len(at_10.captured_queries)):
        response = client.get(url)
    assert len(soup(response).select(".register-table tbody tr")) == 200
