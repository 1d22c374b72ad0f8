"""One door per write: the form, the API and the import give the same outcome for the same change.

Each test makes the same change three ways and checks the same answer: the
same refusal with the same Swedish words and nothing written, or the same
single history row with the same action key.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import Workbook

from utblick.accounts.access import access_for
from utblick.activities.models import Activity
from utblick.activities.services import (
    activity_archive,
    activity_restore,
    activity_save,
    budget_set,
    link_add,
)
from utblick.activities.validation import foreign_message
from utblick.core.models import TenantModel
from utblick.core.services import ARCHIVED
from utblick.funding.models import FundingSource
from utblick.jobs.models import Job
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.partners.services import partner_archive, partner_save
from utblick.testing.api import Api
from utblick.testing.fixtures import client_for, import_apply, import_preview

pytestmark = pytest.mark.django_db

UNIT = "utbildningsforvaltningen"
TOO_LONG = "Å" * 301
#: Django's own words for a text over the model's limit, the same on every path.
TOO_LONG_MESSAGE = "Säkerställ att detta värde har som mest 300 tecken (den har 301)."


def history_rows() -> dict[str, int]:
    return {
        m._meta.label: m.history.count() for m in apps.get_models() if issubclass(m, TenantModel)
    }


def new_rows(before: dict[str, int]) -> dict[str, int]:
    """History rows written since ``before``; an upload's own record (the batch) aside."""
    after = history_rows()
    return {
        label: after[label] - before[label]
        for label in after
        if after[label] != before[label] and label != "imports.ImportBatch"
    }


def newest_actions(activity: Activity) -> list[str]:
    return list(activity.history.values_list("history_action", flat=True))


@pytest.fixture
def world(personas: dict[str, Any], uppsala: Any) -> dict[str, Any]:
    coordinator = personas["coordinator"]
    access = access_for(coordinator, "uppsala")
    unit = Unit.objects.get(municipality=uppsala, key=UNIT)
    partners = [
        partner_save(
            access=access,
            user=coordinator,
            partner=Partner(name=name, kind="municipality", country=country),
            expected_version=None,
        )
        for name, country in (
            ("Tartu linn", "EE"),
            ("Åbo stad", "FI"),
            ("Gemeente Utrecht", "NL"),
        )
    ]
    return {
        "user": coordinator,
        "access": access,
        "unit": unit,
        "partners": partners,
        "client": client_for(coordinator),
        "api": Api(coordinator),
    }


def xlsx(activities: list[dict[str, Any]], partners: list[dict[str, Any]] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Aktiviteter"
    headers = sorted({k for row in activities for k in row})
    sheet.append(headers)
    for row in activities:
        sheet.append([row.get(h, "") for h in headers])
    if partners:
        other = book.create_sheet("Partner")
        keys = sorted({k for row in partners for k in row})
        other.append(keys)
        for row in partners:
            other.append([row.get(k, "") for k in keys])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client: Any, data: bytes) -> BeautifulSoup:
    response = import_preview(client, "uppsala", "register.xlsx", data)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def import_errors(page: BeautifulSoup) -> list[str]:
    return [td.get_text(" ", strip=True) for td in page.select("td.import-problem, .problems li")]


def apply(client: Any, page: BeautifulSoup) -> Any:
    form = page.select_one("form[action*='/import/']")
    assert form is not None, "no apply form: the preview found errors"
    return import_apply(client, form["action"])


def form_errors(response: Any) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


def api_errors(response: Any) -> list[str]:
    return [e["message"] for e in response.json()["errors"]]


def payload(**changes: Any) -> dict[str, Any]:
    return {"kind": "project", "title": "Språkbad", "unit": UNIT, "development_area": "Språk"} | (
        changes
    )


def form_data(unit: Unit, **changes: Any) -> dict[str, Any]:
    return {
        "typ": "project",
        "title": "Språkbad",
        "unit": unit.pk,
        "status": "idea",
        "development_area": "Språk",
    } | changes


def row(**changes: Any) -> dict[str, Any]:
    return {
        "typ": "Projekt",
        "titel": "Språkbad",
        "enhet": UNIT,
        "status": "Idé",
        "utvecklingsområde": "Språk",
    } | changes


