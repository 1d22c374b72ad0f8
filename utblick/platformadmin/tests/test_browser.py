"""A platform administrator adds Ale from the list in a real headless Chromium, with axe-core.

Screenshots are saved under test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from utblick.accounts.models import Invitation
from utblick.municipalities.models import Municipality
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.fixtures import PASSWORD, load_shipped

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_platform_admin_adds_ale_and_its_coordinator_gets_a_working_link(
    browser: Any, live_server: Any
) -> None:
    base = live_server.url
    get_user_model().objects.create_superuser("plattform", "plattform@example.se", PASSWORD)
    page = new_page(browser)
    sign_in(page, base, "plattform")
    results = {}

    # The home page of an empty installation: the way in for the administrator.
    page.goto(base + reverse("dashboard:home"))
    results["home"] = axe_violations(page)
    screenshot(page, "platform-home")
    load_shipped("uppsala")  # another municipality, whose address Ale must not take
    page.click(".platform-admin a.button")
    page.wait_for_url("**/app/plattform/kommuner/ny/")
    results["municipality-form"] = axe_violations(page)
    screenshot(page, "platform-municipality-form")

    # First an address that Uppsala already has: a Swedish error at the top.
    page.select_option("#id_code", "1440")
    page.fill("#id_slug", "uppsala")
    page.fill("#id_first_name", "Sara")
    page.fill("#id_last_name", "Samordnare")
    page.fill("#id_email", "sara@ale.example.se")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert "Adressen uppsala används redan" in page.inner_text(".error-summary")
    results["municipality-form-errors"] = axe_violations(page)
    screenshot(page, "platform-municipality-form-errors")
    assert not Municipality.objects.filter(code="1440").exists()

    # Then the suggestion from the name; name, code and organisation number come from the list.
    page.fill("#id_slug", "")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/app/plattform/kommuner/")
    assert "Ale kommun är tillagd" in page.inner_text(".messages")
    results["municipality-list"] = axe_violations(page)
    screenshot(page, "platform-municipality-list")
    page.click(".municipalities a:has-text('Ale kommun')")
    page.wait_for_url("**/app/ale/")

    ale = Municipality.objects.get(code="1440")
    assert ale.slug == "ale"
    assert Invitation.objects.get(municipality=ale).role == "coordinator"
    [message] = mail.outbox
    link = re.search(r"https?://\S+?(/konto/inbjudan/\S+/)", message.body).group(1)  # type: ignore[union-attr]
    invitee = new_page(browser)
    response = invitee.goto(base + link)
    assert response.status == 200
    assert invitee.locator("#id_username").count() == 1
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures
