"""The report as PDF/A-2b (archive), Word (case file) and Excel (numbers), from one ReportData.

Word and Excel are drawn in :mod:`render_docx` and :mod:`render_xlsx`; every format reads
its values through :mod:`utblick.reports.formatting`.
"""

from __future__ import annotations

import base64
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from utblick.core import clock
from utblick.public.map import map_for
from utblick.reports.charts import chart_specs, svg_data_uri
from utblick.reports.data import ReportData
from utblick.reports.formatting import document_rows, figure_text, row_cells
from utblick.reports.pdfua import pdfua_finisher
from utblick.reports.render_docx import render_docx
from utblick.reports.render_xlsx import render_xlsx

STATIC = Path(__file__).resolve().parent / "static"

#: The PDF lists at most this many activities, and at most this much text in their rows
#: (long follow-up comments take many lines). WeasyPrint holds every laid-out page until
#: the file is written: about 50 kB of memory and 4 ms per listed activity, 80 bytes per
#: character, so a list of thousands would need gigabytes and minutes. The Excel file of
#: the same report has every activity.
ACTIVITIES_IN_PDF = 1000
ACTIVITY_TEXT_IN_PDF = 200_000


#: The report page lists at most this many rows of a table: the activities, or the
#: findings of a municipality with thousands (the documents have their own bounds).
PAGE_ROWS = 500


def _page_note(key: str, shown: int, total: int) -> str:
    """Where the rows the page leaves out are."""
    numbers = {
        "shown": number_format(shown, force_grouping=True, use_l10n=True),
        "total": number_format(total, force_grouping=True, use_l10n=True),
    }
    if key == "activities":
        return (
            _(
                "Sidan visar de första %(shown)s av %(total)s aktiviteter. Alla finns i "
                "registret och i rapportens Excel- och Word-filer."
            )
            % numbers
        )
    if key == "compliance_findings":
        return (
            _(
                "Sidan visar de första %(shown)s av %(total)s avvikelser, fel först. Alla finns "
                "på sidan Efterlevnad och i rapportens Excel-fil."
            )
            % numbers
        )
    return (
        _(
            "Sidan visar de första %(shown)s av %(total)s raderna. Alla finns i rapportens Excel-fil."
        )
        % numbers
    )


def report_visuals(data: ReportData) -> list[tuple[str, str, str]]:
    """The charts and the map, drawn: (key, alt text, data URI) each."""
    charts = [(key, alt, svg_data_uri(spec)) for key, alt, spec in chart_specs(data)]
    if data.places:
        svg, places = map_for([SimpleNamespace(**entry) for entry in data.places], standalone=True)
        if places:
            alt = _("Karta över orterna: %(names)s.") % {
                "names": ", ".join(f"{p.name} ({p.country_name})" for p in places)
            }
            uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
            charts.append(("map", alt, uri))
    return charts


def html_context(
    data: ReportData,
    generated_at: Any = None,
    document: bool = False,
    page_rows: int | None = None,
) -> dict[str, Any]:
    """What the page and the documents show; ``page_rows`` bounds each of the page's tables."""
    charts = data.visuals if data.visuals is not None else report_visuals(data)
    tables = []
    for t in data.tables:
        rows, note = document_rows(t) if document else (t.rows, "")
        if page_rows is not None and len(rows) > page_rows:
            note = _page_note(t.key, page_rows, len(rows))
            rows = rows[:page_rows]
        tables.append(
            {
                "key": t.key,
                "title": t.title,
                "headers": t.headers,
                "rows": [row_cells(t, row) for row in rows],
                "numeric": (t.money_columns | t.percent_columns)
                or ({1} if len(t.headers) == 2 else set()),
                "note": note,
            }
        )
    return {
        "data": data,
        "figures": [(label, figure_text(value)) for _k, label, value in data.figures],
        "charts": charts,
        "tables": tables,
        "generated_at": generated_at or clock.now(),
        "document": document,
    }


def html_to_pdf(html: str) -> bytes:
    """PDF/A-2b that is PDF/UA-1 as well, from HTML whose fonts and images are under STATIC."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(STATIC)).write_pdf(
        pdf_variant="pdf/a-2b", pdf_tags=True, finisher=pdfua_finisher
    )


def pdf_activities(
    table: dict[str, Any], limit: int | None = None, budget: int | None = None
) -> dict[str, Any]:
    """The activity list as the PDF lays it out: five columns, at most ``limit`` rows
    holding at most ``budget`` characters.

    Type and status share a column, and so do the state and the share done: the same
    values in fewer, wider cells, which WeasyPrint lays out faster (a landscape page fits
    most activities on one line). When some are left out, a note above the table says how
    many there are and that every one is in the Excel file of the same report.
    """
    limit = ACTIVITIES_IN_PDF if limit is None else limit
    budget = ACTIVITY_TEXT_IN_PDF if budget is None else budget
    shown = text = 0
    for row in table["rows"][:limit]:
        text += sum(len(value) for value in row)
        if text > budget:
            break
        shown += 1
    h = table["headers"]  # Aktivitet, Typ, Enhet, Status, Läge, Genomfört, Kommentar
    rows = [
        [
            title,
            unit,
            f"{kind} · {status}",
            state if done == "–" else f"{state} · {done}",
            comment,
        ]
        for title, kind, unit, status, state, done, comment in table["rows"][:shown]
    ]
    note = table["note"]
    total = len(table["rows"])
    if total > shown:
        note = _(
            "Rapporten omfattar %(total)s aktiviteter. PDF-filen listar de första %(shown)s "
            "i ordning efter enhet och namn. Alla %(total)s, med samma uppgifter, finns i "
            "Excel-versionen av samma rapport (bladet Aktiviteter) och i registret i Utblick."
        ) % {
            "total": number_format(total, force_grouping=True, use_l10n=True),
            "shown": number_format(shown, force_grouping=True, use_l10n=True),
        }
    return table | {
        "headers": [h[0], h[2], _("Typ och status"), f"{h[4]} ({h[5].lower()})", h[6]],
        "rows": rows,
        "numeric": set(),
        "note": note,
    }


def render_pdf(data: ReportData, generated_by: str = "") -> bytes:
    context = html_context(data, document=True)
    context["tables"] = [
        pdf_activities(t) if t["key"] == "activities" else t for t in context["tables"]
    ]
    html = render_to_string(
        "reports/report_pdf.html",
        context | {"generated_by": generated_by, "lang": settings.LANGUAGE_CODE},
    )
    return html_to_pdf(html)


RENDERERS = {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
