"""The public pages in a real headless Chromium: axe-core (WCAG 2.1 A/AA), keyboard, print, the resident's journey.

Screenshots of every page type are saved under test-artifacts/screenshots/public-*.png.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from rdflib import Graph

from utblick.activities.models import Activity
from utblick.demo.services import demo_load
from utblick.public.tests.test_dcat_conformance import load_standards, shacl, swedish
from utblick.testing.browser import axe_violations, describe, new_page, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    demo_load()  # the four municipalities, publishing their demo activities
    twin = Activity.objects.get(municipality__slug="uppsala", title="Vänort: Tartu")
    return {"base": live_server.url, "twin": twin.pk}


def page_types(site: dict[str, Any]) -> dict[str, str]:
    s = "uppsala"
    return {
        "landing": reverse("landing"),
        "home": reverse("public:home", args=[s]),
        "home-umea": reverse("public:home", args=["umea"]),
        "activities": reverse("public:activities", args=[s]),
        "activities-filtered": reverse("public:activities", args=[s]) + "?typ=twin_city&land=EE",
        "activities-bad-filter": reverse("public:activities", args=[s]) + "?ar=abc",
        "activity": reverse("public:activity", args=[s, site["twin"]]),
        "partners": reverse("public:partners", args=[s]),
        "map": reverse("public:map", args=[s]),
        "policy": reverse("public:policy", args=[s]),
        "open-data": reverse("public:open_data", args=[s]),
        "accessibility": reverse("public:accessibility", args=[s]),
        "landing-en": "/en/",
        "home-en": "/en" + reverse("public:home", args=[s]),
        "activity-en": "/en" + reverse("public:activity", args=[s, site["twin"]]),
        "map-en": "/en" + reverse("public:map", args=[s]),
        "not-found": "/finns-inte/",
    }


def test_every_public_page_type_has_no_axe_violations(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    results: dict[str, list[Any]] = {}
    for name, path in page_types(site).items():
        response = page.goto(site["base"] + path)
        assert response.status == (404 if name == "not-found" else 200), name
        results[name] = axe_violations(page)
        screenshot(page, f"public-{name}")
    # The defect report form showing its errors, focused.
    page.goto(site["base"] + reverse("public:accessibility", args=["uppsala"]))
    page.fill("#id_email", "inte-en-adress")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    results["accessibility-errors"] = axe_violations(page)
    screenshot(page, "public-accessibility-errors")
    # A phone.
    phone = new_page(browser, width=375)
    for name in ("home", "activities", "map", "activity"):
        phone.goto(site["base"] + page_types(site)[name])
        results[f"{name}-phone"] = axe_violations(phone)
        screenshot(phone, f"public-{name}-phone")
    print("\naxe-core violations per public page type:")
    for name, violations in results.items():
        print(f"  {name:<24} {len(violations)}")
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures
    assert len(results) == len(page_types(site)) + 5


def test_keyboard_skip_link_on_a_public_page(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    page.goto(site["base"] + reverse("public:activities", args=["uppsala"]))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # Onwards in reading order: the filters before the results.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "id_q"


def test_the_activity_page_prints_without_navigation(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    page.goto(site["base"] + reverse("public:activity", args=["uppsala", site["twin"]]))
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "() => ['.main-nav', '.site-footer', '.back'].map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none", "none"]
    assert page.evaluate("() => getComputedStyle(document.querySelector('h1')).display") == "block"
    screenshot(page, "public-activity-print")


def test_a_resident_finds_the_twin_cities_downloads_the_csv_and_the_catalogue_validates(
    browser: Any, site: dict[str, Any]
) -> None:
    page = new_page(browser)
    page.goto(site["base"] + "/")
    page.click("text=Uppsala kommun")
    page.wait_for_url("**/uppsala/")
    # On the map: a dot with a tooltip for each twin city.
    dots = page.eval_on_selector_all(
        "svg.map .map__place title", "ts => ts.map(t => t.textContent)"
    )
    for town in ("Tartu", "Hämeenlinna", "Minneapolis", "Daejeon"):
        assert any(d.startswith(town) for d in dots), town
    # In the list: filter on the kind; htmx updates the results and the address.
    page.click(".main-nav >> text=Aktiviteter")
    page.select_option("#id_typ", "twin_city")
    page.wait_for_url("**typ=twin_city**")
    page.wait_for_function("() => document.querySelectorAll('.activity-card').length === 7")
    titles = page.eval_on_selector_all(
        ".activity-card .card__title", "es => es.map(e => e.textContent.trim())"
    )
    assert "Vänort: Tartu" in titles
    # The same selection as CSV.
    href = page.get_attribute(".export-links a:text('CSV')", "href")
    response = page.request.get(site["base"] + href if href.startswith("/") else href)
    assert response.ok and response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert sorted(r["titel"] for r in rows) == sorted(titles)
    # The catalogue the national portal harvests validates.
    page.click(".main-nav >> text=Öppna data")
    dcat = page.get_attribute("a:text('RDF/XML')", "href")
    graph = Graph().parse(data=page.request.get(site["base"] + dcat).text(), format="xml")
    # DCAT-AP 3.0.1 Base, the official shapes, with DIGG's Swedish overrides.
    standards = load_standards()
    assert swedish(shacl(graph, standards.base), standards) == []