def preview_text(page: BeautifulSoup) -> str:
    return page.get_text(" ", strip=True)


def test_an_archived_activity_is_refused_alike(world: dict[str, Any], uppsala: Any) -> None:
    activity = activity_save(
        access=world["access"],
        user=world["user"],
        activity=Activity(
            kind="project", title="Språkbad", unit=world["unit"], development_area="x"
        ),
        expected_version=None,
    )
    activity_archive(access=world["access"], user=world["user"], activity=activity)
    activity.refresh_from_db()
    before = history_rows()
    message = str(ARCHIVED)

    form = world["client"].post(
        reverse("activities:edit", args=["uppsala", activity.pk]),
        form_data(world["unit"], title="Nytt namn", row_version=activity.row_version),
        follow=True,
    )
    assert message in BeautifulSoup(form.content, "html.parser").select_one(".messages").get_text()

    api = world["api"].send(
        "put",
        f"uppsala/activities/{activity.pk}",
        payload(title="Nytt namn", row_version=activity.row_version),
    )
    assert api.status_code == 400 and message in api_errors(api)

    page = upload(world["client"], xlsx([row(id=activity.pk, titel="Nytt namn")]))
    assert message in preview_text(page)
    assert page.select_one("form[action*='/import/']") is None  # nothing to apply

    assert new_rows(before) == {}
    assert Activity.objects.get(pk=activity.pk).title == "Språkbad"


def test_a_field_of_another_kind_is_refused_alike(world: dict[str, Any]) -> None:
    message = foreign_message("annual_fee", "project")
    before = history_rows()

    form = world["client"].post(
        reverse("activities:create", args=["uppsala"]) + "?typ=project",
        form_data(world["unit"], annual_fee="9500"),
    )
    assert form.status_code == 200 and message in form_errors(form)

    api = world["api"].send("post", "uppsala/activities", payload(annual_fee=9500))
    assert api.status_code == 400 and message in api_errors(api)

    page = upload(world["client"], xlsx([row(årsavgift=9500)]))
    assert message in preview_text(page)

    assert new_rows(before) == {}
    assert not Activity.objects.exists()


def test_too_long_a_title_is_refused_with_the_same_words(world: dict[str, Any]) -> None:
    before = history_rows()

    form = world["client"].post(
        reverse("activities:create", args=["uppsala"]) + "?typ=project",
        form_data(world["unit"], title=TOO_LONG),
    )
    api = world["api"].send("post", "uppsala/activities", payload(title=TOO_LONG))
    page = upload(world["client"], xlsx([row(titel=TOO_LONG)]))

    assert api.status_code == 400
    assert [e["message"] for e in api.json()["errors"] if e["field"] == "title"] == [
        TOO_LONG_MESSAGE
    ]
    assert TOO_LONG_MESSAGE in form_errors(form)
    assert TOO_LONG_MESSAGE in preview_text(page)
    assert new_rows(before) == {}


def test_renaming_a_partner_onto_another_is_refused_alike(world: dict[str, Any]) -> None:
    tartu, abo, _utrecht = world["partners"]
    message = f"{tartu} finns redan i registret; använd den posten i stället."
    before = history_rows()

    form = world["client"].post(
        reverse("partners:edit", args=["uppsala", abo.pk]),
        {
            "name": "tartu  LINN",
            "kind": "municipality",
            "country": "EE",
            "row_version": abo.row_version,
        },
    )
    assert form.status_code == 200 and message in form_errors(form)

    api = world["api"].send(
        "put",
        f"uppsala/partners/{abo.pk}",
        {
            "name": "Tartu linn",
            "kind": "municipality",
            "country": "EE",
            "row_version": abo.row_version,
        },
    )
    assert api.status_code == 400 and message in api_errors(api)

    page = upload(
        world["client"],
        xlsx(
            [row()],
            partners=[{"id": abo.pk, "namn": "Tartu linn", "typ": "Kommun/stad", "land": "EE"}],
        ),
    )
    assert message in preview_text(page)

    assert new_rows(before) == {}
    abo.refresh_from_db()
    assert (abo.name, abo.country) == ("Åbo stad", "FI")


