"""The travel footprint (issue 17, point 4): Umeå → Würzburg for four, by air and by train.

The distance comes from the offline gazetteer and is checked here with another formula
(the spherical law of cosines); the footprint must reach the activity's page, the
compiled report in every format, the public page and the open data, with the
factors' sources.
"""

from __future__ import annotations

import csv
import io
import math
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from utblick.activities.models import Activity
from utblick.activities.services import activity_publish, activity_save
from utblick.activities.validation import Tags
from utblick.core.tenancy import COORDINATOR, Access, Role
from utblick.organisation.models import Unit
from utblick.policies.models import Term
from utblick.public.tests.conftest import publishing
from utblick.reports.data import Scope, build_report
from utblick.reports.render import render_pdf
from utblick.reports.render_docx import render_docx
from utblick.reports.render_xlsx import render_xlsx
from utblick.testing.fixtures import client_for, make_member
from utblick.travel.models import EmissionFactor, Trip
from utblick.travel.selectors import activity_footprint, travel_totals
from utblick.travel.services import factor_reset, factor_save, trip_save

UMEA = (63.82842, 20.25972)  # GeoNames 602150
WURZBURG = (49.79391, 9.95121)  # GeoNames 2805615


def law_of_cosines_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    cos = math.sin(la1) * math.sin(la2) + math.cos(la1) * math.cos(la2) * math.cos(lo2 - lo1)
    return 6371.0088 * math.acos(cos)


def access_of(municipality: Any) -> Access:
    return Access(municipality, COORDINATOR, user_id=0, is_platform_admin=True)


@pytest.fixture
def visit(umea: Any) -> Activity:
    sdg = Term.objects.get(
        taxonomy__policy__municipality=umea, taxonomy__builtin="agenda2030", code="11"
    )
    activity = Activity(
        municipality=umea,
        kind="event",
        title="Studiebesök i Würzburg",
        unit=Unit.objects.get(municipality=umea, key="ks"),
        place="Würzburg",
        country="DE",
        status="completed",
        start_date=date(2026, 5, 11),
        end_date=date(2026, 5, 13),
    )
    return activity_save(
        access=access_of(umea),
        user=None,
        activity=activity,
        tags=Tags(terms=[sdg]),
        expected_version=None,
    )


def add_trip(activity: Activity, **fields: Any) -> Trip:
    values = {
        "travellers": 4,
        "origin": "Umeå",
        "origin_country": "SE",
        "destination": "Würzburg",
        "destination_country": "DE",
        "travelled_on": date(2026, 5, 11),
    } | fields
    return trip_save(
        access=access_of(activity.municipality),
        user=None,
        activity=activity,
        trip=Trip(**values),
        expected_version=None,
    )


def expected_kg(km_one_way: float, grams: float, travellers: int = 4) -> Decimal:
    return Decimal(f"{km_one_way * 2 * travellers * grams / 1000:.1f}")


def test_umea_wurzburg_by_air_and_by_train(visit: Activity) -> None:
    air = add_trip(visit, mode="flight")
    add_trip(visit, mode="train")
    crow = law_of_cosines_km(UMEA, WURZBURG)
    assert abs(float(air.great_circle_km) - crow) < 0.2
    footprint = activity_footprint(visit)
    by_mode = {r.trip.mode: r for r in footprint.rows}
    # Flight: the great circle + 8 %, 133 g per passenger-km, four travellers, there and back.
    assert abs(by_mode["flight"].kg - expected_kg(crow * 1.08, 133)) <= Decimal("0.5")
    # Train: the great circle + 25 %, 7 g.
    assert abs(by_mode["train"].kg - expected_kg(crow * 1.25, 7)) <= Decimal("0.5")
    # About 1 930 kg against 117 kg: the train is a sixteenth.
    assert by_mode["flight"].kg > 15 * by_mode["train"].kg
    # The flight could have been a train journey: the comparison is the train's figure.
    assert by_mode["flight"].train_kg == by_mode["train"].kg
    assert by_mode["train"].train_kg is None
    assert footprint.kg == by_mode["flight"].kg + by_mode["train"].kg
    assert footprint.if_train_kg == 2 * by_mode["train"].kg
    assert [f.mode for f in footprint.factors] == ["flight", "train"]
    assert "Klimatsmart semester" in footprint.factors[0].cited


