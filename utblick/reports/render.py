"""The report as PDF/A-2b (archive), Word (case file) and Excel (numbers), from one ReportData."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from utblick.core import clock
from utblick.core.sheets import append_row, clean_text
from utblick.reports.charts import chart_specs, png, svg_data_uri
from utblick.reports.data import ReportData, Table

STATIC = Path(__file__).resolve().parent / "static"


def money(value: Decimal) -> str:
    return f"{number_format(value.quantize(Decimal(1)), decimal_pos=0, use_l10n=True, force_grouping=True)}\u00a0kr"


def cell(value: Any, is_money: bool = False) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, Decimal):
        return (
            money(value) if is_money else number_format(value, use_l10n=True, force_grouping=True)
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


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


def html_context(
    data: ReportData, generated_at: Any = None, document: bool = False
) -> dict[str, Any]:
    charts = [(key, alt, svg_data_uri(spec)) for key, alt, spec in chart_specs(data)]
    tables = []
    for t in data.tables:
        rows, note = document_rows(t) if document else (t.rows, "")
        tables.append(
            {
                "key": t.key,
                "title": t.title,
                "headers": t.headers,
                "rows": [
                    [cell(v, i in t.money_columns) for i, v in enumerate(row)] for row in rows
                ],
                "numeric": t.money_columns or ({1} if len(t.headers) == 2 else set()),
                "note": note,
            }
        )
    return {
        "data": data,
        "figures": [(label, figure_text(value)) for _k, label, value in data.figures],
        "charts": charts,
        "tables": tables,
        "generated_at": generated_at or clock.now(),
    }


def render_pdf(data: ReportData, generated_by: str = "") -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reports/report_pdf.html",
        html_context(data, document=True)
        | {"generated_by": generated_by, "lang": settings.LANGUAGE_CODE},
    )
    return HTML(string=html, base_url=str(STATIC)).write_pdf(pdf_variant="pdf/a-2b", pdf_tags=True)


def render_docx(data: ReportData, generated_by: str = "") -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    doc.core_properties.title = data.scope.title
    doc.core_properties.language = "sv-SE"
    doc.add_heading(data.scope.title, level=0)
    at = timezone.localtime(clock.now()).strftime("%Y-%m-%d %H:%M")
    doc.add_paragraph(
        _("Sammanställd %(at)s av %(by)s. Alla siffror är hämtade ur Utblick.")
        % {"at": at, "by": generated_by}
        if generated_by
        else _("Sammanställd %(at)s. Alla siffror är hämtade ur Utblick.") % {"at": at}
    )
    doc.add_heading(_("Nyckeltal"), level=1)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Light Grid Accent 1"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = _("Nyckeltal"), _("Värde")
    for _key, label, value in data.figures:
        row = table.add_row().cells
        row[0].text, row[1].text = label, figure_text(value)
    for _key, alt, spec in chart_specs(data):
        doc.add_picture(io.BytesIO(png(spec)), width=Cm(15))
        doc.paragraphs[-1].runs[0]._r.xpath("./w:drawing/wp:inline/wp:docPr")[0].set("descr", alt)
    for t in data.tables:
        doc.add_heading(t.title, level=1)
        if not t.rows:
            doc.add_paragraph(_("Inget att redovisa."))
            continue
        grid = doc.add_table(rows=1, cols=len(t.headers))
        grid.style = "Light Grid Accent 1"
        for i, header in enumerate(t.headers):
            grid.rows[0].cells[i].text = header
        rows, note = document_rows(t)
        for values in rows:
            cells = grid.add_row().cells
            for i, value in enumerate(values):
                cells[i].text = cell(value, i in t.money_columns)
        if note:
            doc.add_paragraph(note)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_xlsx(data: ReportData, generated_by: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    # Every row through append_row: titles and names are the users' text, never formulas.
    book = Workbook()
    sheet = book.active
    sheet.title = _("Nyckeltal")
    append_row(sheet, [data.scope.title])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, [_("Nyckeltal"), _("Värde")])
    for _key, label, value in data.figures:
        append_row(sheet, [label, float(value) if isinstance(value, Decimal) else value])
    for t in data.tables:
        ws = book.create_sheet(t.sheet)
        append_row(ws, [t.title])
        ws["A1"].font = Font(bold=True)
        append_row(ws, t.headers)
        for c in ws[2]:
            c.font = Font(bold=True)
        for values in t.rows:
            append_row(ws, [float(v) if isinstance(v, Decimal) else v for v in values])
        for row in ws.iter_rows(min_row=3):
            for i in t.money_columns:
                if i < len(row):
                    row[i].number_format = '# ##0" kr"'
        ws.freeze_panes = "A3"
    book.properties.title = clean_text(data.scope.title)
    book.properties.creator = clean_text(generated_by) or "Utblick"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


RENDERERS = {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
