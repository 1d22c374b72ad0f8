"""Limits on uploaded files, checked before any parser sees them.

An .xlsx or .docx is a zip archive of XML: a few hundred kilobytes can unpack
to gigabytes, name a cell in row 40 000 of column XFD (which openpyxl pads
into 655 million empty cells), hold one 300 MB string or millions of shared
strings. So before openpyxl or python-docx open a file, the archive's
directory is checked (members, sizes, compression ratio, names) and every XML
member is streamed once through expat, counting rows, columns, cells and
characters and watching nesting depth and the clock — stopping at the first
limit passed. Nothing is unpacked whole and no element tree is built.

Each refusal is an :class:`UploadRefused` whose message names the limit and
the figure in Swedish. The limits are defaults that ``settings.UPLOAD_LIMITS``
(a dict of field names) can override.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _


class UploadRefused(ValueError):
    """The file passes a limit; the message names it, in Swedish."""


@dataclass(frozen=True)
class Limits:
    #: Bytes of the file as uploaded (spreadsheets; documents have their own).
    max_bytes: int = 10 * 1024 * 1024
    #: Bytes of a policy document as uploaded (a PDF with pictures is larger).
    max_document_bytes: int = 20 * 1024 * 1024
    #: Bytes of all members of a zip archive together, unpacked.
    max_unpacked_bytes: int = 50 * 1024 * 1024
    max_members: int = 1000
    #: Unpacked size over packed size, for members larger than a megabyte.
    max_ratio: int = 200
    max_rows: int = 20_000
    max_columns: int = 200
    #: Cells holding a value, in all sheets together.
    max_cells: int = 500_000
    #: Excel's own limit for the text in one cell.
    max_cell_chars: int = 32_767
    #: Characters in all cells together, shared strings counted where they are used.
    max_total_chars: int = 20_000_000
    #: Characters of text in one document (a policy of 500 pages has about a million).
    max_document_chars: int = 2_000_000
    #: XML elements in one document: python-docx builds a tree of them all (about
    #: 200 bytes each); a policy of 500 pages has some 100 000.
    max_document_elements: int = 500_000
    max_xml_depth: int = 100
    #: Seconds of reading one upload.
    max_seconds: float = 20.0


DEFAULT_LIMITS = Limits()


def limits() -> Limits:
    """The limits in force: the defaults with ``settings.UPLOAD_LIMITS`` applied."""
    overrides = getattr(settings, "UPLOAD_LIMITS", None) or {}
    known = {f.name for f in fields(Limits)}
    return replace(DEFAULT_LIMITS, **{k: v for k, v in overrides.items() if k in known})


def number(value: float) -> str:
    """20000 → "20 000", the Swedish way (a no-break space between thousands)."""
    return f"{value:,.0f}".replace(",", "\u00a0")


def megabytes(value: int) -> str:
    return number(value / (1024 * 1024))


class Deadline:
    """A wall-time budget for reading one upload, checked while iterating."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise UploadRefused(
                _(
                    "Filen tar längre än %(seconds)s sekunder att läsa och läses därför inte. "
                    "Dela upp den eller spara den enklare."
                )
                % {"seconds": number(self.seconds)}
            )


def check_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise UploadRefused(_("Filen är större än %(mb)s MB.") % {"mb": megabytes(max_bytes)})


# --- zip archives ---------------------------------------------------------


