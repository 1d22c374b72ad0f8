"""Every API operation, for every persona: the tenant wall and the roles, generated.

The operations are read from the API's own OpenAPI document, so an operation
added without an entry in OPERATIONS fails ``test_every_operation_is_covered``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps

from utblick.accounts.access import access_for
from utblick.activities.models import Activity
from utblick.activities.services import activity_save
from utblick.api.api import api
from utblick.core.models import TenantModel
from utblick.funding.models import Funding, FundingSource
from utblick.funding.services import funding_save
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.partners.services import partner_save
from utblick.testing.api import Api

pytestmark = pytest.mark.django_db

OWN_UNIT = "utbildningsforvaltningen"  # under the editor's Utbildningsnämnden
OTHER_UNIT = "kulturforvaltningen"


@dataclass(frozen=True)
class Operation:
    need: str  # read | edit
    #: Whether an editor may do it only for their own units (an activity and what hangs on it).
    unit_scoped: bool = False


OPERATIONS: dict[tuple[str, str], Operation] = {
    ("get", "/api/v1/{municipality}/activities"): Operation("read"),
    ("post", "/api/v1/{municipality}/activities"): Operation("edit", unit_scoped=True),
    ("get", "/api/v1/{municipality}/activities/{activity_id}"): Operation("read"),
    ("put", "/api/v1/{municipality}/activities/{activity_id}"): Operation("edit", True),
    ("patch", "/api/v1/{municipality}/activities/{activity_id}"): Operation("edit", True),
    ("get", "/api/v1/{municipality}/partners"): Operation("read"),
    ("post", "/api/v1/{municipality}/partners"): Operation("edit"),
    ("get", "/api/v1/{municipality}/partners/{partner_id}"): Operation("read"),
    ("put", "/api/v1/{municipality}/partners/{partner_id}"): Operation("edit"),
    ("get", "/api/v1/{municipality}/activities/{activity_id}/funding"): Operation("read"),
    ("post", "/api/v1/{municipality}/activities/{activity_id}/funding"): Operation("edit", True),
    (
        "put",
        "/api/v1/{municipality}/activities/{activity_id}/funding/{funding_id}",
    ): Operation("edit", True),
}


def _schema_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {
        (method, path)
        for path, methods in paths.items()
        if "{municipality}" in path
        for method in methods
    }


def test_every_operation_is_covered() -> None:
    assert _schema_operations() == set(OPERATIONS)


def history_rows() -> int:
    return sum(m.history.count() for m in apps.get_models() if issubclass(m, TenantModel))


@pytest.fixture
def world(personas: dict[str, Any], uppsala: Any, umea: Any) -> dict[str, Any]:
    """In Uppsala: an activity outside the editor's units, with a partner and a funding row."""
    coordinator = personas["coordinator"]
    access = access_for(coordinator, "uppsala")
    other = Unit.objects.get(municipality=uppsala, key=OTHER_UNIT)
    activity = activity_save(
        access=access,
        user=coordinator,
        activity=Activity(kind="project", title="Kulturutbyte", unit=other, development_area="x"),
        expected_version=None,
    )
    partner = partner_save(
        access=access,
        user=coordinator,
        partner=Partner(name="Tartu linn", kind="municipality", country="EE"),
        expected_version=None,
    )
    funding = funding_save(
        access=access,
        user=coordinator,
        activity=activity,
        funding=Funding(source=FundingSource.objects.get(key="erasmus-plus")),
        expected_version=None,
    )
    return {"activity": activity, "partner": partner, "funding": funding}


def _path(path: str, slug: str, world: dict[str, Any]) -> str:
    return (
        path.replace("/api/v1/", "")
        .replace("{municipality}", slug)
        .replace("{activity_id}", str(world["activity"].pk))
        .replace("{partner_id}", str(world["partner"].pk))
        .replace("{funding_id}", str(world["funding"].pk))
    )


