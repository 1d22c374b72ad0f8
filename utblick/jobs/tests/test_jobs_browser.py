"""Long work in a real browser: a 6 000-activity report and a 10 000-row import as jobs.

The live server and django-tasks' database worker (in a thread) share the test
database; Chromium presses the buttons and watches the progress bar until done.
"""

from __future__ import annotations

import io
import re
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from utblick.activities.models import Activity
from utblick.core import clock
from utblick.core.tenancy import Role
from utblick.funding.services import funding_sources_ensure
from utblick.imports.tests.test_import import good_row, xlsx
from utblick.intake.evaluate import seed_text
from utblick.intake.models import PolicyIntake
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.browser import wait_for_job as watch
from utblick.testing.fixtures import bulk_activities, load_shipped, make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def plain(text: str) -> str:
    """Numbers without their thousands separators (a space of some kind)."""
    return re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3})", "", text)


@pytest.fixture
def uppsala_site(live_server: Any) -> dict[str, Any]:
    funding_sources_ensure()
    uppsala = load_shipped("uppsala")
    make_member(uppsala, "samordnare", Role.COORDINATOR)
    return {"base": live_server.url, "municipality": uppsala}


def test_a_report_of_6000_activities_is_made_in_the_background(
    browser: Any, uppsala_site: dict[str, Any], worker: Any, tmp_path: Path
) -> None:
    base, uppsala = uppsala_site["base"], uppsala_site["municipality"]
    bulk_activities(uppsala, 6000)
    page = new_page(browser)
    sign_in(page, base, "samordnare")
    report_page = base + reverse("reports:page", args=["uppsala"]) + f"?ar={clock.today().year}"
    files: dict[str, bytes] = {}
    timings: dict[str, float] = {}
    violations: dict[str, Any] = {}
    for label, fmt in (
        ("PDF/A för arkivet", "pdf"),
        ("Word för ärendet", "docx"),
        ("Excel med siffrorna", "xlsx"),
    ):
        page.goto(report_page)
        started = time.perf_counter()
        page.click(f"button:has-text('{label}')")
        page.wait_for_url("**/jobb/**")
        if fmt == "pdf":
            violations["job-running"] = axe_violations(page)
            screenshot(page, "report-job-running")
        seen = watch(page, timeout_s=900)
        timings[fmt] = time.perf_counter() - started
        # The bar moved through the job's stages to done, and says where the result is.
        assert seen[-1] == "Klart." and len(seen) >= 2, seen
        assert "Arkiverade rapporter" in page.inner_text(".job-status__result")
        page.reload()  # the page survives a reload: the job is done and its result is there
        with page.expect_download(timeout=120_000) as info:
            page.click("a[data-job-result]")
        files[fmt] = Path(info.value.path()).read_bytes()
    violations["job-done"] = axe_violations(page)
    screenshot(page, "report-job-done")
    print(
        "\n6 000-activity report, button to done: "
        + ", ".join(f"{fmt} {seconds:.1f} s" for fmt, seconds in timings.items())
    )
    # Each format opens, and holds the 6 000 activities.
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(files["pdf"])
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", pdf, tmp_path / "p"])
    assert list(tmp_path.glob("p*.png")), "page 1 of the PDF did not render"
    first_page = subprocess.run(
        ["pdftotext", "-l", "1", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Uppsala kommun" in first_page
    sheet_rows = {
        ws.title: ws.max_row for ws in load_workbook(io.BytesIO(files["xlsx"]), read_only=True)
    }
    assert max(sheet_rows.values()) > 6000, sheet_rows
    words = "\n".join(p.text for p in Document(io.BytesIO(files["docx"])).paragraphs)
    assert "Uppsala kommun" in words
    assert {k: describe(v) for k, v in violations.items() if v} == {}


def test_a_10000_row_import_is_checked_and_applied_in_the_background(
    browser: Any, uppsala_site: dict[str, Any], worker: Any, tmp_path: Path
) -> None:
    base, uppsala = uppsala_site["base"], uppsala_site["municipality"]
    before = Activity.objects.filter(municipality=uppsala).count()
    big = tmp_path / "tiotusen.xlsx"
    big.write_bytes(xlsx([good_row(n) for n in range(1, 10_001)]))
    page = new_page(browser)
    sign_in(page, base, "samordnare")
    page.goto(base + reverse("imports:upload", args=["uppsala"]))
    page.set_input_files("#id_file", str(big))
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/jobb/**")
    seen = watch(page, timeout_s=600)
    counts = [s for s in seen if " av 10000 klara" in plain(s)]
    assert seen[-1] == "Klart." and counts, seen  # the rows were counted on the way
    page.click("a[data-job-result]")
    # The preview: the counts and errors first, then the rows a hundred at a time.
    page.wait_for_selector("text=Förhandsgranskning")
    figures = plain(page.inner_text("dl.figures"))
    assert "10000" in figures
    assert page.locator("tr.import-row").count() == 100
    assert "Rad 1–100 av 10000" in plain(page.inner_text("main"))
    violations = {"import-preview": axe_violations(page)}
    screenshot(page, "import-preview-10000")
    page.click("a:has-text('Nästa')")
    page.wait_for_selector("text=Rad 101–200")
    page.click("main form button[type=submit]:has-text('Läs in')")
    page.wait_for_url("**/jobb/**")
    assert watch(page, timeout_s=600)[-1] == "Klart."
    assert "Importen är klar: 10000 nya" in plain(page.inner_text(".job-status__result"))
    violations["import-applied"] = axe_violations(page)
    screenshot(page, "import-applied-10000")
    assert Activity.objects.filter(municipality=uppsala).count() == before + 10_000
    assert {k: describe(v) for k, v in violations.items() if v} == {}


def test_a_policy_document_is_read_in_the_background(
    browser: Any, uppsala_site: dict[str, Any], worker: Any, tmp_path: Path
) -> None:
    document = tmp_path / "internationell-policy.txt"
    document.write_text(seed_text("kungalv"), encoding="utf-8")
    page = new_page(browser)
    sign_in(page, uppsala_site["base"], "samordnare")
    page.goto(uppsala_site["base"] + reverse("intake:upload", args=["uppsala"]))
    page.set_input_files("#id_file", str(document))
    page.click("#ladda-upp ~ form button[type=submit]")
    page.wait_for_url("**/jobb/**")
    assert watch(page)[-1] == "Klart."
    violations = {"intake-job": axe_violations(page)}
    screenshot(page, "intake-job-done")
    assert "förslagen" in page.inner_text(".job-status__result")
    page.click("a[data-job-result]")
    page.wait_for_selector("#intake-progress")
    intake = PolicyIntake.objects.get(municipality=uppsala_site["municipality"])
    assert intake.status == "reviewing" and intake.proposals.count() > 10
    assert {k: describe(v) for k, v in violations.items() if v} == {}
