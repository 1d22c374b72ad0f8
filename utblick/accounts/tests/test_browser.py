"""Invitations, the lock-out and the edit conflict in a real headless Chromium, with axe-core.

Screenshots are saved under test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.demo.register import load_register
from utblick.funding.services import funding_sources_ensure
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
    return {"base": live_server.url, "municipality": uppsala}


def test_a_coordinator_invites_and_the_invitee_creates_an_account(
    browser: Any, site: dict[str, Any]
) -> None:
    base = site["base"]
    page = new_page(browser)
    sign_in(page, base, "samordnare")
    page.goto(base + reverse("members:add", args=["uppsala"]))
    page.fill("#id_first_name", "Ida")
    page.fill("#id_last_name", "Inbjuden")
    page.fill("#id_email", "ida.inbjuden@example.se")
    page.check("input[name=role][value=reader]")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".invitations")
    assert "ida.inbjuden@example.se" in page.inner_text(".invitations")
    results = {"member-list-invited": axe_violations(page)}
    screenshot(page, "member-list-invited")

    [message] = mail.outbox
    link = re.search(r"https?://\S+?(/konto/inbjudan/\S+/)", message.body).group(1)
    invitee = new_page(browser)
    invitee.goto(base + link)
    results["invitation-accept"] = axe_violations(invitee)
    screenshot(invitee, "invitation-accept")
    invitee.fill("#id_username", "ida")
    invitee.fill("#id_new_password1", "kort")
    invitee.fill("#id_new_password2", "kort")
    invitee.click("form.form button[type=submit]")
    invitee.wait_for_selector(".error-summary")
    results["invitation-accept-errors"] = axe_violations(invitee)
    invitee.fill("#id_new_password1", "ett-langt-eget-losen-42")
    invitee.fill("#id_new_password2", "ett-langt-eget-losen-42")
    invitee.click("form.form button[type=submit]")
    invitee.wait_for_url("**/app/uppsala/**")
    # The link is used up.
    gone = new_page(browser)
    assert gone.goto(base + link).status == 410
    results["invitation-gone"] = axe_violations(gone)
    screenshot(gone, "invitation-gone")
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures


def test_five_wrong_passwords_show_the_lock_out_page(browser: Any, site: dict[str, Any]) -> None:
    page = new_page(browser)
    for _attempt in range(5):
        sign_in(page, site["base"], "samordnare", "fel-losenord", wait=False)
    assert "/konto/" in page.url and page.locator("h1").count() == 1
    heading = page.inner_text("h1")
    # The right password is refused too, until the lock has run out.
    sign_in(page, site["base"], "samordnare", wait=False)
    assert page.inner_text("h1") == heading and "/app/" not in page.url
    violations = axe_violations(page)
    screenshot(page, "locked-out")
    assert violations == [], describe(violations)


def test_two_editors_of_one_activity_choose_between_their_titles(
    browser: Any, site: dict[str, Any]
) -> None:
    base = site["base"]
    load_register(site["municipality"])
    activity = Activity.objects.get(municipality=site["municipality"], title__startswith="Tyst")
    edit = base + reverse("activities:edit", args=["uppsala", activity.pk])
    detail = base + reverse("activities:detail", args=["uppsala", activity.pk])
    first, second = new_page(browser), new_page(browser)
    for page in (first, second):
        sign_in(page, base, "samordnare")
        page.goto(edit)
    first.fill("#id_title", "Tyst innerstad – deras titel")
    first.fill("#id_summary", "Deras sammanfattning")
    first.click("form.form button[type=submit]")
    first.wait_for_url(detail)

    second.fill("#id_title", "Tyst innerstad – min titel")
    second.click("form.form button[type=submit]")
    second.wait_for_selector(".conflict__choice")
    violations = axe_violations(second)
    screenshot(second, "activity-conflict-choice")
    assert violations == [], describe(violations)
    # The other's summary is already in the form; the user picks their own title.
    assert second.input_value("#id_summary") == "Deras sammanfattning"
    second.check("#behall_title_mine")
    second.click("form.form button[type=submit]")
    second.wait_for_url(detail)
    activity.refresh_from_db()
    assert (activity.title, activity.summary) == (
        "Tyst innerstad – min titel",
        "Deras sammanfattning",
    )


def test_a_forgotten_password_and_a_new_e_mail_address_in_the_browser(
    browser: Any, site: dict[str, Any]
) -> None:
    base = site["base"]
    page = new_page(browser)
    page.goto(base + reverse("accounts:login"))
    page.click("text=Glömt lösenord?")
    page.wait_for_url("**/konto/glomt-losenord/")
    page.fill("#id_email", "fel adress")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".error-summary")
    results = {"password-reset-errors": axe_violations(page)}
    page.fill("#id_email", "samordnare@example.se")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/glomt-losenord/skickat/")
    results["password-reset-done"] = axe_violations(page)
    [message] = mail.outbox
    link = re.search(r"https?://\S+?(/konto/aterstall/\S+/)", message.body).group(1)
    page.goto(base + link)
    page.wait_for_selector("#id_new_password1")
    results["password-reset-confirm"] = axe_violations(page)
    screenshot(page, "password-reset-confirm")
    page.fill("#id_new_password1", "ett-nytt-eget-losen-42")
    page.fill("#id_new_password2", "ett-nytt-eget-losen-42")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/aterstall/klart/")
    results["password-reset-complete"] = axe_violations(page)
    sign_in(page, base, "samordnare", "ett-nytt-eget-losen-42")

    page.click("text=Mitt konto")
    page.wait_for_url("**/konto/")
    assert "Lösenordet återställdes via e-post" in page.inner_text("main")
    page.fill("#id_email", "ny.samordnare@uppsala.se")
    page.fill("#id_password", "ett-nytt-eget-losen-42")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".message")
    results["account"] = axe_violations(page)
    screenshot(page, "account")
    confirm = re.search(r"https?://\S+?(/konto/e-post/\S+/)", mail.outbox[1].body).group(1)
    page.goto(base + confirm)
    results["email-confirm"] = axe_violations(page)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/konto/")
    assert "ny.samordnare@uppsala.se" in page.inner_text(".facts")
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures
