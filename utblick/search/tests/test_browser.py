"""Search from the header in a real headless Chromium, with axe-core on every page visited.

The results page's screenshot is saved under test-artifacts/screenshots/search.png.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from utblick.core.tenancy import Role
from utblick.search.tests.test_search import make_activity, make_partner
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.fixtures import load_shipped, make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    uppsala = load_shipped("uppsala")
    umea = load_shipped("umea")
    make_member(uppsala, "lasare", Role.READER)
    make_activity(
        uppsala,
        "Vänort Göteborg: skolutbyte",
        summary="Elever från Uppsala och Göteborg möts i Tartu.",
    )
    make_activity(uppsala, "Kulturutbyte i Östersjön", description="Med partner i Göteborg.")
    make_partner(uppsala, "Göteborgs universitet", place="Göteborg")
    make_activity(umea, "Göteborgsresan i Umeå")
    return {"base": live_server.url}


def test_a_reader_searches_from_the_header_and_opens_a_hit(
    browser: Any, site: dict[str, Any]
) -> None:
    base = site["base"]
    page = new_page(browser)
    sign_in(page, base, "lasare")
    page.goto(base + reverse("dashboard:start", args=["uppsala"]))
    results = {"start": axe_violations(page)}
    page.fill("#site-search-q", "goteborg")
    page.press("#site-search-q", "Enter")
    page.wait_for_selector("section.search-group")
    assert page.input_value("#site-search-q") == "goteborg"
    groups = page.locator("section.search-group h2").all_inner_texts()
    assert groups == ["Aktiviteter (2)", "Partner (1)"]
    hits = page.locator("#aktiviteter .search-hit > a").all_inner_texts()
    # The title hit first; Umeå's trip never shows.
    assert hits == ["Vänort Göteborg: skolutbyte", "Kulturutbyte i Östersjön"]
    results["results"] = axe_violations(page)
    screenshot(page, "search")
    page.click("text=Vänort Göteborg: skolutbyte")
    page.wait_for_selector("h1:has-text('Vänort Göteborg: skolutbyte')")

    page.goto(base + reverse("search:results", args=["uppsala"]) + "?q=xyzzy+%22NEAR(*")
    assert "Inga träffar för" in page.inner_text(".search-empty h2")
    results["empty"] = axe_violations(page)
    screenshot(page, "search-empty")
    for name, violations in results.items():
        assert violations == [], f"{name}: {describe(violations)}"
