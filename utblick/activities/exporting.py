"""The register as CSV and Excel, through the same filter and permission path as the page.

CSV is written the way Swedish Excel opens it: UTF-8 with a byte-order mark,
semicolons between columns, decimal commas. Text that a spreadsheet would take
for a formula (=, +, -, @, tab) is written the OWASP way by ``utblick.core.sheets``:
with a leading apostrophe in CSV, as a text cell in Excel, so nothing in an
export ever runs as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from openpyxl import Workbook
from openpyxl.styles import Font

from utblick.activities.columns import COLUMNS, PARTNER_COLUMNS
from utblick.activities.models import Activity, ActivityPartner
from utblick.core.countries import country_name
from utblick.core.sheets import append_row, safe_cell
from utblick.partners.models import Partner

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CHUNK = 500


def export_queryset(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    """Everything the columns read, in a fixed number of queries per chunk."""
    return queryset.select_related(
        "unit", "contact", "deciding_body", "network", "representative"
    ).prefetch_related(
        "focus_areas",
        "goals",
        "terms__taxonomy",
        Prefetch(
            "partner_links",
            queryset=ActivityPartner.objects.select_related("partner").order_by("partner__name"),
        ),
    )


def _rows(queryset: QuerySet[Activity]) -> Iterator[list[Any]]:
    for activity in export_queryset(queryset).iterator(chunk_size=CHUNK):
        yield [column.write(activity, None) for column in COLUMNS]


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(str(value))


def write_csv(queryset: QuerySet[Activity]) -> Iterator[str]:
    """The CSV text in pieces, for a streaming response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([column.header for column in COLUMNS])
    for row in _rows(queryset):
        writer.writerow([_csv_value(value) for value in row])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _documentation(workbook: Workbook) -> None:
    sheet = workbook.create_sheet("Kolumner")
    sheet.append(["flik", "kolumn", "förklaring"])
    for column in COLUMNS:
        append_row(
            sheet,
            [
                "Aktiviteter",
                column.header,
                ("Obligatorisk. " if column.required else "") + column.help,
            ],
        )
    for header, _field, help_text in PARTNER_COLUMNS:
        append_row(sheet, ["Partner", header, help_text])


def write_xlsx(queryset: QuerySet[Activity] | None) -> bytes:
    """An Excel workbook: activities, their partners, and the column documentation.

    With ``queryset=None`` it is the empty import template.
    """
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Aktiviteter"
    sheet.append([column.header for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    partner_ids: set[int] = set()
    if queryset is not None:
        for row in _rows(queryset):
            append_row(sheet, row)
        partner_ids = set(
            ActivityPartner.objects.filter(
                activity__in=queryset.order_by().values("pk")
            ).values_list("partner_id", flat=True)
        ) | set(queryset.exclude(network=None).values_list("network_id", flat=True))
    partners = workbook.create_sheet("Partner")
    partners.append([header for header, _f, _h in PARTNER_COLUMNS])
    for cell in partners[1]:
        cell.font = Font(bold=True)
    for partner in Partner.objects.filter(pk__in=partner_ids).order_by("name"):
        append_row(
            partners,
            [
                partner.pk,
                partner.name,
                partner.get_kind_display(),
                country_name(partner.country),
                partner.place,
                partner.website,
                partner.description,
            ],
        )
    _documentation(workbook)
    for ws in (sheet, partners):
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
