"""The internal pages in a real headless Chromium: axe-core (WCAG 2.1 A/AA) and keyboard use.

Screenshots of every page type are saved under test-artifacts/screenshots/.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from utblick.accounts.models import Role
from utblick.activities.models import Activity
from utblick.demo.register import load_register
from utblick.funding.reference import ensure_funding_sources
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner
from utblick.testing.browser import axe_violations, describe, new_page, screenshot
from utblick.testing.fixtures import PASSWORD, load_shipped, make_member

# serialized_rollback: the flush between tests would otherwise drop data the
# migrations ship (the funding sources).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    # Transactional tests flush the database, shipped reference data included.
    ensure_funding_sources()
    uppsala = load_shipped("uppsala")
    load_shipped("umea")
    make_member(uppsala, "samordnare", Role.COORDINATOR)
    unit = Unit.objects.get(municipality=uppsala, key="kommunledningskontoret")
    contact = Contact.objects.get(municipality=uppsala, key="per-testman")
    load_register(uppsala)
    activity = Activity.objects.get(municipality=uppsala, title__startswith="Tyst innerstad")
    partner = Partner.objects.get(municipality=uppsala, name="Eurocities")
    return {
        "base": live_server.url,
        "unit": unit.pk,
        "contact": contact.pk,
        "activity": activity.pk,
        "partner": partner.pk,
    }


def login(page: Any, base: str, username: str = "samordnare") -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/app/**")


def _pages(site: dict[str, Any]) -> list[tuple[str, str]]:
    s = "uppsala"
    return [
        ("start", reverse("core:start", args=[s])),
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
        ("activity-history", reverse("activities:history", args=[s, site["activity"]])),
        ("partners", reverse("partners:list", args=[s])),
        ("partner", reverse("partners:detail", args=[s, site["partner"]])),
        ("partner-form", reverse("partners:create", args=[s])),
        ("import", reverse("imports:upload", args=[s])),
        ("api-keys", reverse("accounts:tokens")),
    ]


def test_every_internal_page_type_has_no_axe_violations(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    page.goto(site["base"] + reverse("accounts:login"))
    results = {"login": axe_violations(page)}
    screenshot(page, "login")
    login(page, site["base"])
    for name, path in _pages(site):
        page.goto(site["base"] + path)
        results[name] = axe_violations(page)
        screenshot(page, name)
    # A form showing its errors, and the narrow (phone) layout of a table page.
    page.goto(site["base"] + reverse("organisation:contact_create", args=["uppsala"]))
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".error-summary")
    results["contact-form-errors"] = axe_violations(page)
    screenshot(page, "contact-form-errors")
    phone = new_page(browser, width=375)
    login(phone, site["base"])
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
    page.wait_for_selector("text=Förhandsgranskning")
    results["import-preview"] = axe_violations(page)
    screenshot(page, "import-preview")
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures
    assert len(results) == len(_pages(site)) + 4


def test_keyboard_skip_link_and_visible_focus(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    login(page, site["base"])
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
    login(page, site["base"])
    page.goto(site["base"] + reverse("organisation:unit_create", args=["uppsala"]))
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    # Its links lead to the field.
    page.click(".error-summary a[href='#id_name']")
    assert page.evaluate("() => location.hash") == "#id_name"


def test_competence_form_works_through_htmx(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    login(page, site["base"])
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
    login(page, site["base"])
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
    assert page.inner_text(".register-table tbody").startswith("Vänort: Tartu")
    # The address restores the same view on reload.
    page.reload()
    assert page.inner_text(".results-count").startswith("1 aktivitet")
    assert page.is_checked("input[name=typ][value=twin_city]")