def test_the_activity_page_shows_trips_and_sources(visit: Activity, umea: Any) -> None:
    add_trip(visit, mode="flight")
    add_trip(visit, mode="train")
    client = client_for(make_member(umea, "umea-samordnare", Role.COORDINATOR))
    page = BeautifulSoup(
        client.get(reverse("activities:detail", args=["umea", visit.pk])).content, "html.parser"
    )
    section = page.select_one("#resor")
    text = section.get_text(" ", strip=True)
    assert "Umeå (Sverige) – Würzburg (Tyskland)" in text
    assert "Flyg" in text and "Tåg" in text
    assert "133 g CO₂e/personkm (Klimatsmart semester" in text
    assert "Med tåg i stället för flyg" in text


def test_a_trip_through_the_form_and_its_errors(visit: Activity, umea: Any) -> None:
    client = client_for(make_member(umea, "umea-samordnare", Role.COORDINATOR))
    url = reverse("travel:trip_add", args=["umea", visit.pk])
    post = {
        "resa-travellers": "4",
        "resa-mode": "train",
        "resa-origin": "Umeå",
        "resa-origin_country": "SE",
        "resa-destination": "Atlantis",
        "resa-destination_country": "DE",
        "resa-round_trip": "on",
    }
    response = client.post(url, post)
    assert response.status_code == 400
    assert "Hittar inte Atlantis i ortregistret" in response.content.decode()
    assert not Trip.objects.filter(activity=visit).exists()
    response = client.post(url, post | {"resa-distance_km": "1 950,5"})
    assert response.status_code == 302
    trip = Trip.objects.get(activity=visit)
    assert trip.distance_km == Decimal("1950.5") and trip.great_circle_km is None
    assert activity_footprint(visit).kg == expected_kg(1950.5, 7)
    # Two people change the same trip: the second gets a conflict, not a silent overwrite.
    edit = reverse("travel:trip_edit", args=["umea", visit.pk, trip.pk])
    form = post | {"resa-distance_km": "1950,5", "resa-row_version": str(trip.row_version)}
    assert client.post(edit, form | {"resa-travellers": "3"}).status_code == 302
    stale = client.post(edit, form | {"resa-travellers": "5", "resa-mode": "bus"})
    trip.refresh_from_db()
    assert stale.status_code == 200 and trip.travellers == 3 and trip.mode == "train"
    assert trip.history.count() == 2


def test_a_municipality_s_own_factor_with_its_source(visit: Activity, umea: Any) -> None:
    add_trip(visit, mode="flight")
    before = activity_footprint(visit).kg
    factor = factor_save(
        access=access_of(umea),
        user=None,
        factor=EmissionFactor(
            mode="flight", grams=Decimal("266"), source="Egen utredning", year=2026
        ),
        expected_version=None,
    )
    after = activity_footprint(visit)
    assert abs(after.kg - 2 * before) <= Decimal("0.2")
    assert after.factors[0].cited.startswith("Flyg 266 g CO₂e/personkm (Egen utredning, 2026)")
    with pytest.raises(ValidationError, match="egen faktor"):
        factor_save(
            access=access_of(umea),
            user=None,
            factor=EmissionFactor(mode="flight", grams=Decimal(1), source="x", year=2026),
            expected_version=None,
        )
    editor = Access(umea, Role.EDITOR, user_id=0)
    with pytest.raises(PermissionDenied):
        factor_reset(access=editor, user=None, factor=factor)
    factor_reset(access=access_of(umea), user=None, factor=factor)
    assert activity_footprint(visit).kg == before
    assert EmissionFactor.objects.filter(pk=factor.pk, archived_at__isnull=False).exists()


