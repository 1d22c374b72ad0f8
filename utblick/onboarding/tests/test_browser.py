"""The first-run path in a real headless Chromium, with axe-core on every page visited.

Screenshots are saved under test-artifacts/screenshots/.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from utblick.core.tenancy import Role
from utblick.onboarding.tests.journeys import add_standard_units, skip_step
from utblick.onboarding.tests.test_empty_states import EMPTY_STATES
from utblick.onboarding.tests.test_onboarding import fresh_municipality
from utblick.organisation.models import Unit
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.fixtures import make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: The lists of a new municipality, each with its empty state (the crawl's list).
EMPTY_PAGES = sorted(EMPTY_STATES)


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    municipality = fresh_municipality()
    make_member(municipality, "samordnare", Role.COORDINATOR)
    return {"base": live_server.url, "municipality": municipality}


def test_a_new_coordinator_skips_a_step_and_adds_the_standard_units(
    browser: Any, site: dict[str, Any]
) -> None:
    base, slug = site["base"], "kungalv"
    page = new_page(browser)
    sign_in(page, base, "samordnare")
    results: dict[str, Any] = {"start": axe_violations(page)}
    assert page.locator(".onboarding-panel").count() == 1
    page.click(".onboarding-panel a.button")
    page.wait_for_url(base + reverse("onboarding:start", args=[slug]))
    label = "#onboarding-progress-label"
    assert page.inner_text(label) == "0 av 5 steg klara"
    results["kom-igang"] = axe_violations(page)
    screenshot(page, "onboarding-start")

    assert skip_step(page, base, slug, "members") == "Hoppades över"
    assert "1 klart eller överhoppat" in page.inner_text(label)
    assert page.get_attribute("progress", "value") == "1"
    results["kom-igang-skipped"] = axe_violations(page)
    screenshot(page, "onboarding-skipped")
    assert skip_step(page, base, slug, "members", undo=True) == "Att göra"
    assert page.get_attribute("progress", "value") == "0"

    # A bad name first: the error summary, and nothing saved.
    page.click("#steg-units a")
    page.fill("#id_name_ks", "")
    page.click("form.standard-units button[type=submit]")
    page.wait_for_selector(".error-summary")
    results["units-errors"] = axe_violations(page)
    screenshot(page, "onboarding-units-errors")
    assert not Unit.objects.exists()

    message = add_standard_units(
        page, base, slug, extra=["son", "sof"], rename={"bostadsbolag": "Kungälvsbostäder AB"}
    )
    assert message == "5 enheter lades till."
    results["units-added"] = axe_violations(page)
    screenshot(page, "onboarding-units-added")
    assert Unit.objects.get(name="Socialförvaltningen").parent.name == "Socialnämnden"

    page.goto(base + reverse("onboarding:start", args=[slug]))
    assert page.inner_text("#steg-units .onboarding-step__status") == "Klart"
    assert page.inner_text(label) == "1 av 5 steg klara"
    results["kom-igang-units-done"] = axe_violations(page)
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures


def test_the_empty_pages_of_a_new_municipality_pass_axe(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    sign_in(page, site["base"], "samordnare")
    results = {}
    for name in EMPTY_PAGES:
        page.goto(site["base"] + reverse(name, args=["kungalv"]))
        assert page.locator(".empty-state").count() == 1, name
        results[name] = axe_violations(page)
        screenshot(page, "empty-" + name.replace(":", "-"))
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures
