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
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from utblick.activities.columns import COLUMNS, PARTNER_COLUMNS
from utblick.activities.models import Activity, ActivityPartner, BudgetLine
from utblick.activities.money_columns import (
    BUDGET_COLUMNS,
    BUDGET_SHEET,
    FUNDING_COLUMNS,
    FUNDING_SHEET,
    budget_row,
    funding_row,
)
from utblick.activities.vocabulary import CHOICES, CLEAR_MARK, Vocabulary
from utblick.core.countries import country_name
from utblick.core.sheets import append_row, safe_cell
from utblick.funding.models import Funding
from utblick.municipalities.models import Municipality
from utblick.partners.models import Partner
from utblick.policies.models import FocusArea, Goal, PolicyStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CHUNK = 500
#: Rows of the import template that get the drop-down lists.
TEMPLATE_ROWS = 5000


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


def _money_sheets(workbook: Workbook, queryset: QuerySet[Activity] | None) -> None:
    """Budget per year and funding rows of the exported activities (headers only in the template)."""
    budget = workbook.create_sheet(BUDGET_SHEET)
    funding = workbook.create_sheet(FUNDING_SHEET)
    for sheet, columns in ((budget, BUDGET_COLUMNS), (funding, FUNDING_COLUMNS)):
        sheet.append([header for header, _f, _h in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    if queryset is None:
        return
    ids = queryset.order_by().values("pk")
    lines = BudgetLine.objects.filter(activity__in=ids).select_related("activity")
    for line in lines.order_by("activity__title", "activity_id", "year"):
        append_row(budget, budget_row(line.activity, line))
    rows = Funding.objects.filter(activity__in=ids, archived_at__isnull=True)
    for row in rows.select_related("activity", "source").order_by("activity__title", "pk"):
        append_row(funding, funding_row(row.activity, row))


def _documentation(workbook: Workbook, words: Vocabulary) -> None:
    sheet = workbook.create_sheet("Kolumner")
    sheet.append(["flik", "kolumn", "förklaring"])
    append_row(
        sheet,
        [
            "",
            "",
            _(
                "En tom cell ändrar inget när en rad uppdaterar en befintlig aktivitet; skriv "
                "%(mark)s i cellen för att tömma ett lagrat värde."
            )
            % {"mark": CLEAR_MARK},
        ],
    )
    for column in COLUMNS:
        help_text = words.help(column.field) if column.field in CHOICES else column.help
        append_row(
            sheet,
            [
                "Aktiviteter",
                column.header,
                (_("Obligatorisk. ") if column.required else "") + help_text,
            ],
        )
    for header, _field, help_text in PARTNER_COLUMNS:
        append_row(sheet, ["Partner", header, help_text])
    for name, columns in ((BUDGET_SHEET, BUDGET_COLUMNS), (FUNDING_SHEET, FUNDING_COLUMNS)):
        for header, _field, help_text in columns:
            append_row(sheet, [name, header, help_text])
    sheet.column_dimensions["B"].width = 26
    sheet.column_dimensions["C"].width = 100


def _word_sheet(workbook: Workbook, words: Vocabulary) -> None:
    """Every word the importer reads for each choice column (the same tables it reads with)."""
    sheet = workbook.create_sheet("Ord")
    sheet.append(["kolumn", "värde", "läses också från"])
    header_of = {c.field: c.header for c in COLUMNS}
    for name in CHOICES:
        for label, others in words.words(name).items():
            append_row(sheet, [header_of[name], label, ", ".join(others)])
    for letter, width in (("A", 18), ("B", 36), ("C", 100)):
        sheet.column_dimensions[letter].width = width


def _key_sheet(workbook: Workbook, municipality: Municipality | None) -> None:
    """The policy's focus areas and goals with the keys the importer reads."""
    sheet = workbook.create_sheet("Nycklar")
    sheet.append(["kolumn", "nyckel", "namn"])
    if municipality is not None:
        for area in FocusArea.objects.filter(
            policy__municipality=municipality, policy__status=PolicyStatus.IN_FORCE
        ).order_by("position"):
            append_row(sheet, ["inriktningar", area.key, area.name])
        for goal in Goal.objects.filter(
            policy__municipality=municipality, policy__status=PolicyStatus.IN_FORCE
        ).order_by("position"):
            append_row(sheet, ["mål", goal.key, goal.text])
    for letter, width in (("A", 14), ("B", 30), ("C", 100)):
        sheet.column_dimensions[letter].width = width


def _drop_downs(workbook: Workbook, sheet: Any, words: Vocabulary) -> None:
    """A drop-down list of the values on each choice column; other known words still allowed."""
    lists = workbook.create_sheet("Listor")
    lists.sheet_state = "hidden"
    for position, name in enumerate(CHOICES, start=1):
        column = next(i for i, c in enumerate(COLUMNS, start=1) if c.field == name)
        labels = words.labels(name)
        letter = get_column_letter(position)
        lists.cell(row=1, column=position, value=name)
        for row, label in enumerate(labels, start=2):
            lists.cell(row=row, column=position, value=label)
        validation = DataValidation(
            type="list",
            formula1=f"Listor!${letter}$2:${letter}${len(labels) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",  # a word from the Ord sheet is read too
            errorTitle=_("Okänt värde"),
            error=_("Välj i listan, eller skriv ett ord från fliken Ord."),
        )
        target = get_column_letter(column)
        validation.add(f"{target}2:{target}{TEMPLATE_ROWS}")
        sheet.add_data_validation(validation)


def write_xlsx(
    queryset: QuerySet[Activity] | None, municipality: Municipality | None = None
) -> bytes:
    """An Excel workbook: activities, their partners, and the column documentation.

    With ``queryset=None`` it is the empty import template. The help, the word
    list and the drop-downs come from the importer's vocabulary (with
    ``municipality``'s own words and its policy's keys when given).
    """
    words = Vocabulary(municipality.import_words if municipality else None)
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
        # Each column by its field, so that the row always lines up with the headers.
        shown = {"kind": partner.get_kind_display(), "country": country_name(partner.country)}
        append_row(
            partners,
            [
                shown[name] if name in shown else getattr(partner, name if name != "id" else "pk")
                for _header, name, _help in PARTNER_COLUMNS
            ],
        )
    _money_sheets(workbook, queryset)
    _documentation(workbook, words)
    _word_sheet(workbook, words)
    _key_sheet(workbook, municipality)
    if queryset is None:
        _drop_downs(workbook, sheet, words)
    for ws in (sheet, partners):
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
