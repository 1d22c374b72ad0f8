"""A new municipality drafts and adopts its policy in headless Chromium; axe finds nothing.

Screenshots are saved under test-artifacts/screenshots/ (policy-draft-*, policy-template-*).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.core.tenancy import Role
from utblick.funding.services import funding_sources_ensure
from utblick.intake.services import intake_start_from_template
from utblick.intake.tests.journeys import draft_policy_from_scratch
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.models import Policy, PolicyStatus
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.fixtures import load_shipped, make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOCUS_AREAS = ("Europa och omvärlden", "Kompetens och lärande", "Agenda 2030")


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    funding_sources_ensure()
    municipality = Municipality.objects.create(
        name="Nyköpings kommun", slug="nykoping", code="0480", organisation_number="212000-0217"
    )
    make_member(municipality, "nykoping-samordnare", Role.COORDINATOR)
    return {"base": live_server.url, "municipality": municipality}


def test_a_new_municipality_drafts_its_policy_from_scratch_and_adopts_it(
    browser: Any, site: dict[str, Any]
) -> None:
    base = site["base"]
    page = new_page(browser)
    sign_in(page, base, "nykoping-samordnare")
    results: dict[str, list[dict[str, Any]]] = {}
    for name in ("policies:current", "policies:versions", "compliance:page"):
        page.goto(base + reverse(name, args=["nykoping"]))
        results[f"empty-{name}"] = axe_violations(page)
        screenshot(page, f"policy-empty-{name.replace(':', '-')}")
    # The policy page leads to the three browser ways; the journey starts from there.
    page.goto(base + reverse("policies:current", args=["nykoping"]))
    assert page.locator("main .start-ways a").count() == 3

    journey = draft_policy_from_scratch(page, base, "nykoping", focus_areas=FOCUS_AREAS)
    results.update(journey.violations)
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures

    text = page.inner_text("main")
    for area in FOCUS_AREAS:
        assert area in text
    assert "Avtal och medlemskap omprövas minst vartannat år." in text
    assert "Årligen" in text
    policy = Policy.objects.get(municipality=site["municipality"])
    assert policy.status == PolicyStatus.IN_FORCE
    assert list(policy.focus_areas.values_list("name", flat=True)) == list(FOCUS_AREAS)
    principle = policy.principles.get()
    assert (principle.rule_id, principle.rule_params["months"]) == ("review-interval", 24)
    assert policy.adopted_by == Unit.objects.get(municipality=site["municipality"], key="kf")
    print(f"clicks: {journey.clicks}")


def test_a_draft_from_a_template_asks_for_the_municipality_s_own_facts(
    browser: Any, site: dict[str, Any]
) -> None:
    base = site["base"]
    page = new_page(browser)
    sign_in(page, base, "nykoping-samordnare")
    results: dict[str, list[dict[str, Any]]] = {}
    page.goto(base + reverse("intake:upload", args=["nykoping"]))
    page.click("#mall ~ form button[type=submit]")
    page.wait_for_selector(".error-summary")
    results["template-error"] = axe_violations(page)
    screenshot(page, "policy-template-error")
    page.check("input[name=template][value=umea]")
    page.click("#mall ~ form button[type=submit]")
    page.wait_for_selector(".requirements")
    results["template-review"] = axe_violations(page)
    screenshot(page, "policy-template-review")
    missing = page.inner_text(".requirements")
    assert "Titel" in missing and "Saknas" in missing
    assert "Umeå" not in page.inner_text(".intake__proposals")
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures


def test_a_draft_compared_with_the_policy_in_force(live_server: Any, browser: Any) -> None:
    funding_sources_ensure()
    kungalv = load_shipped("kungalv")
    user = make_member(kungalv, "kungalv-samordnare", Role.COORDINATOR)
    intake = intake_start_from_template(
        access=access_for(user, "kungalv"), user=user, template="umea"
    )
    page = new_page(browser)
    sign_in(page, live_server.url, "kungalv-samordnare")
    page.goto(live_server.url + reverse("intake:review", args=["kungalv", intake.pk]))
    page.get_by_role("link", name="Jämför med gällande").click()
    page.wait_for_selector("h1:has-text('jämfört med gällande version')")
    assert page.locator(".policy-diff__item--added").count() > 0
    assert page.locator(".policy-diff__item--removed").count() > 0
    violations = axe_violations(page)
    screenshot(page, "policy-draft-compare")
    assert violations == [], describe(violations)
