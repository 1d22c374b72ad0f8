"""The internal pages in a real headless Chromium: axe-core (WCAG 2.1 A/AA) and keyboard use.

Screenshots of every page type are saved under test-artifacts/screenshots/.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from utblick.accounts.models import Role
from utblick.organisation.models import Contact, Unit
from utblick.testing.browser import axe_violations, describe, new_page, screenshot
from utblick.testing.fixtures import PASSWORD, load_shipped, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    uppsala = load_shipped("uppsala")
    load_shipped("umea")
    make_member(uppsala, "samordnare", Role.COORDINATOR)
    unit = Unit.objects.get(municipality=uppsala, key="kommunledningskontoret")
    contact = Contact.objects.get(municipality=uppsala, key="per-testman")
    return {"base": live_server.url, "unit": unit.pk, "contact": contact.pk}


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
    assert failures == {}, failures
    assert len(results) == len(_pages(site)) + 3


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
