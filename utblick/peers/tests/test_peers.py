"""Peers: other municipalities' published work answers who works with what (issue 18, point 3)."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.activities.services import activity_publish
from utblick.core.tenancy import Role
from utblick.partners.models import Partner
from utblick.partners.services import partner_save
from utblick.peers.selectors import PeerQuery, peers
from utblick.public.tests.conftest import SECRETS, access_of, publishing, save
from utblick.public.tests.conftest import world as world
from utblick.testing.api import Api
from utblick.testing.fixtures import client_for, load_shipped, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker(world: dict[str, Any]) -> Any:
    """A coordinator of Kungälv, which publishes nothing of its own here."""
    return make_member(load_shipped("kungalv"), "kungalv-fragar", Role.READER)


def ask(user: Any, shown: str = "", **params: str) -> BeautifulSoup:
    """The answer page; none of the world's secrets on it (but ``shown``, once published)."""
    response = client_for(user).get(reverse("peers:index", args=["kungalv"]), params)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    text = page.get_text(" ", strip=True)
    for secret in SECRETS.values():
        assert secret == shown or secret not in text
    return page


def answered(page: BeautifulSoup) -> dict[str, list[str]]:
    return {
        peer.select_one("h3").get_text(strip=True): [
            a.get_text(strip=True) for a in peer.select("li > a[href*='/aktiviteter/']")
        ]
        for peer in page.select("article.peer")
    }


def test_each_question_is_answered_from_published_work_only(asker: Any, umea: Any) -> None:
    tartu = ask(asker, ort="Tartu")
    assert answered(tartu) == {"Uppsala kommun": ["Vänort: Tartu"]}
    assert "Synlig Kontaktsson" in tartu.get_text()  # consented, and Uppsala shows contacts
    assert answered(ask(asker, ort="Estland")) == {"Uppsala kommun": ["Vänort: Tartu"]}
    assert answered(ask(asker, partner="TARTU LINN")) == {"Uppsala kommun": ["Vänort: Tartu"]}
    assert answered(ask(asker, partner="Tartu linn", land="Finland")) == {}
    network = ask(asker, natverk="eurocities")
    assert answered(network) == {"Uppsala kommun": ["Medlemskap i Eurocities"]}
    assert answered(ask(asker, program="Erasmus")) == {"Uppsala kommun": ["Grönt projekt"]}
    # Umeå has published a twin town in Vasa, but does not publish: nothing of it shows.
    assert answered(ask(asker, ort="Vasa")) == {}
    publishing(umea)
    now = ask(asker, shown=SECRETS["other municipality"], ort="Vasa")
    assert answered(now) == {"Umeå kommun": ["Umeås egna vänort"]}


def test_a_partner_is_found_by_its_pic_first(
    world: dict[str, Any], uppsala: Any, asker: Any
) -> None:
    tartu = Partner.objects.get(municipality=uppsala, name="Tartu linn")
    tartu.pic = "999644536"
    partner_save(access=access_of(uppsala), user=None, partner=tartu, expected_version=None)
    twin = Activity.objects.get(pk=world["twin"])
    activity_publish(access=access_of(uppsala), user=None, activity=twin)
    assert answered(ask(asker, partner="999 644 536")) == {"Uppsala kommun": ["Vänort: Tartu"]}
    assert answered(ask(asker, partner="999644537")) == {}


def test_the_own_municipality_is_left_out_and_an_empty_question_asks_nothing(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    client = client_for(personas["reader"])  # Uppsala's own reader
    page = client.get(reverse("peers:index", args=["uppsala"]), {"ort": "Tartu"})
    assert "Vänort: Tartu" not in page.content.decode()
    assert "Ingen annan kommun" in page.content.decode()
    empty = client.get(reverse("peers:index", args=["uppsala"]))
    assert empty.status_code == 200 and not BeautifulSoup(empty.content, "html.parser").select(
        "article.peer"
    )
    too_long = client.get(reverse("peers:index", args=["uppsala"]), {"ort": "x" * 500})
    assert too_long.status_code == 400 and "Säkerställ" in too_long.content.decode()


def test_the_api_answers_the_same_with_public_addresses(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    api = Api(personas["outsider"])  # a member of Umeå
    response = api.get("peers", ort="Tartu")
    assert response.status_code == 200, response.json()
    [peer] = response.json()["peers"]
    assert peer["municipality"] == "uppsala" and peer["url"].endswith("/uppsala/")
    [item] = peer["activities"]
    assert item["title"] == "Vänort: Tartu" and item["contact"]["name"] == "Synlig Kontaktsson"
    assert item["url"].endswith(reverse("public:activity", args=["uppsala", world["twin"]]))
    assert api.get("peers").status_code == 400
    assert Api(None).get("peers", ort="Tartu").status_code == 401
    assert SECRETS["non-consenting contact"] not in response.content.decode()


def test_the_answer_takes_three_queries_however_many_municipalities_answer(
    world: dict[str, Any], umea: Any
) -> None:
    with CaptureQueriesContext(connection) as one:
        answer = peers(PeerQuery(place="Tartu"))
    assert len(answer.peers) == 1
    publishing(umea)
    save(umea, kind="twin_city", title="Umeå och Tartu", unit="kf", country="EE", place="Tartu")
    activity_publish(
        access=access_of(umea), user=None, activity=Activity.objects.get(title="Umeå och Tartu")
    )
    with CaptureQueriesContext(connection) as two:
        answer = peers(PeerQuery(place="Tartu"))
    assert len(answer.peers) == 2
    assert len(two.captured_queries) == len(one.captured_queries) == 3
