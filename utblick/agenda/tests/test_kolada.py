"""Kolada indicators (issue 17, point 3): `utblick kolada load` on the shipped fixture, the
goal pages that show them beside the goal's activities, and the files it refuses whole."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.activities.services import activity_publish, activity_save
from utblick.activities.validation import Tags
from utblick.agenda.fetching import data_url, fetch_documents
from utblick.agenda.models import Indicator, IndicatorValue
from utblick.agenda.selectors import goal_indicators, goal_page
from utblick.agenda.services import kolada_load
from utblick.core.tenancy import Role, system_access
from utblick.organisation.models import Unit
from utblick.policies.models import Term
from utblick.public.tests.conftest import publishing
from utblick.testing.fixtures import client_for, make_member

DATA = Path(__file__).parent / "data" / "kolada"
FILES = [str(DATA / "kpi_groups.json"), str(DATA / "data-2480.json")]


def load(*files: str, slug: str = "umea") -> str:
    out: list[str] = []

    class Out:
        def write(self, text: str) -> None:
            out.append(text)

    call_command("kolada", "load", *files, "--municipality", slug, stdout=Out())
    return "".join(out)


def tagged(municipality: Any, title: str, goal: str) -> Activity:
    term = Term.objects.get(
        taxonomy__policy__municipality=municipality, taxonomy__builtin="agenda2030", code=goal
    )
    return activity_save(
        access=system_access(municipality),
        user=None,
        activity=Activity(
            municipality=municipality,
            kind="event",
            title=title,
            unit=Unit.objects.get(municipality=municipality, key="ks"),
            status="active",
            start_date=date(2026, 3, 1),
        ),
        tags=Tags(terms=[term]),
        expected_version=None,
    )


def test_load_the_fixture_and_again(umea: Any) -> None:
    out = load(*FILES)
    assert "3 nya indikatorer" in out and "Kommunens ekonomi i korthet" in out
    assert Indicator.objects.filter(municipality=umea).count() == 3
    # Gender rows are kept; the goal page shows the totals.
    assert IndicatorValue.objects.filter(municipality=umea, gender="K").count() == 4
    again = load(*FILES)
    assert "0 nya värden, 0 ändrade" in again
    climate = goal_indicators(umea, "13")
    assert [f.indicator.kpi for f in climate] == ["U90013"]
    figures = climate[0]
    assert (figures.latest.year, figures.latest.value) == (2024, Decimal("3.2"))
    assert figures.country_latest == Decimal("4.1")
    assert figures.trend == "down" and figures.years == "2021–2024"
    # A missing value (null, "Missing") is not the latest: 2023 is.
    green = next(f for f in goal_indicators(umea, "11") if f.indicator.kpi == "U90012")
    assert green.latest.year == 2023


def test_a_changed_value_is_updated_with_history(umea: Any, tmp_path: Path) -> None:
    load(*FILES)
    document = json.loads((DATA / "data-2480.json").read_text())
    document["values"][0]["values"][0]["value"] = 79.0
    changed = tmp_path / "data.json"
    changed.write_text(json.dumps(document))
    assert "1 ändrade" in load(FILES[0], str(changed))
    row = IndicatorValue.objects.get(
        municipality=umea, indicator__kpi="U90011", area="2480", year=2021, gender="T"
    )
    assert row.value == Decimal("79.0") and row.history.count() == 2


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "är inte JSON"),
        ('{"count": 0}', "listan values saknas"),
        ('{"values": [{"id": 1}]}', "varken nyckeltalsgrupper"),
        (
            '{"values": [{"kpi": "U90013", "municipality": "2480", "period": 2024,'
            ' "values": [{"gender": "X", "value": 1}]}]}',
            "kön ska vara T, K eller M",
        ),
        (
            '{"values": [{"kpi": "U90013", "municipality": "2480", "period": 2024,'
            ' "values": [{"gender": "T", "value": "mycket"}]}]}',
            "värdet ett tal",
        ),
        (
            '{"values": [{"kpi": "U90013", "municipality": "1480", "period": 2024,'
            ' "values": [{"gender": "T", "value": 3.0}]}]}',
            "Göteborg (1480), inte för Umeå kommun (2480)",
        ),
        (
            '{"values": [{"kpi": "U12345", "municipality": "2480", "period": 2024,'
            ' "values": [{"gender": "T", "value": 3.0}]}]}',
            "U12345 hör inte till något av de 17 målen",
        ),
    ],
)
def test_a_bad_or_foreign_file_loads_nothing(
    umea: Any, tmp_path: Path, document: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(document)
    with pytest.raises(CommandError, match="Inget lästes in") as error:
        load(FILES[0], str(bad), FILES[1])
    assert message in str(error.value)
    assert not Indicator.objects.filter(municipality=umea).exists()
    assert not IndicatorValue.objects.exists()


def test_the_goal_page_shows_activities_money_and_indicators(umea: Any, uppsala: Any) -> None:
    load(*FILES)
    visit = tagged(umea, "Klimatnätverket i Norden", "13")
    tagged(umea, "Vänortsskola", "4")
    page = goal_page(umea, "13")
    assert [r.activity.title for r in page.activities] == [visit.title]
    reader = client_for(make_member(umea, "umea-lasare", Role.READER))
    html = reader.get(reverse("agenda:goal", args=["umea", 13])).content.decode()
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert "Mål 13: Bekämpa klimatförändringarna" in text
    assert "Klimatnätverket i Norden" in text and "Vänortsskola" not in text
    assert "Kolada U90013, 2024" in text and "Utsläpp av växthusgaser" in text
    # Another municipality's reader sees none of Umeå's on its own goal page.
    other = client_for(make_member(uppsala, "uppsala-lasare", Role.READER))
    html = other.get(reverse("agenda:goal", args=["uppsala", 13])).content.decode()
    assert "U90013" not in html and "Klimatnätverket" not in html
    assert reader.get(reverse("agenda:goal", args=["umea", 18])).status_code == 404


def test_the_public_goal_page_shows_published_activities_and_indicators(umea: Any) -> None:
    load(*FILES)
    published = tagged(umea, "Klimatnätverket i Norden", "13")
    tagged(umea, "Ett utkast om klimat", "13")
    publishing(umea)
    activity_publish(access=system_access(umea), user=None, activity=published)
    response = client_for(None).get(reverse("public:goal", args=["umea", 13]))
    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
    assert "Klimatnätverket i Norden" in text and "Ett utkast om klimat" not in text
    assert "Kolada U90013, 2024" in text and "CC BY 4.0" in text


def test_query_count_does_not_grow_with_activities(
    umea: Any, django_assert_max_num_queries: Any
) -> None:
    load(*FILES)
    for i in range(3):
        tagged(umea, f"Aktivitet {i}", "13")
    with django_assert_max_num_queries(8) as few:
        goal_page(umea, "13")
    for i in range(3, 30):
        tagged(umea, f"Aktivitet {i}", "13")
    with django_assert_max_num_queries(len(few.captured_queries)):
        goal_page(umea, "13")


def test_the_daily_fetch_asks_for_every_page_and_loads_them(umea: Any) -> None:
    """The network is stood in for by the fixture: the URL asked for and the pages followed."""
    load(FILES[0])  # the municipality follows the fixture's key figures
    first = json.loads((DATA / "data-2480.json").read_text())
    second = {"values": first["values"][12:], "count": 12, "next_page": None}
    first = {"values": first["values"][:12], "count": 12, "next_page": "https://kolada.test/p2"}
    asked: list[str] = []

    def get(url: str) -> bytes:
        asked.append(url)
        return json.dumps(second if url.endswith("/p2") else first).encode()

    url = data_url("https://kolada.test/v3", ["U90011", "U90013"], umea.code, 2026)
    assert url == (
        "https://kolada.test/v3/data/kpi/U90011,U90013/municipality/2480,0000"
        "/year/2021,2022,2023,2024,2025,2026"
    )
    documents = fetch_documents(url, get)
    assert asked == [url, "https://kolada.test/p2"]
    result = kolada_load(access=system_access(umea), user=None, documents=documents)
    assert result.values_new == IndicatorValue.objects.filter(municipality=umea).count() > 24
