"""Issue 12, finding 6: text that looks like a formula comes out of every spreadsheet as text.

An activity titled ``=HYPERLINK(…)`` and a partner whose website is ``=1+1``
(stored before URLs were checked at every door, so written here straight to
the table) go through the register (CSV and XLSX), the report XLSX, the open
data CSV and the import template, through the real views, and are read back:
string cells (never formulas) in Excel, a leading apostrophe in CSV, numbers
still numbers.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from utblick.activities.models import Activity
from utblick.activities.services import activity_publish, activity_save, partner_link
from utblick.activities.validation import Tags
from utblick.core.services import save_versioned
from utblick.core.sheets import append_row, safe_cell
from utblick.core.tenancy import COORDINATOR, Access
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.public.models import PublicSettings
from utblick.testing.fixtures import client_for, generated_report

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://x","y")'
WEBSITE = "=1+1"
PLACE = "@SUM(1+1)"


@pytest.fixture
def hostile(uppsala: Any, clock: Any) -> Activity:
    clock.set(date(2026, 6, 1))
    access = Access(uppsala, COORDINATOR, user_id=0, is_platform_admin=True)
    activity = activity_save(
        access=access,
        user=None,
        activity=Activity(
            municipality=uppsala,
            kind="event",
            title=TITLE,
            summary="+46 70 123 45 67",
            unit=Unit.objects.get(municipality=uppsala, key="ks"),
            status="active",
            start_date=date(2026, 1, 1),
            cost=Decimal("1500.00"),
        ),
        tags=Tags(),
        expected_version=None,
    )
    # Rows from before URLs were checked at every door: written straight to the table.
    partner = Partner.objects.create(
        municipality=uppsala,
        name="-Partner",
        kind="municipality",
        country="FI",
        place=PLACE,
        website=WEBSITE,
    )
    partner_link(access=access, user=None, activity=activity, partner=partner, role="partner")
    save_versioned(
        PublicSettings(
            municipality=uppsala,
            enabled=True,
            contact_email="oppnadata@example.se",
            accessibility_email="tillganglighet@example.se",
        ),
        expected_version=None,
        user=None,
    )
    activity_publish(access=access, user=None, activity=activity)
    return activity


def cells_with(book: Any, value: Any) -> list[Any]:
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == value
    ]


def assert_text_cell(book: Any, value: str) -> None:
    found = cells_with(book, value)
    assert found, f"{value!r} is not in the workbook"
    for cell in found:
        assert cell.data_type == "s", f"{cell.coordinate} holds {value!r} as {cell.data_type}"
        assert cell.quotePrefix


def test_register_xlsx_writes_formula_text_as_text(
    personas: dict[str, Any], hostile: Activity
) -> None:
    response = client_for(personas["reader"]).get(
        reverse("activities:export_xlsx", args=["uppsala"])
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    for value in (TITLE, WEBSITE, PLACE, "-Partner", "+46 70 123 45 67"):
        assert_text_cell(book, value)
    # No formula anywhere, and the cost is still a number.
    assert not [c for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]
    assert [c.data_type for c in cells_with(book, 1500)] == ["n"]


def test_register_csv_quotes_formula_text(personas: dict[str, Any], hostile: Activity) -> None:
    response = client_for(personas["reader"]).get(
        reverse("activities:export_csv", args=["uppsala"])
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert row["titel"] == "'" + TITLE
    assert "1500,00" in row.values()  # a number, not quoted


def test_report_xlsx_writes_the_title_as_text(personas: dict[str, Any], hostile: Activity) -> None:
    response = generated_report(client_for(personas["coordinator"]), "uppsala", "?ar=2026", "xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert_text_cell(book, TITLE)
    assert not [c for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]


def test_open_data_csv_quotes_formula_text(hostile: Activity) -> None:
    response = client_for(None).get(reverse("public:open_data_csv", args=["uppsala"]))
    text = b"".join(response.streaming_content).decode("utf-8")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["titel"] == "'" + TITLE
    assert row["sammanfattning"] == "'+46 70 123 45 67"
    cells = [value for value in row.values() if value]
    assert all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in cells), cells


def test_import_template_has_no_formulas(personas: dict[str, Any]) -> None:
    response = client_for(personas["reader"]).get(reverse("imports:template", args=["uppsala"]))
    book = load_workbook(io.BytesIO(response.content))
    assert not [c for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+46", "'+46"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
        ("ok\x03\x00", "ok"),
        (-5, -5),
        (Decimal("-1.5"), Decimal("-1.5")),
        (None, None),
    ],
)
def test_safe_cell(value: Any, expected: Any) -> None:
    assert safe_cell(value) == expected


def test_control_characters_never_reach_openpyxl() -> None:
    book = Workbook()
    append_row(book.active, ["titel\x03med kontrolltecken", "=\x01x", -5, Decimal("-2.50")])
    out = io.BytesIO()
    book.save(out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert [c.value for c in sheet[1]] == ["titelmed kontrolltecken", "=x", -5, -2.5]
    assert [c.data_type for c in sheet[1]] == ["s", "s", "n", "n"]
