"""The report as an Excel workbook of numbers: one sheet per table, native charts.

Money and shares are numbers with formats (never text), columns are as wide as their
content, the header rows stay in view, and the key counts have Excel's own bar charts
beside their tables so they can be copied into a presentation.
"""

from __future__ import annotations

import io
from datetime import UTC
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from utblick.core import clock
from utblick.core.sheets import append_row, clean_text
from utblick.reports.data import ReportData, Table
from utblick.reports.formatting import MONEY_FORMAT, PERCENT_FORMAT, money

#: Tables of (name, count) that get a bar chart beside them.
CHARTED = ("areas", "goals", "sdgs", "traffic", "unit_counts")
MIN_WIDTH, MAX_WIDTH = 8, 60
HEADER_ROWS = 2  # the sheet's title and the column headers
FONT = "Calibri"  # the workbook's own default; LibreOffice shows it as Carlito
BOLD = 1.2  # bold text is about this much wider
PORTRAIT_WIDTH = 95  # characters across an A4 page upright


def _shown(value: Any, is_money: bool, is_percent: bool) -> str:
    """About what a cell shows, for its column's width."""
    if is_money and isinstance(value, Decimal | int | float):
        return money(Decimal(str(value)))
    if is_percent and value is not None:
        return f"{value} %"
    return "" if value is None else str(value)


def _widths(ws: Worksheet, headers: list[str], rows: list[list[Any]], t: Table | None) -> None:
    for i, header in enumerate(headers):
        longest = max(
            [round(len(header) * BOLD) + 1]
            + [
                len(
                    _shown(
                        row[i],
                        bool(t and i in t.money_columns),
                        bool(t and i in t.percent_columns),
                    )
                )
                for row in rows
                if i < len(row)
            ]
        )
        ws.column_dimensions[get_column_letter(i + 1)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, longest + 2)
        )


def _print_setup(ws: Worksheet) -> None:
    """Printed, every sheet is one page wide (landscape when wide), as many long as it needs."""
    width = sum(d.width or MIN_WIDTH for d in ws.column_dimensions.values())
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if width > PORTRAIT_WIDTH else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{HEADER_ROWS}:{HEADER_ROWS}"


def _value(value: Any, is_percent: bool) -> Any:
    if is_percent and isinstance(value, int | Decimal):
        return float(value) / 100
    return float(value) if isinstance(value, Decimal) else value


def _chart(ws: Worksheet, title: str, rows: int) -> None:
    chart = BarChart()
    chart.type = "bar"  # horizontal: long names stay readable
    chart.title = title
    chart.legend = None
    chart.y_axis.title = _("Antal")
    chart.height = max(6.0, 0.7 * rows + 2)
    chart.width = 16.0
    first, last = HEADER_ROWS + 1, HEADER_ROWS + rows
    chart.add_data(
        Reference(ws, min_col=2, min_row=HEADER_ROWS, max_row=last), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    ws.add_chart(chart, f"{get_column_letter(ws.max_column + 2)}2")


def _counts(t: Table) -> set[int]:
    """Columns of plain numbers (counts)."""
    return {
        i
        for i in range(len(t.headers))
        if t.rows and all(isinstance(r[i], int | Decimal) or r[i] is None for r in t.rows)
    }


def _sheet(ws: Worksheet, t: Table) -> None:
    append_row(ws, [t.title])
    ws["A1"].font = Font(name=FONT, bold=True, size=13)
    append_row(ws, t.headers)
    numeric = t.money_columns | t.percent_columns | _counts(t)
    for i, c in enumerate(ws[HEADER_ROWS]):
        c.font = Font(name=FONT, bold=True)
        c.alignment = Alignment(
            wrap_text=True, vertical="top", horizontal="right" if i in numeric else "left"
        )
    for values in t.rows:
        append_row(ws, [_value(v, i in t.percent_columns) for i, v in enumerate(values)])
    for row in ws.iter_rows(min_row=HEADER_ROWS + 1):
        for i in t.money_columns:
            if i < len(row):
                row[i].number_format = MONEY_FORMAT
        for i in t.percent_columns:
            if i < len(row):
                row[i].number_format = PERCENT_FORMAT
    _widths(ws, t.headers, t.rows, t)
    ws.freeze_panes = f"B{HEADER_ROWS + 1}"
    _print_setup(ws)
    counts = len(t.headers) == 2 and all(isinstance(r[1], int) for r in t.rows)
    if t.key in CHARTED and t.rows and counts:
        _chart(ws, t.title, len(t.rows))


def render_xlsx(data: ReportData, generated_by: str = "") -> bytes:
    # Every row through append_row: titles and names are the users' text, never formulas.
    book = Workbook()
    sheet = book.active
    sheet.title = _("Nyckeltal")
    append_row(sheet, [data.scope.title])
    sheet["A1"].font = Font(name=FONT, bold=True, size=13)
    append_row(sheet, [_("Nyckeltal"), _("Värde")])
    for c in sheet[HEADER_ROWS]:
        c.font = Font(name=FONT, bold=True)
    sheet.cell(row=HEADER_ROWS, column=2).alignment = Alignment(horizontal="right")
    figures = [[label, value] for _key, label, value in data.figures]
    for label, value in figures:
        append_row(sheet, [label, float(value) if isinstance(value, Decimal) else value])
        if isinstance(value, Decimal):
            sheet.cell(row=sheet.max_row, column=2).number_format = MONEY_FORMAT
    money_table = Table("figures", _("Nyckeltal"), [_("Nyckeltal"), _("Värde")], [], {1})
    _widths(sheet, [_("Nyckeltal"), _("Värde")], figures, money_table)
    sheet.freeze_panes = f"A{HEADER_ROWS + 1}"
    _print_setup(sheet)
    for t in data.tables:
        _sheet(book.create_sheet(t.sheet), t)
    props = book.properties
    props.title = clean_text(data.scope.title)
    props.creator = clean_text(data.scope.municipality.name)
    props.lastModifiedBy = clean_text(generated_by) or "Utblick"
    props.subject = _("Uppföljning av det internationella arbetet")
    props.language = "sv-SE"
    props.created = props.modified = clock.now().astimezone(UTC).replace(tzinfo=None)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
