"""The compiled report: same figures in page, PDF/A, Word and Excel; archived; constant queries."""

from __future__ import annotations

import hashlib
import io
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from utblick.activities.models import Activity, Kind, Status
from utblick.core.tenancy import COORDINATOR, Access, Role
from utblick.followup.selectors import latest_followups, period_of
from utblick.funding.services import funding_sources_ensure
from utblick.organisation.models import Unit
from utblick.reports.data import Scope, build_report
from utblick.reports.models import GeneratedReport
from utblick.reports.render import figure_text, render_docx, render_pdf, render_xlsx
from utblick.reports.services import report_generate
from utblick.reports.tests.conftest import t2
from utblick.testing.fixtures import (
    bulk_activities,
    client_for,
    load_shipped,
    make_member,
    run_jobs,
)

pytestmark = pytest.mark.django_db


def test_figures_match_the_register(kungalv: Any) -> None:
    data = build_report(Scope(kungalv, 2026, t2(kungalv)))
    running = (
        Activity.objects.filter(municipality=kungalv, archived_at__isnull=True)
        .exclude(end_date__lt=date(2026, 5, 1))
        .exclude(start_date__gt=date(2026, 8, 31))
    )
    assert data.figure("activities") == running.count()
    assert (
        data.figure("memberships")
        == running.filter(kind=Kind.NETWORK, status=Status.ACTIVE).count()
        == 1
    )
    assert data.figure("fees") == Decimal("9500")
    budget = sum(line.budget for a in running for line in a.budget_lines.all() if line.year == 2026)
    assert data.figure("budget_year") == budget
    kinds = {row[0]: row[-1] for row in data.table("kinds").rows}
    assert kinds["Projekt"] == running.filter(kind=Kind.PROJECT).count()
    traffic = {label: n for _s, label, n in data.traffic}
    assert sum(traffic.values()) == running.count()


def test_ideas_are_not_unreported_and_spending_from_follow_ups_is_a_figure(kungalv: Any) -> None:
    period = period_of(kungalv, 2026, "t1")
    assert period is not None
    running = Activity.objects.filter(municipality=kungalv, archived_at__isnull=True)
    idea = running.filter(status=Status.IDEA).first() or running.first()
    Activity.objects.filter(pk=idea.pk).update(status=Status.IDEA)
    data = build_report(Scope(kungalv, 2026, period))
    rows = {row[0]: row for row in data.table("activities").rows}
    assert rows[idea.title][4].startswith("Rapporteras inte"), rows[idea.title]
    traffic = {key: n for key, _label, n in data.traffic}
    assert traffic.get("not_due", 0) >= 1
    spent = sum(
        (f.spent or Decimal(0) for f in latest_followups(period).filter(activity__in=running)),
        Decimal(0),
    )
    assert spent > 0  # the demo's follow-ups report spending
    assert data.figure("spent_year") == spent


PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def pdfa_identification(reader: Any) -> dict[str, str]:
    """pdfaid:part and pdfaid:conformance from the XMP, as attributes or elements."""
    from xml.etree import ElementTree

    xmp = ElementTree.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())
    found = {}
    for element in xmp.iter():
        for name, value in element.attrib.items():
            if name.startswith(PDFAID):
                found[name.removeprefix(PDFAID)] = value
        if element.tag.startswith(PDFAID):
            found[element.tag.removeprefix(PDFAID)] = (element.text or "").strip()
    return found


