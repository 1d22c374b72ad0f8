"""Policy intake in headless Chromium: the passage behind a proposal lights up; axe finds nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.core.tenancy import Role
from utblick.funding.services import funding_sources_ensure
from utblick.intake.evaluate import seed_text
from utblick.intake.services import intake_create
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.fixtures import load_shipped, make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: The pane shows the document; a highlighted passage must be inside what it shows.
IN_PANE = """id => {
  const passage = document.getElementById(id), pane = passage.closest('.doc');
  const p = passage.getBoundingClientRect(), d = pane.getBoundingClientRect();
  return passage.classList.contains('passage--active') && p.top >= d.top && p.top < d.bottom
    && d.top >= 0 && d.top < window.innerHeight;
}"""


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    funding_sources_ensure()
    umea = load_shipped("umea")
    user = make_member(umea, "umea-samordnare", Role.COORDINATOR)
    intake = intake_create(
        access=access_for(user, "umea"),
        user=user,
        data=seed_text("umea").encode(),
        filename="internationellt-program.txt",
    )
    return {"base": live_server.url, "intake": intake}


def test_clicking_a_proposal_highlights_its_passage(browser: Any, site: dict[str, Any]) -> None:
    intake = site["intake"]
    aid = intake.proposals.get(value__rule__id="aid-fully-external")
    anchor = aid.anchors[0][0]
    page = new_page(browser)
    sign_in(page, site["base"], "umea-samordnare")
    page.goto(site["base"] + reverse("intake:review", args=["umea", intake.pk]))
    assert page.evaluate(f"() => document.getElementById('{anchor}').classList.length") == 1
    card = page.locator(f"#proposal-{aid.pk}")
    card.scroll_into_view_if_needed()
    card.locator(".proposal__text").click()
    page.wait_for_function(IN_PANE, arg=anchor)
    assert page.inner_text(f"#{anchor}").startswith("Umeå kommun kan engagera sig i projekt")
    # Only this proposal's passages are highlighted, and the proposals did not move away.
    highlighted = page.eval_on_selector_all(".passage--active", "els => els.map(e => e.id)")
    assert highlighted == [a for a, _section in aid.anchors]
    assert card.is_visible() and "proposal--current" in card.get_attribute("class")
    screenshot(page, "intake-review-highlight")

    # A source link does the same for its one passage, and moves focus there.
    goal = intake.proposals.filter(element="goal").first()
    goal_anchor = goal.anchors[0][0]
    page.locator(f"#proposal-{goal.pk} .source a").click()
    page.wait_for_function(IN_PANE, arg=goal_anchor)
    assert page.evaluate("() => document.activeElement.id") == goal_anchor
    assert page.eval_on_selector_all(".passage--active", "els => els.length") == 1


def test_accepting_in_place_and_axe_on_the_intake_pages(browser: Any, site: dict[str, Any]) -> None:
    intake = site["intake"]
    page = new_page(browser)
    sign_in(page, site["base"], "umea-samordnare")
    results = {}
    page.goto(site["base"] + reverse("intake:upload", args=["umea"]))
    results["intake-list"] = axe_violations(page)
    screenshot(page, "intake-list")
    page.goto(site["base"] + reverse("intake:review", args=["umea", intake.pk]))
    results["intake-review"] = axe_violations(page)
    screenshot(page, "intake-review")
    # Accept one proposal: it is swapped in place (htmx), the progress follows.
    goal = intake.proposals.filter(element="goal").first()
    page.click(f"#proposal-{goal.pk} button[value=accepted]")
    page.wait_for_selector(f"#proposal-{goal.pk}.proposal--accepted")
    assert page.url.endswith(f"/{intake.pk}/")
    assert page.inner_text("#intake-progress").startswith(f"1 av {intake.proposals.count()}")
    results["intake-review-decided"] = axe_violations(page)
    page.goto(site["base"] + reverse("intake:adopt", args=["umea", intake.pk]))
    results["intake-adopt"] = axe_violations(page)
    page.goto(site["base"] + reverse("intake:edit", args=["umea", intake.pk, goal.pk]))
    results["intake-edit"] = axe_violations(page)
    phone = new_page(browser, width=375)
    sign_in(phone, site["base"], "umea-samordnare")
    phone.goto(site["base"] + reverse("intake:review", args=["umea", intake.pk]))
    results["intake-review-phone"] = axe_violations(phone)
    screenshot(phone, "intake-review-phone")
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures
