"""Places on the map: the offline gazetteer, typed coordinates that win, the map and open data."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from utblick.activities.models import Activity
from utblick.activities.services import activity_publish
from utblick.core import gazetteer
from utblick.core.tenancy import COORDINATOR, Access
from utblick.imports.reading import read_upload
from utblick.imports.services import apply_import
from utblick.partners.models import Partner
from utblick.partners.services import partner_save
from utblick.public.tests.conftest import publishing, save
from utblick.testing.fixtures import client_for
from utblick.testing.helpers import km, posted_back

#: Reference positions from the towns' own articles (not GeoNames), and the names Swedes use.
REAL = [
    ("Åbo", "FI", (60.4518, 22.2666)),
    ("Turku", "FI", (60.4518, 22.2666)),
    ("Helsingfors", "FI", (60.1699, 24.9384)),
    ("Florens", "IT", (43.7696, 11.2558)),
    ("Firenze", "IT", (43.7696, 11.2558)),
    ("Århus", "DK", (56.1629, 10.2039)),
    ("Aarhus", "DK", (56.1629, 10.2039)),
    ("Ísafjörður", "IS", (66.0748, -23.1350)),
    ("Isafjordur", "IS", (66.0748, -23.1350)),
    ("Chieti", "IT", (42.3510, 14.1675)),
    ("Petrozavodsk", "RU", (61.7849, 34.3469)),
    ("Port Adelaide", "AU", (-34.8477, 138.5060)),
    ("Vasa", "FI", (63.0960, 21.6158)),
    ("Würzburg", "DE", (49.7913, 9.9534)),
]


@pytest.mark.parametrize(("place", "country", "real"), REAL)
def test_swedish_and_local_names_find_the_place(
    place: str, country: str, real: tuple[float, float]
) -> None:
    found = gazetteer.locate(place, country)
    assert found is not None
    assert km((found.best.latitude, found.best.longitude), real) < 25


def test_a_name_in_another_country_or_unknown_is_not_guessed() -> None:
    assert gazetteer.locate("Florens", "SE") is None
    assert gazetteer.locate("Atlantis", "GR") is None
    assert gazetteer.locate("", "FI") is None


def test_two_places_of_one_name_are_ambiguous_with_both_candidates() -> None:
    found = gazetteer.locate("Tammela", "FI")
    assert found is not None and found.ambiguous
    assert len([found.best, *found.others]) >= 2
    assert not gazetteer.locate("Helsingfors", "FI").ambiguous  # type: ignore[union-attr]


def access_of(municipality: Any) -> Access:
    return Access(municipality, COORDINATOR, user_id=0, is_platform_admin=True)


@pytest.mark.django_db
def test_partners_get_their_place_and_typed_coordinates_win(uppsala: Any) -> None:
    access = access_of(uppsala)
    turku = Partner(municipality=uppsala, name="Åbo stad", kind="municipality", country="FI")
    turku.place = "Åbo"
    partner_save(access=access, user=None, partner=turku, expected_version=None)
    assert turku.coordinates_source == "geonames"
    assert km((float(turku.latitude), float(turku.longitude)), (60.4518, 22.2666)) < 25
    # A person types other coordinates: they win, and stay when the place is renamed.
    turku.latitude, turku.longitude = Decimal("60.44000"), Decimal("22.25000")
    partner_save(access=access, user=None, partner=turku, expected_version=turku.row_version)
    turku.place = "Turku"
    partner_save(access=access, user=None, partner=turku, expected_version=turku.row_version)
    turku.refresh_from_db()
    assert (turku.latitude, turku.coordinates_source) == (Decimal("60.44000"), "hand")
    # Looked-up coordinates follow the place when it changes.
    other = Partner(municipality=uppsala, name="Tartu Ülikool", kind="university", country="EE")
    other.place = "Tartu"
    partner_save(access=access, user=None, partner=other, expected_version=None)
    other.place = "Valga"
    partner_save(access=access, user=None, partner=other, expected_version=other.row_version)
    assert km((float(other.latitude), float(other.longitude)), (57.7769, 26.0311)) < 25


@pytest.mark.django_db
def test_the_partner_sheet_takes_coordinates_and_fills_the_rest(uppsala: Any) -> None:
    book = Workbook()
    book.active.title = "Aktiviteter"
    book.active.append(["typ", "titel", "enhet"])
    sheet = book.create_sheet("Partner")
    sheet.append(["namn", "typ", "land", "ort", "latitud", "longitud"])
    sheet.append(["Comune di Chieti", "Kommun/stad", "IT", "Chieti", None, None])
    sheet.append(["Città di Firenze", "Kommun/stad", "IT", "Florens", "43,77", "11,25"])
    sheet.append(["Petrozavodsk", "Kommun/stad", "RU", "Petrozavodsk", None, None])
    out = io.BytesIO()
    book.save(out)
    apply_import(read_upload(out.getvalue(), "p.xlsx"), access_of(uppsala), None, filename="p")
    chieti = Partner.objects.get(name="Comune di Chieti")
    firenze = Partner.objects.get(name="Città di Firenze")
    petrozavodsk = Partner.objects.get(name="Petrozavodsk")
    assert km((float(chieti.latitude), float(chieti.longitude)), (42.3510, 14.1675)) < 25
    assert (firenze.latitude, firenze.coordinates_source) == (Decimal("43.77000"), "hand")
    assert (
        km((float(petrozavodsk.latitude), float(petrozavodsk.longitude)), (61.7849, 34.3469)) < 25
    )
    # Florens and Chieti are no longer one dot in the middle of Italy.
    assert km((float(chieti.latitude), float(chieti.longitude)), (43.77, 11.25)) > 150


@pytest.mark.django_db
def test_the_map_and_open_data_show_the_activitys_own_place(
    uppsala: Any, clock: Any, personas: dict[str, Any]
) -> None:
    clock.set(date(2026, 11, 23))
    publishing(uppsala)
    visit = save(
        uppsala,
        kind="event",
        title="Studiebesök i Würzburg",
        place="Würzburg",
        country="DE",
        status="active",
        direction="outgoing",
    )
    activity_publish(access=access_of(uppsala), user=None, activity=visit)
    visit.refresh_from_db()
    assert visit.coordinates_source == "geonames"
    page = BeautifulSoup(
        Client().get(reverse("public:map", args=["uppsala"])).content, "html.parser"
    )
    assert "Würzburg" in page.select_one("svg.map").get_text()
    response = Client().get(reverse("public:open_data_csv", args=["uppsala"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    [row] = [r for r in rows if r["titel"] == "Studiebesök i Würzburg"]
    assert km((float(row["latitud"]), float(row["longitud"])), (49.7913, 9.9534)) < 25
    # Internally the page says where the coordinates came from.
    inside = client_for(personas["coordinator"]).get(
        reverse("activities:detail", args=["uppsala", visit.pk])
    )
    assert "ortregistret GeoNames" in inside.content.decode()


@pytest.mark.django_db
def test_an_ambiguous_place_lists_the_candidates_on_the_activity(
    uppsala: Any, personas: dict[str, Any]
) -> None:
    twin = save(uppsala, kind="twin_city", title="Vänort: Tammela", place="Tammela", country="FI")
    page = client_for(personas["coordinator"]).get(
        reverse("activities:detail", args=["uppsala", twin.pk])
    )
    notice = BeautifulSoup(page.content, "html.parser").select_one("main .notice--warning ul")
    assert notice is not None and len(notice.select("li")) >= 2
    assert Activity.objects.get(pk=twin.pk).latitude is not None


@pytest.mark.django_db
def test_the_form_lets_a_person_choose_among_the_candidates(
    uppsala: Any, personas: dict[str, Any]
) -> None:
    twin = save(uppsala, kind="twin_city", title="Vänort: Tammela", place="Tammela", country="FI")
    client = client_for(personas["coordinator"])
    url = reverse("activities:edit", args=["uppsala", twin.pk])
    page = client.get(url)
    choices = BeautifulSoup(page.content, "html.parser").select("input[name=place_candidate]")
    values = [c["value"] for c in choices]
    assert values[0] == "" and len(values) >= 3  # keep, and two places called Tammela
    picked = values[2]  # the second candidate, not the gazetteer's first choice
    response = client.post(url, posted_back(page) | {"place_candidate": [picked]})
    assert response.status_code == 302
    twin.refresh_from_db()
    assert f"{twin.latitude},{twin.longitude}" == picked
    assert twin.coordinates_source == "hand"