def _create_by_form(world: dict[str, Any]) -> Activity:
    response = world["client"].post(
        reverse("activities:create", args=["uppsala"]) + "?typ=project",
        form_data(world["unit"], title="Via formuläret"),
    )
    assert response.status_code == 302, form_errors(response)
    return Activity.objects.get(title="Via formuläret")


def _create_by_api(world: dict[str, Any]) -> Activity:
    partners = [{"partner": p.pk, "role": "partner"} for p in world["partners"]]
    response = world["api"].send(
        "post",
        "uppsala/activities",
        payload(title="Via API:t", partners=partners, published=True),
    )
    assert response.status_code == 201, response.json()
    return Activity.objects.get(title="Via API:t")


def _create_by_import(world: dict[str, Any]) -> Activity:
    names = "; ".join(p.name for p in world["partners"])
    page = upload(world["client"], xlsx([row(titel="Via importen", partner=names)]))
    assert apply(world["client"], page).state == "done"
    return Activity.objects.get(title="Via importen")


@pytest.mark.parametrize("create", [_create_by_form, _create_by_api, _create_by_import])
def test_a_new_activity_is_one_history_row_on_every_path(
    create: Callable[[dict[str, Any]], Activity], world: dict[str, Any]
) -> None:
    before = history_rows()
    activity = create(world)
    # One row: the activity's own. Its partners, tags and publication are part of it.
    assert new_rows(before) == {"activities.Activity": 1}
    assert newest_actions(activity) == ["activity.created"]


def test_a_change_is_one_history_row_with_the_same_key_on_every_path(world: dict[str, Any]) -> None:
    activity = _create_by_form(world)

    def changed(title: str) -> None:
        assert new_rows(before) == {"activities.Activity": 1}
        activity.refresh_from_db()
        assert activity.title == title
        assert newest_actions(activity)[0] == "activity.changed"

    before = history_rows()
    response = world["client"].post(
        reverse("activities:edit", args=["uppsala", activity.pk]),
        form_data(world["unit"], title="Ändrad i formuläret", row_version=activity.row_version),
    )
    assert response.status_code == 302, form_errors(response)
    changed("Ändrad i formuläret")

    before = history_rows()
    partners = [{"partner": p.pk, "role": "lead"} for p in world["partners"][:2]]
    response = world["api"].send(
        "put",
        f"uppsala/activities/{activity.pk}",
        payload(title="Ändrad i API:t", partners=partners, row_version=activity.row_version),
    )
    assert response.status_code == 200, response.json()
    changed("Ändrad i API:t")

    before = history_rows()
    page = upload(world["client"], xlsx([row(id=activity.pk, titel="Ändrad i importen")]))
    assert apply(world["client"], page).state == "done"
    changed("Ändrad i importen")
    assert activity.history.first().history_change_reason == "register.xlsx"


def test_a_partner_rename_is_one_row_and_lags_the_public_copy_on_every_path(
    world: dict[str, Any],
) -> None:
    tartu = world["partners"][0]
    activity = _create_by_api(world)  # published, with Tartu among its partners
    assert activity.published and not activity.has_unpublished_changes
    renames = [
        lambda name: world["client"].post(
            reverse("partners:edit", args=["uppsala", tartu.pk]),
            {
                "name": name,
                "kind": "municipality",
                "country": "EE",
                "row_version": Partner.objects.get(pk=tartu.pk).row_version,
            },
        ),
        lambda name: world["api"].send(
            "put",
            f"uppsala/partners/{tartu.pk}",
            {
                "name": name,
                "kind": "municipality",
                "country": "EE",
                "row_version": Partner.objects.get(pk=tartu.pk).row_version,
            },
        ),
        lambda name: apply(
            world["client"],
            upload(
                world["client"],
                xlsx(
                    [row(titel="Språkbad 2")],
                    partners=[{"id": tartu.pk, "namn": name, "typ": "Kommun/stad", "land": "EE"}],
                ),
            ),
        ),
    ]
    for number, rename in enumerate(renames):
        Activity.objects.filter(pk=activity.pk).update(has_unpublished_changes=False)
        before = history_rows()
        response = rename(f"Tartu linn {number}")
        if isinstance(response, Job):  # the import's job
            assert response.state == "done", response.error
        else:
            assert response.status_code in (200, 302), response.content[:500]
        activity.refresh_from_db()
        assert activity.has_unpublished_changes, number
        partner_rows = new_rows(before).get("partners.Partner")
        assert partner_rows == 1, number
        assert Partner.objects.get(pk=tartu.pk).history.first().history_action == "partner.changed"


