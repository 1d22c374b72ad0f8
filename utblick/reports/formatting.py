"""How the report's values read in every format: money, percentages, dates, cut lists."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from utblick.reports.data import Table

#: Excel's number format for kronor with real spaces between thousands, whatever the
#: reader's locale (a plain "#,##0" shows commas in an English Excel, "# ##0" puts a
#: space at one fixed place only). Amounts in the report are never negative.
MONEY_FORMAT = '[>=1000000]#" "###" "##0" kr";[>=1000]#" "##0" kr";0" kr"'
#: A share stored as a number (0.6), shown as "60 %".
PERCENT_FORMAT = '0" %"'


def money(value: Decimal) -> str:
    grouped = number_format(
        value.quantize(Decimal(1)), decimal_pos=0, use_l10n=True, force_grouping=True
    )
    return f"{grouped}\u00a0kr"


def percent(value: int | Decimal) -> str:
    return f"{value}\u00a0%"


def cell(value: Any, is_money: bool = False, is_percent: bool = False) -> str:
    """A table cell as text (PDF, Word, the page)."""
    if value is None or value == "":
        return "–"
    if is_percent and isinstance(value, int | Decimal):
        return percent(value)
    if isinstance(value, Decimal):
        return (
            money(value) if is_money else number_format(value, use_l10n=True, force_grouping=True)
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def row_cells(t: Table, row: list[Any]) -> list[str]:
    return [cell(v, i in t.money_columns, i in t.percent_columns) for i, v in enumerate(row)]


def figure_text(value: Any) -> str:
    return money(value) if isinstance(value, Decimal) else str(value)


def document_rows(t: Table) -> tuple[list[list[Any]], str]:
    """The rows a PDF or Word document shows, and a note when some were left to Excel."""
    if t.document_limit is None or len(t.rows) <= t.document_limit:
        return t.rows, ""
    note = _(
        "Visar de första %(shown)s av %(total)s raderna (fel först). Alla finns i "
        "Excel-versionen och på sidan Efterlevnad i Utblick."
    ) % {"shown": t.document_limit, "total": len(t.rows)}
    return t.rows[: t.document_limit], note
