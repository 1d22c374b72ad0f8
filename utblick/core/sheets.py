"""Cells for the spreadsheets Utblick writes: text stays text, nothing runs as a formula.

A spreadsheet takes a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and,
in some, a tab or carriage return) for a formula: an activity titled
``=HYPERLINK("http://evil.example";"Klicka")`` becomes a live link, or worse,
in the reader's Excel. The OWASP advice is followed:

- CSV: such text gets a leading apostrophe (``'=HYPERLINK(…)``), which Excel
  and LibreOffice show as text and do not evaluate;
- XLSX: the text is written as a string cell (never a formula cell) with the
  "quote prefix" style, so Excel keeps it text even when the cell is edited,
  and the value reads back exactly as stored.

Numbers stay numbers, negative ones too. Characters that XML cannot carry
(C0 controls other than tab, line feed and carriage return) are dropped: the
bounded input refuses them at every door, and this is the last line of
defence for rows stored before it (openpyxl raises ``IllegalCharacterError``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(value: str) -> str:
    """The text without the control characters a spreadsheet cannot hold."""
    return _ILLEGAL.sub("", value)


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_START)


def safe_cell(value: Any) -> Any:
    """A value for a CSV cell: text that would run as a formula is quoted; the rest as given."""
    if isinstance(value, str):
        value = clean_text(value)
        return "'" + value if is_formula_like(value) else value
    return value


def xlsx_value(value: Any) -> Any:
    """A value openpyxl can store: clean text, floats for money, the rest as given."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Decimal):
        # Cents as floats keep Excel's number formats; longer decimals keep their digits.
        return float(value) if value == value.quantize(Decimal("0.01")) else value
    if value is None or isinstance(value, bool | int | float | date):
        return value
    return clean_text(str(value))


def text_cell(cell: Cell) -> Cell:
    """Make a cell holding formula-like text a plain string cell, shown and kept as text."""
    if isinstance(cell.value, str) and is_formula_like(cell.value):
        cell.data_type = "s"  # openpyxl marks text beginning with "=" as a formula
        cell.quotePrefix = True
    return cell


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """``sheet.append`` for values from users: no formulas, no illegal characters.

    Formula-like text goes in as a ready text cell; asking the sheet for its last
    row instead (``max_row``) scans every cell and made an export quadratic.
    """
    row: list[Any] = []
    for value in map(xlsx_value, values):
        if isinstance(value, str) and is_formula_like(value):
            value = text_cell(Cell(sheet, value=value))
        row.append(value)
    sheet.append(row)
