"""The interactive API docs: Swagger UI from our own static files, never a CDN."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from utblick.activities.filters import SORTS
from utblick.api.schemas import ActivityFilters
from utblick.core.tenancy import Role
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.fixtures import make_member

DOCS = "/api/v1/docs"


@pytest.mark.django_db
def test_the_docs_page_refers_only_to_local_files() -> None:
    response = Client().get(DOCS)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "sv"
    addresses = [t.get("src") or t.get("href") for t in soup.select("script[src], link[href]")]
    assert any(a.endswith("swagger-ui-bundle.js") for a in addresses)
    for address in addresses:
        assert not urlparse(address).netloc, address  # same origin: no CDN
    assert not re.search(r"cdn\.|unpkg|jsdelivr", response.content.decode())
    assert '"url": "/api/v1/openapi.json"' in soup.select_one("#swagger-settings").string


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_docs_load_in_chromium_without_leaving_the_site(browser: Any, live_server: Any) -> None:
    origin = urlparse(live_server.url).netloc
    # The page's own CSP applies here (no bypass): anything it blocks shows as a console error.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + DOCS)
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/{municipality}/activities" in p.replace("\u200b", "") for p in paths)
    outside = [
        u
        for u in requests
        if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != origin
    ]
    assert outside == []
    assert any(u.endswith("/api/v1/openapi.json") for u in requests)
    assert not [e for e in errors if "Content Security Policy" in e], errors
    context.close()

    axe_page = new_page(browser)
    axe_page.goto(live_server.url + DOCS)
    axe_page.wait_for_selector(".opblock-summary-path")
    violations = axe_violations(axe_page)
    screenshot(axe_page, "api-docs")
    assert violations == [], describe(violations)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_tokens_page_creates_a_read_only_key_with_an_expiry(
    browser: Any, live_server: Any
) -> None:
    from utblick.testing.fixtures import load_shipped

    uppsala = load_shipped("uppsala")
    make_member(uppsala, "samordnare", Role.COORDINATOR)
    page = new_page(browser)
    sign_in(page, live_server.url, "samordnare")
    page.goto(live_server.url + "/konto/api-nycklar/")
    page.fill("#id_name", "Rapportverktyget")
    page.check("input[name=scope][value=read]")
    page.check("input[name=validity][value=date]")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".error-summary")
    results = {"tokens-error": axe_violations(page)}
    assert "Ange sista giltiga dag" in page.inner_text(".error-summary")
    page.fill("#id_expires_on", "2099-12-31")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.check("input[name=validity][value='30']")
    page.fill("#id_expires_on", "")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".password code")
    table = page.inner_text("table")
    assert "Rapportverktyget" in table and "Läsa" in table
    results["tokens-created"] = axe_violations(page)
    screenshot(page, "api-tokens")
    assert page.locator("a[href='/api/v1/docs']").count() == 1
    for name, violations in results.items():
        assert violations == [], f"{name}: {describe(violations)}"


def test_the_documented_sort_keys_are_the_register_s() -> None:
    described = ActivityFilters.model_fields["sortera"].description or ""
    keys = re.findall(r"-?[a-z]+", described.split(":", 1)[1].split("(")[0])
    assert keys == list(SORTS)
