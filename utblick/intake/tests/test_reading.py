"""Reading uploaded documents: real .docx and PDF files, and every kind of bad file."""

from __future__ import annotations

import io
import zipfile

import pytest

from utblick.core.uploads import DEFAULT_LIMITS
from utblick.intake.drafting import draft_from_text
from utblick.intake.evaluate import SOURCES, evaluate, seed_text, shipped_policy
from utblick.intake.reading import UnreadableDocument, read_document
from utblick.intake.tests.documents import (
    docx_bytes,
    encrypted_pdf_bytes,
    pdf_bytes,
    scanned_pdf_bytes,
)

MAX_BYTES = DEFAULT_LIMITS.max_document_bytes
SAMPLE = """Internationell policy för Testkommun

Bakgrund

Kommunen arbetar internationellt för att utveckla sina verksamheter och stärka den regionala utvecklingen på lång sikt.

Principer

- Samarbeten ska ha en tydlig koppling till verksamhetens mål.
- Nätverk ska ses över regelbundet.
"""


def test_plain_text_in_utf8_windows_1252_and_utf16() -> None:
    text = "Internationell policy för Umeå – åäö"
    for data in (text.encode(), text.encode("cp1252"), text.encode("utf-16")):
        document = read_document(data, "policy.txt")
        assert (document.format, document.text.lstrip("\ufeff")) == ("txt", text)


def test_a_file_without_suffix_is_read_as_text() -> None:
    assert read_document(b"Policy", "policy").text == "Policy"


def test_docx_keeps_headings_lists_and_tables_and_leaves_out_page_headers() -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Sidhuvud Testkommun"
    document.add_heading("Principer", level=1)
    document.add_paragraph("Samarbeten ska ha ett tydligt syfte.")
    document.add_paragraph("Nätverk ses över", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Diarienummer"
    table.rows[0].cells[1].text = "KS-2020/12"
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_document(buffer.getvalue(), "policy.docx")
    assert read.format == "docx"
    assert read.text.split("\n\n") == [
        "Principer",
        "Samarbeten ska ha ett tydligt syfte.",
        "- Nätverk ses över",
        "Diarienummer\tKS-2020/12",
    ]


def test_pdf_with_a_text_layer() -> None:
    read = read_document(pdf_bytes(SAMPLE), "policy.pdf")
    assert read.format == "pdf"
    assert read.pages == 1
    assert "Internationell policy för Testkommun" in read.text
    assert "Nätverk ska ses över regelbundet." in " ".join(read.text.split())


def test_the_format_is_decided_by_the_content_not_the_name() -> None:
    assert read_document(pdf_bytes(SAMPLE), "policy.txt").format == "pdf"
    assert read_document(docx_bytes(SAMPLE), "policy").format == "docx"


@pytest.mark.parametrize("slug", SOURCES)
def test_each_source_as_word_and_as_typeset_pdf_drafts_like_the_text(slug: str) -> None:
    """Layout (hyphenation, page headers and numbers, bullets, wrapped lines) changes nothing."""
    shipped = shipped_policy(slug)
    scores = {}
    for name, data in (
        ("txt", seed_text(slug).encode()),
        ("docx", docx_bytes(seed_text(slug))),
        ("pdf", pdf_bytes(seed_text(slug))),
    ):
        text = read_document(data, f"policy.{name}").text
        draft = draft_from_text(text, municipality=shipped.municipality.name)
        result = evaluate(draft, shipped, slug)
        assert "sidhuvud" not in draft.text.casefold()
        assert "Sida 1 av" not in draft.text
        scores[name] = (result.total.matched, result.total.proposed, result.unsourced)
    assert scores["docx"] == scores["txt"]
    assert scores["pdf"] == scores["txt"]


def test_a_pdf_encrypted_only_against_editing_opens() -> None:
    protected = encrypted_pdf_bytes(pdf_bytes(SAMPLE), user_password="")
    assert "Testkommun" in read_document(protected, "policy.pdf").text


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"", "Filen är tom."),
        (lambda: b" " * (MAX_BYTES + 1), "Filen är större än 20 MB."),
        (lambda: bytes(range(256)) * 64, "Filen är binär"),
        (
            lambda: encrypted_pdf_bytes(pdf_bytes(SAMPLE), user_password="hemligt"),
            "PDF-filen är lösenordsskyddad",
        ),
        (lambda: scanned_pdf_bytes(), "inget textlager"),
        (lambda: pdf_bytes(SAMPLE)[:400], "PDF-filen är skadad"),
        (lambda: b"PK\x03\x04" + b"\x00" * 200, "Filen är skadad"),
        (lambda: docx_bytes(SAMPLE)[:2000], "skadad"),
        (lambda: _zip({"content.xml": "<office/>"}), "OpenDocument"),
        (lambda: _zip({"xl/workbook.xml": "<workbook/>"}), "Bara Word (.docx), PDF"),
        (lambda: _zip({"word/document.xml": "", "word/vbaProject.bin": "x"}), "makron"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "(.doc) läses inte"),
        (
            lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            "lösenordsskyddat",
        ),
        (lambda: b"{\\rtf1\\ansi Policy}", "RTF-filer läses inte"),
        (lambda: b"   \n\n  \t ", "Dokumentet innehåller ingen text."),
    ],
)
def test_unreadable_files_are_refused_in_swedish(make: object, message: str) -> None:
    with pytest.raises(UnreadableDocument) as refused:
        read_document(make(), "policy.pdf" if message.startswith("PDF") else "policy.txt")  # type: ignore[operator]
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("name", "message"),
    [("bild.png", "Bara Word (.docx), PDF"), ("policy.pdf", "ändelsen pdf"), ("a.docx", "docx")],
)
def test_unsupported_names_with_text_content(name: str, message: str) -> None:
    with pytest.raises(UnreadableDocument) as refused:
        read_document(b"just text", name)
    assert message in str(refused.value)


def test_a_zip_bomb_is_refused_before_unpacking() -> None:
    data = _zip({"word/document.xml": "<w/>" + " " * (101 * 1024 * 1024)})
    assert len(data) < MAX_BYTES
    with pytest.raises(UnreadableDocument, match="packas upp till mer än"):
        read_document(data, "policy.docx")


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
