"""The Word and Excel reports opened in a real reader: LibreOffice converts them to PDF.

What a reader of the case file sees: A4 pages in Swedish, table cells whose words are
whole (no "Partne/rskap"), money as "1 120 000 kr" and never "###", shares as numbers.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pikepdf
import pytest
from docx import Document
from openpyxl import load_workbook

from utblick.followup.selectors import period_of
from utblick.reports.data import ReportData, Scope, Table, build_report
from utblick.reports.render import render_pdf
from utblick.reports.render_docx import column_widths, render_docx
from utblick.reports.render_xlsx import render_xlsx

pytestmark = pytest.mark.django_db

#: Names as Swedish municipalities write them, longer than any in the demo.
LONG_NAMES = [
    ["Samhällsbyggnadsförvaltningen", "Partnerskap/samarbetsavtal", Decimal("1120000")],
    ["Kompetensförsörjningsenheten", "Nätverksmedlemskap", Decimal("84500")],
    ["Arbetsmarknadsförvaltningen", "Evenemang, möte eller besök", Decimal("12500000")],
]


def report(kungalv: Any) -> ReportData:
    # T1: the demo's follow-ups of 2026 (progress in per cent) are in the first tertial.
    data = build_report(Scope(kungalv, 2026, period_of(kungalv, 2026, "t1")))
    data.tables.append(
        Table("long", "Långa namn", ["Förvaltning", "Typ", "Kostnad"], LONG_NAMES, {2})
    )
    return data


def to_pdf(path: Path, tmp_path: Path) -> tuple[str, str]:
    """LibreOffice's PDF of the file: its text and pdfinfo's page size."""
    profile = tmp_path / "lo-profile"  # one per test: runs side by side never share one
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = path.with_suffix(".pdf")
    # -raw: the text as drawn; without it pdftotext joins "Interreg-" and "sekretariatet"
    # at a line end, hiding where the reader broke the line.
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    return text.replace("\u00a0", " "), info


def words(text: str) -> set[str]:
    """Words as a reader may wrap them: at spaces, slashes and dashes."""
    return {w.strip(".,:;()") for w in re.split(r"[\s/\-–]+", text) if w.strip(".,:;()")}


def test_word_is_a4_swedish_and_keeps_every_word_of_a_table_cell_whole(
    kungalv: Any, tmp_path: Path
) -> None:
    data = report(kungalv)
    path = tmp_path / "rapport.docx"
    path.write_bytes(render_docx(data, "Sara Samordnare"))
    doc = Document(str(path))
    props = doc.core_properties
    assert props.author == "Kungälvs kommun" and props.title == data.scope.title
    assert props.language == "sv-SE" and props.created.year == 2026
    assert "python-docx" not in f"{props.author} {props.comments} {props.last_modified_by}"
    styles = doc.styles.element.xml
    assert 'w:val="sv-SE"' in styles and 'w:val="en-US"' not in styles
    for table in doc.tables:  # the header row repeats on every page
        assert table.rows[0]._tr.trPr is not None
        assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1

    text, info = to_pdf(path, tmp_path)
    assert "(A4)" in info, info
    shown = words(text)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    split = sorted({w for c in cells for w in words(c) if len(w) > 3 and not w.isdigit()} - shown)
    assert split == [], f"words split or lost inside table cells: {split[:20]}"
    assert "1 120 000 kr" in text


def test_excel_shows_money_with_spaces_numbers_as_numbers_and_no_hashes(
    kungalv: Any, tmp_path: Path
) -> None:
    data = report(kungalv)
    path = tmp_path / "rapport.xlsx"
    path.write_bytes(render_xlsx(data, "Sara Samordnare"))
    book = load_workbook(path)
    assert book.properties.creator == "Kungälvs kommun"
    long = book["Långa namn"]
    assert long["C3"].value == 1120000 and long.freeze_panes == "B3"
    activities = book["Aktiviteter"]
    progress = [r[5] for r in activities.iter_rows(min_row=3, values_only=True) if r[5] is not None]
    assert progress and all(isinstance(v, float) and 0 <= v <= 1 for v in progress)
    charts = {ws.title: len(ws._charts) for ws in book.worksheets if ws._charts}
    assert {"Per inriktning", "Läge"} <= set(charts), charts

    text, _info = to_pdf(path, tmp_path)
    assert "###" not in text
    for amount in ("1 120 000 kr", "84 500 kr", "12 500 000 kr"):
        assert amount in text, amount
    assert re.search(r"\b\d{1,3} %", text)  # "Genomfört" reads as a share


def test_widths_keep_the_longest_word_and_give_the_rest_to_the_longest_text() -> None:
    rows = [["Samhällsbyggnadsförvaltningen", "Ja", "Ett längre stycke text " * 4]]
    widths = column_widths(["Enhet", "Svar", "Kommentar"], rows, 16.0, 10.5)
    assert widths is not None and abs(sum(widths) - 16.0) < 1e-6
    assert widths[0] > 0.0205 * 10.5 * len("Samhällsbyggnadsförvaltningen")
    assert widths[2] > widths[1]
    # Seven columns of long words cannot fit a portrait page at body size.
    assert column_widths(["x"] * 7, [["Samhällsbyggnadsförvaltningen"] * 7], 17.0, 10.5) is None


def checker(args: list[str]) -> dict[str, Any]:
    """A PDF accessibility checker from PyPI, run as its users run it; its JSON report."""
    binary = Path(sys.executable).parent / args[0]
    done = subprocess.run([str(binary), *args[1:]], capture_output=True, text=True, timeout=300)
    return json.loads(done.stdout)


def test_the_pdf_is_pdf_ua_as_well_as_pdf_a_by_two_checkers(kungalv: Any, tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(render_pdf(report(kungalv), "Sara Samordnare"))
    pdf = pikepdf.open(path)
    xmp = pdf.Root.Metadata.read_bytes().decode()
    ElementTree.fromstring(xmp[xmp.index("<x:xmpmeta") : xmp.index("</x:xmpmeta>") + 12])
    assert 'pdfuaid:part="1"' in xmp and 'pdfaid:part="2"' in xmp
    assert str(pdf.Root.Lang) == "sv" and pdf.Root.MarkInfo.Marked

    outloud = checker(["outloud", "--no-info", "--json", "-", str(path)])["results"][0]
    errors = [
        f"{f['rule']} p.{f.get('page')}: {f['message']}"
        for f in outloud["findings"]
        if f["severity"] == "error"
    ]
    print("outloud:", outloud["counts"])
    assert outloud["counts"]["error"] == 0, errors
    pdfua = checker(["pdfua", "check", "-f", "json", str(path)])
    print("pdfua:", pdfua["summary"])
    assert pdfua["summary"]["errors"] == 0, pdfua["findings"]
    assert pdfua["summary"]["rules_run"] >= 10


def test_the_pdf_shows_the_map_of_the_places(kungalv: Any, tmp_path: Path) -> None:
    data = report(kungalv)
    named = {e["place"] for e in data.places if e["place"] and e["latitude"] is not None} | {
        p["place"] for e in data.places for p in e["partners"] if p["lat"] is not None
    }
    assert named, "the demo's activities have places"
    path = tmp_path / "rapport.pdf"
    path.write_bytes(render_pdf(data, "Sara Samordnare"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # The map's labels are text in the PDF, drawn on the map (not lost with a broken image).
    assert any(place in text for place in named), (named, text[:500])
    pdf = pikepdf.open(path)
    figures = [
        str(node.get("/Alt", ""))
        for node in _struct_nodes(pdf.Root.StructTreeRoot)
        if str(node.get("/S", "")) == "/Figure"
    ]
    assert any(alt.startswith("Karta över orterna:") for alt in figures), figures


def _struct_nodes(node: Any) -> list[Any]:
    out = [node]
    kids = node.get("/K")
    if kids is None:
        return out
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            out += _struct_nodes(kid)
    return out