def open_zip(data: bytes, lim: Limits) -> zipfile.ZipFile:
    """The archive, once its directory is within the limits; nothing is unpacked yet.

    The sizes in the directory can be trusted as bounds: Python's zipfile, which
    openpyxl and python-docx read through, never returns more than the declared
    size of a member.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise UploadRefused(_("Filen är skadad eller avklippt och kan inte läsas.")) from exc
    if len(infos) > lim.max_members:
        raise UploadRefused(
            _("Arkivet har fler än %(max)s delar; en vanlig fil har några tiotal.")
            % {"max": number(lim.max_members)}
        )
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or ":" in name:
            raise UploadRefused(
                _("Arkivet innehåller en otillåten sökväg (%(name)s).") % {"name": name[:80]}
            )
        if info.flag_bits & 0x1:
            raise UploadRefused(
                _("Filen är lösenordsskyddad. Spara den utan lösenord och försök igen.")
            )
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > lim.max_ratio * max(
            info.compress_size, 1
        ):
            raise UploadRefused(
                _(
                    "En del av filen packas upp till mer än %(ratio)s gånger sin storlek; "
                    "så packas inga vanliga dokument."
                )
                % {"ratio": number(lim.max_ratio)}
            )
    if total > lim.max_unpacked_bytes:
        raise UploadRefused(
            _("Filen packas upp till mer än %(mb)s MB och läses inte.")
            % {"mb": megabytes(lim.max_unpacked_bytes)}
        )
    return archive


def _xml_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [
        info
        for info in archive.infolist()
        if info.filename.lower().endswith((".xml", ".rels")) and not info.is_dir()
    ]


@dataclass
class SheetFigures:
    """What a scan of a workbook counted: bounds for reading it."""

    max_row: int = 0
    max_column: int = 0
    cells: int = 0
    chars: int = 0
    shared_strings: int = 0
    elements: int = 0


def _column_of(reference: str) -> int:
    column = 0
    for char in reference:
        if "A" <= char <= "Z":
            column = column * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            column = column * 26 + ord(char) - 96
        else:
            break
    return column


def _row_of(reference: str) -> int:
    digits = reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$")
    return int(digits) if digits.isdigit() else 0


class _Scan:
    """One expat pass over one XML member, raising at the first limit passed."""

    CHUNK = 64 * 1024

    def __init__(
        self,
        lim: Limits,
        deadline: Deadline,
        figures: SheetFigures,
        text_cap: int,
        element_cap: int | None = None,
    ):
        self.lim = lim
        self.element_cap = element_cap
        self.deadline = deadline
        self.figures = figures
        self.text_cap = text_cap
        self.depth = 0
        self.text = 0  # characters in the current text element
        self.in_text = False
        self.row = 0
        self.column = 0
        self.cell_type = ""
        self.cell_value: list[str] = []  # the index of a shared-string cell
        self.events = 0
        #: Scanning sharedStrings.xml: the length of each string is kept, not counted.
        self.shared_mode = False
        self.shared: list[int] = []
        #: The lengths of the workbook's shared strings, when scanning a sheet.
        self.shared_lengths: list[int] = []

    def run(self, stream: io.BufferedIOBase) -> None:
        parser = expat.ParserCreate(namespace_separator="}")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.chars
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.entity
        try:
            while chunk := stream.read(self.CHUNK):
                parser.Parse(chunk, False)
                self.deadline.check()
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise UploadRefused(_("Filen är skadad: dess XML kan inte läsas.")) from exc
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            if isinstance(exc, UploadRefused):
                raise
            raise UploadRefused(_("Filen är skadad eller avklippt och kan inte läsas.")) from exc

    def doctype(self, *args: object) -> None:
        # Office files never declare a DTD; one is how entity bombs begin.
        raise UploadRefused(
            _("Filen innehåller en DTD-deklaration, vilket Office-filer aldrig gör.")
        )

    entity = doctype

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > self.lim.max_xml_depth:
            raise UploadRefused(
                _("Filens XML är nästlad djupare än %(max)s nivåer.")
                % {"max": number(self.lim.max_xml_depth)}
            )
        self.events += 1
        if self.events & 0x3FFF == 0:
            self.deadline.check()
        self.figures.elements += 1
        if self.element_cap is not None and self.figures.elements > self.element_cap:
            raise UploadRefused(
                _("Dokumentet har fler än %(max)s XML-element; ett styrdokument har färre.")
                % {"max": number(self.element_cap)}
            )
        local = name.rsplit("}", 1)[-1]
        if local == "row":
            row = attrs.get("r")
            self.row = int(row) if row and row.isdigit() else self.row + 1
            self.column = 0
            self._check_row()
        elif local == "c":
            reference = attrs.get("r", "")
            column = _column_of(reference)
            self.column = column if column else self.column + 1
            row = _row_of(reference)
            if row and row != self.row:
                self.row = row
                self._check_row()
            self._check_column()
            self.cell_type = attrs.get("t", "")
            self.cell_value = []
            figures = self.figures
            figures.cells += 1
            if figures.cells > self.lim.max_cells:
                raise _too_many_cells(self.lim)
        elif local == "si":
            self.shared.append(0)
            if len(self.shared) > self.lim.max_cells:
                raise UploadRefused(
                    _("Filen har fler än %(max)s delade texter; dela upp den.")
                    % {"max": number(self.lim.max_cells)}
                )
        elif local in ("t", "v", "f"):
            self.in_text = True
            self.text = 0

    def _check_row(self) -> None:
        if self.row > self.lim.max_rows:
            raise _too_many_rows(self.lim)
        self.figures.max_row = max(self.figures.max_row, self.row)

    def _check_column(self) -> None:
        if self.column > self.lim.max_columns:
            raise UploadRefused(
                _("Filen har fler än %(max)s kolumner (en cell står i kolumn %(column)s).")
                % {"max": number(self.lim.max_columns), "column": number(self.column)}
            )
        self.figures.max_column = max(self.figures.max_column, self.column)

    def end(self, name: str) -> None:
        self.depth -= 1
        local = name.rsplit("}", 1)[-1]
        if local in ("t", "v", "f"):
            self.in_text = False
        elif local == "c":
            if self.cell_type == "s":
                # A shared string counts where it is used: one long text in 20 000
                # cells is 20 000 long texts on the preview page.
                index = "".join(self.cell_value).strip()
                if index.isdigit() and int(index) < len(self.shared_lengths):
                    self._add_chars(self.shared_lengths[int(index)])
            self.cell_type = ""

    def chars(self, data: str) -> None:
        if not self.in_text:
            return
        self.text += len(data)
        if self.shared_mode:
            if self.shared:
                self.shared[-1] += len(data)
                self.text = max(self.text, self.shared[-1])
        elif self.cell_type == "s":
            if len(self.cell_value) < 4:
                self.cell_value.append(data)
        else:
            self._add_chars(len(data))
        if self.text > self.text_cap:
            raise UploadRefused(
                _("En cell eller ett textstycke har fler än %(max)s tecken.")
                % {"max": number(self.text_cap)}
            )

    def _add_chars(self, count: int) -> None:
        self.figures.chars += count
        if self.figures.chars > self.lim.max_total_chars:
            raise UploadRefused(
                _("Filen innehåller mer än %(max)s tecken text; dela upp den.")
                % {"max": number(self.lim.max_total_chars)}
            )


def scan_xlsx(
    data: bytes, lim: Limits | None = None, deadline: Deadline | None = None
) -> SheetFigures:
    """Check an .xlsx against every limit without building it; the figures bound reading it."""
    lim = lim or limits()
    deadline = deadline or Deadline(lim.max_seconds)
    archive = open_zip(data, lim)
    figures = SheetFigures()
    members = _xml_members(archive)
    # Shared strings first, so a cell that uses one is counted at the string's length.
    members.sort(key=lambda info: not info.filename.lower().endswith("sharedstrings.xml"))
    shared_lengths: list[int] = []
    for info in members:
        scan = _Scan(lim, deadline, figures, lim.max_cell_chars)
        scan.shared_mode = info.filename.lower().endswith("sharedstrings.xml")
        scan.shared_lengths = shared_lengths
        with archive.open(info) as stream:
            scan.run(stream)
        if scan.shared_mode:
            shared_lengths.extend(scan.shared)
            figures.shared_strings += len(scan.shared)
    return figures


def scan_docx(data: bytes, lim: Limits | None = None, deadline: Deadline | None = None) -> None:
    """Check a .docx (or any zip of XML) against the archive, depth, text and time limits."""
    lim = lim or limits()
    deadline = deadline or Deadline(lim.max_seconds)
    archive = open_zip(data, lim)
    figures = SheetFigures()
    for info in _xml_members(archive):
        scan = _Scan(
            replace(lim, max_total_chars=lim.max_document_chars),
            deadline,
            figures,
            lim.max_document_chars,
            lim.max_document_elements,
        )
        with archive.open(info) as stream:
            scan.run(stream)


# --- CSV ------------------------------------------------------------------


def csv_rows(
    text: str, delimiter: str, lim: Limits | None = None, deadline: Deadline | None = None
) -> Iterator[list[str]]:
    """The rows of a CSV text, refused at the first row, column, cell or time limit passed."""
    lim = lim or limits()
    deadline = deadline or Deadline(lim.max_seconds)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    cells = 0
    try:
        for number_, row in enumerate(reader, start=1):
            if number_ > lim.max_rows:
                raise _too_many_rows(lim)
            if len(row) > lim.max_columns:
                raise UploadRefused(
                    _("Filen har fler än %(max)s kolumner (rad %(row)s har %(count)s).")
                    % {
                        "max": number(lim.max_columns),
                        "row": number(number_),
                        "count": number(len(row)),
                    }
                )
            for value in row:
                if len(value) > lim.max_cell_chars:
                    raise _cell_too_long(lim)
            cells += len(row)
            if cells > lim.max_cells:
                raise _too_many_cells(lim)
            if number_ % 1000 == 0:
                deadline.check()
            yield row
    except csv.Error as exc:
        # The csv module stops at 131 072 characters in one field, or at a stray NUL.
        if "field larger" in str(exc):
            raise _cell_too_long(lim) from exc
        raise UploadRefused(
            _("CSV-filen kan inte läsas (%(detail)s).") % {"detail": str(exc)[:100]}
        ) from exc


def _cell_too_long(lim: Limits) -> UploadRefused:
    return UploadRefused(
        _("En cell har fler än %(max)s tecken.") % {"max": number(lim.max_cell_chars)}
    )


def _too_many_rows(lim: Limits) -> UploadRefused:
    return UploadRefused(
        _("Filen har fler än %(max)s rader; dela upp den.") % {"max": number(lim.max_rows)}
    )


def _too_many_cells(lim: Limits) -> UploadRefused:
    return UploadRefused(
        _("Filen har fler än %(max)s ifyllda celler; dela upp den.")
        % {"max": number(lim.max_cells)}
    )