def test_totals_per_unit_year_and_goal(visit: Activity, umea: Any) -> None:
    air = add_trip(visit, mode="flight")
    add_trip(visit, mode="bus", travellers=2, distance_km=Decimal(100), travelled_on=None)
    totals = travel_totals(umea)
    kg = activity_footprint(visit).kg
    assert totals.kg == kg
    assert totals.by_unit == [(visit.unit.name, kg)]
    bus_kg = expected_kg(100, 27, travellers=2)
    # The bus has no day: it counts in the activity's year, 2026, with the flight.
    assert dict(totals.by_year) == {"2026": kg}
    assert [label for label, _kg in totals.by_sdg] == ["11 Hållbara städer och samhällen"]
    rows = {r.trip.pk: r.kg for r in activity_footprint(visit).rows}
    assert kg - bus_kg == rows[air.pk]


def test_report_in_every_format_and_open_data(visit: Activity, umea: Any, tmp_path: Path) -> None:
    add_trip(visit, mode="flight")
    add_trip(visit, mode="train")
    footprint = activity_footprint(visit)
    data = build_report(Scope(umea, 2026))
    assert data.figure("travel_kg") == int(footprint.kg.quantize(Decimal(1)))
    row = data.table("travel").rows[0]
    assert row[0] == "Studiebesök i Würzburg" and row[2:4] == [2, 8]
    assert row[5] == int(footprint.if_train_kg.quantize(Decimal(1)))
    sources = [r[2] for r in data.table("travel_factors").rows]
    assert any("Klimatsmart semester" in s for s in sources)
    assert data.table("travel_sdgs").rows[0][0].startswith("11 ")
    # Another year's report has none of it.
    assert data.table("travel").rows and not build_report(Scope(umea, 2025)).table("travel").rows
    # Each format, as its reader sees it.
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(render_pdf(data))
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert "Resor och klimatpåverkan" in text and "Studiebesök i Würzburg" in text
    assert "Klimatsmart semester" in text
    doc = Document(io.BytesIO(render_docx(data)))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "Studiebesök i Würzburg" in cells and any("Klimatsmart" in c for c in cells)
    sheet = load_workbook(io.BytesIO(render_xlsx(data)))["Resor"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any(r[0] == "Studiebesök i Würzburg" and r[4] == row[4] for r in values)

    # Published: the public page and the open data carry the same figures and sources.
    publishing(umea)
    activity_publish(access=access_of(umea), user=None, activity=visit)
    page = client_for(None).get(reverse("public:activity", args=["umea", visit.pk]))
    text = BeautifulSoup(page.content, "html.parser").get_text(" ", strip=True)
    assert "Resor och klimatpåverkan" in text and "Klimatsmart semester" in text
    response = client_for(None).get(reverse("public:open_data_csv", args=["umea"]))
    csv_text = b"".join(response.streaming_content)
    rows = list(csv.DictReader(io.StringIO(csv_text.decode("utf-8-sig"))))
    mine = next(r for r in rows if r["id"] == str(visit.pk))
    assert Decimal(mine["resor_kg_co2e"]) == footprint.kg
    assert Decimal(mine["resor_om_tag_kg_co2e"]) == footprint.if_train_kg
    assert "Klimatsmart semester" in mine["resor_utslappsfaktorer"]


def test_travel_page_queries_do_not_grow_with_trips(
    visit: Activity, umea: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(make_member(umea, "umea-samordnare", Role.COORDINATOR))
    url = reverse("travel:overview", args=["umea"])
    add_trip(visit, mode="flight")
    client.get(url)  # sessions and caches warm
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    for i, mode in enumerate(("train", "bus", "car", "boat", "flight", "train")):
        other = activity_save(
            access=access_of(umea),
            user=None,
            activity=Activity(
                municipality=umea,
                kind="event",
                title=f"Nätverksmöte {i}",
                unit=Unit.objects.get(municipality=umea, key="ks"),
                status="active",
            ),
            tags=Tags(),
            expected_version=None,
        )
        add_trip(other, mode=mode)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert "Nätverksmöte 5" in page.content.decode()