def test_the_parts_of_an_archived_activity_refuse_without_a_500(world: dict[str, Any]) -> None:
    activity = activity_save(
        access=world["access"],
        user=world["user"],
        activity=Activity(
            kind="project", title="Språkbad", unit=world["unit"], development_area="x"
        ),
        expected_version=None,
    )
    activity_archive(access=world["access"], user=world["user"], activity=activity)
    before = history_rows()
    client, tartu = world["client"], world["partners"][0]
    for name, data in (
        ("activities:partner_add", {"partner": tartu.pk, "role": "partner"}),
        ("activities:budget_save", {"year": 2026, "budget": "100", "cost": "0"}),
        ("activities:link_add", {"lank-title": "Webb", "lank-url": "https://example.se"}),
    ):
        response = client.post(reverse(name, args=["uppsala", activity.pk]), data, follow=True)
        assert response.status_code in (200, 400), name
        assert str(ARCHIVED) in response.content.decode(), name
    assert new_rows(before) == {}


def test_saving_without_a_change_writes_nothing(world: dict[str, Any]) -> None:
    activity = _create_by_api(world)  # published
    before = history_rows()
    response = world["client"].post(
        reverse("activities:edit", args=["uppsala", activity.pk]),
        form_data(
            world["unit"],
            title=activity.title,
            status=activity.status,
            row_version=activity.row_version,
        ),
    )
    assert response.status_code == 302, form_errors(response)
    assert new_rows(before) == {}
    activity.refresh_from_db()
    assert activity.published and not activity.has_unpublished_changes


def test_publishing_a_new_project_with_its_first_money_publishes_the_money_too(
    world: dict[str, Any],
) -> None:
    source = FundingSource.objects.order_by("pk").first()
    response = world["client"].post(
        reverse("activities:create", args=["uppsala"]) + "?typ=project",
        form_data(
            world["unit"],
            title="Med pengar",
            first_year=2026,
            first_budget="50000",
            first_source=source.pk,
            first_granted="20000",
            first_decided_on="2026-01-15",
            publicera="1",
        ),
    )
    assert response.status_code == 302, form_errors(response)
    activity = Activity.objects.get(title="Med pengar")
    assert activity.published
    assert not activity.has_unpublished_changes  # the money is part of what was published
    assert activity.budget_lines.get().budget == 50000
    assert activity.funding.get().granted_amount == 20000


def test_an_activity_that_no_longer_passes_the_checks_can_still_be_withdrawn(
    world: dict[str, Any],
) -> None:
    activity = _create_by_api(world)  # published
    # Written before a rule got stricter: today's checks would refuse it.
    Activity.objects.filter(pk=activity.pk).update(title="", development_area="")
    before = history_rows()
    response = world["client"].post(
        reverse("activities:unpublish", args=["uppsala", activity.pk]), follow=True
    )
    assert response.status_code == 200
    activity.refresh_from_db()
    assert not activity.published
    assert new_rows(before) == {"activities.Activity": 1}
    assert newest_actions(activity)[0] == "activity.unpublished"


def test_two_new_partners_of_one_row_are_not_taken_for_the_same(world: dict[str, Any]) -> None:
    page = upload(
        world["client"],
        xlsx(
            [row(titel="Två nya", partner="Nya Aby; Nya Bby")],
            partners=[
                {"namn": "Nya Aby", "typ": "Kommun/stad", "land": "NO"},
                {"namn": "Nya Bby", "typ": "Kommun/stad", "land": "DK"},
            ],
        ),
    )
    assert import_errors(page) == []
    assert apply(world["client"], page).state == "done"
    activity = Activity.objects.get(title="Två nya")
    assert sorted(link.partner.name for link in activity.partner_links.all()) == [
        "Nya Aby",
        "Nya Bby",
    ]


