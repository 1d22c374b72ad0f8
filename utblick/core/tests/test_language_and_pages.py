"""Swedish by default, English on request; the error pages; the start page."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def test_swedish_even_when_the_browser_asks_for_english(personas: dict[str, Any]) -> None:
    client = client_for(personas["reader"])
    response = client.get(
        reverse("dashboard:start", args=["uppsala"]), HTTP_ACCEPT_LANGUAGE="en-US,en"
    )
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "sv"
    assert response["Content-Language"] == "sv"


def test_english_when_chosen(personas: dict[str, Any]) -> None:
    client = client_for(personas["reader"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("dashboard:start", args=["uppsala"]))
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "en"


def test_login_page_and_wrong_password(db: Any) -> None:
    from utblick.testing.fixtures import load_shipped, make_member

    make_member(load_shipped("umea"), "umea-x", "coordinator")
    client = client_for(None)
    response = client.post(reverse("accounts:login"), {"username": "umea-x", "password": "fel"})
    html = BeautifulSoup(response.content, "html.parser")
    assert "Fel användarnamn eller lösenord" in html.select_one(".error-summary").get_text()
    response = client.post(
        reverse("accounts:login"), {"username": "umea-x", "password": "test-password-1"}
    )
    assert response.status_code == 302
    # One municipality: straight to its start page.
    assert client.get(reverse("dashboard:home"))["Location"] == reverse(
        "dashboard:start", args=["umea"]
    )


def test_platform_admin_chooses_among_municipalities(uppsala: Any, umea: Any) -> None:
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.se", "x")
    html = BeautifulSoup(client_for(admin).get(reverse("dashboard:home")).content, "html.parser")
    assert [a.get_text() for a in html.select(".card__link")] == ["Umeå kommun", "Uppsala kommun"]


def test_start_page_lists_recent_changes_with_links(personas: dict[str, Any], uppsala: Any) -> None:
    client = client_for(personas["coordinator"])
    html = BeautifulSoup(
        client.get(reverse("dashboard:start", args=["uppsala"])).content, "html.parser"
    )
    rows = html.select("#h-changes + table tbody tr")
    assert 0 < len(rows) <= 10
    assert "Del av version" not in html.get_text()  # policy elements are not noise here
    assert html.select_one("#h-changes + table a[href]") is not None


def test_404_page_is_swedish(personas: dict[str, Any]) -> None:
    response = client_for(personas["reader"]).get("/app/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_csp_header_forbids_inline_code(personas: dict[str, Any]) -> None:
    response = client_for(personas["reader"]).get(reverse("dashboard:start", args=["uppsala"]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    html = BeautifulSoup(response.content, "html.parser")
    assert not [s for s in html.select("script") if not s.get("src")]
    assert not html.select("[style]")
