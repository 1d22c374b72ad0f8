"""Justifying or dismissing a warning with a reason; errors cannot be; history and walls."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.activities.models import Activity
from utblick.compliance.engine import evaluate
from utblick.compliance.models import FindingJustification
from utblick.compliance.selectors import finding_key
from utblick.core.services import save_versioned
from utblick.core.tenancy import Role
from utblick.demo.services import demo_load
from utblick.municipalities.models import Municipality
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.fixtures import client_for, make_member

TODAY = date(2026, 11, 23)


@pytest.fixture
def umea(db: Any, clock: Any) -> Any:
    clock.set(TODAY)
    demo_load()
    return Municipality.objects.get(slug="umea")


def warning_key(municipality: Any, rule: str = "child-perspective") -> str:
    return next(
        finding_key(f)
        for f in evaluate(municipality)
        if f.rule_id == rule and f.severity == "warning"
    )


def main_text(response: Any) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" ")


@pytest.mark.django_db
def test_a_coordinator_justifies_a_warning_and_it_is_kept_in_history(umea: Any) -> None:
    coordinator = make_member(umea, "samordnare", Role.COORDINATOR)
    client = client_for(coordinator)
    url = reverse("compliance:justify", args=["umea"])
    key = warning_key(umea)
    response = client.post(url, {"finding": key, "decision": "justified", "reason": "  "})
    assert response.status_code == 400
    assert "Skriv varför varningen motiveras" in main_text(response)
    assert not FindingJustification.objects.exists()
    response = client.post(
        url, {"finding": key, "decision": "justified", "reason": "Barnen hördes vid mötet."}
    )
    assert response.status_code == 302
    page = main_text(client.get(reverse("compliance:page", args=["umea"])))
    assert "Motiverad" in page and "Barnen hördes vid mötet." in page
    justification = FindingJustification.objects.get()
    history = client.get(
        reverse("compliance:justification_history", args=["umea", justification.pk])
    )
    assert history.status_code == 200 and "samordnare" in main_text(history)
    # Withdrawn: the warning is open again, and the withdrawal is in the history too.
    client.post(url, {"withdraw": justification.pk})
    justification.refresh_from_db()
    assert justification.withdrawn_at is not None
    assert justification.history.count() == 2
    assert "Barnen hördes vid mötet." not in main_text(
        client.get(reverse("compliance:page", args=["umea"]))
    )


@pytest.mark.django_db
def test_an_edited_activity_needs_its_justification_looked_at_again(umea: Any, clock: Any) -> None:
    coordinator = make_member(umea, "samordnare", Role.COORDINATOR)
    client = client_for(coordinator)
    key = warning_key(umea)
    client.post(
        reverse("compliance:justify", args=["umea"]),
        {"finding": key, "decision": "dismissed", "reason": "Beslut i KS 2026-05-01."},
    )
    assert "Behöver ses över" not in main_text(
        client.get(reverse("compliance:page", args=["umea"]))
    )
    activity = Activity.objects.get(pk=FindingJustification.objects.get().subject_id)
    activity.description = (activity.description or "") + " Ändrad."
    save_versioned(activity, expected_version=activity.row_version, user=coordinator)
    page = main_text(client.get(reverse("compliance:page", args=["umea"])))
    assert "Avfärdad" in page and "Behöver ses över" in page


@pytest.mark.django_db
def test_errors_cannot_be_dismissed_and_readers_cannot_justify(clock: Any, db: Any) -> None:
    clock.set(TODAY)
    demo_load()
    kungalv = Municipality.objects.get(slug="kungalv")
    error = next(finding_key(f) for f in evaluate(kungalv) if f.severity == "error")
    client = client_for(make_member(kungalv, "samordnare", Role.COORDINATOR))
    response = client.post(
        reverse("compliance:justify", args=["kungalv"]),
        {"finding": error, "decision": "dismissed", "reason": "Vi vill inte."},
    )
    assert response.status_code == 400
    assert "Ett fel kan inte motiveras bort" in main_text(response)
    reader = client_for(make_member(kungalv, "lasare", Role.READER))
    response = reader.post(
        reverse("compliance:justify", args=["kungalv"]),
        {
            "finding": warning_key(kungalv, "policy-revision-term"),
            "decision": "justified",
            "reason": "x",
        },
    )
    assert response.status_code == 403
    assert not FindingJustification.objects.exists()
    assert access_for is not None


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_justifying_a_warning_in_chromium(browser: Any, live_server: Any, clock: Any) -> None:
    clock.set(TODAY)
    demo_load()
    umea = Municipality.objects.get(slug="umea")
    make_member(umea, "samordnare2", Role.COORDINATOR)
    page = new_page(browser)
    sign_in(page, live_server.url, "samordnare2")
    page.goto(live_server.url + reverse("compliance:page", args=["umea"]))
    results = {"compliance": axe_violations(page)}
    page.locator("details.finding__justify summary").first.click()
    form = page.locator("details.finding__justify form").first
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    results["compliance-error"] = axe_violations(page)
    form = page.locator("details.finding__justify[open] form").first
    form.locator("textarea").fill("Barnperspektivet prövades i nämnden.")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".finding__justified")
    assert "Barnperspektivet prövades i nämnden." in page.inner_text("main")
    results["compliance-justified"] = axe_violations(page)
    screenshot(page, "compliance-justified")
    page.locator(".finding__justified a").first.click()
    page.wait_for_load_state()
    assert "samordnare2" in page.inner_text("main")
    results["justification-history"] = axe_violations(page)
    for name, violations in results.items():
        assert violations == [], f"{name}: {describe(violations)}"


@pytest.mark.django_db
def test_check_and_report_count_justified_warnings_separately(umea: Any) -> None:
    import json
    from io import StringIO

    from django.core.management import call_command

    from utblick.compliance.services import justification_save

    def check() -> dict[str, Any]:
        out = StringIO()
        call_command("check", municipality="umea", format="json", stdout=out)
        return json.loads(out.getvalue())

    before = check()
    coordinator = make_member(umea, "samordnare", Role.COORDINATOR)
    justification_save(
        access=access_for(coordinator, "umea"),
        key=warning_key(umea),
        decision="justified",
        reason="Prövat i nämnden.",
        user=coordinator,
    )
    after = check()
    assert after["warnings"] == before["warnings"] - 1
    assert (before["justified_warnings"], after["justified_warnings"]) == (0, 1)
    [marked] = [f for f in after["findings"] if "justification" in f]
    assert marked["justification"]["reason"] == "Prövat i nämnden."
    from utblick.reports.data import Scope, build_report

    report = build_report(Scope(umea, 2026))
    assert report.figure("compliance_justified") == 1
    assert report.figure("compliance_warnings") == after["warnings"]
