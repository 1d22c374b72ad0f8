"""Hostile and malformed files for the upload doors: made in memory, small when packed.

Used by the corpus test (every file must be refused in Swedish, never a 500)
and by ``bench/hostile_uploads.py`` (time and memory of each refusal). The
four bombs of issue 12 are written as raw zip/XML streamed at high
compression, never through openpyxl, so a 300 MB cell costs a few hundred
kilobytes and a second or two to make.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MB = 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    """One file for one door: ``door`` is "import", "intake" or "policy"."""

    name: str
    door: str
    filename: str
    make: Callable[[], bytes]
    #: Words the Swedish refusal contains: the limit or the fault it names.
    expect: str
    #: One of the four uploads of issue 12, finding 5.
    from_issue: bool = False


def _archive(members: dict[str, Iterable[str | bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, parts in members.items():
            # ZipInfo made by hand carries no compression: give it the archive's.
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as out:
                for part in parts:
                    out.write(part.encode() if isinstance(part, str) else part)
    return buffer.getvalue()


def _repeat(text: str, size: int, chunk: int = MB) -> Iterator[str]:
    """``size`` characters of ``text`` repeated, in pieces of about ``chunk``."""
    piece = (text * (chunk // len(text) + 1))[:chunk]
    left = size
    while left > 0:
        yield piece[:left]
        left -= len(piece)


def xlsx(
    sheet: Iterable[str | bytes],
    shared: Iterable[str | bytes] | None = None,
    *,
    sheets: bool = True,
) -> bytes:
    """A workbook from the raw XML of its first sheet (and of its shared strings)."""
    content_types = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    ]
    if shared is not None:
        content_types.append(
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    content_types.append("</Types>")
    relations = [
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">',
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>',
    ]
    if shared is not None:
        relations.append(
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    relations.append("</Relationships>")
    sheet_list = '<sheet name="Aktiviteter" sheetId="1" r:id="rId1"/>' if sheets else ""
    members: dict[str, Iterable[str | bytes]] = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": [
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{DOC_REL}" Target="xl/workbook.xml"/></Relationships>'
        ],
        "xl/workbook.xml": [
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f"<sheets>{sheet_list}</sheets></workbook>"
        ],
        "xl/_rels/workbook.xml.rels": relations,
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        members["xl/sharedStrings.xml"] = shared
    return _archive(members)


def _sheet(rows: Iterable[str], dimension: str = "") -> Iterator[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
    if dimension:
        yield f'<dimension ref="{dimension}"/>'
    yield "<sheetData>"
    yield from rows
    yield "</sheetData></worksheet>"


HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>typ</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>titel</t></is></c></row>'
)


def xlsx_far_cell(row: int = 40_000) -> bytes:
    """One cell in the last column (XFD) of row 40 000; openpyxl pads it to 655 million."""
    rows = [HEADER_ROW, f'<row r="{row}"><c r="XFD{row}" t="inlineStr"><is><t>x</t></is></c></row>']
    return xlsx(_sheet(rows, dimension=f"A1:XFD{row}"))


def xlsx_huge_cell(size: int = 300 * MB) -> bytes:
    """One cell holding ``size`` characters of text."""

    def rows() -> Iterator[str]:
        yield HEADER_ROW
        yield '<row r="2"><c r="A2" t="inlineStr"><is><t>Projekt</t></is></c>'
        yield '<c r="B2" t="inlineStr"><is><t>'
        yield from _repeat("A", size)
        yield "</t></is></c></row>"

    return xlsx(_sheet(rows()))


def xlsx_shared_strings(count: int = 1_000_000) -> bytes:
    """A shared-string table of ``count`` short, different strings behind a two-row sheet.

    The strings differ so the table packs like a real one (about 5:1) and passes
    the compression-ratio check: the count is what must stop it.
    """

    def shared() -> Iterator[str]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">'
        for start in range(0, count, 10_000):
            yield "".join(f"<si><t>{i}</t></si>" for i in range(start, min(start + 10_000, count)))
        yield "</sst>"

    rows = [HEADER_ROW, '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>']
    return xlsx(_sheet(rows), shared())


def xlsx_shared_string_reuse(length: int = 30_000, cells: int = 19_000) -> bytes:
    """One long shared string used in every row: small to store, huge to show."""

    def shared() -> Iterator[str]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"><si><t>Projekt</t></si><si><t>'
        yield from _repeat("B", length)
        yield "</t></si></sst>"

    def rows() -> Iterator[str]:
        yield HEADER_ROW
        for row in range(2, cells + 2):
            yield f'<row r="{row}"><c r="A{row}" t="s"><v>0</v></c><c r="B{row}" t="s"><v>1</v></c></row>'

    return xlsx(_sheet(rows()), shared())


def xlsx_entity_bomb() -> bytes:
    """A shared-string table that declares "billion laughs" entities."""
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    shared = [
        f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]><sst xmlns="{MAIN}"><si><t>&j;</t></si></sst>'
    ]
    rows = [HEADER_ROW, '<row r="2"><c r="A2" t="s"><v>0</v></c></row>']
    return xlsx(_sheet(rows), shared)


def xlsx_deep() -> bytes:
    """A sheet whose XML nests 100 000 elements deep."""
    depth = 100_000
    return xlsx(
        [
            f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>',
            "<x>" * depth,
            "</x>" * depth,
            "</sheetData></worksheet>",
        ]
    )


def xlsx_without_sheets() -> bytes:
    return xlsx(_sheet([HEADER_ROW]), sheets=False)


def docx(body: Iterable[str | bytes]) -> bytes:
    """A Word document from the raw XML inside ``<w:body>``."""
    return _archive(
        {
            "[Content_Types].xml": [
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                "</Types>"
            ],
            "_rels/.rels": [
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
                f'<Relationship Id="rId1" Type="{DOC_REL}" Target="word/document.xml"/></Relationships>'
            ],
            "word/document.xml": _document(body),
        }
    )


def _document(body: Iterable[str | bytes]) -> Iterator[str | bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD}"><w:body>'
    yield from body
    yield "</w:body></w:document>"


def docx_bomb(size: int = 95 * MB) -> bytes:
    """A policy document unpacking to about ``size`` bytes of short paragraphs."""
    paragraph = "<w:p><w:r><w:t>Kommunen ska samarbeta internationellt.</w:t></w:r></w:p>"
    return docx(_repeat(paragraph, size, chunk=len(paragraph) * 20_000))


def docx_many_elements(paragraphs: int = 1_200_000) -> bytes:
    """Numbered paragraphs: packs like a real document (under the ratio), a tree of millions."""

    def body() -> Iterator[str]:
        for start in range(0, paragraphs, 10_000):
            yield "".join(
                f"<w:p><w:r><w:t>{i}</w:t></w:r></w:p>"
                for i in range(start, min(start + 10_000, paragraphs))
            )

    return docx(body())


def docx_without_body() -> bytes:
    return _archive({"word/other.xml": ["<x/>"], "[Content_Types].xml": ["<Types/>"]})


def zip_with_parent_paths() -> bytes:
    return _archive(
        {
            "../../etc/cron.d/utblick": ["* * * * * root true"],
            "xl/workbook.xml": ["<workbook/>"],
        }
    )


def truncated(make: Callable[[], bytes]) -> Callable[[], bytes]:
    def cut() -> bytes:
        data = make()
        return data[: len(data) // 2]

    return cut


def _small_xlsx() -> bytes:
    return xlsx(
        _sheet([HEADER_ROW, '<row r="2"><c r="A2" t="inlineStr"><is><t>Projekt</t></is></c></row>'])
    )


def _small_docx() -> bytes:
    return docx(["<w:p><w:r><w:t>Policy för internationellt arbete.</w:t></w:r></w:p>"])


def csv_with_nul() -> bytes:
    return b"typ;titel\nProjekt;Vatten\x00och luft\n"


def csv_invalid_utf8() -> bytes:
    # 0x81 is undefined in Windows-1252 too, so no encoding fits.
    return b"typ;titel\nProjekt;Sj\x81\x8d\x90n\n"


def csv_long_field(size: int = MB) -> bytes:
    return b"typ;titel\nProjekt;" + b"x" * size + b"\n"


def csv_many_columns() -> bytes:
    return b"typ;titel" + b";k" * 5000 + b"\nProjekt;Vatten\n"


def toml_deep(depth: int = 50_000) -> bytes:
    return b"a = " + b"[" * depth + b"]" * depth + b"\n"


def toml_deep_tables(depth: int = 200) -> bytes:
    return ("[" + ".".join(f"t{i}" for i in range(depth)) + "]\nx = 1\n").encode()


def toml_broken() -> bytes:
    return b'format = 1\n[kommun\nnamn = "Uppsala"\n'


def toml_binary() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 20


def toml_invalid_utf8() -> bytes:
    return b'format = 1\nnamn = "\xff\xfe"\n'


def json_policy() -> bytes:
    return b'{"format": 1, "kommun": {"namn": "Uppsala"}}'


def _docx_entity_bomb() -> bytes:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    return _archive(
        {
            "[Content_Types].xml": ["<Types/>"],
            "word/document.xml": [
                f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
                f'<w:document xmlns:w="{WORD}"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p>'
                "</w:body></w:document>"
            ],
        }
    )


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


CORPUS: list[Hostile] = [
    # The four of issue 12, finding 5.
    Hostile(
        "xlsx-cell-i-xfd40000",
        "import",
        "rad40000.xlsx",
        xlsx_far_cell,
        "fler än 20 000 rader",
        from_issue=True,
    ),
    Hostile(
        "xlsx-cell-300mb",
        "import",
        "stor-cell.xlsx",
        xlsx_huge_cell,
        "packas upp till mer än",
        from_issue=True,
    ),
    Hostile(
        "docx-95mb-uppackad",
        "intake",
        "policy.docx",
        docx_bomb,
        "packas upp till mer än",
        from_issue=True,
    ),
    Hostile(
        "xlsx-delade-texter",
        "import",
        "delade.xlsx",
        xlsx_shared_strings,
        "fler än 500 000 delade texter",
        from_issue=True,
    ),
    # More of the same kind.
    Hostile(
        "xlsx-lang-delad-text-overallt",
        "import",
        "upprepad.xlsx",
        xlsx_shared_string_reuse,
        "mer än 20 000 000 tecken",
    ),
    Hostile(
        "xlsx-cell-40k-tecken",
        "import",
        "lang-cell.xlsx",
        lambda: xlsx_huge_cell(40_000),
        "fler än 32 767 tecken",
    ),
    Hostile("xlsx-entitetsbomb", "import", "entiteter.xlsx", xlsx_entity_bomb, "DTD"),
    Hostile("xlsx-djup-xml", "import", "djup.xlsx", xlsx_deep, "nästlad djupare än 100"),
    Hostile("docx-entitetsbomb", "intake", "entiteter.docx", _docx_entity_bomb, "DTD"),
    Hostile(
        "docx-miljoner-element",
        "intake",
        "element.docx",
        docx_many_elements,
        "fler än 500 000 XML-element",
    ),
    # Malformed.
    Hostile(
        "inte-zip",
        "import",
        "trasig.xlsx",
        _constant(b"PK\x03\x04" + b"\x00" * 200),
        "skadad eller avklippt",
    ),
    Hostile(
        "avklippt-xlsx", "import", "avklippt.xlsx", truncated(_small_xlsx), "skadad eller avklippt"
    ),
    Hostile(
        "zip-med-foraldrasokvag", "import", "sokvag.xlsx", zip_with_parent_paths, "otillåten sökväg"
    ),
    Hostile("xlsx-utan-flikar", "import", "tom.xlsx", xlsx_without_sheets, "Arbetsboken är tom"),
    Hostile("csv-med-nul", "import", "nul.csv", csv_with_nul, "binär"),
    Hostile("csv-ogiltig-utf8", "import", "kodning.csv", csv_invalid_utf8, "Teckenkodningen"),
    Hostile("csv-falt-1mb", "import", "langt.csv", csv_long_field, "fler än 32 767 tecken"),
    Hostile("csv-5000-kolumner", "import", "bred.csv", csv_many_columns, "fler än 200 kolumner"),
    Hostile(
        "avklippt-docx", "intake", "avklippt.docx", truncated(_small_docx), "skadad eller avklippt"
    ),
    Hostile("docx-utan-dokument", "intake", "tom.docx", docx_without_body, "Bara Word"),
    Hostile(
        "docx-med-foraldrasokvag",
        "intake",
        "sokvag.docx",
        zip_with_parent_paths,
        "otillåten sökväg",
    ),
    Hostile(
        "avklippt-pdf",
        "intake",
        "avklippt.pdf",
        _constant(b"%PDF-1.7\n1 0 obj\n<< /Type"),
        "PDF-filen är skadad",
    ),
    Hostile("policy-toml-trasig", "policy", "policy.toml", toml_broken, "ogiltig TOML"),
    Hostile("policy-toml-djup-50000", "policy", "djup.toml", toml_deep, "nästlad djupare än 12"),
    Hostile(
        "policy-toml-djupa-tabeller",
        "policy",
        "tabeller.toml",
        toml_deep_tables,
        "nästlad djupare än 12",
    ),
    Hostile("policy-binar", "policy", "bild.toml", toml_binary, "UTF-8"),
    Hostile("policy-ogiltig-utf8", "policy", "kodning.toml", toml_invalid_utf8, "UTF-8"),
    Hostile("policy-json", "policy", "policy.json", json_policy, ".toml"),
]
