"""The decision draft as Word (for the case) and PDF/A-2b + PDF/UA-1 (for the archive).

Both are drawn from one :class:`~utblick.reviews.selectors.DraftContent` with the
report's document helpers, so a draft passes the same checks as the report: A4,
Swedish, document properties, tagged and accessible PDF.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core import clock
from utblick.reports.data import Table
from utblick.reports.formatting import row_cells
from utblick.reports.render import html_to_pdf
from utblick.reports.render_docx import add_table, new_document, set_properties
from utblick.reviews.selectors import DraftContent

#: What the registrar fills in by hand: room for a number or a date.
BLANK = "_" * 24


def _sections(content: DraftContent) -> list[tuple[str, list[Table]]]:
    return [
        (_("Historik och resultat"), content.history),
        (_("Ekonomi"), content.money),
    ]


def _html_table(t: Table) -> dict[str, Any]:
    return {
        "key": t.key,
        "title": t.title,
        "headers": t.headers,
        "rows": [row_cells(t, row) for row in t.rows],
        "numeric": t.money_columns | t.percent_columns,
    }


def render_draft_pdf(content: DraftContent) -> bytes:
    html = render_to_string(
        "reviews/draft_pdf.html",
        {
            "c": content,
            "lang": settings.LANGUAGE_CODE,
            "blank": BLANK,
            "case": _html_table(content.case),
            "sections": [
                (title, [_html_table(t) for t in tables]) for title, tables in _sections(content)
            ],
            "findings": _html_table(content.findings),
        },
    )
    return html_to_pdf(html)


def render_draft_docx(content: DraftContent) -> bytes:
    now = timezone.localtime(clock.now())
    doc = new_document()
    set_properties(
        doc,
        title=content.subject,
        subject=content.heading,
        author=content.municipality,
        generated_by=content.written_by,
        keywords=_("internationellt arbete, beslutsunderlag"),
        category=content.heading,
        now=now,
    )
    doc.add_paragraph(content.municipality)
    doc.add_heading(content.heading, level=0)
    for label, value in (
        (_("Till"), content.addressed_to.name),
        (_("Från"), content.from_unit),
        (_("Handläggare"), content.written_by),
        *((field, BLANK) for field in content.registrar_fields),
    ):
        if value:
            doc.add_paragraph(f"{label}: {value}")
    doc.add_heading(content.subject, level=1)
    doc.add_heading(_("Förslag till beslut"), level=1)
    doc.add_paragraph(content.proposal)
    doc.add_heading(_("Ärendet"), level=1)
    for text in content.background:
        doc.add_paragraph(text)
    add_table(doc, content.case, content.case.rows, level=2)
    for title, tables in _sections(content):
        doc.add_heading(title, level=1)
        for t in tables:
            if t.rows:
                add_table(doc, t, t.rows, level=2)
            else:
                doc.add_heading(t.title, level=2)
                doc.add_paragraph(_("Inget att redovisa."))
    doc.add_heading(_("Styrdokumentet"), level=1)
    doc.add_paragraph(content.policy_citation)
    for passage in content.passages:
        doc.add_paragraph(f"”{passage.text}”", style="Quote")
        doc.add_paragraph(f"{passage.kind}, {passage.source}")
    if not content.passages:
        doc.add_paragraph(_("Styrdokumentet säger inget särskilt om den här typen."))
    if content.findings.rows:
        add_table(doc, content.findings, content.findings.rows, level=1)
    else:
        doc.add_heading(content.findings.title, level=1)
        doc.add_paragraph(_("Inga avvikelser från styrdokumentet."))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
