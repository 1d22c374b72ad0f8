"""Reading an uploaded policy document into text, refusing what cannot be read safely.

Word (.docx), PDF with a text layer and plain text are read. Everything else —
a scanned PDF without text, a password-protected or damaged file, another
format, an empty or oversized file — is refused with a Swedish message before
anything is stored. The format is decided by the file's content, not its name.

A .docx is checked against the upload limits of ``utblick.core.uploads``
(unpacked size, members, compression ratio, XML depth, text length, time)
before python-docx builds it; every format is refused past the same budget of
characters and seconds.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from utblick.core.uploads import (
    Deadline,
    Limits,
    UploadRefused,
    check_size,
    limits,
    number,
    open_zip,
    scan_docx,
)

MAX_PAGES = 400
#: A PDF page with fewer readable characters than this on average has no text layer.
MIN_CHARS_PER_PAGE = 40

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_SUFFIXES = (".txt", ".text", ".md")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UnreadableDocument(ValueError):
    """The whole file is refused; the message says why, in Swedish."""


@dataclass(frozen=True)
class SourceDocument:
    """The text of an uploaded document; pages are separated by form feeds."""

    text: str
    format: str  # "txt", "docx" or "pdf"
    pages: int = 1


def read_document(data: bytes, filename: str) -> SourceDocument:
    """The text of a .docx, PDF or plain-text file, or :class:`UnreadableDocument`."""
    lim = limits()
    deadline = Deadline(lim.max_seconds)
    if not data:
        raise UnreadableDocument(_("Filen är tom."))
    try:
        check_size(data, lim.max_document_bytes)
    except UploadRefused as refused:
        raise UnreadableDocument(str(refused)) from refused
    lower = filename.lower()
    if data.startswith(PDF_MAGIC):
        document = _read_pdf(data, deadline)
    elif data.startswith(ZIP_MAGIC):
        document = _read_zip(data, lim, deadline)
    elif data.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise UnreadableDocument(
                _("Dokumentet är lösenordsskyddat. Spara det utan lösenord och försök igen.")
            )
        raise UnreadableDocument(
            _(
                "Det gamla Word-formatet (.doc) läses inte. Spara dokumentet som .docx eller PDF och försök igen."
            )
        )
    elif data.lstrip().startswith(b"{\\rtf"):
        raise UnreadableDocument(
            _("RTF-filer läses inte. Spara dokumentet som .docx, PDF eller vanlig text.")
        )
    elif lower.endswith((".pdf", ".docx")):
        raise UnreadableDocument(
            _("Filen har ändelsen %(suffix)s men innehållet är inte i det formatet.")
            % {"suffix": lower.rsplit(".", 1)[-1]}
        )
    elif "." in lower.rsplit("/", 1)[-1] and not lower.endswith(TEXT_SUFFIXES):
        raise UnreadableDocument(_unsupported())
    else:
        document = SourceDocument(_decode_text(data), "txt")
    if not document.text.strip():
        raise UnreadableDocument(_("Dokumentet innehåller ingen text."))
    if len(document.text) > lim.max_document_chars:
        raise UnreadableDocument(
            _("Dokumentet har mer än %(max)s tecken text; ett styrdokument är kortare.")
            % {"max": number(lim.max_document_chars)}
        )
    return document


def _unsupported() -> str:
    return _("Bara Word (.docx), PDF med text och vanlig text (.txt) kan läsas in.")


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(_("Textfilens teckenkodning känns inte igen.")) from exc
    elif b"\x00" in data:
        raise UnreadableDocument(
            _("Filen är binär, inte text. %(formats)s") % {"formats": _unsupported()}
        )
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Windows-1252 is what older Swedish Word "Save as text" gives.
            text = data.decode("cp1252", errors="replace")
    if len(_CONTROL.findall(text)) > max(3, len(text) // 100):
        raise UnreadableDocument(
            _("Filen är binär, inte text. %(formats)s") % {"formats": _unsupported()}
        )
    return text


def _read_pdf(data: bytes, deadline: Deadline) -> SourceDocument:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    damaged = _("PDF-filen är skadad och kan inte läsas.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are encrypted only against editing, with an empty password to open.
            try:
                opened = reader.decrypt("")
            except DependencyError as exc:  # AES needs a crypto library Utblick does not ship
                raise UnreadableDocument(
                    _(
                        "PDF-filen är krypterad på ett sätt som inte kan läsas. Spara den utan "
                        "skydd eller lösenord och försök igen."
                    )
                ) from exc
            except Exception as exc:  # pypdf raises several kinds for unsupported ciphers
                raise UnreadableDocument(_password_protected()) from exc
            if not opened:
                raise UnreadableDocument(_password_protected())
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise UnreadableDocument(
                _("PDF-filen har fler än %(max)s sidor; ett styrdokument är kortare.")
                % {"max": MAX_PAGES}
            )
        pages = []
        for page in reader.pages:
            deadline.check()
            try:
                # Layout mode keeps the blank line between paragraphs.
                pages.append(page.extract_text(extraction_mode="layout"))
            except Exception:
                pages.append(page.extract_text())
    except UnreadableDocument:
        raise
    except UploadRefused as refused:
        raise UnreadableDocument(str(refused)) from refused
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise UnreadableDocument(damaged) from exc
    except Exception as exc:  # a damaged file can fail anywhere inside the parser
        raise UnreadableDocument(damaged) from exc
    text = "\f".join(pages)
    readable = len(re.findall(r"\w", text))
    if count == 0 or readable < MIN_CHARS_PER_PAGE * max(1, count) / 2:
        raise UnreadableDocument(
            _(
                "PDF-filen har inget textlager – den är troligen inskannad. Använd originalet från "
                "Word, eller en PDF med sökbar text."
            )
        )
    return SourceDocument(text, "pdf", count)


def _password_protected() -> str:
    return _("PDF-filen är lösenordsskyddad. Spara den utan lösenord och försök igen.")


def _read_zip(data: bytes, lim: Limits, deadline: Deadline) -> SourceDocument:
    try:
        infos = open_zip(data, lim).infolist()
    except UploadRefused as refused:
        raise UnreadableDocument(str(refused)) from refused
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        if "content.xml" in names:
            raise UnreadableDocument(
                _("OpenDocument-filer (.odt) läses inte. Spara dokumentet som .docx eller PDF.")
            )
        raise UnreadableDocument(_unsupported())
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UnreadableDocument(
            _("Dokumentet innehåller makron. Spara det som en vanlig .docx utan makron.")
        )
    try:
        scan_docx(data, lim, deadline)
    except UploadRefused as refused:
        raise UnreadableDocument(str(refused)) from refused
    return SourceDocument(_docx_text(data, deadline), "docx")


def _docx_text(data: bytes, deadline: Deadline) -> str:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for count, item in enumerate(document.iter_inner_content()):
            if count % 200 == 0:
                deadline.check()
            if isinstance(item, Table):
                for row in item.rows:
                    cells = []
                    for cell in row.cells:
                        text = " ".join(cell.text.split())
                        if text and (not cells or cells[-1] != text):  # merged cells repeat
                            cells.append(text)
                    if cells:
                        blocks.append("\t".join(cells))
                continue
            text = item.text.strip()
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            numbered = item._p.pPr is not None and item._p.pPr.numPr is not None
            is_heading = style.lower().startswith(("heading", "rubrik", "title", "rubrik"))
            if (numbered or "list" in style.lower()) and not is_heading:
                text = f"- {text}"
            blocks.append(text)
    except UnreadableDocument:
        raise
    except UploadRefused as refused:
        raise UnreadableDocument(str(refused)) from refused
    except Exception as exc:  # a damaged document can fail anywhere inside python-docx
        raise UnreadableDocument(_("Word-filen är skadad och kan inte läsas.")) from exc
    # Page headers and footers are left out: they are layout, not content.
    return "\n\n".join(blocks)
