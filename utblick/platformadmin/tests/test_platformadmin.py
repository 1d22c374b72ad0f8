"""A platform administrator adds a municipality from the official list and invites its coordinator.

Everyone else gets 404 on these pages. Bad input is a Swedish error on the
form, and leaves neither a municipality nor an invitation nor an e-mail.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utblick.accounts.models import Invitation, Membership
from utblick.core.history import action_of
from utblick.core.tenancy import Role
from utblick.demo.national import PRESETS, Scale
from utblick.jobs.models import Job, JobState
from utblick.municipalities.models import Municipality
from utblick.municipalities.services import municipality_create, slug_suggestion
from utblick.platformadmin.services import municipality_onboard
from utblick.testing.fixtures import client_for, finished_job

pytestmark = pytest.mark.django_db

ADD = reverse("platformadmin:municipality_add")
LIST = reverse("platformadmin:municipalities")
DEMO = reverse("platformadmin:demo_scale")


@pytest.fixture
def admin(db: Any) -> Any:
    return get_user_model().objects.create_superuser("plattform-admin", "admin@example.se", "x")


def ale_form(**changes: str) -> dict[str, str]:
    data = {
        "code": "1440",
        "slug": "",
        "website": "https://ale.se",
        "first_name": "Sara",
        "last_name": "Samordnare",
        "email": "sara@ale.example.se",
    }
    data.update(changes)
    return data


def post(client: Client, capture: Any, data: dict[str, str]) -> Any:
    with capture(execute=True):
        return client.post(ADD, data)


def errors(response: Any) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(" ", strip=True) for li in soup.select(".error-summary__list li")]


# --- the service -----------------------------------------------------------


def test_slug_suggestion_writes_a_for_a_ring_and_a_umlaut_and_o_for_o_umlaut() -> None:
    assert slug_suggestion("Upplands Väsby") == "upplands-vasby"
    assert slug_suggestion("Åre") == "are"
    assert slug_suggestion("Örnsköldsvik") == "ornskoldsvik"
    assert slug_suggestion("Malung-Sälen") == "malung-salen"


def test_municipality_create_takes_name_and_number_from_the_list_and_writes_history(
    admin: Any,
) -> None:
    uppsala = municipality_create(user=admin, code="0380")
    assert (uppsala.name, uppsala.slug, uppsala.organisation_number) == (
        "Uppsala kommun",
        "uppsala",
        "212000-3005",
    )
    [record] = uppsala.history.all()
    assert record.history_user == admin
    assert action_of(record) == "municipality.created"


def test_municipality_create_refuses_a_number_other_than_the_lists(admin: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        municipality_create(user=admin, code="0380", organisation_number="212000-2627")
    assert "212000-3005" in caught.value.message_dict["organisation_number"][0]
    assert not Municipality.objects.exists()


def test_only_a_superuser_may_create(db: Any) -> None:
    user = get_user_model().objects.create_user("vanlig", "v@example.se", "x")
    with pytest.raises(PermissionDenied):
        municipality_create(user=user, code="1440")
    assert not Municipality.objects.exists()


def test_onboard_is_all_or_nothing(admin: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        municipality_onboard(
            user=admin,
            code="1440",
            slug="",
            website="",
            email="not-an-address",
            first_name="Sara",
            last_name="",
        )
    assert not Municipality.objects.exists()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


# --- the pages ---------------------------------------------------------------


def test_the_admin_creates_ale_and_the_coordinators_link_works(
    admin: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(admin)
    response = post(client, django_capture_on_commit_callbacks, ale_form())
    assert response.status_code == 302, errors(response)
    assert response["Location"] == LIST
    ale = Municipality.objects.get(code="1440")
    assert (ale.name, ale.slug, ale.website) == ("Ale kommun", "ale", "https://ale.se")
    assert ale.history.get().history_user == admin
    invitation = Invitation.objects.get(municipality=ale)
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "sara@ale.example.se",
        Role.COORDINATOR,
        admin,
    )
    [message] = mail.outbox
    assert message.to == ["sara@ale.example.se"]
    assert "Ale kommun" in message.subject
    assert "samordnare" in message.body
    link = re.search(r"https?://\S+?(/konto/inbjudan/\S+/)", message.body).group(1)  # type: ignore[union-attr]
    accept_page = Client().get(link)
    assert accept_page.status_code == 200
    assert BeautifulSoup(accept_page.content, "html.parser").select_one("#id_username")

    listing = BeautifulSoup(client.get(LIST).content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in listing.select(".municipalities a")}
    assert links == {"Ale kommun": reverse("dashboard:start", args=["ale"])}


def test_the_form_offers_the_list_by_county_without_those_already_created(
    admin: Any, uppsala: Municipality
) -> None:
    soup = BeautifulSoup(client_for(admin).get(ADD).content, "html.parser")
    select = soup.select_one("select#id_code")
    assert select is not None
    groups = [g["label"] for g in select.select("optgroup")]
    assert len(groups) == 21 and groups[0] == "Stockholms län"
    codes = [o["value"] for o in select.select("option") if o["value"]]
    assert len(codes) == 289
    assert "0380" not in codes and "1440" in codes
    assert soup.select_one("label[for=id_code]").get_text(strip=True) == "Kommun"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"slug": "uppsala"}, "Adressen uppsala används redan av en annan kommun."),
        ({"slug": "plattform"}, "Adressen plattform används av Utblick självt. Välj en annan."),
        ({"slug": "inte en adress!"}, "Adress:"),
        ({"email": "inte-en-adress"}, "Samordnarens e-post:"),
        ({"code": "0380"}, "Välj en kommun ur listan."),
        ({"code": "9999"}, "Välj en kommun ur listan."),
        ({"code": ""}, "Välj en kommun ur listan."),
        ({"website": "ftp://ale.se"}, "Webbplats:"),
        ({"first_name": ""}, "Samordnarens förnamn:"),
    ],
)
def test_bad_input_is_a_swedish_error_and_nothing_is_created(
    admin: Any,
    uppsala: Municipality,
    django_capture_on_commit_callbacks: Any,
    changes: dict[str, str],
    expected: str,
) -> None:
    response = post(client_for(admin), django_capture_on_commit_callbacks, ale_form(**changes))
    assert response.status_code == 200
    assert any(expected in e for e in errors(response)), errors(response)
    assert list(Municipality.objects.values_list("slug", flat=True)) == ["uppsala"]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["coordinator", "editor", "reader", "outsider"])
def test_members_of_municipalities_get_404(personas: dict[str, Any], role: str) -> None:
    client = client_for(personas[role])
    for url in (LIST, ADD, reverse("platformadmin:home")):
        assert client.get(url).status_code == 404
    assert client.post(ADD, ale_form()).status_code == 404
    assert not Municipality.objects.filter(code="1440").exists()


def test_anonymous_visitors_are_sent_to_the_login(db: Any) -> None:
    response = Client().get(ADD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_plattform_is_never_a_municipality_address(admin: Any) -> None:
    # Even with a municipality taking the address by another door, the platform page wins.
    Municipality.objects.create(
        name="X", slug="plattform", code="0114", organisation_number="212000-3005"
    )
    response = client_for(admin).get(reverse("platformadmin:home"))
    assert response["Location"] == LIST


def test_home_shows_the_superuser_the_platform_link_without_any_membership(admin: Any) -> None:
    soup = BeautifulSoup(client_for(admin).get(reverse("dashboard:home")).content, "html.parser")
    assert soup.select_one(f".platform-admin a[href='{ADD}']") is not None
    assert soup.select_one(f".site-header a[href='{LIST}']") is not None


def test_home_shows_members_no_platform_link(personas: dict[str, Any]) -> None:
    user = personas["coordinator"]
    # A second municipality keeps home from redirecting straight to the only one.
    umea = Municipality.objects.get(slug="umea")
    Membership.objects.create(municipality=umea, user=user, role=Role.READER)
    soup = BeautifulSoup(client_for(user).get(reverse("dashboard:home")).content, "html.parser")
    assert soup.select_one(".platform-admin") is None
    assert soup.select_one(f"a[href='{LIST}']") is None


def test_the_list_page_takes_the_same_queries_for_more_municipalities(
    admin: Any, uppsala: Municipality
) -> None:
    client = client_for(admin)
    client.get(LIST)  # warm the session
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200
    municipality_create(user=admin, code="1440")
    municipality_create(user=admin, code="2480")
    with CaptureQueriesContext(connection) as three:
        page = client.get(LIST)
    assert len(three) == len(one)
    assert len(BeautifulSoup(page.content, "html.parser").select(".municipalities tbody tr")) == 3


def test_the_admin_generates_demo_data_in_the_background(
    admin: Any, personas: dict[str, Any], monkeypatch: Any
) -> None:
    monkeypatch.setitem(
        PRESETS,
        "pyttelitet",
        ("Två kommuner", Scale(municipalities=2, activities=30, partners=4, first_size=10)),
    )
    client = client_for(admin)
    before = Municipality.objects.count()
    form = BeautifulSoup(client.get(LIST).content, "html.parser").select_one(
        "form[action$='/demodata/']"
    )
    assert form is not None and form.select_one("input[value=pyttelitet]") is not None
    for role in ("coordinator", "outsider"):  # nobody else may start it
        assert client_for(personas[role]).post(DEMO, {"preset": "pyttelitet"}).status_code == 404
    assert client.post(DEMO, {"preset": "okänd"})["Location"] == LIST  # refused, nothing queued
    assert not Job.objects.exists()
    job = finished_job(client, client.post(DEMO, {"preset": "pyttelitet"}))
    assert job.state == JobState.DONE, job.error
    assert Municipality.objects.count() == before + 2
    assert job.result_url == LIST and "2 nya kommuner, 30 aktiviteter" in job.result_label
    page = reverse("platformjobs:detail", args=[job.pk])
    assert client_for(personas["coordinator"]).get(page).status_code == 404
    # Once more: what exists is left as it is.
    again = finished_job(client, client.post(DEMO, {"preset": "pyttelitet"}))
    assert "0 nya kommuner" in again.result_label
    assert Municipality.objects.count() == before + 2


def test_demo_data_is_never_generated_in_production(admin: Any, settings: Any) -> None:
    settings.PRODUCTION = True
    response = client_for(admin).post(DEMO, {"preset": "small"})
    assert response["Location"] == LIST and not Job.objects.exists()
