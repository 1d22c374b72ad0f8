"""The compare page: a draft against the version in force, and any two versions."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
import tomli_w
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.core.tenancy import Role
from utblick.demo.services import shipped_policy_file
from utblick.policies.services import policy_file_load
from utblick.testing.browser import axe_violations, describe, new_page, screenshot, sign_in
from utblick.testing.fixtures import client_for, load_shipped, make_member


def load_draft(municipality_slug: str = "uppsala") -> None:
    data = tomllib.loads(shipped_policy_file(municipality_slug).decode())
    policy = data["policy"]
    policy["status"] = "draft"
    policy["title"] = "Policy för internationellt arbete 2027"
    policy["focus_areas"][0]["description"] += " Med fokus på Norden."
    policy["focus_areas"].append({"key": "nordiskt", "name": "Nordiskt samarbete"})
    removed = policy["focus_areas"].pop(1)["key"]
    for goal in policy.get("goals", []):
        if goal.get("focus_area") == removed:
            goal.pop("focus_area")
    policy_file_load(data=tomli_w.dumps(data), filename="utkast.toml", user=None)


@pytest.mark.django_db
def test_a_draft_is_compared_with_the_version_in_force(
    personas: dict[str, Any], uppsala: Any
) -> None:
    load_draft()
    client = client_for(personas["reader"])
    versions = BeautifulSoup(
        client.get(reverse("policies:versions", args=["uppsala"])).content, "html.parser"
    )
    link = versions.select_one("a[href$='/jamfor/']")
    assert link["href"] == reverse("policies:compare", args=["uppsala", 2])
    response = client.get(link["href"])
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    text = html.select_one("main").get_text(" ")
    assert "Tillagt" in text and "Borttaget" in text and "Ändrat" in text
    assert "Nordiskt samarbete" in text
    inserted = [i.get_text() for i in html.select("ins")]
    assert any("Norden." in t for t in inserted)
    assert any("2027" in t for t in inserted)
    # Any two versions: version 1 against version 2 is the reverse.
    back = client.get(reverse("policies:compare", args=["uppsala", 1]) + "?med=2")
    assert (
        "Nordiskt samarbete"
        in BeautifulSoup(back.content, "html.parser").select_one("main").get_text()
    )
    # A number that is not a version: 404, never a 500.
    assert (
        client.get(reverse("policies:compare", args=["uppsala", 1]) + "?med=99").status_code == 404
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_compare_page_in_chromium(browser: Any, live_server: Any) -> None:
    uppsala = load_shipped("uppsala")
    make_member(uppsala, "samordnare", Role.COORDINATOR)
    load_draft()
    page = new_page(browser)
    sign_in(page, live_server.url, "samordnare")
    page.goto(live_server.url + reverse("policies:version", args=["uppsala", 2]))
    page.click("text=Jämför med gällande")
    page.wait_for_selector(".policy-diff")
    assert "Nordiskt samarbete" in page.inner_text("main")
    results = {"compare": axe_violations(page)}
    screenshot(page, "policy-compare")
    page.goto(live_server.url + reverse("policies:versions", args=["uppsala"]))
    results["versions"] = axe_violations(page)
    for name, violations in results.items():
        assert violations == [], f"{name}: {describe(violations)}"
