"""An agreement's state (active, dormant, ended) everywhere the register is read.

The register's list and its filter, the public pages, the open data (CSV and
JSON), the DCAT description and the compiled report all say "vilande" for a
dormant agreement, not "pågående".
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from utblick.activities.services import activity_publish
from utblick.public.tests.conftest import access_of, publishing, save
from utblick.reports.data import Scope, build_report
from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements(uppsala: Any, clock: Any) -> dict[str, int]:
    clock.set(date(2026, 11, 23))
    publishing(uppsala)
    made = {}
    for title, state, place in (
        ("Vänort: Sovande", "dormant", "Hiiumaa"),
        ("Vänort: Levande", "active", "Tartu"),
        ("Partnerskap: Oangivet", "", "Gdynia"),
    ):
        kind = "partnership" if title.startswith("Partnerskap") else "twin_city"
        activity = save(
            uppsala,
            kind=kind,
            title=title,
            place=place,
            country="EE",
            status="active",
            agreement_state=state,
            agreement_date=date(1991, 5, 1),
            last_contact_on=date(2019, 6, 1) if state == "dormant" else None,
        )
        activity_publish(access=access_of(uppsala), user=None, activity=activity)
        made[state or "none"] = activity.pk
    return made


def _text(response: Any) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" ")


def test_register_list_shows_the_state_and_filters_by_it(
    agreements: dict[str, int], personas: dict[str, Any]
) -> None:
    client = client_for(personas["coordinator"])
    url = reverse("activities:list", args=["uppsala"])
    page = BeautifulSoup(client.get(url).content, "html.parser")
    row = next(tr for tr in page.select("tbody tr") if "Vänort: Sovande" in tr.get_text())
    assert "Avtal: Vilande" in row.get_text(" ")
    assert page.select_one("input[name='avtal'][value='dormant']")
    dormant = _text(client.get(url + "?avtal=dormant"))
    assert "Vänort: Sovande" in dormant and "Vänort: Levande" not in dormant
    both = _text(client.get(url + "?avtal=dormant&avtal=active"))
    assert "Vänort: Levande" in both and "Partnerskap: Oangivet" not in both


def test_public_pages_say_dormant_not_ongoing(agreements: dict[str, int]) -> None:
    public = Client()
    page = _text(public.get(reverse("public:activity", args=["uppsala", agreements["dormant"]])))
    assert "Vilande avtal" in page and "Pågående" not in page
    listing = BeautifulSoup(
        public.get(reverse("public:activities", args=["uppsala"])).content, "html.parser"
    )
    cards = {
        c.select_one(".card__title").get_text(strip=True): c.select_one(".status").get_text(
            strip=True
        )
        for c in listing.select(".activity-card")
    }
    assert cards["Vänort: Sovande"] == "Vilande avtal"
    assert cards["Vänort: Levande"] == "Pågående"


def test_open_data_and_dcat_carry_the_state(agreements: dict[str, int]) -> None:
    public = Client()
    response = public.get(reverse("public:open_data_csv", args=["uppsala"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    states = {r["titel"]: r["avtalets_lage"] for r in rows}
    assert states == {
        "Vänort: Sovande": "vilande",
        "Vänort: Levande": "aktivt",
        "Partnerskap: Oangivet": "",
    }
    document = json.loads(public.get(reverse("public:open_data_json", args=["uppsala"])).content)
    assert {a["titel"]: a["avtalets_lage"] or "" for a in document["aktiviteter"]} == states
    assert "avtalets_lage" in document["falt"]
    dcat = public.get("/uppsala/datasets/dcat", HTTP_ACCEPT="text/turtle").content.decode()
    assert "aktivt, vilande, avslutat" in dcat


def test_the_report_lists_dormant_agreements(agreements: dict[str, int], uppsala: Any) -> None:
    report = build_report(Scope(uppsala, 2026))
    assert report.figure("dormant_agreements") == 1
    [row] = report.table("dormant").rows
    assert row[0] == "Vänort: Sovande"
    assert row[3] == date(2019, 6, 1)