def _body(method: str, path: str, world: dict[str, Any], unit: str = OTHER_UNIT) -> dict[str, Any]:
    """A body the coordinator's call succeeds with (the current row version for updates)."""
    if method == "get":
        return {}
    if path.endswith("/funding") or "{funding_id}" in path:
        body: dict[str, Any] = {"source": "erasmus-plus", "call_identifier": "KA1"}
        record: Any = world["funding"]
    elif "partners" in path:
        body = {"name": "Tartu linn", "kind": "municipality", "country": "EE", "place": "Tartu"}
        if method == "post":
            body["name"] = "Åbo stad"
            body["country"] = "FI"
        record = world["partner"]
    else:
        body = {"kind": "project", "title": "Utbyte", "unit": unit, "development_area": "x"}
        record = world["activity"]
    if method in ("put", "patch"):
        record.refresh_from_db()
        body["row_version"] = record.row_version
    return body


def call(client: Api, method: str, path: str, body: dict[str, Any]) -> Any:
    return client.get(path) if method == "get" else client.send(method, path, body)


OPS = sorted(OPERATIONS)
WRITES = [op for op in OPS if OPERATIONS[op].need == "edit"]


@pytest.mark.parametrize(("method", "path"), OPS)
def test_anonymous_gets_401(method: str, path: str, world: dict[str, Any]) -> None:
    before = history_rows()
    response = call(Api(None), method, _path(path, "uppsala", world), _body(method, path, world))
    assert response.status_code == 401
    assert history_rows() == before


@pytest.mark.parametrize(("method", "path"), OPS)
def test_another_municipality_gets_404(
    method: str, path: str, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    outsider = Api(personas["outsider"])
    before = history_rows()
    body = _body(method, path, world)
    # Uppsala's address, and Umeå's own address carrying Uppsala's ids: both 404.
    for slug in ("uppsala", "umea") if "_id}" in path else ("uppsala",):
        response = call(outsider, method, _path(path, slug, world), body)
        assert response.status_code == 404, (slug, response.content)
        assert response.json()["errors"][0]["message"] == "Finns inte."
    assert history_rows() == before


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_a_reader_gets_403_for_every_write(
    method: str, path: str, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    before = history_rows()
    body = _body(method, path, world)
    response = call(Api(personas["reader"]), method, _path(path, "uppsala", world), body)
    assert response.status_code == 403
    assert history_rows() == before


@pytest.mark.parametrize(("method", "path"), [op for op in WRITES if OPERATIONS[op].unit_scoped])
def test_an_editor_gets_403_outside_their_units(
    method: str, path: str, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    before = history_rows()
    body = _body(method, path, world)
    response = call(Api(personas["editor"]), method, _path(path, "uppsala", world), body)
    assert response.status_code == 403
    assert history_rows() == before


@pytest.mark.parametrize(("method", "path"), OPS)
def test_a_reader_reads_and_the_coordinator_does_everything(
    method: str, path: str, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    """The other side of the wall: the same calls succeed for those who may make them."""
    body = _body(method, path, world)
    if method == "get":
        response = call(Api(personas["reader"]), method, _path(path, "uppsala", world), body)
        assert response.status_code == 200, response.content
    response = call(Api(personas["coordinator"]), method, _path(path, "uppsala", world), body)
    assert response.status_code == (201 if method == "post" else 200), response.content


@pytest.mark.parametrize(
    ("method", "path"), [op for op in WRITES if OPERATIONS[op].unit_scoped and op[0] == "post"]
)
def test_an_editor_writes_in_their_own_units(
    method: str, path: str, world: dict[str, Any], personas: dict[str, Any], uppsala: Any
) -> None:
    own = Unit.objects.get(municipality=uppsala, key=OWN_UNIT)
    Activity.objects.filter(pk=world["activity"].pk).update(unit=own)
    body = _body(method, path, world, unit=OWN_UNIT)
    response = call(Api(personas["editor"]), method, _path(path, "uppsala", world), body)
    assert response.status_code == 201, response.content
