"""Reading an uploaded spreadsheet into rows, refusing what is not safe or not a sheet.

Excel (.xlsx) and CSV are read; formulas are never evaluated (a formula cell
is a row error), workbooks with macros and the old binary .xls are refused,
and a CSV's encoding (UTF-8 with or without BOM, or Windows-1252) and
separator (; , or tab) are detected and reported.

Before openpyxl sees a workbook, ``utblick.core.uploads`` checks it against
the upload limits (unpacked size, members, rows, columns, cells, characters,
depth, time) without building it; openpyxl then reads it streamed (read-only)
within the rows and columns the check counted, so a cell at XFD40000 or a
dimension tag that claims a million rows cannot make it pad empty cells.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from utblick.core.uploads import (
    Deadline,
    Limits,
    UploadRefused,
    check_size,
    csv_rows,
    limits,
    open_zip,
    scan_xlsx,
)

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
    table: Iterator[tuple[list[Any], set[int]]],
) -> tuple[list[str], list[Row]]:
    """Rows keyed by header from (values, formula columns) pairs, the header row first."""
    first = next(table, None)
    if first is None:
        return [], []
    headers = [_header(h) for h in first[0]]
    rows = []
    for offset, (values, formulas) in enumerate(table, start=2):
        if all(v in (None, "") for v in values):
            continue
        row = Row(
            offset, {h: values[i] if i < len(values) else None for i, h in enumerate(headers) if h}
        )
        if formulas:
            row.formulas = [headers[i] for i in sorted(formulas) if i < len(headers)]
        rows.append(row)
    return headers, rows


def _sheet_rows(
    ws: Any, max_row: int, max_column: int, deadline: Deadline
) -> Iterator[tuple[list[Any], set[int]]]:
    # Bounds from the scan, never from the sheet's own <dimension> tag: openpyxl pads
    # every row to the widest column and fills the gaps up to the last row.
    for number_, row in enumerate(
        ws.iter_rows(min_row=1, max_row=max_row, max_col=max_column), start=1
    ):
        values, formulas = [], set()
        for index, cell in enumerate(row):
            value = cell.value
            # A formula cell, never run. Text that merely begins with "=" is text: our
            # own exports write such titles as text cells, and they come back as text.
            if getattr(cell, "data_type", None) == "f":
                formulas.add(index)
                value = None
            values.append(value)
        if number_ % 500 == 0:
            deadline.check()
        yield values, formulas


def _read_xlsx(data: bytes, lim: Limits, deadline: Deadline) -> Workbook:
    sheets = _xlsx_sheets(data, lim, deadline)
    if ACTIVITY_SHEET not in sheets and PARTNER_SHEET not in sheets:
        # A single sheet with another name: treat it as the activities.
        first = next(iter(sheets.values()), None)
        if first is None:
            raise UnreadableFile(_("Arbetsboken är tom."))
        sheets = {ACTIVITY_SHEET: Sheet(ACTIVITY_SHEET, first.headers, first.rows)}
    return Workbook(sheets)


def _xlsx_sheets(data: bytes, lim: Limits, deadline: Deadline) -> dict[str, Sheet]:
    try:
        names = open_zip(data, lim).namelist()
    except UploadRefused as refused:
        raise UnreadableFile(str(refused)) from refused
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UnreadableFile(
            _(
                "Arbetsboken innehåller makron. Spara den som en vanlig .xlsx utan makron och försök igen."
            )
        )
    if "xl/workbook.xml" not in names:
        raise UnreadableFile(_("Filen är ett zip-arkiv men ingen Excel-arbetsbok."))
    try:
        figures = scan_xlsx(data, lim, deadline)
    except UploadRefused as refused:
        raise UnreadableFile(str(refused)) from refused
    try:
        # data_only=False: formulas come back as formula cells and are refused, never run.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:
        raise UnreadableFile(_("Excel-filen kunde inte läsas: den verkar vara skadad.")) from exc
    sheets = {}
    try:
        for ws in book.worksheets:
            if figures.max_row == 0 or figures.max_column == 0:
                headers, rows = [], []  # no cell in any sheet: nothing to pad to
            else:
                headers, rows = _rows_from(
                    _sheet_rows(ws, figures.max_row, figures.max_column, deadline)
                )
            sheets[ws.title] = Sheet(ws.title, headers, rows)
    except (UnreadableFile, UploadRefused) as refused:
        raise UnreadableFile(str(refused)) from refused
    except Exception as exc:  # a damaged sheet can fail anywhere inside openpyxl
        raise UnreadableFile(_("Excel-filen kunde inte läsas: den verkar vara skadad.")) from exc
    finally:
        book.close()
    return sheets


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


def _read_csv(data: bytes, lim: Limits, deadline: Deadline) -> Workbook:
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
    try:
        headers, rows = _rows_from(
            (row, set()) for row in csv_rows(content, delimiter, lim, deadline)
        )
    except UploadRefused as refused:
        raise UnreadableFile(str(refused)) from refused
    sheet_name = PARTNER_SHEET if "namn" in headers and "titel" not in headers else ACTIVITY_SHEET
    names = {";": _("semikolon"), ",": _("komma"), "\t": _("tabb")}
    note = _("CSV lästes som %(encoding)s med %(sep)s som avgränsare.") % {
        "encoding": encoding,
        "sep": names[delimiter],
    }
    return Workbook({sheet_name: Sheet(sheet_name, headers, rows)}, notes=[note])


def read_sheets(data: bytes, filename: str) -> dict[str, Sheet]:
    """Every sheet of a .xlsx by its name (or a CSV as one sheet named as the file), read
    within the same limits as an upload; :class:`UnreadableFile` otherwise. For files of
    other makers' shapes (an EU register's list of operations)."""
    if filename.lower().endswith((".csv", ".txt")):
        sheet = read_upload(data, filename).sheets.popitem()[1]
        return {filename: Sheet(filename, sheet.headers, sheet.rows)}
    if not data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(_("Bara Excel (.xlsx) och CSV (.csv) kan läsas in."))
    lim = limits()
    try:
        check_size(data, lim.max_bytes)
    except UploadRefused as refused:
        raise UnreadableFile(str(refused)) from refused
    return _xlsx_sheets(data, lim, Deadline(lim.max_seconds))


def read_upload(data: bytes, filename: str) -> Workbook:
    """Rows of an uploaded .xlsx or .csv, or :class:`UnreadableFile`."""
    lim = limits()
    deadline = Deadline(lim.max_seconds)
    if not data:
        raise UnreadableFile(_("Filen är tom."))
    try:
        check_size(data, lim.max_bytes)
    except UploadRefused as refused:
        raise UnreadableFile(str(refused)) from refused
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
        return _read_xlsx(data, lim, deadline)
    if lower.endswith((".xlsx", ".xls")):
        raise UnreadableFile(
            _("Filen har ändelsen %(name)s men är ingen Excel-arbetsbok.") % {"name": filename}
        )
    if lower.endswith((".csv", ".txt")):
        return _read_csv(data, lim, deadline)
    raise UnreadableFile(_("Bara Excel (.xlsx) och CSV (.csv) kan läsas in."))
