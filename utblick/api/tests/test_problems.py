"""Issue 12, finding 12: every API error is an RFC 9457 problem, documented in the OpenAPI."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from utblick.testing.api import Api
from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def api(personas: dict[str, Any]) -> Api:
    return Api(personas["coordinator"])


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["type"]
    assert body["instance"].startswith("/api/")
    return body


def test_a_body_that_is_not_json_is_a_swedish_problem(api: Api) -> None:
    response = api.client.post(
        "/api/v1/uppsala/activities",
        "{inte json",
        content_type="application/json",
        headers=api.headers,
    )
    body = _problem(response, 400)
    assert "JSON" in body["detail"] and "Cannot" not in body["detail"]


def test_a_method_the_address_does_not_take_is_a_problem_with_allow(api: Api) -> None:
    response = api.client.delete("/api/v1/uppsala/activities", headers=api.headers)
    body = _problem(response, 405)
    assert "DELETE" in body["detail"]
    assert "GET" in response["Allow"]


def test_an_unknown_address_under_the_api_is_a_problem() -> None:
    body = _problem(Client().get("/api/v1/finns/inte/alls/"), 404)
    assert body["type"] == "about:blank"


def test_field_errors_are_an_extension_and_conflicts_carry_the_version(api: Api) -> None:
    body = _problem(api.send("post", "uppsala/activities", {"kind": "project"}), 422)
    assert {e["field"] for e in body["errors"]} >= {"title", "unit"}
    created = api.send(
        "post",
        "uppsala/activities",
        {
            "kind": "project",
            "title": "P",
            "unit": "utbildningsforvaltningen",
            "development_area": "X",
        },
    ).json()
    path = f"uppsala/activities/{created['id']}"
    read = api.get(path).json()
    current = {k: v for k, v in read.items() if k not in {"id", "archived", "updated_at", "url"}}
    assert api.send("put", path, current | {"title": "Första"}).status_code == 200
    body = _problem(api.send("put", path, current | {"title": "Andra"}), 409)
    assert body["type"] == "urn:utblick:problem:konflikt"
    assert body["current_row_version"] == current["row_version"] + 1
    assert {"field": "title", "before": "P", "after": "Första"} in body["changes"]


def test_unauthenticated_is_a_problem() -> None:
    _problem(Client().get("/api/v1/uppsala/activities"), 401)


def test_every_status_is_documented_with_its_schema() -> None:
    spec = Client().get("/api/v1/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert {"400", "401", "403", "404", "422"} <= statuses, (path, method)
            if method in ("post", "put"):
                assert "409" in statuses, (path, method)
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == [PROBLEM], (path, method, status)


def test_a_control_character_in_an_address_is_a_400_not_a_lookup(
    personas: dict[str, Any], api: Api
) -> None:
    page = client_for(personas["coordinator"]).get("/app/uppsala/register/", {"q": "a\x00b"})
    assert page.status_code == 400
    assert "styrtecken" in page.content.decode()
    body = _problem(api.get("uppsala/activities", q="a\x00b"), 400)
    assert "U+0000" in body["detail"]


def _activity(api: Api) -> tuple[str, dict[str, Any]]:
    created = api.send(
        "post",
        "uppsala/activities",
        {
            "kind": "project",
            "title": "P",
            "unit": "utbildningsforvaltningen",
            "development_area": "X",
        },
    ).json()
    path = f"uppsala/activities/{created['id']}"
    return path, api.get(path).json()


def test_a_patch_writes_only_what_it_sends(api: Api) -> None:
    path, read = _activity(api)
    response = api.send("patch", path, {"row_version": read["row_version"], "summary": "Kort"})
    assert response.status_code == 200, response.content
    after = api.get(path).json()
    assert (after["summary"], after["title"], after["development_area"]) == ("Kort", "P", "X")


def test_a_stale_patch_of_other_fields_is_merged_and_of_the_same_field_is_a_conflict(
    api: Api,
) -> None:
    """Finding 1 in the API: a stale save must not write back what the other changed."""
    path, read = _activity(api)
    stale = read["row_version"]
    assert api.send("patch", path, {"row_version": stale, "title": "Deras"}).status_code == 200
    merged = api.send("patch", path, {"row_version": stale, "summary": "Min"})
    assert merged.status_code == 200, merged.content
    assert (merged.json()["title"], merged.json()["summary"]) == ("Deras", "Min")
    body = _problem(api.send("patch", path, {"row_version": stale, "title": "Min titel"}), 409)
    assert {"field": "title", "before": "P", "after": "Deras"} in body["changes"]
    assert api.get(path).json()["title"] == "Deras"


def test_a_patch_that_empties_a_required_field_is_a_422_not_a_500(api: Api) -> None:
    path, read = _activity(api)
    response = api.send("patch", path, {"row_version": read["row_version"], "title": None})
    assert _problem(response, 422)["errors"][0]["field"] == "title"
