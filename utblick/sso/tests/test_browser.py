"""Sign-in through the organisation's provider in a real headless Chromium, with axe-core.

The provider (oidc-provider-mock) runs on loopback; its own sign-in page is driven
like a person would. Screenshots are saved under test-artifacts/screenshots/.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from utblick.accounts.models import Membership
from utblick.core.tenancy import Role
from utblick.funding.services import funding_sources_ensure
from utblick.sso.tests.conftest import Provider, configure_sso
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.fixtures import load_shipped, make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
]


@pytest.fixture
def site(live_server: Any, settings: Any, oidc_provider: Provider) -> dict[str, Any]:
    settings.SITE_URL = live_server.url  # the redirect URI the provider sends the answer to
    funding_sources_ensure()
    uppsala = load_shipped("uppsala")
    make_member(uppsala, "samordnare", Role.COORDINATOR)
    return {"base": live_server.url, "municipality": uppsala}


def sign_in_at_provider(page: Any, base: str, email: str, sub: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_sso_email", email)
    page.click(".sso-login button[type=submit]")
    page.wait_for_selector("input[name=sub]")  # the provider's own page
    page.fill("input[name=sub]", sub)
    page.click("button:has-text('Authorize')")


def test_signing_in_through_the_provider_opens_the_municipality_with_the_mapped_role(
    browser: Any, site: dict[str, Any], oidc_provider: Provider
) -> None:
    base, uppsala = site["base"], site["municipality"]
    configure_sso(uppsala, oidc_provider)
    oidc_provider.add_user(
        "sara-1", email="sara@uppsala.se", given_name="Sara", groups=["utblick-samordnare"]
    )
    page = new_page(browser)
    page.goto(base + reverse("accounts:login"))
    results = {"login-with-sso": axe_violations(page)}
    screenshot(page, "sso-login")
    sign_in_at_provider(page, base, "sara@uppsala.se", "sara-1")
    page.wait_for_url(f"**{reverse('dashboard:start', args=[uppsala.slug])}")
    screenshot(page, "sso-signed-in")
    membership = Membership.objects.get(user__email="sara@uppsala.se")
    assert (membership.municipality, membership.role) == (uppsala, Role.COORDINATOR)
    # As coordinator she reaches the coordinator-only settings page.
    page.goto(base + reverse("sso:settings", args=[uppsala.slug]))
    assert page.locator("h1").inner_text() == "Inloggning via organisationens konto"
    results["sso-settings"] = axe_violations(page)
    screenshot(page, "sso-settings")
    page.fill("#id_client_id", "")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".error-summary")
    results["sso-settings-errors"] = axe_violations(page)
    screenshot(page, "sso-settings-errors")
    start = new_page(browser)
    start.goto(base + reverse("sso:start"))
    start.click("form.form button[type=submit]")
    start.wait_for_selector(".error-summary")
    results["sso-start-errors"] = axe_violations(start)
    screenshot(start, "sso-start-errors")
    failures = {name: describe(v) for name, v in results.items() if v}
    assert failures == {}, failures


def test_require_sso_refuses_the_local_password_in_the_browser(
    browser: Any, site: dict[str, Any], oidc_provider: Provider
) -> None:
    base, uppsala = site["base"], site["municipality"]
    configure_sso(uppsala, oidc_provider, require_sso=True)
    page = new_page(browser)
    sign_in(page, base, "samordnare", wait=False)
    page.wait_for_selector(".error-summary")
    assert "kräver inloggning via organisationens konto" in page.inner_text(".error-summary")
    assert "/konto/logga-in/" in page.url
    violations = axe_violations(page)
    screenshot(page, "sso-required-refuses-password")
    assert violations == [], describe(violations)
    # The same person through the organisation's account gets in (matched by address).
    get_user_model().objects.filter(username="samordnare").update(email="samordnare@uppsala.se")
    oidc_provider.add_user("samordnare-1", email="samordnare@uppsala.se")
    sign_in_at_provider(page, base, "samordnare@uppsala.se", "samordnare-1")
    page.wait_for_url(f"**{reverse('dashboard:start', args=[uppsala.slug])}")
    # Her groups map to reader, but the last coordinator is never demoted by a sign-in.
    assert Membership.objects.get(user__username="samordnare").role == Role.COORDINATOR
