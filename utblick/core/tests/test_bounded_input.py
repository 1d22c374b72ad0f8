"""Issue 12, findings 3, 4, 9 and 10: every door refuses what the model cannot hold, with words.

Each case was a 201 (or a stored value) followed by 500s on other pages; now
it is refused at the door in Swedish and nothing is stored.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest

from utblick.activities.models import Activity
from utblick.funding.models import Funding
from utblick.imports.reading import read_upload
from utblick.imports.services import ImportInvalid, apply_import
from utblick.imports.tests.test_import import HEADERS, access_of, good_row
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.policies.fileformat import PolicyFileInvalid, read_policy_file
from utblick.testing.api import Api
from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def project(**changes: Any) -> dict[str, Any]:
    return {
        "kind": "project",
        "title": "Gränsprojekt",
        "unit": "utbildningsforvaltningen",
        "development_area": "Digitalt lärande",
    } | changes


def _refused(response: Any, field: str) -> str:
    assert response.status_code in (400, 422), response.content[:500]
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    messages = [e["message"] for e in body["errors"] if e["field"].endswith(field)]
    assert messages, body
    return messages[0]


@pytest.fixture
def api(personas: dict[str, Any]) -> Api:
    return Api(personas["coordinator"])


@pytest.fixture
def activity(api: Api) -> int:
    response = api.send("post", "uppsala/activities", project())
    assert response.status_code == 201, response.content
    return response.json()["id"]


@pytest.mark.parametrize("amount", ["1e13", "10000000000000", "1E+400", "NaN", "Infinity"])
def test_funding_amount_beyond_the_column_is_refused(api: Api, activity: int, amount: str) -> None:
    before = Funding.objects.count()
    response = api.client.post(
        f"/api/v1/uppsala/activities/{activity}/funding",
        '{"source": "erasmus-plus", "applied_amount": ' + amount + "}",
        content_type="application/json",
        headers=api.headers,
    )
    assert _refused(response, "applied_amount")
    assert Funding.objects.count() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("annual_fee", 1.68e16),
        ("cost", 10**11),
        ("participant_count", 2**63),
        ("participant_count", -1),
    ],
)
def test_activity_numbers_beyond_the_column_are_refused(api: Api, field: str, value: Any) -> None:
    kind = {"annual_fee": "network", "cost": "event", "participant_count": "event"}[field]
    body = project(kind=kind, **{field: value})
    response = api.send("post", "uppsala/activities", body)
    message = _refused(response, field)
    assert "Internal" not in message
    assert not Activity.objects.filter(title="Gränsprojekt").exists()


@pytest.mark.parametrize("title", ["Styr\x03tecken", "Nolltecken\x00här", "Radslut\x0bvertikal"])
def test_control_characters_are_refused_in_api(api: Api, title: str) -> None:
    before = Activity.objects.count()
    response = api.send("post", "uppsala/activities", project(title=title))
    assert "styrtecken" in _refused(response, "title").lower()
    assert Activity.objects.count() == before  # (PostgreSQL cannot even look NUL up)


def test_tab_and_newline_are_kept(api: Api) -> None:
    response = api.send(
        "post", "uppsala/activities", project(description="Rad ett\nRad\ttvå\r\nRad tre")
    )
    assert response.status_code == 201


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.se/x", "data:text/html,x"])
def test_partner_website_only_http(api: Api, url: str) -> None:
    response = api.send(
        "post",
        "uppsala/partners",
        {"name": "Skurkstad", "kind": "municipality", "country": "FI", "website": url},
    )
    _refused(response, "website")
    assert not Partner.objects.filter(name="Skurkstad").exists()


@pytest.mark.parametrize("year", ["99999", "-1", "0", "abc"])
def test_year_out_of_range_on_register_and_api(
    api: Api, personas: dict[str, Any], year: str
) -> None:
    client = client_for(personas["coordinator"])
    register = client.get("/app/uppsala/register/", {"ar": year})
    assert register.status_code == 200
    assert 'id="id_ar_error"' in register.content.decode()
    response = api.get("uppsala/activities", ar=year)
    assert response.status_code in (200, 400, 422)
    reports = client.get("/app/uppsala/rapporter/", {"ar": year})
    assert reports.status_code in (200, 400, 404)
    for path in ("/app/uppsala/rapporter/", "/app/uppsala/uppfoljning/"):
        assert client.get(path, {"ar": "9999"}).status_code in (200, 400, 404)


def test_control_characters_are_refused_in_the_form(personas: dict[str, Any]) -> None:
    client = client_for(personas["coordinator"])
    unit = Unit.objects.get(municipality__slug="uppsala", key="utbildningsforvaltningen")
    response = client.post(
        "/app/uppsala/register/ny/",
        {
            "typ": "project",
            "title": "Formulär\x07pling",
            "unit": unit.pk,
            "status": "proposed",
            "development_area": "Digitalt lärande",
            "child_impact": "positive",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "styrtecken" in html, re.findall(r'class="field__error"[^>]*>([^<]*)', html)
    assert not Activity.objects.filter(title__startswith="Formulär").exists()


def test_policy_file_nested_deep_is_named_not_a_recursion_error() -> None:
    deep = "x = " + "[" * 50_000 + "]" * 50_000 + "\n"
    with pytest.raises(PolicyFileInvalid) as caught:
        read_policy_file(deep.encode(), "djup.toml")
    assert "nästlad djupare" in str(caught.value.problems[0].message)
    shallow_but_deep = "x = " + "[" * 40 + "]" * 40 + "\n"
    with pytest.raises(PolicyFileInvalid) as caught:
        read_policy_file(shallow_but_deep.encode(), "djup.toml")
    assert "nästlad djupare" in str(caught.value.problems[0].message)


def test_policy_file_control_character_is_named_at_its_path() -> None:
    with pytest.raises(PolicyFileInvalid) as caught:
        read_policy_file(b'[municipality]\nname = "Styr\\u0003stad"\n', "styr.toml")
    problem = caught.value.problems[0]
    assert problem.path == "municipality.name"
    assert "U+0003" in problem.message


def test_a_control_character_in_an_import_row_is_named_at_its_row(uppsala: Any) -> None:
    # A CSV carries the control character to the importer (openpyxl refuses to write one).
    rows = [good_row(1), good_row(2)]
    rows[1][1] = "Rad\x03två"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADERS)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    upload = read_upload(out.getvalue().encode("utf-8"), "s.csv")
    with pytest.raises(ImportInvalid) as caught:
        apply_import(upload, access_of(uppsala), None, filename="s.csv")
    problems = caught.value.plan.all_problems
    assert [(p.row, "styrtecken" in p.message) for p in problems] == [(3, True)]
    assert not Activity.objects.filter(municipality=uppsala).exists()
