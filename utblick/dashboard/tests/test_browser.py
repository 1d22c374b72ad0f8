"""The start page, the menu and the breadcrumbs in a real headless Chromium, with axe-core.

Screenshots of the start page at 1280 and 390 px go to test-artifacts/screenshots/.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.demo.register import load_register
from utblick.funding.services import funding_sources_ensure
from utblick.municipalities.services import municipality_create
from utblick.partners.models import Partner
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.fixtures import load_shipped, make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    funding_sources_ensure()
    uppsala = load_shipped("uppsala")
    make_member(uppsala, "samordnare", Role.COORDINATOR)
    make_member(uppsala, "lasare", Role.READER)
    load_register(uppsala)
    activity = Activity.objects.filter(municipality=uppsala).order_by("pk").first()
    return {"base": live_server.url, "municipality": uppsala, "activity": activity}


def _no_horizontal_scroll(page: Any) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_the_dashboard_at_desktop_and_phone_width(browser: Any, site: dict[str, Any]) -> None:
    base = site["base"]
    start = base + reverse("dashboard:start", args=["uppsala"])
    results = {}
    for width in (1280, 390):
        page = new_page(browser, width=width)
        sign_in(page, base, "samordnare")
        page.goto(start)
        assert page.locator(".dashboard__due .due-list__item").count() > 0
        assert page.locator(".dashboard-chart img").count() == 2
        assert _no_horizontal_scroll(page), width
        results[f"dashboard-{width}"] = axe_violations(page)
        screenshot(page, f"dashboard-{width}")
    root = get_user_model().objects.create_superuser("root", "root@example.se", "x")
    new = municipality_create(user=root, code="0114", organisation_number="")
    make_member(new, "ny", Role.COORDINATOR)
    empty = new_page(browser, width=390)
    sign_in(empty, base, "ny")
    empty.goto(base + reverse("dashboard:start", args=[new.slug]))
    assert "Registret har inga aktiviteter ännu." in empty.inner_text("main")
    results["dashboard-empty"] = axe_violations(empty)
    screenshot(empty, "dashboard-empty-390")
    reader = new_page(browser)
    sign_in(reader, base, "lasare")
    reader.goto(start)
    assert "Som läsare" in reader.inner_text(".dashboard__due")
    results["dashboard-reader"] = axe_violations(reader)
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures


def test_the_menu_collapses_on_a_phone_and_fits_one_row_on_a_desktop(
    browser: Any, site: dict[str, Any]
) -> None:
    base = site["base"]
    start = base + reverse("dashboard:start", args=["uppsala"])
    results = {}
    phone = new_page(browser, width=390)
    sign_in(phone, base, "samordnare")
    phone.goto(start)
    register = phone.locator(".main-nav a", has_text="Register")
    assert phone.locator(".main-nav__toggle").is_visible()
    assert not register.is_visible()
    assert _no_horizontal_scroll(phone)
    results["menu-closed"] = axe_violations(phone)
    phone.click(".main-nav__toggle")
    assert register.is_visible()
    # Every item is listed in the opened menu, the grouped ones too.
    for name in ("Publicering", "Policy", "Organisation", "Användare"):
        assert phone.locator(".main-nav a", has_text=name).is_visible(), name
    assert _no_horizontal_scroll(phone)
    results["menu-open"] = axe_violations(phone)
    screenshot(phone, "menu-open-390")
    register.click()
    phone.wait_for_url("**/register/**")
    assert phone.locator(".main-nav a[aria-current=page]").text_content() == "Register"

    desktop = new_page(browser, width=1280)
    sign_in(desktop, base, "samordnare")
    desktop.goto(start)
    assert not desktop.locator(".main-nav__toggle").is_visible()
    height = desktop.locator(".main-nav").bounding_box()["height"]
    row = desktop.locator(".main-nav a", has_text="Start").bounding_box()["height"]
    assert height < row * 1.5, (height, row)
    # The grouped items open from "Mer"; the current one is marked.
    assert not desktop.locator(".main-nav a", has_text="Organisation").is_visible()
    desktop.click(".main-nav__more > summary")
    screenshot(desktop, "menu-more-1280")
    desktop.locator(".main-nav a", has_text="Organisation").click()
    desktop.wait_for_url("**/organisation/**")
    assert desktop.locator(".main-nav a[aria-current=page]").count() == 1
    assert desktop.locator(".main-nav__more--current").count() == 1
    results["menu-desktop"] = axe_violations(desktop)
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures


def test_the_api_keys_page_leads_back_to_the_municipality(
    browser: Any, site: dict[str, Any]
) -> None:
    base = site["base"]
    page = new_page(browser)
    sign_in(page, base, "samordnare")
    page.goto(base + reverse("accounts:tokens"))
    back = page.locator("nav.main-nav a", has_text="Uppsala")
    assert back.is_visible()
    violations = axe_violations(page)
    back.click()
    page.wait_for_url("**/app/uppsala/")
    assert violations == [], describe(violations)


def test_nested_pages_show_a_trail_whose_links_work(browser: Any, site: dict[str, Any]) -> None:
    base = site["base"]
    s = "uppsala"
    activity = site["activity"]
    partner = Partner.objects.filter(municipality=site["municipality"]).order_by("pk").first()
    page = new_page(browser)
    sign_in(page, base, "samordnare")
    pages = {
        "activity": (reverse("activities:detail", args=[s, activity.pk]), ["Start", "Register"]),
        "activity-edit": (
            reverse("activities:edit", args=[s, activity.pk]),
            ["Start", "Register", activity.title],
        ),
        "unit": (
            reverse("organisation:unit_detail", args=[s, activity.unit_id]),
            ["Start", "Organisation"],
        ),
        "archive": (reverse("reports:archive", args=[s]), ["Start", "Rapport"]),
        "policy-versions": (reverse("policies:versions", args=[s]), ["Start", "Policy"]),
    }
    pages["partner"] = (reverse("partners:detail", args=[s, partner.pk]), ["Start", "Partner"])
    results = {}
    for name, (path, links) in pages.items():
        page.goto(base + path)
        trail = page.locator("nav[aria-label='Brödsmulor'] ol li")
        assert trail.locator("a").all_inner_texts() == links, name
        assert trail.last.locator("[aria-current=page]").count() == 1, name
        results[f"breadcrumbs-{name}"] = axe_violations(page)
    # The links lead where they say.
    page.goto(base + reverse("activities:edit", args=[s, activity.pk]))
    page.locator("nav[aria-label='Brödsmulor'] a", has_text=activity.title).click()
    page.wait_for_url(f"**{reverse('activities:detail', args=[s, activity.pk])}")
    page.locator("nav[aria-label='Brödsmulor'] a", has_text="Register").click()
    page.wait_for_url(f"**{reverse('activities:list', args=[s])}")
    screenshot(page, "breadcrumbs")
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures


WORD_FITS = """() => {
  const cells = [...document.querySelectorAll("td[data-label='Enhet']")];
  const probe = document.createElement("span");
  probe.style.whiteSpace = "nowrap";
  return cells.filter(cell => {
    const style = getComputedStyle(cell);
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return cell.textContent.trim().split(/\\s+/).some(word => {
      probe.textContent = word;
      cell.appendChild(probe);
      const wide = probe.getBoundingClientRect().width > room + 0.5;
      probe.remove();
      return wide;
    });
  }).map(cell => cell.textContent.trim());
}"""


def test_unit_names_are_never_broken_inside_a_word(browser: Any, site: dict[str, Any]) -> None:
    base = site["base"]
    for width in (1280, 390):
        page = new_page(browser, width=width)
        sign_in(page, base, "samordnare")
        for path in (
            reverse("activities:list", args=["uppsala"]),
            reverse("followup:due", args=["uppsala"]),
        ):
            page.goto(base + path)
            assert page.locator("td[data-label='Enhet']").count() > 0
            assert page.evaluate(WORD_FITS) == [], (width, path)
            assert _no_horizontal_scroll(page), (width, path)
        if width == 1280:
            page.goto(base + reverse("activities:list", args=["uppsala"]))
            screenshot(page, "register-1280")
            fits = page.evaluate(
                "() => { const r = document.querySelector('.register__results');"
                " return r.scrollWidth <= r.clientWidth; }"
            )
            assert fits, "the register's columns fit a desktop screen"


def test_submit_and_go_to_the_next_follow_up(browser: Any, site: dict[str, Any]) -> None:
    base = site["base"]
    page = new_page(browser)
    sign_in(page, base, "samordnare")
    page.goto(base + reverse("followup:due", args=["uppsala"]))
    page.locator("td a[href*='/uppfoljning/']").first.click()
    page.wait_for_selector("button[name=submit_next]")
    first = page.url
    results = {"followup-edit": axe_violations(page)}
    trail = page.locator("nav[aria-label='Brödsmulor'] a").all_inner_texts()
    assert trail[:2] == ["Start", "Uppföljning"] and len(trail) == 3
    page.check("input[name=status][value=on_track]")
    page.fill("#id_progress", "50")
    page.fill("#id_spent", "1000")
    page.click("button[name=submit_next]")
    page.wait_for_selector(".message--success")
    assert page.url != first and "/uppfoljning/" in page.url
    assert page.locator("button[name=submit_next]").count() == 1
    results["followup-next"] = axe_violations(page)
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures
