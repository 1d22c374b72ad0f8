"""Nothing unpublished or personal reaches the public: pages, CSV, JSON and DCAT alike (F4, F5, O4)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from utblick.public.tests.conftest import HIDDEN_FEE, SECRETS, VISIBLE

pytestmark = pytest.mark.django_db


def public_pages(world: dict[str, Any]) -> dict[str, str]:
    s = "uppsala"
    pages = {
        "landing": reverse("landing"),
        "home": reverse("public:home", args=[s]),
        "activities": reverse("public:activities", args=[s]),
        "activities-search": reverse("public:activities", args=[s]) + "?q=projekt",
        "twin": reverse("public:activity", args=[s, world["twin"]]),
        "network": reverse("public:activity", args=[s, world["network"]]),
        "changed": reverse("public:activity", args=[s, world["changed"]]),
        "partners": reverse("public:partners", args=[s]),
        "map": reverse("public:map", args=[s]),
        "policy": reverse("public:policy", args=[s]),
        "goal": reverse("public:goal", args=[s, 11]),
        "open-data": reverse("public:open_data", args=[s]),
        "accessibility": reverse("public:accessibility", args=[s]),
        "sitemap": reverse("sitemap"),
    }
    # The English version of every page shows the same data.
    pages |= {f"{name} (en)": "/en" + path for name, path in pages.items() if name != "sitemap"}
    return pages


def data_files() -> dict[str, str]:
    s = "uppsala"
    return {
        "csv": reverse("public:open_data_csv", args=[s]),
        "json": reverse("public:open_data_json", args=[s]),
        "dcat": reverse("public:dcat", args=[s]),
        "dcat.ttl": reverse("public:dcat_ttl", args=[s]),
        "dcat.jsonld": reverse("public:dcat_jsonld", args=[s]),
    }


def test_no_secret_in_any_page_or_file(world: dict[str, Any]) -> None:
    client = Client()  # not logged in
    everything = ""
    for name, path in {**public_pages(world), **data_files()}.items():
        response = client.get(path)
        assert response.status_code == 200, name
        text = b"".join(
            response.streaming_content if response.streaming else [response.content]
        ).decode()
        for what, secret in SECRETS.items():
            assert secret not in text, f"{what} leaks in {name}"
        assert not re.search(HIDDEN_FEE, text), f"the hidden fee leaks in {name}"
        everything += text
    for what, shown in VISIBLE.items():
        assert shown in everything, f"{what} is missing everywhere"


@pytest.mark.parametrize("path", ["csv", "json"])
def test_open_data_shows_what_is_published(world: dict[str, Any], path: str) -> None:
    text = Client().get(data_files()[path]).getvalue().decode()
    for what in ("twin city", "network", "published summary", "consenting contact"):
        assert VISIBLE[what] in text, what


def test_unpublished_activities_have_no_public_page(world: dict[str, Any]) -> None:
    client = Client()
    for key in ("draft", "archived"):
        assert (
            client.get(reverse("public:activity", args=["uppsala", world[key]])).status_code == 404
        )
    # Another municipality's activity through this municipality's address.
    assert (
        client.get(reverse("public:activity", args=["uppsala", world["other"]])).status_code == 404
    )


def test_a_municipality_that_does_not_publish_has_no_public_pages(world: dict[str, Any]) -> None:
    client = Client()
    for name in (
        "public:home",
        "public:activities",
        "public:map",
        "public:open_data_csv",
        "public:dcat",
    ):
        assert client.get(reverse(name, args=["umea"])).status_code == 404, name
    assert client.get(reverse("public:activity", args=["umea", world["other"]])).status_code == 404
    assert "Umeå" not in Client().get(reverse("landing")).content.decode()


def test_the_unpublished_change_shows_once_published(world: dict[str, Any]) -> None:
    from utblick.activities.models import Activity
    from utblick.activities.services import activity_publish
    from utblick.public.tests.conftest import access_of

    changed = Activity.objects.get(pk=world["changed"])
    assert changed.has_unpublished_changes
    activity_publish(access=access_of(changed.municipality), user=None, activity=changed)
    page = Client().get(reverse("public:activity", args=["uppsala", changed.pk])).content.decode()
    assert "OPUBLICERAD ÄNDRING" in page  # the test above could fail
    assert "Publicerad sammanfattning" not in page


def test_settings_hide_contacts_and_funding_everywhere(world: dict[str, Any]) -> None:
    from utblick.public.models import PublicSettings

    PublicSettings.objects.filter(municipality__slug="uppsala").update(
        show_contacts=False, show_funding=False
    )
    client = Client()
    for name, path in {**public_pages(world), **data_files()}.items():
        response = client.get(path)
        text = b"".join(
            response.streaming_content if response.streaming else [response.content]
        ).decode()
        assert "Synlig Kontaktsson" not in text, name
        assert "synlig@example.se" not in text, name
        assert "Erasmus+" not in text, name
        assert not re.search(r"200[\s\u00a0\u202f,.]?000", text), name


def test_internal_pages_still_need_a_login(world: dict[str, Any]) -> None:
    client = Client()
    response = client.get(reverse("activities:detail", args=["uppsala", world["draft"]]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
