"""The JSON API: tokens, the tenant wall, unit scoping, structured errors, conflicts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from utblick.accounts.tokens import token_revoke
from utblick.activities.models import Activity
from utblick.funding.models import FundingSource
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.testing.api import Api
from utblick.testing.fixtures import bulk_activities

pytestmark = pytest.mark.django_db


@pytest.fixture
def apis(personas: dict[str, Any]) -> dict[str, Api]:
    return {name: Api(user) for name, user in personas.items()} | {"anonymous": Api(None)}


def project(unit: str = "utbildningsforvaltningen", **changes: Any) -> dict[str, Any]:
    return {
        "kind": "project",
        "title": "API-projekt",
        "unit": unit,
        "development_area": "Digitalt lärande",
        "goals": [],
    } | changes


def test_openapi_document_is_public_json(db: Any) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/{municipality}/activities" in spec["paths"]
    assert spec["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    # The form asks before a second activity with the same title; the API says it does not.
    create = spec["paths"]["/api/v1/{municipality}/activities"]["post"]["description"]
    assert "samma titel" in create and "kontrollerar inte" in create


def test_token_is_required_and_revocable(apis: dict[str, Api], personas: dict[str, Any]) -> None:
    response = apis["anonymous"].get("uppsala/activities")
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"].startswith("Ange en giltig API-nyckel")
    api = Api(personas["reader"])
    assert api.get("uppsala/activities").status_code == 200
    token = personas["reader"].api_tokens.first()  # the newest
    assert token_revoke(user=personas["reader"], token_id=token.pk)
    assert api.get("uppsala/activities").status_code == 401


def test_create_read_update_through_the_api(apis: dict[str, Api], uppsala: Any) -> None:
    partner = Partner.objects.create(
        municipality=uppsala, name="Tartu linn", kind="municipality", country="EE"
    )
    body = project(
        focus_areas=["verksamhetsutveckling"],
        start_date="2026-01-01",
        partners=[{"partner": partner.pk, "role": "lead"}],
    )
    created = apis["editor"].send("post", "uppsala/activities", body)
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["focus_areas"] == ["verksamhetsutveckling"]
    assert data["partners"] == [{"partner": partner.pk, "role": "lead"}]
    assert apis["reader"].get(f"uppsala/activities/{data['id']}").json()["title"] == "API-projekt"
    update = apis["editor"].send(
        "put",
        f"uppsala/activities/{data['id']}",
        body | {"title": "Nytt namn", "row_version": data["row_version"], "partners": []},
    )
    assert update.status_code == 200, update.json()
    assert update.json()["title"] == "Nytt namn" and update.json()["partners"] == []
    activity = Activity.objects.get(pk=data["id"])
    assert activity.history.count() >= 2


def test_stale_row_version_is_a_409_with_the_changes(apis: dict[str, Api], uppsala: Any) -> None:
    data = apis["coordinator"].send("post", "uppsala/activities", project()).json()
    first = apis["coordinator"].send(
        "put",
        f"uppsala/activities/{data['id']}",
        project(summary="Först", row_version=data["row_version"]),
    )
    assert first.status_code == 200
    second = apis["editor"].send(
        "put",
        f"uppsala/activities/{data['id']}",
        project(summary="Sen", row_version=data["row_version"]),
    )
    assert second.status_code == 409
    body = second.json()
    assert body["current_row_version"] == data["row_version"] + 1
    assert {"field": "summary", "before": "–", "after": "Först"} in body["changes"]
    assert Activity.objects.get(pk=data["id"]).summary == "Först"


@pytest.mark.parametrize(
    ("changes", "field", "status"),
    [
        ({"end_date": "2025-01-01", "start_date": "2026-01-01"}, "end_date", 400),
        # Limits of the record are the register's (400, the form's words); shapes are the API's (422).
        ({"annual_fee": -1, "kind": "network"}, "annual_fee", 400),
        ({"unit": "riksdagen"}, "unit", 400),
        ({"focus_areas": ["paverkan-omvarldsbevakning"]}, "focus_areas", 400),
        ({"terms": ["agenda2030:mal-99"]}, "terms", 400),
        ({"kind": "flygplan"}, "kind", 422),
        ({"start_date": "1 maj"}, "start_date", 422),
        ({"title": ""}, "title", 400),
        ({"development_area": "", "status": "proposed"}, "goals", 400),
        ({"titel": "Stavfel"}, "titel", 422),
    ],
)
def test_bad_payloads_get_structured_errors_and_change_nothing(
    changes: dict[str, Any], field: str, status: int, apis: dict[str, Api], umea: Any
) -> None:
    before = Activity.objects.count()
    response = apis["coordinator"].send("post", "uppsala/activities", project(**changes))
    assert response.status_code == status, response.json()
    if status >= 400:
        errors = response.json()["errors"]
        assert field in [e["field"] for e in errors], errors
        assert all(e["message"] for e in errors)
        assert Activity.objects.count() == before


def test_a_partner_id_from_another_municipality_is_refused(apis: dict[str, Api], umea: Any) -> None:
    foreign = Partner.objects.create(
        municipality=umea, name="Vaasan kaupunki", kind="municipality", country="FI"
    )
    response = apis["coordinator"].send(
        "post", "uppsala/activities", project(partners=[{"partner": foreign.pk}])
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "partners", "message": f"Partnern {foreign.pk} finns inte i kommunens register."}
    ]
    response = apis["coordinator"].send(
        "post", "uppsala/activities", project(kind="network", network=foreign.pk)
    )
    assert response.status_code == 400


def test_tenant_wall_roles_and_units(apis: dict[str, Api], uppsala: Any, umea: Any) -> None:
    data = (
        apis["coordinator"]
        .send("post", "uppsala/activities", project(unit="kulturforvaltningen"))
        .json()
    )
    # Another municipality's member: 404 on the list and the object, for reads and writes.
    assert apis["outsider"].get("uppsala/activities").status_code == 404
    assert apis["outsider"].get(f"uppsala/activities/{data['id']}").status_code == 404
    assert apis["outsider"].get(f"umea/activities/{data['id']}").status_code == 404
    assert (
        apis["outsider"]
        .send("put", f"umea/activities/{data['id']}", project(row_version=1))
        .status_code
        == 404
    )
    assert apis["outsider"].send("post", "uppsala/activities", project()).status_code == 404
    # A reader reads and does not write.
    assert apis["reader"].get(f"uppsala/activities/{data['id']}").status_code == 200
    assert apis["reader"].send("post", "uppsala/activities", project()).status_code == 403
    # An editor writes only for their own units.
    denied = apis["editor"].send(
        "put",
        f"uppsala/activities/{data['id']}",
        project(unit="kulturforvaltningen", row_version=data["row_version"]),
    )
    assert denied.status_code == 403
    assert (
        apis["editor"]
        .send("post", "uppsala/activities", project(unit="kulturforvaltningen"))
        .status_code
        == 403
    )
    assert Activity.objects.count() == 1


def test_list_uses_the_register_filters_and_pages(apis: dict[str, Api], uppsala: Any) -> None:
    for i in range(3):
        apis["coordinator"].send(
            "post", "uppsala/activities", project(title=f"Projekt {i}", status="idea")
        )
    apis["coordinator"].send(
        "post", "uppsala/activities", {"kind": "event", "title": "Örebrodagen", "unit": "ks"}
    )
    page = apis["reader"].get("uppsala/activities", typ="event").json()
    assert [a["title"] for a in page["results"]] == ["Örebrodagen"]
    page = apis["reader"].get("uppsala/activities", q="orebro").json()
    assert page["count"] == 1
    page = apis["reader"].get("uppsala/activities", per_sida=2, sida=2).json()
    assert (page["count"], page["page"], page["pages"], len(page["results"])) == (4, 2, 2, 2)
    bad = apis["reader"].get("uppsala/activities", enhet=999999)
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "enhet"


def test_partners_and_funding(apis: dict[str, Api], uppsala: Any) -> None:
    created = apis["editor"].send(
        "post", "uppsala/partners", {"name": "Tartu linn", "kind": "municipality", "country": "ee"}
    )
    assert created.status_code == 201 and created.json()["country_name"] == "Estland"
    duplicate = apis["editor"].send(
        "post", "uppsala/partners", {"name": "TARTU  LINN", "kind": "municipality", "country": "EE"}
    )
    assert duplicate.status_code == 400 and duplicate.json()["errors"][0]["field"] == "name"
    unknown = apis["editor"].send(
        "post", "uppsala/partners", {"name": "X", "kind": "municipality", "country": "XX"}
    )
    assert unknown.status_code == 400
    activity = apis["editor"].send("post", "uppsala/activities", project()).json()
    sources = apis["reader"].get("funding-sources").json()
    assert {"key": "erasmus-plus", "name": "Erasmus+", "kind": "eu", "external": True} in sources
    funding = apis["editor"].send(
        "post",
        f"uppsala/activities/{activity['id']}/funding",
        {
            "source": "erasmus-plus",
            "status": "granted",
            "currency": "EUR",
            "granted_amount": "60000",
            "rate_to_sek": "11.2",
            "decided_on": "2026-01-10",
        },
    )
    assert funding.status_code == 201, funding.json()
    assert (
        apis["reader"].get(f"uppsala/activities/{activity['id']}/funding").json()[0]["source"]
        == "erasmus-plus"
    )
    bad = apis["editor"].send(
        "post", f"uppsala/activities/{activity['id']}/funding", {"source": "lotteriet"}
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "source"
    assert FundingSource.objects.count() == 17


def test_api_list_query_count_is_the_same_at_10_and_500(
    apis: dict[str, Api], uppsala: Any, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    bulk_activities(uppsala, 10)
    apis["reader"].get("uppsala/activities", per_sida=200)
    with CaptureQueriesContext(connection) as at_10:
        assert apis["reader"].get("uppsala/activities", per_sida=200).status_code == 200
    baseline = len(at_10.captured_queries)
    bulk_activities(uppsala, 490)
    with django_assert_num_queries(baseline):
        response = apis["reader"].get("uppsala/activities", per_sida=200)
    assert response.json()["count"] == 500 and len(response.json()["results"]) == 200


def test_unit_key_of_another_municipality_does_not_resolve(apis: dict[str, Api], umea: Any) -> None:
    assert Unit.objects.filter(municipality=umea, key="internationella-enheten").exists()
    response = apis["coordinator"].send(
        "post", "uppsala/activities", project(unit="internationella-enheten")
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "unit"