def embedded_fonts(reader: Any) -> dict[str, bool]:
    """Each font the pages use, and whether its program is embedded (PDF/A requires it)."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for ref in page.get("/Resources", {}).get("/Font", {}).values():
            font = ref.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                found[str(font["/BaseFont"])] = any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
    return found


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.replace("\u00a0", " ").split())  # lines wrap where the page is narrow


def test_pdf_is_pdfa_2b_renders_and_shows_the_figures(kungalv: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader

    data = build_report(Scope(kungalv, 2026, t2(kungalv)))
    pdf = render_pdf(data, "Kim Samordnare")
    reader = PdfReader(io.BytesIO(pdf))
    assert pdfa_identification(reader) == {"part": "2", "conformance": "B"}
    assert embedded_fonts(reader) and all(embedded_fonts(reader).values())
    text = pdf_text(pdf, tmp_path)
    assert "Internationellt arbete – Kungälvs kommun – Tertial 2 2026" in text
    for heading in (
        "Nyckeltal",
        "Aktiviteter efter typ och status",
        "Aktiviteter per inriktning",
        "Handlingsplaner 2026 och utvärdering",
    ):
        assert heading in text
    assert "9 500 kr" in text
    assert (
        "Samhällsutveckling och socioekonomiska" in text and "Omvärldsbevakning" in text
    )  # å, ä, ö survive
    png = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(tmp_path / "r.pdf"), str(png)],
        check=True,
    )
    rendered = next(tmp_path.glob("page*.png"))
    assert rendered.stat().st_size > 5000  # a real page, not an empty one


def test_word_and_excel_show_the_same_figures(kungalv: Any) -> None:
    from docx import Document
    from openpyxl import load_workbook

    data = build_report(Scope(kungalv, 2026, t2(kungalv)))
    expected = [(label, figure_text(value)) for _k, label, value in data.figures]
    doc = Document(io.BytesIO(render_docx(data)))
    figures_table = doc.tables[0]
    assert [(r.cells[0].text, r.cells[1].text) for r in figures_table.rows[1:]] == expected
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Kostnad per enhet 2026" in headings
    book = load_workbook(io.BytesIO(render_xlsx(data)))
    sheet = book["Nyckeltal"]
    values = [(row[0], row[1]) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert values == [
        (label, float(v) if isinstance(v, Decimal) else v) for _k, label, v in data.figures
    ]
    assert book.sheetnames == ["Nyckeltal", *[t.sheet for t in data.tables]]
    activities = book["Aktiviteter"]
    assert activities.max_row - 2 == len(data.table("activities").rows)
    money = {row[0]: row[1] for row in book["Pengar"].iter_rows(min_row=3, values_only=True)}
    assert money["Medlemsavgifter per år"] == float(data.figure("fees"))


def test_page_and_downloads_agree_and_are_archived(kungalv: Any) -> None:
    reader = make_member(kungalv, "lasare", Role.READER)
    client = client_for(reader)
    period = t2(kungalv)
    query = f"?ar=2026&period={period.key}"
    page = BeautifulSoup(
        client.get(reverse("reports:page", args=["kungalv"]) + query).content, "html.parser"
    )
    shown = {
        d.select_one("dt").get_text(): d.select_one("dd").get_text()
        for d in page.select(".report-figures div")
    }
    data = build_report(Scope(kungalv, 2026, period))
    assert shown == {label: figure_text(value) for _k, label, value in data.figures}
    response = client.post(
        reverse("reports:generate", args=["kungalv"]) + query, {"format": "xlsx"}
    )
    assert response.status_code == 302 and "/jobb/" in response["Location"]
    assert not GeneratedReport.objects.exists()  # made in the background, not in the request
    assert run_jobs() == ["done"]
    archived = GeneratedReport.objects.get()
    job_page = client.get(response["Location"])
    download_url = reverse("reports:download", args=["kungalv", archived.pk])
    assert download_url in job_page.content.decode()
    content = b"".join(client.get(download_url).streaming_content)
    assert archived.sha256 == hashlib.sha256(content).hexdigest()
    assert archived.data_version == data.data_version and archived.generated_by == reader
    client.post(reverse("reports:generate", args=["kungalv"]) + query, {"format": "xlsx"})
    run_jobs()
    assert GeneratedReport.objects.count() == 2  # regenerating makes a new record, the old stays
    download = client.get(reverse("reports:download", args=["kungalv", archived.pk]))
    assert b"".join(download.streaming_content) == content


def test_unit_report_only_covers_the_unit(kungalv: Any) -> None:
    unit = Unit.objects.get(municipality=kungalv, key="sektor-utbildning-kultur-fritid")
    data = build_report(Scope(kungalv, 2026, None, unit))
    assert {row[2] for row in data.table("activities").rows} == {unit.name}
    assert "Sektor Utbildning, kultur och fritid" in data.scope.title


def test_cli_report(kungalv: Any, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "t2.pdf"
    call_command(
        "report",
        "--municipality",
        "kungalv",
        "--year",
        "2026",
        "--period",
        "T2",
        "--format",
        "pdf",
        "-o",
        str(out),
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert "Tertial 2 2026" in capsys.readouterr().out
    with pytest.raises(Exception, match="t9"):
        call_command(
            "report",
            "--municipality",
            "kungalv",
            "--year",
            "2026",
            "--period",
            "t9",
            "-o",
            str(out),
        )


def test_report_query_count_is_the_same_for_10_and_500_activities(
    db: Any, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    funding_sources_ensure()
    m = load_shipped("umea")
    bulk_activities(m, 10)
    scope = Scope(m, 2026)
    build_report(scope)
    with CaptureQueriesContext(connection) as at_10:
        build_report(scope)
    baseline = len(at_10.captured_queries)
    bulk_activities(m, 490)
    with django_assert_num_queries(baseline):
        data = build_report(scope)
    assert data.figure("activities") == 500


def test_generate_is_scoped_to_the_municipality(kungalv: Any) -> None:
    umea = load_shipped("umea")
    access = Access(umea, COORDINATOR, user_id=0, is_platform_admin=True)
    with pytest.raises(PermissionError):
        report_generate(access=access, user=None, scope=Scope(kungalv, 2026), fmt="xlsx")


def test_long_lists_are_cut_in_pdf_and_word_but_whole_in_excel_and_on_the_page(
    kungalv: Any, tmp_path: Path
) -> None:
    from docx import Document
    from openpyxl import load_workbook

    from utblick.reports.data import FINDINGS_IN_DOCUMENTS, Table
    from utblick.reports.render import html_context

    data = build_report(Scope(kungalv, 2026, t2(kungalv)))
    assert data.table("compliance_findings").document_limit == FINDINGS_IN_DOCUMENTS
    data.tables.append(
        Table("long", "Lång lista", ["Rad"], [[f"rad-{i}"] for i in range(5)], document_limit=3)
    )
    note = "Visar de första 3 av 5 raderna"
    text = pdf_text(render_pdf(data), tmp_path)
    assert "rad-2" in text and "rad-3" not in text and note in text
    doc = Document(io.BytesIO(render_docx(data)))
    assert [r.cells[0].text for r in doc.tables[-1].rows[1:]] == ["rad-0", "rad-1", "rad-2"]
    assert any(note in p.text for p in doc.paragraphs)
    sheet = load_workbook(io.BytesIO(render_xlsx(data)))["Lång lista"]
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == [
        f"rad-{i}" for i in range(5)
    ]
    page = html_context(data)["tables"][-1]
    assert len(page["rows"]) == 5 and not page["note"]


def test_the_page_lists_a_bounded_number_of_activities_and_says_where_the_rest_are(
    kungalv: Any, monkeypatch: Any
) -> None:
    from utblick.reports import views

    total = len(build_report(Scope(kungalv, 2026)).table("activities").rows)
    assert total > 3
    monkeypatch.setattr(views, "PAGE_ROWS", 3)
    coordinator = make_member(kungalv, "kungalv-sidan", Role.COORDINATOR)
    page = BeautifulSoup(
        client_for(coordinator).get(reverse("reports:page", args=["kungalv"]) + "?ar=2026").content,
        "html.parser",
    )
    table = page.select_one("#tabell-activities + table")
    assert len(table.select("tbody tr")) == 3
    note = table.find_next_sibling("p").get_text()
    assert note == (
        f"Sidan visar de första 3 av {total} aktiviteter. Alla finns i registret och i "
        "rapportens Excel- och Word-filer."
    )
    # The figures above still count every activity.
    figures = {
        dt.get_text(): dd.get_text()
        for dt, dd in zip(
            page.select(".report-figures dt"), page.select(".report-figures dd"), strict=True
        )
    }
    assert figures["Aktiviteter"] == str(total)


def test_every_long_table_on_the_page_is_bounded_and_says_where_the_rest_are(
    kungalv: Any,
) -> None:
    from utblick.reports.render import html_context

    data = build_report(Scope(kungalv, 2026))
    data.table("compliance_findings").rows = [
        [f"Post {i}", "Enhet", "Avvikelse", "Princip"] for i in range(5)
    ]
    data.table("memberships").rows = [["Nätverk", "Org", None, Decimal(0)]] * 4
    data.table("goals").rows = [["Mål", 1]] * 2
    tables = {t["key"]: t for t in html_context(data, page_rows=2)["tables"]}
    assert [row[0] for row in tables["compliance_findings"]["rows"]] == ["Post 0", "Post 1"]
    assert tables["compliance_findings"]["note"] == (
        "Sidan visar de första 2 av 5 avvikelser, fel först. Alla finns på sidan Efterlevnad "
        "och i rapportens Excel-fil."
    )
    assert len(tables["memberships"]["rows"]) == 2
    assert tables["memberships"]["note"] == (
        "Sidan visar de första 2 av 4 raderna. Alla finns i rapportens Excel-fil."
    )
    assert not tables["goals"]["note"] and len(tables["goals"]["rows"]) == 2