def test_an_archived_partner_is_not_linked_anew_but_may_stay(world: dict[str, Any]) -> None:
    activity = _create_by_api(world)  # linked to all three
    tartu, abo, utrecht = world["partners"]
    partner_archive(access=world["access"], user=world["user"], partner=tartu)
    partner_archive(access=world["access"], user=world["user"], partner=utrecht)
    current = [{"partner": p.pk, "role": "partner"} for p in (tartu, abo)]
    activity.refresh_from_db()
    response = world["api"].send(
        "put",
        f"uppsala/activities/{activity.pk}",
        payload(title="Kvar", partners=current, row_version=activity.row_version),
    )
    assert response.status_code == 200, response.json()  # Tartu was linked before
    other = activity_save(
        access=world["access"],
        user=world["user"],
        activity=Activity(kind="project", title="Ny", unit=world["unit"], development_area="x"),
        expected_version=None,
    )
    before = history_rows()
    response = world["api"].send(
        "put",
        f"uppsala/activities/{other.pk}",
        payload(
            title="Ny",
            partners=[{"partner": utrecht.pk, "role": "partner"}],
            row_version=other.row_version,
        ),
    )
    assert response.status_code == 400
    assert f"{utrecht} är arkiverad och kan inte kopplas." in api_errors(response)
    response = world["api"].send(
        "put",
        f"uppsala/activities/{other.pk}",
        payload(kind="network", title="Ny", network=utrecht.pk, row_version=other.row_version),
    )
    assert response.status_code == 400
    assert new_rows(before) == {}


def test_the_parts_doors_refuse_another_municipalitys_member(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    activity = _create_by_api(world)
    stranger = access_for(personas["outsider"], "umea")
    for door in (
        lambda: budget_set(
            access=stranger,
            user=None,
            activity=activity,
            year=2026,
            budget=Decimal(1),
            cost=Decimal(0),
        ),
        lambda: link_add(
            access=stranger, user=None, activity=activity, title="x", url="https://example.se"
        ),
        lambda: activity_archive(access=stranger, user=None, activity=activity),
        lambda: activity_restore(access=stranger, user=None, activity=activity),
    ):
        with pytest.raises(PermissionDenied):
            door()


def test_a_new_partner_is_registered_only_if_it_can_be_linked(world: dict[str, Any]) -> None:
    activity = _create_by_api(world)
    # The activity no longer passes today's checks: linking (a change of it) is refused.
    Activity.objects.filter(pk=activity.pk).update(title="")
    before = history_rows()
    response = world["client"].post(
        reverse("activities:partner_add", args=["uppsala", activity.pk]),
        {"ny-name": "Kaunas", "ny-kind": "municipality", "ny-country": "LT", "ny-role": "partner"},
    )
    assert response.status_code == 400
    assert "Ange en titel" in response.content.decode()
    assert not Partner.objects.filter(name="Kaunas").exists()
    assert new_rows(before) == {}


def test_the_first_grant_keeps_empty_what_the_user_did_not_give(world: dict[str, Any]) -> None:
    """Issue 19 (2): no applied amount equal to the granted one, no decision dated today."""
    source = FundingSource.objects.filter(external=True).order_by("pk").first()
    data = form_data(
        world["unit"], title="Bidrag utan datum", first_source=source.pk, first_granted="20000"
    )
    response = world["client"].post(
        reverse("activities:create", args=["uppsala"]) + "?typ=project", data
    )
    assert response.status_code == 200
    assert "beslutsdatum" in form_errors(response).lower()
    # Issue 19 (6): after an error the new activity is still called new.
    heading = BeautifulSoup(response.content, "html.parser").select_one("h1").get_text(strip=True)
    assert heading.startswith("Registrera"), heading
    assert not Activity.objects.filter(title="Bidrag utan datum").exists()
    response = world["client"].post(
        reverse("activities:create", args=["uppsala"]) + "?typ=project",
        data | {"first_decided_on": "2025-11-03"},
    )
    assert response.status_code == 302, form_errors(response)
    funding = Activity.objects.get(title="Bidrag utan datum").funding.get()
    assert funding.granted_amount == 20000
    assert funding.applied_amount is None
    assert str(funding.decided_on) == "2025-11-03"
