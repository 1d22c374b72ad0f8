"""Reading an uploaded spreadsheet into rows, refusing what is not safe or not a sheet.

Excel (.xlsx) and CSV are read; formulas are never evaluated (a formula cell
is a row error), workbooks with macros and the old binary .xls are refused,
and a CSV's encoding (UTF-8 with or without BOM, or Windows-1252) and
separator (; , or tab) are detected and reported.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_BYTES = 25 * 1024 * 1024
MAX_ROWS = 50_000
ACTIVITY_SHEET = "Aktiviteter"
PARTNER_SHEET = "Partner"


class UnreadableFile(ValueError):
    """The whole file is refused; the message says why, in Swedish."""


@dataclass
class Row:
    number: int  # as the user sees it in the sheet (the header is row 1)
    values: dict[str, Any]
    formulas: list[str] = field(default_factory=list)  # headers of cells holding formulas


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: list[Row]


@dataclass
class Workbook:
    sheets: dict[str, Sheet]
    notes: list[str] = field(default_factory=list)


def _header(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def _rows_from(
    table: list[list[Any]], formula_cells: list[set[int]] | None = None
) -> tuple[list[str], list[Row]]:
    if not table:
        return [], []
    headers = [_header(h) for h in table[0]]
    rows = []
    for offset, values in enumerate(table[1:], start=2):
        if all(v in (None, "") for v in values):
            continue
        row = Row(
            offset, {h: values[i] if i < len(values) else None for i, h in enumerate(headers) if h}
        )
        if formula_cells:
            row.formulas = [headers[i] for i in formula_cells[offset - 1] if i < len(headers)]
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise UnreadableFile(
                _("Filen har fler än %(max)s rader; dela upp den.") % {"max": MAX_ROWS}
            )
    return headers, rows


def _read_xlsx(data: bytes) -> Workbook:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise UnreadableFile(_("Filen är ingen Excel-fil (.xlsx) och inte heller CSV.")) from exc
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UnreadableFile(
            _(
                "Arbetsboken innehåller makron. Spara den som en vanlig .xlsx utan makron och försök igen."
            )
        )
    if "xl/workbook.xml" not in names:
        raise UnreadableFile(_("Filen är ett zip-arkiv men ingen Excel-arbetsbok."))
    try:
        # data_only=False: formulas come back as text and are refused, never run.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:
        raise UnreadableFile(_("Excel-filen kunde inte läsas: den verkar vara skadad.")) from exc
    sheets = {}
    try:
        for ws in book.worksheets:
            table: list[list[Any]] = []
            formula_cells: list[set[int]] = []
            for row in ws.iter_rows():
                values, formulas = [], set()
                for index, cell in enumerate(row):
                    value = cell.value
                    if getattr(cell, "data_type", None) == "f" or (
                        isinstance(value, str) and value.startswith("=")
                    ):
                        formulas.add(index)
                        value = None
                    values.append(value)
                table.append(values)
                formula_cells.append(formulas)
                if len(table) > MAX_ROWS + 1:
                    raise UnreadableFile(
                        _("Filen har fler än %(max)s rader; dela upp den.") % {"max": MAX_ROWS}
                    )
            headers, rows = _rows_from(table, formula_cells)
            sheets[ws.title] = Sheet(ws.title, headers, rows)
    finally:
        book.close()
    if ACTIVITY_SHEET not in sheets and PARTNER_SHEET not in sheets:
        # A single sheet with another name: treat it as the activities.
        first = next(iter(sheets.values()), None)
        if first is None:
            raise UnreadableFile(_("Arbetsboken är tom."))
        sheets = {ACTIVITY_SHEET: Sheet(ACTIVITY_SHEET, first.headers, first.rows)}
    return Workbook(sheets)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            _("Teckenkodningen känns inte igen. Spara filen som CSV UTF-8 och försök igen.")
        ) from exc


def _read_csv(data: bytes) -> Workbook:
    content, encoding = _decode(data)
    if "\x00" in content:
        raise UnreadableFile(_("Filen är binär och varken Excel (.xlsx) eller CSV."))
    first_line = content.split("\n", 1)[0]
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    delimiter = max(counts, key=lambda sep: counts[sep])
    if counts[delimiter] == 0:
        raise UnreadableFile(
            _(
                "Rubrikraden har bara en kolumn. Avgränsa kolumnerna med semikolon, komma eller tabb."
            )
        )
    table = list(csv.reader(io.StringIO(content), delimiter=delimiter))
    headers, rows = _rows_from(table)
    sheet_name = PARTNER_SHEET if "namn" in headers and "titel" not in headers else ACTIVITY_SHEET
    names = {";": _("semikolon"), ",": _("komma"), "\t": _("tabb")}
    note = _("CSV lästes som %(encoding)s med %(sep)s som avgränsare.") % {
        "encoding": encoding,
        "sep": names[delimiter],
    }
    return Workbook({sheet_name: Sheet(sheet_name, headers, rows)}, notes=[note])


def read_upload(data: bytes, filename: str) -> Workbook:
    """Rows of an uploaded .xlsx or .csv, or :class:`UnreadableFile`."""
    if not data:
        raise UnreadableFile(_("Filen är tom."))
    if len(data) > MAX_BYTES:
        raise UnreadableFile(_("Filen är större än 25 MB."))
    lower = filename.lower()
    if lower.endswith((".xlsm", ".xltm", ".xlam")):
        raise UnreadableFile(
            _("Filer med makron (%(name)s) tas inte emot. Spara som .xlsx.") % {"name": filename}
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            _("Det gamla Excel-formatet (.xls) läses inte. Spara filen som .xlsx och försök igen.")
        )
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if lower.endswith((".xlsx", ".xls")):
        raise UnreadableFile(
            _("Filen har ändelsen %(name)s men är ingen Excel-arbetsbok.") % {"name": filename}
        )
    if lower.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise UnreadableFile(_("Bara Excel (.xlsx) och CSV (.csv) kan läsas in."))
