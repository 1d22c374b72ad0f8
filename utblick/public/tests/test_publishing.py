"""Publishing control: draft or published, unpublished changes, withdrawal, and every way in."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.activities.services import (
    activity_publish,
    activity_save,
    activity_unpublish,
    budget_set,
)
from utblick.activities.validation import Tags
from utblick.imports.reading import read_upload
from utblick.imports.services import apply_import
from utblick.organisation.models import Unit
from utblick.public.models import AccessibilityReport, PublicActivity, PublicSettings
from utblick.public.tests.conftest import access_of, publishing, save
from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def public_title(activity: Activity) -> str | None:
    copy = PublicActivity.objects.filter(activity=activity).first()
    return copy.title if copy else None


def test_draft_publish_change_republish_withdraw(uppsala: Any) -> None:
    access = access_of(uppsala)
    activity = save(uppsala, kind="project", title="Första titeln", development_area="Test")
    assert not activity.published and public_title(activity) is None

    activity_publish(access=access, user=None, activity=activity)
    activity.refresh_from_db()
    assert activity.published and not activity.has_unpublished_changes
    assert public_title(activity) == "Första titeln"
    first = activity.first_published_at

    activity.title = "Andra titeln"
    activity_save(
        access=access,
        user=None,
        activity=activity,
        tags=Tags(),
        expected_version=activity.row_version,
    )
    activity.refresh_from_db()
    assert activity.has_unpublished_changes
    assert public_title(activity) == "Första titeln"  # the public still sees what was published

    budget_set(
        access=access, user=None, activity=activity, year=2026, budget=Decimal(5), cost=Decimal(0)
    )
    activity_publish(access=access, user=None, activity=activity)
    activity.refresh_from_db()
    assert public_title(activity) == "Andra titeln" and not activity.has_unpublished_changes
    assert activity.first_published_at == first and activity.last_published_at > first
    assert PublicActivity.objects.get(activity=activity).budget == Decimal(5)

    activity_unpublish(access=access, user=None, activity=activity)
    activity.refresh_from_db()
    assert not activity.published and public_title(activity) is None
    actions = list(activity.history.values_list("history_action", flat=True))
    # in the history with who and when
    assert "activity.published" in actions and "activity.unpublished" in actions


def test_changes_to_money_mark_the_public_copy_stale(uppsala: Any) -> None:
    access = access_of(uppsala)
    activity = save(uppsala, kind="project", title="Pengar", development_area="Test")
    activity_publish(access=access, user=None, activity=activity)
    budget_set(
        access=access, user=None, activity=activity, year=2026, budget=Decimal(10), cost=Decimal(0)
    )
    activity.refresh_from_db()
    assert activity.has_unpublished_changes


def test_saving_through_a_service_cannot_publish_by_itself(uppsala: Any) -> None:
    activity = Activity(
        municipality=uppsala,
        kind="project",
        title="Smygpublicerad",
        development_area="Test",
        unit=Unit.objects.get(municipality=uppsala, key="ks"),
        published=True,
    )
    saved = activity_save(
        access=access_of(uppsala), user=None, activity=activity, tags=Tags(), expected_version=None
    )
    saved.refresh_from_db()
    assert not saved.published and public_title(saved) is None


def test_archiving_withdraws_and_an_archived_activity_cannot_be_published(uppsala: Any) -> None:
    from django.core.exceptions import ValidationError

    from utblick.activities.services import activity_archive

    access = access_of(uppsala)
    activity = save(uppsala, kind="project", title="Snart arkiverad", development_area="Test")
    activity_publish(access=access, user=None, activity=activity)
    activity_archive(access=access, user=None, activity=activity)
    activity.refresh_from_db()
    assert not activity.published and public_title(activity) is None
    with pytest.raises(ValidationError):
        activity_publish(access=access, user=None, activity=activity)


def test_the_form_saves_a_draft_or_saves_and_publishes(
    personas: dict[str, Any], uppsala: Any
) -> None:
    client = client_for(personas["coordinator"])
    activity = save(uppsala, kind="project", title="Via formuläret", development_area="Test")
    url = reverse("activities:edit", args=["uppsala", activity.pk])
    data = {
        "title": "Via formuläret",
        "unit": activity.unit_id,
        "status": "idea",
        "development_area": "Test",
        "row_version": activity.row_version,
    }
    assert client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert not activity.published
    data["row_version"] = activity.row_version
    assert client.post(url, data | {"publicera": "1"}).status_code == 302
    activity.refresh_from_db()
    assert activity.published and public_title(activity) == "Via formuläret"
    page = client.get(reverse("activities:detail", args=["uppsala", activity.pk])).content.decode()
    assert "Avpublicera" in page


def test_publish_and_unpublish_buttons(personas: dict[str, Any], uppsala: Any) -> None:
    activity = save(uppsala, kind="project", title="Med knappar", development_area="Test")
    client = client_for(personas["coordinator"])
    url = reverse("activities:publish", args=["uppsala", activity.pk])
    assert activity.status == "idea"
    # An idea is not decided: the first press asks, and publishes nothing.
    asked = client.post(url)
    assert asked.status_code == 200 and "inte är beslutad" in asked.content.decode()
    assert public_title(activity) is None
    client.post(url, {"bekrafta": "1"})
    assert public_title(activity) == "Med knappar"
    client.post(reverse("activities:unpublish", args=["uppsala", activity.pk]))
    assert public_title(activity) is None


def test_an_editor_publishes_only_in_own_units(personas: dict[str, Any], uppsala: Any) -> None:
    foreign = save(uppsala, kind="project", title="Någon annans", development_area="Test")
    own = save(
        uppsala,
        kind="project",
        title="Egen",
        unit="utbildningsforvaltningen",
        development_area="Test",
    )
    client = client_for(personas["editor"])
    assert (
        client.post(reverse("activities:publish", args=["uppsala", foreign.pk])).status_code == 403
    )
    assert public_title(foreign) is None
    client.post(reverse("activities:publish", args=["uppsala", own.pk]), {"bekrafta": "1"})
    assert public_title(own) == "Egen"


def test_import_publishes_new_rows_and_withdraws_on_nej(uppsala: Any) -> None:
    def run(text: str) -> None:
        workbook = read_upload(text.encode(), "import.csv")
        apply_import(workbook, access_of(uppsala), None, filename="import.csv")

    run(
        "typ;titel;enhet;utvecklingsområde;publicerad\nProjekt;Importerat;ks;Test;ja\nProjekt;Utkast;ks;Test;nej\n"
    )
    imported = Activity.objects.get(municipality=uppsala, title="Importerat")
    assert public_title(imported) == "Importerat"
    assert public_title(Activity.objects.get(municipality=uppsala, title="Utkast")) is None
    run(
        f"id;typ;titel;enhet;utvecklingsområde;publicerad\n{imported.pk};Projekt;Importerat;ks;Ändrat;ja\n"
    )
    imported.refresh_from_db()
    assert imported.published and imported.has_unpublished_changes  # changes wait for publishing
    run(
        f"id;typ;titel;enhet;utvecklingsområde;publicerad\n{imported.pk};Projekt;Importerat;ks;Ändrat;nej\n"
    )
    assert public_title(imported) is None


def test_api_published_true_publishes_false_withdraws(
    personas: dict[str, Any], uppsala: Any
) -> None:
    from utblick.accounts.tokens import token_create

    _token, key = token_create(user=personas["coordinator"], name="test")
    client = Client(headers={"Authorization": f"Bearer {key}"})
    body = {
        "kind": "project",
        "title": "Via API",
        "unit": "ks",
        "development_area": "Test",
        "published": True,
    }
    created = client.post(
        "/api/v1/uppsala/activities", json.dumps(body), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    activity = Activity.objects.get(pk=created.json()["id"])
    assert public_title(activity) == "Via API"
    body |= {"published": False, "row_version": Activity.objects.get(pk=activity.pk).row_version}
    response = client.put(
        f"/api/v1/uppsala/activities/{activity.pk}",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert public_title(activity) is None


def test_coordinator_sets_what_is_public(personas: dict[str, Any], uppsala: Any) -> None:
    client = client_for(personas["coordinator"])
    url = reverse("publishing:settings", args=["uppsala"])
    response = client.post(url, {"enabled": "on", "contact_email": "fel", "licence": "x"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not PublicSettings.objects.filter(municipality=uppsala).exists()
    data = {
        "enabled": "on",
        "show_funding": "on",
        "contact_email": "oppnadata@uppsala.se",
        "accessibility_email": "webb@uppsala.se",
        "licence": "http://creativecommons.org/publicdomain/zero/1.0/",
    }
    assert client.post(url, data).status_code == 302
    settings = PublicSettings.objects.get(municipality=uppsala)
    assert settings.enabled and not settings.show_costs and not settings.show_contacts
    assert Client().get(reverse("public:home", args=["uppsala"])).status_code == 200
    # Two coordinators from the same version: the second's change is laid over the
    # first's, never written back over it; a field both changed is asked about.
    stale = {**data, "row_version": settings.row_version}
    assert client.post(url, stale | {"show_costs": "on"}).status_code == 302
    assert client.post(url, stale | {"intro": "Välkommen"}).status_code == 302
    settings.refresh_from_db()
    assert settings.show_costs and settings.intro == "Välkommen"
    response = client.post(url, stale | {"intro": "Skriver över"})
    assert response.status_code == 200 and "Någon annan har sparat" in response.content.decode()
    settings.refresh_from_db()
    assert settings.show_costs and settings.intro == "Välkommen"


def test_a_defect_report_reaches_the_coordinator(personas: dict[str, Any], uppsala: Any) -> None:
    publishing(uppsala)
    url = reverse("public:accessibility", args=["uppsala"])
    bad = Client().post(url, {"description": "", "email": "inte-en-adress"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Det finns fel i formuläret" in text and "Beskriv vad som inte fungerar." in text
    assert "Skriv e-postadressen i rätt format" in text
    assert not AccessibilityReport.objects.exists()
    good = Client().post(
        url, {"page": "/uppsala/karta/", "description": "Kartan går inte att förstora."}
    )
    assert good.status_code == 302
    report = AccessibilityReport.objects.get()
    assert report.municipality == uppsala
    client = client_for(personas["coordinator"])
    page = client.get(reverse("publishing:overview", args=["uppsala"])).content.decode()
    assert "Kartan går inte att förstora." in page
    client.post(reverse("publishing:report_handled", args=["uppsala", report.pk]))
    report.refresh_from_db()
    assert report.handled_at is not None and report.handled_by == personas["coordinator"]


def test_a_partner_gets_a_position_for_the_map(personas: dict[str, Any], uppsala: Any) -> None:
    from utblick.partners.models import Partner

    client = client_for(personas["coordinator"])
    url = reverse("partners:create", args=["uppsala"])
    data = {
        "name": "Tartu linn",
        "kind": "municipality",
        "country": "EE",
        "place": "Tartu",
        "latitude": "58.3776",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ange både latitud och longitud" in response.content.decode()
    assert client.post(url, data | {"longitude": "26.729"}).status_code == 302
    partner = Partner.objects.get(municipality=uppsala, name="Tartu linn")
    assert (partner.latitude, partner.longitude) == (Decimal("58.37760"), Decimal("26.72900"))
    assert (
        client.post(url, data | {"name": "Fel", "latitude": "95", "longitude": "0"}).status_code
        == 200
    )


def test_the_api_places_a_partner_on_the_map(personas: dict[str, Any], uppsala: Any) -> None:
    from utblick.accounts.tokens import token_create

    _token, key = token_create(user=personas["coordinator"], name="test")
    client = Client(headers={"Authorization": f"Bearer {key}"})
    body = {
        "name": "Ville de Lyon",
        "kind": "municipality",
        "country": "FR",
        "place": "Lyon",
        "latitude": "45.764",
    }
    refused = client.post(
        "/api/v1/uppsala/partners", json.dumps(body), content_type="application/json"
    )
    assert refused.status_code == 400 and "longitud" in refused.content.decode()
    created = client.post(
        "/api/v1/uppsala/partners",
        json.dumps(body | {"longitude": "4.8357"}),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["latitude"] == "45.76400" or float(created.json()["latitude"]) == 45.764


def test_renaming_a_partner_leaves_published_activities_with_unpublished_changes(
    uppsala: Any,
) -> None:
    from utblick.activities.services import partner_link
    from utblick.partners.models import Partner
    from utblick.partners.services import partner_save

    access = access_of(uppsala)
    partner = Partner.objects.create(
        municipality=uppsala, name="Tartu linn", kind="municipality", country="EE"
    )
    activity = save(uppsala, kind="twin_city", title="Vänort: Tartu", country="EE", place="Tartu")
    partner_link(access=access, user=None, activity=activity, partner=partner, role="partner")
    activity_publish(access=access, user=None, activity=activity)
    partner.name = "Tartu linnavalitsus"
    partner_save(access=access, user=None, partner=partner, expected_version=partner.row_version)
    activity.refresh_from_db()
    assert activity.has_unpublished_changes
    assert PublicActivity.objects.get(activity=activity).partners[0]["name"] == "Tartu linn"


def test_country_and_year_choices_follow_what_is_published(uppsala: Any) -> None:
    access = access_of(uppsala)
    publishing(uppsala)
    url = "/uppsala/aktiviteter/"

    def countries() -> list[str]:
        from bs4 import BeautifulSoup

        page = BeautifulSoup(Client().get(url).content, "html.parser")
        return [o["value"] for o in page.select("select[name=land] option") if o["value"]]

    norway = save(uppsala, kind="twin_city", title="Vänort i Norge", country="NO", place="Bergen")
    activity_publish(access=access, user=None, activity=norway)
    assert countries() == ["NO"]
    japan = save(uppsala, kind="twin_city", title="Vänort i Japan", country="JP", place="Kyoto")
    activity_publish(access=access, user=None, activity=japan)
    assert sorted(countries()) == ["JP", "NO"]  # not the cached choices of the first visit
    activity_unpublish(access=access, user=None, activity=japan)
    assert countries() == ["NO"]
