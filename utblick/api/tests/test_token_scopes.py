"""API keys have a scope (read, or read and write) and a last valid day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from utblick.accounts.models import ApiToken
from utblick.accounts.tokens import token_create, token_user
from utblick.activities.models import Activity
from utblick.core import clock
from utblick.testing.api import Api
from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db

BODY = {
    "kind": "project",
    "title": "Nyckelprojekt",
    "unit": "utbildningsforvaltningen",
    "development_area": "Digitalt lärande",
    "goals": [],
}


def api_with(user: Any, **options: Any) -> Api:
    api = Api(None)
    _token, key = token_create(user=user, name="test", **options)
    api.headers = {"Authorization": f"Bearer {key}"}
    return api


def test_a_new_key_expires_after_90_days_by_default(personas: dict[str, Any]) -> None:
    with clock.fixed_day(date(2027, 1, 10)):
        token, key = token_create(user=personas["reader"], name="x")
    assert token.expires_on == date(2027, 4, 10)
    assert token.scope == "write"  # the default keeps what keys could do before scopes
    with clock.fixed_day(date(2027, 4, 10)):
        assert token_user(key) == personas["reader"]  # the last valid day still works
    with clock.fixed_day(date(2027, 4, 11)):
        assert token_user(key) is None


def test_an_expired_key_gets_a_401_problem_that_says_so(personas: dict[str, Any]) -> None:
    api = api_with(personas["reader"], expires_on=clock.today())
    assert api.get("uppsala/activities").status_code == 200
    with clock.fixed_day(clock.today() + timedelta(days=1)):
        response = api.get("uppsala/activities")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert "har gått ut" in response.json()["errors"][0]["message"]


def test_a_read_only_key_reads_but_gets_403_on_writes(
    personas: dict[str, Any], uppsala: Any
) -> None:
    reader_key = api_with(personas["coordinator"], scope="read")
    assert reader_key.get("uppsala/activities").status_code == 200
    response = reader_key.send("post", "uppsala/activities", BODY)
    assert response.status_code == 403
    assert "får bara läsa" in response.json()["errors"][0]["message"]
    assert not Activity.objects.filter(municipality=uppsala, title="Nyckelprojekt").exists()
    writer_key = api_with(personas["coordinator"], scope="write")
    assert writer_key.send("post", "uppsala/activities", BODY).status_code == 201


def test_a_write_key_never_gives_more_than_the_role(personas: dict[str, Any]) -> None:
    response = api_with(personas["reader"], scope="write").send("post", "uppsala/activities", BODY)
    assert response.status_code == 403


def test_bad_expiry_dates_are_refused(personas: dict[str, Any]) -> None:
    today = clock.today()
    for bad in (today - timedelta(days=1), today + timedelta(days=4 * 365)):
        with pytest.raises(ValidationError):
            token_create(user=personas["reader"], name="x", expires_on=bad)
    with pytest.raises(ValidationError):
        token_create(user=personas["reader"], name="x", scope="admin")
    assert not ApiToken.objects.exists()


def test_the_tokens_page_creates_with_scope_and_expiry_and_shows_them(
    personas: dict[str, Any],
) -> None:
    client = client_for(personas["reader"])
    url = reverse("accounts:tokens")
    response = client.post(url, {"name": "Läsaren", "scope": "read", "validity": "30"})
    token = personas["reader"].api_tokens.get()
    assert (token.scope, token.expires_on) == ("read", clock.today() + timedelta(days=30))
    client.post(
        url,
        {"name": "Eget datum", "scope": "write", "validity": "date", "expires_on": "2099-01-01"},
    )
    assert personas["reader"].api_tokens.count() == 1  # too far ahead: refused
    response = client.post(url, {"name": "Eget datum", "scope": "write", "validity": "date"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Ange sista giltiga dag" in soup.select_one(".error-summary").get_text()
    day = clock.today() + timedelta(days=10)
    client.post(
        url, {"name": "Eget datum", "scope": "write", "validity": "date", "expires_on": day}
    )
    assert personas["reader"].api_tokens.get(name="Eget datum").expires_on == day
    ApiToken.objects.filter(name="Läsaren").update(expires_on=clock.today() - timedelta(days=1))
    page = BeautifulSoup(client.get(url).content, "html.parser").select_one("table").get_text()
    assert "Utgången" in page and "Läsa och skriva" in page and "Läsa" in page
