"""The EU's identifiers on projects, partners and funding, alike through every door (issue 18)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from utblick.activities.models import Activity
from utblick.activities.services import activity_publish
from utblick.activities.tests.test_write_paths import (
    api_errors,
    apply,
    form_data,
    form_errors,
    history_rows,
    new_rows,
    payload,
    preview_text,
    row,
    upload,
    world,  # noqa: F401  (the fixture)
    xlsx,
)
from utblick.funding.models import Funding
from utblick.partners.models import Partner
from utblick.public.tests.conftest import publishing

pytestmark = pytest.mark.django_db

EU = {
    "eu_project_id": "101056765",
    "eu_programme": "HORIZON",
    "eu_programme_period": "2021–2027",
    "eu_call": "HORIZON-CL5-2021-D1-01",
    "eu_funding_scheme": "HORIZON-RIA",
    "cofinancing_rate": "80",
    "nuts_code": "SE121",
}
#: The same, as the import's columns name them.
EU_COLUMNS = {
    "eu-projekt-id": "101056765",
    "eu-program": "HORIZON",
    "programperiod": "2021–2027",
    "utlysning": "HORIZON-CL5-2021-D1-01",
    "finansieringsform": "HORIZON-RIA",
    "medfinansieringsgrad": "80 %",
    "nuts": "se 121",
}


def stored(activity: Activity) -> dict[str, Any]:
    return {name: getattr(activity, name) for name in EU}


EXPECTED = EU | {"cofinancing_rate": Decimal("80.00")}


def test_a_project_keeps_its_eu_ids_through_the_form_the_api_and_the_import(
    world: dict[str, Any],  # noqa: F811
) -> None:
    form = world["client"].post(
        reverse("activities:create", args=["uppsala"]) + "?typ=project",
        form_data(world["unit"], **EU),
    )
    assert form.status_code == 302, form_errors(form)
    by_form = Activity.objects.get(title="Språkbad")
    assert stored(by_form) == EXPECTED
    page = BeautifulSoup(world["client"].get(by_form.get_absolute_url()).content, "html.parser")
    facts = page.select_one(".facts").get_text(" ", strip=True)
    assert "Projekt-id 101056765 · HORIZON 2021–2027" in facts
    assert "EU:s medfinansiering 80 %" in facts and "NUTS SE121" in facts

    api = world["api"].send(
        "post", "uppsala/activities", payload(title="Via API", **EU | {"eu_project_id": "2"})
    )
    assert api.status_code == 201, api.json()
    assert {k: api.json()[k] for k in EU if k != "cofinancing_rate"} == {
        k: v for k, v in EU.items() if k != "cofinancing_rate"
    } | {"eu_project_id": "2"}
    assert Decimal(str(api.json()["cofinancing_rate"])) == Decimal(80)

    page = upload(
        world["client"], xlsx([row(titel="Via import", **EU_COLUMNS | {"eu-projekt-id": "3"})])
    )
    apply(world["client"], page)
    assert stored(Activity.objects.get(title="Via import")) == EXPECTED | {"eu_project_id": "3"}


@pytest.mark.parametrize(
    ("field", "column", "value", "message"),
    [
        (
            "nuts_code",
            "nuts",
            "1E331",
            "NUTS-koden är landskoden och upp till tre tecken till, t.ex. SE331.",
        ),
        (
            "eu_programme_period",
            "programperiod",
            "2027–2021",
            "Ange programperioden som ÅÅÅÅ–ÅÅÅÅ, t.ex. 2021–2027.",
        ),
        (
            "cofinancing_rate",
            "medfinansieringsgrad",
            "120",
            "Ange en andel mellan 0 och 100 procent",
        ),
    ],
)
def test_a_malformed_id_is_refused_in_swedish_by_every_door(
    world: dict[str, Any],  # noqa: F811
    field: str,
    column: str,
    value: str,
    message: str,
) -> None:
    before = history_rows()
    form = world["client"].post(
        reverse("activities:create", args=["uppsala"]) + "?typ=project",
        form_data(world["unit"], **{field: value}),
    )
    assert form.status_code == 200 and message in form_errors(form)
    api = world["api"].send("post", "uppsala/activities", payload(**{field: value}))
    assert api.status_code in (400, 422) and any(message in m for m in api_errors(api))
    page = upload(world["client"], xlsx([row(**{column: value})]))
    assert message in preview_text(page)
    assert page.select_one("form[action*='/import/']") is None
    assert new_rows(before) == {}


def test_one_record_per_eu_project_and_the_import_finds_it_again_by_its_id(
    world: dict[str, Any],  # noqa: F811
) -> None:
    world["api"].send("post", "uppsala/activities", payload(title="Första", eu_project_id="777"))
    first = Activity.objects.get(title="Första")
    message = "EU-id 777 hör redan till Första."

    form = world["client"].post(
        reverse("activities:create", args=["uppsala"]) + "?typ=project",
        form_data(world["unit"], title="Andra", eu_project_id="777"),
    )
    assert form.status_code == 200 and message in form_errors(form)
    api = world["api"].send(
        "post", "uppsala/activities", payload(title="Andra", eu_project_id="777")
    )
    assert api.status_code == 400 and message in api_errors(api)
    page = upload(
        world["client"], xlsx([row(titel="Andra", id=first.pk + 1000, **{"eu-projekt-id": "777"})])
    )
    assert "Det finns ingen aktivitet med id" in preview_text(page)

    # The same id twice in one file is named on its second row.
    page = upload(
        world["client"],
        xlsx(
            [row(titel="A", **{"eu-projekt-id": "888"}), row(titel="B", **{"eu-projekt-id": "888"})]
        ),
    )
    assert "Samma EU-id finns redan på en tidigare rad i filen." in preview_text(page)

    # A row with the id and a new title updates the project that has it (no second record).
    page = upload(
        world["client"], xlsx([row(titel="Nytt namn från EU", **{"eu-projekt-id": "777"})])
    )
    apply(world["client"], page)
    first.refresh_from_db()
    assert first.title == "Nytt namn från EU"
    assert Activity.objects.filter(eu_project_id="777").count() == 1


def test_partner_ids_through_the_form_the_api_and_the_import_and_a_pic_is_one_partners(
    world: dict[str, Any],  # noqa: F811
) -> None:
    tartu, abo, _utrecht = world["partners"]
    edited = world["client"].post(
        reverse("partners:edit", args=["uppsala", tartu.pk]),
        {
            "name": tartu.name,
            "kind": "municipality",
            "country": "EE",
            "pic": "999644536",
            "vat_number": "EE101000000",
            "national_id": "75008427",
            "row_version": tartu.row_version,
        },
    )
    assert edited.status_code == 302, form_errors(edited)
    tartu.refresh_from_db()
    assert (tartu.pic, tartu.vat_number, tartu.national_id) == (
        "999644536",
        "EE101000000",
        "75008427",
    )
    detail = world["client"].get(reverse("partners:detail", args=["uppsala", tartu.pk]))
    assert "999644536" in detail.content.decode()

    taken = "PIC-numret 999644536 hör redan till Tartu linn (Estland)."
    api = world["api"].send(
        "put",
        f"uppsala/partners/{abo.pk}",
        {
            "name": abo.name,
            "kind": "municipality",
            "country": "FI",
            "pic": "999644536",
            "row_version": abo.row_version,
        },
    )
    assert api.status_code == 400 and taken in api_errors(api)
    bad = world["api"].send(
        "put",
        f"uppsala/partners/{abo.pk}",
        {
            "name": abo.name,
            "kind": "municipality",
            "country": "FI",
            "organisation_number": "212000-0000",
            "row_version": abo.row_version,
        },
    )
    assert bad.status_code == 400
    assert "Organisationsnumret 212000-0000 har fel kontrollsiffra." in api_errors(bad)

    page = upload(
        world["client"],
        xlsx(
            [row(partner="Åbo stad (partner)")],
            partners=[
                {
                    "id": abo.pk,
                    "namn": abo.name,
                    "typ": "Kommun/stad",
                    "land": "FI",
                    "pic": "999 644 537",
                    "momsnummer": "fi02021256",
                }
            ],
        ),
    )
    apply(world["client"], page)
    abo.refresh_from_db()
    assert (abo.pic, abo.vat_number) == ("999644537", "FI02021256")


def test_the_ids_reach_the_export_the_funding_row_and_open_data(
    world: dict[str, Any],  # noqa: F811
    uppsala: Any,
) -> None:
    tartu = world["partners"][0]
    world["api"].send(
        "put",
        f"uppsala/partners/{tartu.pk}",
        {
            "name": tartu.name,
            "kind": "municipality",
            "country": "EE",
            "pic": "999644536",
            "website": "https://tartu.ee",
            "row_version": tartu.row_version,
        },
    )
    created = (
        world["api"]
        .send(
            "post",
            "uppsala/activities",
            payload(**EU, partners=[{"partner": tartu.pk, "role": "partner"}]),
        )
        .json()
    )
    project = Activity.objects.get(pk=created["id"])
    funding = world["api"].send(
        "post",
        f"uppsala/activities/{project.pk}/funding",
        {
            "source": "horizon-europe",
            "external_id": "101056765",
            "status": "granted",
            "granted_amount": 100000,
            "decided_on": "2026-03-01",
        },
    )
    assert funding.status_code == 201, funding.json()["errors"]
    assert Funding.objects.get(activity=project).external_id == "101056765"

    export = load_workbook(
        io.BytesIO(world["client"].get(reverse("activities:export_xlsx", args=["uppsala"])).content)
    )
    sheet = export["Aktiviteter"]
    headers = [c.value for c in sheet[1]]
    values = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == project.pk)
    exported = dict(zip(headers, values, strict=True))
    assert (exported["eu-projekt-id"], exported["nuts"]) == ("101056765", "SE121")
    partners = export["Partner"]
    head = [c.value for c in partners[1]]
    tartu_row = next(
        dict(zip(head, r, strict=True))
        for r in partners.iter_rows(min_row=2, values_only=True)
        if r[0] == tartu.pk
    )
    assert (tartu_row["webbplats"], tartu_row["pic"]) == ("https://tartu.ee", "999644536")
    money = export["Finansiering"]
    head = [c.value for c in money[1]]
    grant = next(
        dict(zip(head, r, strict=True))
        for r in money.iter_rows(min_row=2, values_only=True)
        if r[0] == project.pk
    )
    assert grant["finansiärens projekt-id"] == "101056765"

    publishing(uppsala)
    activity_publish(access=world["access"], user=world["user"], activity=project)
    body = b"".join(Client().get("/uppsala/oppna-data/aktiviteter.csv").streaming_content).decode()
    [published] = [r for r in csv.DictReader(io.StringIO(body)) if r["id"] == str(project.pk)]
    assert (published["eu_projekt_id"], published["programperiod"], published["nuts"]) == (
        "101056765",
        "2021–2027",
        "SE121",
    )
    assert (published["medfinansieringsgrad"], published["partner_pic"]) == ("80.00", "999644536")
    item = next(
        a
        for a in Client().get("/uppsala/oppna-data/aktiviteter.json").json()["aktiviteter"]
        if a["id"] == project.pk
    )
    assert item["eu_projekt_id"] == "101056765" and item["utlysning"] == "HORIZON-CL5-2021-D1-01"
    public = Client().get(reverse("public:activity", args=["uppsala", project.pk]))
    shown = BeautifulSoup(public.content, "html.parser").get_text(" ", strip=True)
    assert "Projekt-id 101056765 · HORIZON 2021–2027 · NUTS SE121" in shown
    assert Partner.objects.get(pk=tartu.pk).pic == "999644536"
