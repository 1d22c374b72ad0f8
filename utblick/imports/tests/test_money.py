"""Money round-trips: an export is an import file, with its budget and funding sheets."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from utblick.activities.models import Activity, BudgetLine
from utblick.activities.services import budget_set
from utblick.core.tenancy import COORDINATOR, Access
from utblick.funding.models import Funding, FundingSource
from utblick.funding.services import funding_save
from utblick.imports.reading import read_upload
from utblick.imports.services import ImportInvalid, apply_import, plan_import
from utblick.public.tests.conftest import save
from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def access_of(municipality: Any) -> Access:
    return Access(municipality, COORDINATOR, user_id=0, is_platform_admin=True)


@pytest.fixture
def project(uppsala: Any, clock: Any) -> Activity:
    clock.set(date(2026, 11, 23))
    access = access_of(uppsala)
    activity = save(uppsala, kind="project", title="Grönt projekt", development_area="Miljö")
    budget_set(access=access, user=None, activity=activity, year=2026, budget=Decimal(300000),
               cost=Decimal(120000))  # fmt: skip
    funding_save(
        access=access,
        user=None,
        activity=activity,
        expected_version=None,
        funding=Funding(
            source=FundingSource.objects.get(key="erasmus-plus"),
            call_identifier="2026-1-SE01-KA220",
            status="granted",
            currency="EUR",
            applied_amount=Decimal(30000),
            granted_amount=Decimal(25000),
            rate_to_sek=Decimal("11.2"),
            decided_on=date(2026, 3, 1),
        ),
    )
    return activity


def exported(personas: dict[str, Any]) -> Any:
    response = client_for(personas["coordinator"]).get(
        reverse("activities:export_xlsx", args=["uppsala"])
    )
    return load_workbook(io.BytesIO(response.content))


def as_bytes(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_export_imports_back_unchanged_money_included(
    project: Activity, uppsala: Any, personas: dict[str, Any]
) -> None:
    book = exported(personas)
    assert [c.value for c in book["Budget"][2]] == [
        project.pk,
        "Grönt projekt",
        2026,
        300000,
        120000,
    ]
    funding = [c.value for c in book["Finansiering"][2]]
    assert funding[2:5] == ["Erasmus+", "2026-1-SE01-KA220", "Beviljad"]
    plan = plan_import(read_upload(as_bytes(book), "export.xlsx"), access_of(uppsala))
    assert plan.ok, plan.all_problems
    assert {(r.sheet, r.action) for r in plan.rows} == {
        ("Aktiviteter", "unchanged"),
        ("Budget", "unchanged"),
        ("Finansiering", "unchanged"),
    }


def test_changed_and_new_money_rows_are_written_through_the_doors(
    project: Activity, uppsala: Any, personas: dict[str, Any]
) -> None:
    book = exported(personas)
    book["Budget"]["D2"] = 350000  # this year's budget changed
    book["Budget"].append([None, "Nytt projekt", 2027, 100000, None])  # a row of this file's
    headers = [c.value for c in book["Aktiviteter"][1]]
    new_row = {
        "typ": "Projekt",
        "titel": "Nytt projekt",
        "enhet": "ks",
        "utvecklingsområde": "Miljö",
    }
    book["Aktiviteter"].append([new_row.get(h) for h in headers])
    book["Finansiering"].append(
        [None, "Nytt projekt", "Interreg", "", "Ansökt", "SEK", 80000, None, 1, None]
    )
    apply_import(read_upload(as_bytes(book), "x.xlsx"), access_of(uppsala), None, filename="x.xlsx")
    assert BudgetLine.objects.get(activity=project, year=2026).budget == Decimal(350000)
    new = Activity.objects.get(title="Nytt projekt")
    assert BudgetLine.objects.get(activity=new, year=2027).budget == Decimal(100000)
    [row] = Funding.objects.filter(activity=new)
    assert (row.source.key, row.status, row.applied_amount) == (
        "interreg",
        "applied",
        Decimal(80000),
    )
    # Written with history, as by the form.
    last = row.history.first()
    assert last is not None


def test_a_bad_money_row_stops_the_whole_file(
    project: Activity, uppsala: Any, personas: Any
) -> None:
    book = exported(personas)
    book["Budget"]["D2"] = 999
    book["Finansiering"].append(
        [None, "Finns inte", "Mars-fonden", "", "Beviljad", "SEK", 1, 1, 1, None]
    )
    with pytest.raises(ImportInvalid) as invalid:
        apply_import(read_upload(as_bytes(book), "x.xlsx"), access_of(uppsala), None, filename="x")
    problems = {(p.sheet, p.column) for p in invalid.value.plan.all_problems}
    assert problems == {("Finansiering", "aktivitet"), ("Finansiering", "finansiär")}
    assert BudgetLine.objects.get(activity=project, year=2026).budget == Decimal(300000)
