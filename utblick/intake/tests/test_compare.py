"""A draft under review compared with the version in force (issue 19: policy diff)."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.core.tenancy import Role
from utblick.intake.models import Decision, PolicyIntake
from utblick.intake.selectors import intake_policy_file, intake_proposals
from utblick.intake.services import (
    intake_start_blank,
    intake_start_from_template,
    proposal_add,
    proposal_decide,
    proposal_edit,
)
from utblick.municipalities.models import Municipality
from utblick.policies.diff import draft_policy_spec, policy_draft_diff
from utblick.policies.selectors import policy_in_force
from utblick.testing.fixtures import client_for, load_shipped, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def kungalv(db: Any) -> Municipality:
    return load_shipped("kungalv")


@pytest.fixture
def coordinator(kungalv: Municipality) -> Any:
    return make_member(kungalv, "kungalv-samordnare", Role.COORDINATOR)


def _diff(intake: PolicyIntake) -> dict[str, list[tuple[str, str]]]:
    data, _units = intake_policy_file(intake, intake_proposals(intake), pending=True)
    sections, left_out = policy_draft_diff(
        intake.municipality, policy_in_force(intake.municipality), data["policy"]
    )
    assert left_out == 0
    return {s.name: [(i.change, i.title) for i in s.items] for s in sections}


def test_a_draft_of_the_policy_in_force_differs_only_where_the_reviewer_changed_it(
    kungalv: Municipality, coordinator: Any
) -> None:
    access = access_for(coordinator, "kungalv")
    intake = intake_start_from_template(access=access, user=coordinator, template="kungalv")
    # The draft names its items by their text, the adopted file by hand-written keys:
    # they are still the same items, so the focus areas and principles do not differ.
    before = _diff(intake)
    assert before["Fokusområden"] == [] and before["Principer och regler"] == []

    areas = [p for p in intake_proposals(intake) if p.element == "focus_area"]
    proposal_decide(
        access=access,
        proposal=areas[0],
        decision=Decision.REJECTED,
        expected_version=areas[0].row_version,
        user=coordinator,
    )
    goal = next(p for p in intake_proposals(intake) if p.element == "goal")
    new_text = goal.value["text"] + " Särskilt i Norden."
    proposal_edit(
        access=access,
        proposal=goal,
        value={**goal.value, "text": new_text},
        expected_version=goal.row_version,
        user=coordinator,
    )
    after = _diff(intake)
    assert after["Fokusområden"] == [("removed", areas[0].value["name"])]
    changed = [title for change, title in after["Mål"] if change == "changed"]
    assert new_text in changed


def test_an_empty_draft_compares_although_it_cannot_be_adopted_yet(
    kungalv: Municipality, coordinator: Any
) -> None:
    access = access_for(coordinator, "kungalv")
    intake = intake_start_blank(access=access, user=coordinator)
    assert all(
        change == "removed"
        for items in _diff(intake).values()
        for change, _t in items
        if _t != "Dokumentet"
    )
    proposal_add(
        access=access,
        intake=intake,
        element="focus_area",
        attribute="",
        value={"name": "Kunskapsutbyte i Norden", "description": ""},
        user=coordinator,
    )
    assert ("added", "Kunskapsutbyte i Norden") in _diff(intake)["Fokusområden"]


def test_a_draft_item_invalid_on_its_own_is_counted_and_left_out() -> None:
    spec, left_out = draft_policy_spec(
        {"title": "Utkast", "focus_areas": [{"key": "europa", "name": "Europa"}, {"key": "x"}]}
    )
    assert left_out == 1
    assert [a.name for a in spec.focus_areas] == ["Europa"]
    assert spec.cadence is None and spec.title == "Utkast"


def test_the_compare_page_shows_the_changes_and_is_linked_from_the_review(
    kungalv: Municipality, coordinator: Any
) -> None:
    access = access_for(coordinator, "kungalv")
    intake = intake_start_from_template(access=access, user=coordinator, template="umea")
    client = client_for(coordinator)
    review = BeautifulSoup(
        client.get(reverse("intake:review", args=["kungalv", intake.pk])).content, "html.parser"
    )
    url = reverse("intake:compare", args=["kungalv", intake.pk])
    assert review.select_one(f'a[href="{url}"]') is not None
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    main = page.select_one("main").get_text(" ", strip=True)
    assert "ändringar" in main
    assert page.select(".policy-diff__item--added") and page.select(".policy-diff__item--removed")


def test_without_a_policy_in_force_the_compare_page_says_so(db: Any) -> None:
    town = Municipality.objects.create(
        name="Nyköpings kommun", slug="nykoping", code="0480", organisation_number="212000-0217"
    )
    user = make_member(town, "nykoping-samordnare", Role.COORDINATOR)
    intake = intake_start_blank(access=access_for(user, "nykoping"), user=user)
    response = client_for(user).get(reverse("intake:compare", args=["nykoping", intake.pk]))
    assert response.status_code == 200
    assert "ingen gällande version" in response.content.decode()
