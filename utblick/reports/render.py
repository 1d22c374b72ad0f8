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


def html_context(
    data: ReportData, generated_at: Any = None, document: bool = False
) -> dict[str, Any]:
    charts = [(key, alt, svg_data_uri(spec)) for key, alt, spec in chart_specs(data)]
    if data.places:
        svg, places = map_for([SimpleNamespace(**entry) for entry in data.places], standalone=True)
        if places:
            alt = _("Karta över orterna: %(names)s.") % {
                "names": ", ".join(f"{p.name} ({p.country_name})" for p in places)
            }
            uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
            charts.append(("map", alt, uri))
    tables = []
    for t in data.tables:
        rows, note = document_rows(t) if document else (t.rows, "")
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


def render_pdf(data: ReportData, generated_by: str = "") -> bytes:
    html = render_to_string(
        "reports/report_pdf.html",
        html_context(data, document=True)
        | {"generated_by": generated_by, "lang": settings.LANGUAGE_CODE},
    )
    return html_to_pdf(html)


RENDERERS = {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
