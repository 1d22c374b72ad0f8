"""Browser journeys through policy drafting, for this app's tests and the end-to-end onboarding test.

Each step is what a coordinator does with the mouse and keyboard: no URL is
typed after the start page, every page visited is checked with axe-core, and
the form's error state is visited on purpose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from utblick.testing.browser import axe_violations, screenshot


@dataclass
class PolicyDraftJourney:
    """What :func:`draft_policy_from_scratch` did: axe's findings per page, and the clicks."""

    violations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    clicks: int = 0
    policy_url: str = ""


def _check(page: Any, journey: PolicyDraftJourney, name: str, shots: str | None) -> None:
    journey.violations[name] = axe_violations(page)
    if shots:
        screenshot(page, f"{shots}-{name}")


def _submit(page: Any, journey: PolicyDraftJourney) -> None:
    page.click("main form.form button[type=submit]")
    journey.clicks += 1
    page.wait_for_load_state()


def _add(page: Any, journey: PolicyDraftJourney, href_end: str) -> None:
    """Follow the first "Lägg till" link (or the requirement's link) for an element."""
    page.click(f"main a[href$='{href_end}']")
    journey.clicks += 1
    page.wait_for_selector("main form.form")


def draft_policy_from_scratch(
    page: Any,
    base: str,
    slug: str,
    *,
    title: str = "Internationell policy",
    decided_on: str = "2026-11-30",
    adopted_by: str = "council|Kommunfullmäktige",
    focus_areas: Sequence[str] = ("Europa och omvärlden", "Kompetens och lärande", "Agenda 2030"),
    principle: str = "Avtal och medlemskap omprövas minst vartannat år.",
    rule: str = "review-interval",
    param: str = "months",
    value: str = "24",
    cadence: str = "yearly",
    shots: str | None = "policy-draft",
) -> PolicyDraftJourney:
    """Sign-in done, draft the policy with "Fyll i själv" on the intake start page and adopt it.

    Fills the document facts, adds ``focus_areas``, one principle with ``rule``
    and its numeric parameter ``param`` set to ``value`` (first out of range, to
    visit the form's error state), a ``cadence``, adopts, and ends on the
    adopted version's page.
    Returns axe's violations for every page visited (the caller asserts them
    empty) and the number of clicks. Screenshots are named ``<shots>-<page>``.
    """
    journey = PolicyDraftJourney()
    page.goto(base + reverse("intake:upload", args=[slug]))
    _check(page, journey, "start", shots)
    page.click("#fyll-i ~ form button[type=submit]")
    journey.clicks += 1
    page.wait_for_selector(".requirements")
    _check(page, journey, "empty", shots)

    # The document facts, each through its requirement link; the title first empty, to see the error.
    _add(page, journey, "/lagg-till/metadata-kind/")
    page.select_option("#id_value", "policy")
    _submit(page, journey)
    _add(page, journey, "/lagg-till/metadata-title/")
    _submit(page, journey)
    page.wait_for_selector(".error-summary")
    _check(page, journey, "title-error", shots)
    page.fill("#id_value", title)
    _submit(page, journey)
    _add(page, journey, "/lagg-till/metadata-adopted_by/")
    page.select_option("#id_value", adopted_by)
    _submit(page, journey)
    _add(page, journey, "/lagg-till/metadata-decided_on/")
    page.fill("#id_value", decided_on)
    _submit(page, journey)

    for index, name in enumerate(focus_areas):
        _add(page, journey, "/lagg-till/focus_area/")
        if index == 0:
            _check(page, journey, "add-focus-area", shots)
        page.fill("#id_name", name)
        _submit(page, journey)

    _add(page, journey, "/lagg-till/principle/")
    page.fill("#id_text", principle)
    page.select_option("#id_rule", rule)
    _submit(page, journey)
    # The rule's settings are drawn, with their defaults, to check before saving.
    page.wait_for_selector(".error-summary")
    _check(page, journey, "principle-settings", shots)
    field = f"#id_{rule}__{param}"
    page.fill(field, "0")  # out of range: the form says so
    _submit(page, journey)
    page.wait_for_selector(f"{field}_error")
    _check(page, journey, "principle-error", shots)
    page.fill(field, value)
    _submit(page, journey)

    _add(page, journey, "/lagg-till/cadence/")
    page.select_option("#id_kind", cadence)
    _submit(page, journey)
    page.wait_for_selector(".requirements")
    _check(page, journey, "complete", shots)

    page.click("main .intake-bar a.button")
    journey.clicks += 1
    page.wait_for_selector("main form.form button[type=submit]")
    _check(page, journey, "adopt", shots)
    _submit(page, journey)
    page.wait_for_url("**/policy/v/*/")
    journey.policy_url = page.url
    _check(page, journey, "adopted", shots)
    return journey
