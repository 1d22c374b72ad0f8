"""The internal pages in a real headless Chromium: axe-core (WCAG 2.1 A/AA) and keyboard use.

Screenshots of every page type are saved under test-artifacts/screenshots/.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.demo.register import load_register
from utblick.demo.services import shipped_policy_file
from utblick.funding.services import funding_sources_ensure
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner
from utblick.policies.services import policy_file_load
from utblick.testing.browser import (
    axe_violations,
    describe,
    labels_not_pointing_to_one_element,
    new_page,
    screenshot,
    sign_in,
    wait_for_job,
)
from utblick.testing.fixtures import load_shipped, make_member

# serialized_rollback: the flush between tests would otherwise drop data the
# migrations ship (the funding sources).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    # Transactional tests flush the database, shipped reference data included.
    funding_sources_ensure()
    uppsala = load_shipped("uppsala")
    load_shipped("umea")
    make_member(uppsala, "samordnare", Role.COORDINATOR)
    unit = Unit.objects.get(municipality=uppsala, key="kommunledningskontoret")
    contact = Contact.objects.get(municipality=uppsala, key="per-testman")
    load_register(uppsala)
    activity = Activity.objects.get(municipality=uppsala, title__startswith="Tyst innerstad")
    partner = Partner.objects.get(municipality=uppsala, name="Eurocities")
    twin = Activity.objects.filter(municipality=uppsala, kind="twin_city").first()
    # A revised draft, so that the transfer of tags has something to show.
    revised = tomllib.loads(shipped_policy_file("uppsala").decode())
    revised["policy"] |= {"status": "draft", "title": "Reviderad policy"}
    revised["policy"]["focus_areas"][0]["key"] = "ny-nyckel"
    policy_file_load(data=tomli_w.dumps(revised), filename="utkast.toml", user=None)
    return {
        "twin": twin.pk,
        "base": live_server.url,
        "unit": unit.pk,
        "contact": contact.pk,
        "activity": activity.pk,
        "partner": partner.pk,
    }


def _pages(site: dict[str, Any]) -> list[tuple[str, str]]:
    s = "uppsala"
    return [
        ("start", reverse("dashboard:start", args=[s])),
        ("policy", reverse("policies:current", args=[s])),
        ("policy-versions", reverse("policies:versions", args=[s])),
        ("policy-load", reverse("policies:load", args=[s])),
        ("policy-history", reverse("policies:history", args=[s, 1])),
        ("units", reverse("organisation:unit_list", args=[s])),
        ("unit", reverse("organisation:unit_detail", args=[s, site["unit"]])),
        ("unit-form", reverse("organisation:unit_edit", args=[s, site["unit"]])),
        ("contacts", reverse("organisation:contact_list", args=[s])),
        ("contact", reverse("organisation:contact_detail", args=[s, site["contact"]])),
        ("contact-form", reverse("organisation:contact_create", args=[s])),
        ("contact-history", reverse("organisation:contact_history", args=[s, site["contact"]])),
        ("members", reverse("members:list", args=[s])),
        ("member-form", reverse("members:add", args=[s])),
        ("not-found", "/app/uppsala/finns-inte/"),
        ("register", reverse("activities:list", args=[s])),
        ("register-filtered", reverse("activities:list", args=[s]) + "?typ=twin_city&land=FI"),
        ("activity", reverse("activities:detail", args=[s, site["activity"]])),
        ("activity-form", reverse("activities:edit", args=[s, site["activity"]])),
        ("activity-choose-kind", reverse("activities:create", args=[s])),
        ("activity-new-network", reverse("activities:create", args=[s]) + "?typ=network"),
        ("activity-new-project", reverse("activities:create", args=[s]) + "?typ=project"),
        ("activity-history", reverse("activities:history", args=[s, site["activity"]])),
        ("partners", reverse("partners:list", args=[s])),
        ("partner", reverse("partners:detail", args=[s, site["partner"]])),
        ("partner-form", reverse("partners:create", args=[s])),
        ("import", reverse("imports:upload", args=[s])),
        ("api-keys", reverse("accounts:tokens")),
        ("compliance", reverse("compliance:page", args=[s])),
        ("policy-transfer", reverse("policies:transfer", args=[s, 2])),
        ("term-pack", reverse("termchange:pack", args=[s])),
        ("decision-drafts", reverse("reviews:drafts", args=[s, site["twin"]])),
        ("publishing", reverse("publishing:overview", args=[s])),
        ("publishing-settings", reverse("publishing:settings", args=[s])),
        ("peers", reverse("peers:index", args=[s]) + "?ort=Finland&natverk="),
        ("eu-import", reverse("euimport:upload", args=[s])),
        ("travel", reverse("travel:overview", args=[s])),
        ("travel-factor", reverse("travel:factor_edit", args=[s, "flight"])),
        ("trip-new", reverse("travel:trip_add", args=[s, site["activity"]])),
        ("agenda2030", reverse("agenda:index", args=[s])),
        ("agenda2030-goal", reverse("agenda:goal", args=[s, 11])),
        ("agenda2030-review", reverse("agenda:review", args=[s])),
    ]


def test_every_internal_page_type_has_no_axe_violations(
    browser: Any, site: dict[str, Any], worker: Any
) -> None:
    page = new_page(browser)
    labels: dict[str, list[str]] = {}
    page.goto(site["base"] + reverse("accounts:login"))
    results = {"login": axe_violations(page)}
    screenshot(page, "login")
    sign_in(page, site["base"], "samordnare")
    for name, path in _pages(site):
        page.goto(site["base"] + path)
        results[name] = axe_violations(page)
        if problems := labels_not_pointing_to_one_element(page):
            labels[name] = problems
        screenshot(page, name)
    # A form showing its errors, and the narrow (phone) layout of a table page.
    page.goto(site["base"] + reverse("organisation:contact_create", args=["uppsala"]))
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".error-summary")
    results["contact-form-errors"] = axe_violations(page)
    screenshot(page, "contact-form-errors")
    phone = new_page(browser, width=375)
    sign_in(phone, site["base"], "samordnare")
    phone.goto(site["base"] + reverse("organisation:contact_list", args=["uppsala"]))
    results["contacts-phone"] = axe_violations(phone)
    screenshot(phone, "contacts-phone")
    failures = {name: describe(v) for name, v in results.items() if v}
    # The import preview, with a row in error.
    page.goto(site["base"] + reverse("imports:upload", args=["uppsala"]))
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "import.csv",
                "mimeType": "text/csv",
                "buffer": "typ;titel;enhet;utvecklingsområde\nProjekt;Nytt projekt;ks;Test\nFlygplan;Fel;ks;\n".encode(),
            }
        ],
    )
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/jobb/**")
    wait_for_job(page)
    results["import-job"] = axe_violations(page)
    screenshot(page, "import-job")
    page.click("a[data-job-result]")
    page.wait_for_selector("text=Förhandsgranskning")
    results["import-preview"] = axe_violations(page)
    screenshot(page, "import-preview")
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures
    assert labels == {}, labels
    assert len(results) == len(_pages(site)) + 5


def test_keyboard_skip_link_and_visible_focus(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    sign_in(page, site["base"], "samordnare")
    page.goto(site["base"] + reverse("policies:current", args=["uppsala"]))
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.className")
    assert focused == "skip-link"
    # The focused skip link is visible on screen, with an outline.
    box = page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect();"
        " const s = getComputedStyle(document.activeElement);"
        " return {x: r.x, w: r.width, outline: s.outlineStyle}; }"
    )
    assert box["x"] >= 0 and box["w"] > 0 and box["outline"] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_error_summary_takes_focus(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    sign_in(page, site["base"], "samordnare")
    page.goto(site["base"] + reverse("organisation:unit_create", args=["uppsala"]))
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    # Its links lead to the field.
    page.click(".error-summary a[href='#id_name']")
    assert page.evaluate("() => location.hash") == "#id_name"


def test_competence_form_works_through_htmx(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    sign_in(page, site["base"], "samordnare")
    page.goto(
        site["base"] + reverse("organisation:contact_detail", args=["uppsala", site["contact"]])
    )
    page.fill("#id_date", "2025-10-01")
    page.fill("#id_title", "Studiebesök i Bryssel")
    page.click("#competence form button[type=submit]")
    page.wait_for_selector("#competence .message--success")
    assert "Studiebesök i Bryssel" in page.inner_text("#competence table")
    assert page.url.endswith(f"/{site['contact']}/")  # swapped in place, no navigation


def test_register_filters_update_in_place_and_in_the_address(
    browser: Any, site: dict[str, Any]
) -> None:
    page = new_page(browser)
    sign_in(page, site["base"], "samordnare")
    page.goto(site["base"] + reverse("activities:list", args=["uppsala"]))
    assert page.inner_text(".results-count").startswith("13 aktiviteter")
    page.check("input[name=typ][value=twin_city]")
    page.wait_for_function(
        "() => document.querySelector('.results-count').innerText.startsWith('7 ')"
    )
    assert "typ=twin_city" in page.url
    page.fill("#id_q", "tartu")
    page.wait_for_function(
        "() => document.querySelector('.results-count').innerText.startsWith('1 ')"
    )
    assert "q=tartu" in page.url
    assert page.inner_text(".register-table tbody td a").startswith("Vänort: Tartu")
    # The address restores the same view on reload.
    page.reload()
    assert page.inner_text(".results-count").startswith("1 aktivitet")
    assert page.is_checked("input[name=typ][value=twin_city]")


@pytest.fixture
def kungalv_site(live_server: Any, clock: Any) -> dict[str, Any]:
    from utblick.demo.planning import load_planning

    clock.set(date(2026, 9, 15))  # tertial 2 of 2026 is open

    funding_sources_ensure()
    kungalv = load_shipped("kungalv")
    load_register(kungalv)
    load_planning(kungalv)
    make_member(kungalv, "kungalv-samordnare", Role.COORDINATOR)
    return {"base": live_server.url, "m": kungalv}


def test_kungalv_t2_journey_to_the_report(
    browser: Any, kungalv_site: dict[str, Any], worker: Any
) -> None:
    """Open T2, follow up two activities (one at risk), evaluate the plan, review a network, download T2."""
    import io

    from docx import Document
    from openpyxl import load_workbook

    from utblick.actionplans.models import ActionPlan
    from utblick.followup.models import FollowUp
    from utblick.reviews.models import Review

    base = kungalv_site["base"]
    page = new_page(browser)
    sign_in(page, base, "kungalv-samordnare")
    results = {}
    page.goto(base + reverse("followup:periods", args=["kungalv"]))
    results["periods"] = axe_violations(page)
    screenshot(page, "followup-periods")
    page.click("text=Tertial 2 2026")
    results["period"] = axe_violations(page)
    screenshot(page, "followup-period")
    for title, status, comment in (
        ("Framtidens skolgård", "on_track", ""),
        ("Besöksnäring i Kattegatt", "at_risk", "Partner har hoppat av."),
    ):
        page.click(f"text={title}")
        page.check(f"input[name=status][value={status}]")
        page.fill("#id_progress", "60")
        page.fill("#id_spent", "125000")
        if comment:
            page.fill("#id_comment", comment)
        if title == "Framtidens skolgård":
            results["followup-form"] = axe_violations(page)
            screenshot(page, "followup-form")
        page.click("button[name=submit]")
        page.wait_for_selector("text=Uppföljningen är inlämnad.")
    assert FollowUp.objects.filter(period__key="t2", state="submitted").count() == 2
    assert (
        FollowUp.objects.get(activity__title="Besöksnäring i Kattegatt", period__key="t2").status
        == "at_risk"
    )

    plan = ActionPlan.objects.get(municipality=kungalv_site["m"], year=2026)
    page.goto(base + reverse("actionplans:detail", args=["kungalv", plan.pk]))
    results["plan"] = axe_violations(page)
    screenshot(page, "actionplan")
    for _i in range(plan.measures.count()):
        page.locator("a[href$='/utvardera/']").nth(_i).click()
        page.check("input[name=outcome][value=achieved]")
        page.fill("#id_outcome_value", "Klart")
        if _i == 0:
            results["measure-evaluate"] = axe_violations(page)
        page.click("form.form button[type=submit]")
        page.wait_for_selector("text=Utvärderingen är sparad.")
    page.fill("#id_summary", "Alla åtgärder genomförda.")
    page.click("text=Markera planen som utvärderad")
    page.wait_for_selector("text=Handlingsplanen är utvärderad.")

    page.goto(base + reverse("reviews:list", args=["kungalv"]))
    results["reviews"] = axe_violations(page)
    page.click("text=Medlemskap i KIMO")
    page.click("text=Registrera omprövning")
    page.fill("#id_assessment", "Nätverket ger underlag i arbetet mot marint skräp.")
    page.check("input[name=decision][value=continue]")
    page.fill("#id_decision_reference", "KS 2026/311")
    page.select_option("#id_deciding_body", label="Kommunstyrelsen")
    results["review-form"] = axe_violations(page)
    screenshot(page, "review-form")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("text=Omprövningen är registrerad.")
    assert Review.objects.filter(activity__title="Medlemskap i KIMO").exists()

    page.goto(base + reverse("reports:page", args=["kungalv"]))
    page.select_option("#id_period", label="Tertial 2 2026")
    page.click("form.filter-bar button[type=submit]")
    page.wait_for_selector("#report-title")
    results["report"] = axe_violations(page)
    screenshot(page, "report")
    shown = {
        page.inner_text(f".report-figures div:nth-child({i}) dt"): page.inner_text(
            f".report-figures div:nth-child({i}) dd"
        )
        for i in range(1, 1 + page.locator(".report-figures div").count())
    }
    downloads = {}
    report_url = page.url
    for label, fmt in (
        ("PDF/A för arkivet", "pdf"),
        ("Word för ärendet", "docx"),
        ("Excel med siffrorna", "xlsx"),
    ):
        page.goto(report_url)
        page.click(f"button:has-text('{label}')")
        page.wait_for_url("**/jobb/**")
        assert wait_for_job(page)[-1] == "Klart."
        if fmt == "pdf":
            results["report-job"] = axe_violations(page)
            screenshot(page, "report-job")
        with page.expect_download() as info:
            page.click("a[data-job-result]")
        downloads[fmt] = Path(info.value.path()).read_bytes()
    assert downloads["pdf"].startswith(b"%PDF")
    doc = Document(io.BytesIO(downloads["docx"]))
    assert {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows[1:]} == shown
    sheet = load_workbook(io.BytesIO(downloads["xlsx"]))["Nyckeltal"]
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == list(shown)
    page.goto(base + reverse("followup:due", args=["kungalv"]))
    results["due"] = axe_violations(page)
    screenshot(page, "due")
    page.goto(base + reverse("reports:archive", args=["kungalv"]))
    results["report-archive"] = axe_violations(page)
    screenshot(page, "report-archive")
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures


def test_the_label_check_finds_labels_without_exactly_one_target(browser: Any) -> None:
    page = new_page(browser)
    page.set_content(
        '<label for="a">Rätt</label><input id="a">'
        '<label for="None">Vänort</label><input id="None"><input id="None">'
        '<label for="saknas">Ingen</label>'
    )
    assert labels_not_pointing_to_one_element(page) == [
        'for="None" (Vänort): 2 elements',
        'for="saknas" (Ingen): 0 elements',
    ]
