"""The report as a Word document for the case file: A4, Swedish, tables that fit the page.

Column widths follow the content: no column is narrower than its longest word (so no
reader breaks "Partnerskap" inside the word), the rest of the width goes to the
columns with most text. A table too wide for a portrait page gets a smaller font and,
if that is not enough, a landscape page of its own. Header rows repeat on every page.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from utblick.core import clock
from utblick.reports.charts import chart_specs, png
from utblick.reports.data import ReportData, Table
from utblick.reports.formatting import document_rows, row_cells

LANGUAGE = "sv-SE"
FONT = "Calibri"
BODY_PT = 10.5
SMALL_PT = 8.5
A4 = (Mm(210), Mm(297))
MARGIN = Mm(20)
#: The average width of a character per point of font size, in cm (Calibri-like fonts,
#: with a margin for LibreOffice's Carlito); a cell's padding on both sides.
CHAR_CM_PER_PT = 0.0205
CELL_PADDING_CM = 0.4
#: No column gets more than this for its longest word: a longer "word" (an address)
#: wraps inside it rather than squeezing every other column.
LONGEST_WORD_CM = 6.0
#: Where a reader may break a line: at spaces, and after a slash or a dash.
_WORDS = re.compile(r"\s+|(?<=[/\-–])")


def _text_width_cm(section: Any) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def set_language(doc: DocumentObject) -> None:
    """Swedish for the spelling and hyphenation of every style (the template says en-US)."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    if rpr.find(qn("w:lang")) is None:
        rpr.append(OxmlElement("w:lang"))
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
        lang.set(qn("w:bidi"), LANGUAGE)


def set_properties(
    doc: DocumentObject,
    *,
    title: str,
    subject: str,
    author: str,
    generated_by: str,
    keywords: str,
    category: str,
    now: datetime,
) -> None:
    """The document's properties: who wrote it (the municipality), in Swedish, when."""
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = generated_by or author
    props.comments = _("Sammanställd i Utblick.")
    props.keywords = keywords
    props.category = category
    props.language = LANGUAGE
    props.created = props.modified = now.astimezone(UTC).replace(tzinfo=None)
    props.revision = 1


def _properties(doc: DocumentObject, data: ReportData, generated_by: str, now: datetime) -> None:
    set_properties(
        doc,
        title=data.scope.title,
        subject=_("Uppföljning av det internationella arbetet"),
        author=data.scope.municipality.name,
        generated_by=generated_by,
        keywords=_("internationellt arbete, uppföljning"),
        category=_("Rapport"),
        now=now,
    )


def column_widths(
    headers: list[str], rows: list[list[str]], total_cm: float, pt: float
) -> list[float] | None:
    """Widths (cm) that keep every word whole, or None when the columns cannot fit."""
    per_char = CHAR_CM_PER_PT * pt
    floors, weights = [], []
    for i, header in enumerate(headers):
        texts = [header, *(row[i] for row in rows)]
        longest = max((len(w) for t in texts for w in _WORDS.split(t)), default=1)
        bold_header = max((len(w) for w in _WORDS.split(header)), default=1) * 1.1
        floors.append(min(LONGEST_WORD_CM, max(longest, bold_header) * per_char) + CELL_PADDING_CM)
        weights.append(min(60.0, max(len(t) for t in texts)) + 1)
    spare = total_cm - sum(floors)
    if spare < 0:
        return None
    return [f + spare * w / sum(weights) for f, w in zip(floors, weights, strict=True)]


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        trpr.append(element)


def _orient(doc: DocumentObject, landscape: bool) -> Any:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    return section


def add_table(
    doc: DocumentObject, t: Table, rows: list[list[Any]], note: str = "", level: int = 1
) -> None:
    """The table under its heading, on a landscape page of its own if it needs one."""
    texts = [row_cells(t, row) for row in rows]
    portrait = _text_width_cm(doc.sections[-1])
    landscape = (A4[1] - 2 * MARGIN) / 360000
    layout = None
    for width, pt, turn in (
        (portrait, BODY_PT, False),
        (portrait, SMALL_PT, False),
        (landscape, SMALL_PT, True),
    ):
        widths = column_widths(t.headers, texts, width, pt)
        if widths is not None:
            layout = (widths, pt, turn)
            break
    if layout is None:  # wider than a landscape page even so: share it out evenly
        layout = ([landscape / len(t.headers)] * len(t.headers), SMALL_PT, True)
    widths, pt, turn = layout
    if turn:
        _orient(doc, landscape=True)
    doc.add_heading(t.title, level=level)
    counts = {
        i
        for i in range(len(t.headers))
        if rows and all(isinstance(r[i], int | Decimal) or r[i] is None for r in rows)
    }
    numeric = t.money_columns | t.percent_columns | counts
    grid = doc.add_table(rows=1, cols=len(t.headers))
    grid.style = "Light Grid Accent 1"
    grid.autofit = False
    for i, header in enumerate(t.headers):
        grid.rows[0].cells[i].text = header
    _repeat_header(grid.rows[0])
    for values in texts:
        cells = grid.add_row().cells
        for i, value in enumerate(values):
            cells[i].text = value
    for i, width in enumerate(widths):
        grid.columns[i].width = Cm(width)
        for c in grid.columns[i].cells:
            c.width = Cm(width)
            for paragraph in c.paragraphs:
                if i in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in paragraph.runs:
                    run.font.size = Pt(pt)
    if note:
        doc.add_paragraph(note)
    if turn:
        _orient(doc, landscape=False)


def new_document() -> DocumentObject:
    """An empty A4 portrait document in Swedish, with the body font every document uses."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = A4
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    set_language(doc)
    return doc


def render_docx(data: ReportData, generated_by: str = "") -> bytes:
    now = timezone.localtime(clock.now())
    doc = new_document()
    _properties(doc, data, generated_by, now)
    doc.add_heading(data.scope.title, level=0)
    at = now.strftime("%Y-%m-%d %H:%M")
    doc.add_paragraph(
        _("Sammanställd %(at)s av %(by)s. Alla siffror är hämtade ur Utblick.")
        % {"at": at, "by": generated_by}
        if generated_by
        else _("Sammanställd %(at)s. Alla siffror är hämtade ur Utblick.") % {"at": at}
    )
    figures = Table(
        "figures",
        _("Nyckeltal"),
        [_("Nyckeltal"), _("Värde")],
        [[label, value] for _key, label, value in data.figures],
        {1},  # the money among them reads as kronor, like figure_text
    )
    add_table(doc, figures, figures.rows)
    for _key, alt, spec in chart_specs(data):
        doc.add_picture(io.BytesIO(png(spec)), width=Cm(15))
        doc.paragraphs[-1].runs[0]._r.xpath("./w:drawing/wp:inline/wp:docPr")[0].set("descr", alt)
    for t in data.tables:
        if not t.rows:
            doc.add_heading(t.title, level=1)
            doc.add_paragraph(_("Inget att redovisa."))
            continue
        add_table(doc, t, *document_rows(t))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
