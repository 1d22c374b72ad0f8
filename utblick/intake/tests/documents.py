"""Real documents to upload in tests: Word files with python-docx, PDFs with WeasyPrint and pypdf."""

from __future__ import annotations

import html
import io

from utblick.intake.drafting import Draft, draft_from_text
from utblick.intake.normalise import normalise
from utblick.intake.structure import parse

#: A running header and a page-number footer, as exported Word documents have them.
PAGE_CSS = """
@page { size: A4; margin: 2.5cm;
  @top-center { content: "Testkommun – sidhuvud"; }
  @bottom-right { content: "Sida " counter(page) " av " counter(pages); } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; }
p, li { hyphens: auto; text-align: justify; }
"""


def _blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each block of a source text: heading, item or paragraph."""
    out = []
    for block in parse(normalise(text)).blocks:
        body = block.text.removeprefix("- ") if block.kind == "item" else block.text
        out.append((block.kind, body))
    return out


def docx_bytes(text: str, *, header: str = "Sidhuvud som inte är innehåll") -> bytes:
    """A Word document of ``text``: headings as headings, list items as a bulleted list."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    for kind, body in _blocks(text):
        if kind == "heading":
            document.add_heading(body, level=2)
        elif kind == "item":
            document.add_paragraph(body, style="List Bullet")
        else:
            document.add_paragraph(body)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_of(text: str) -> str:
    parts = []
    for kind, body in _blocks(text):
        escaped = html.escape(body)
        if kind == "heading":
            parts.append(f"<h2>{escaped}</h2>")
        elif kind == "item":
            parts.append(f"<ul><li>{escaped}</li></ul>")
        else:
            parts.append(f"<p>{escaped}</p>")
    return (
        f'<html lang="sv"><head><style>{PAGE_CSS}</style></head>'
        f"<body>{''.join(parts)}</body></html>"
    )


def pdf_bytes(text: str) -> bytes:
    """A typeset PDF with a text layer: justified, hyphenated, with page header and numbers."""
    from weasyprint import HTML

    return HTML(string=html_of(text)).write_pdf()


def scanned_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF whose pages are pictures only, as a scanner makes them: no text layer."""
    from weasyprint import HTML

    picture = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600">'
        '<rect x="20" y="20" width="360" height="40" fill="#333"/>'
        '<rect x="20" y="90" width="300" height="12" fill="#777"/></svg>'
    )
    body = "".join(f'<div style="page-break-after: always">{picture}</div>' for _ in range(pages))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def encrypted_pdf_bytes(pdf: bytes, *, user_password: str, owner_password: str = "agare") -> bytes:
    """``pdf`` encrypted with pypdf (RC4: AES would need a crypto library); "" opens it freely."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def titles(draft: Draft) -> list[object]:
    """The titles a draft proposes."""
    return [p.value["value"] for p in draft.of("metadata") if p.field == "title"]


def facts(draft: Draft) -> dict[str, object]:
    """The document facts a draft proposes, by field."""
    return {p.field: p.value["value"] for p in draft.of("metadata")}


def cited(draft: Draft, element: str) -> list[str]:
    """The passages a draft cites for its proposals of one element."""
    return [draft.text[p.passage.start : p.passage.end] for p in draft.of(element)]


def page_draft(text: str, municipality: str = "Testby kommun") -> Draft:
    """The draft of a web page's text, as a page saved with its address above it reads."""
    return draft_from_text(f"Källa: https://example.se/sida\n\n{text}\n", municipality=municipality)


def texts(draft: Draft, element: str) -> list[str]:
    """The sentences a draft proposes for one element."""
    return [p.value["text"] for p in draft.of(element)]
