"""Drafting the policy in the browser without a document: from a template, or filled in by hand."""

from __future__ import annotations

import json
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.core.tenancy import Role
from utblick.intake.models import Decision, DraftOrigin, IntakeStatus, PolicyIntake
from utblick.intake.services import (
    IntakeInvalid,
    intake_accept_pending,
    intake_adopt,
    intake_start_blank,
    intake_start_from_template,
    proposal_add,
    proposal_remove,
)
from utblick.intake.starters import SHIPPED, starter_list
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.models import Policy, PolicyDocument, PolicyStatus
from utblick.testing.fixtures import client_for, make_member

pytestmark = pytest.mark.django_db


def new_municipality() -> Municipality:
    """A municipality just created: no units, no policy, no members but the one the test adds."""
    return Municipality.objects.create(
        name="Nyköpings kommun", slug="nykoping", code="0480", organisation_number="212000-0217"
    )


@pytest.fixture
def nykoping(db: Any) -> Municipality:
    return new_municipality()


@pytest.fixture
def coordinator(nykoping: Municipality) -> Any:
    return make_member(nykoping, "nykoping-samordnare", Role.COORDINATOR)


def _fill_required(intake: PolicyIntake, user: Any, *, focus_area: bool = True) -> None:
    access = access_for(user, intake.municipality.slug)
    facts = {
        "kind": "policy",
        "title": "Internationell policy för Nyköpings kommun",
        "adopted_by": {"kind": "council", "name": "Kommunfullmäktige"},
        "decided_on": "2026-11-30",
    }
    for attribute, value in facts.items():
        proposal_add(
            access=access,
            intake=intake,
            element="metadata",
            attribute=attribute,
            value={"value": value},
            user=user,
        )
    if focus_area:
        proposal_add(
            access=access,
            intake=intake,
            element="focus_area",
            attribute="",
            value={"name": "Europa", "description": ""},
            user=user,
        )
    proposal_add(
        access=access,
        intake=intake,
        element="cadence",
        attribute="",
        value={"kind": "yearly", "report_to": [], "text": "", "periods": []},
        user=user,
    )


# --- templates -------------------------------------------------------------------------------


def test_the_shipped_policies_are_offered_by_title_municipality_and_kind() -> None:
    starters = starter_list()
    assert [s.slug for s in starters] == list(SHIPPED)
    umea = next(s for s in starters if s.slug == "umea")
    assert umea.municipality == "Umeå kommun"
    assert umea.kind  # "Program", "Policy" …
    assert umea.focus_areas >= 1


@pytest.mark.parametrize("slug", SHIPPED)
def test_a_template_draft_leaves_out_what_belonged_to_the_other_municipality(
    coordinator: Any, nykoping: Municipality, slug: str
) -> None:
    intake = intake_start_from_template(
        access=access_for(coordinator, "nykoping"), user=coordinator, template=slug
    )
    proposals = list(intake.proposals.all())
    assert intake.origin == DraftOrigin.TEMPLATE and not intake.has_document
    assert intake.original_name == "" and intake.text == ""
    facts = {p.attribute for p in proposals if p.element == "metadata"}
    assert facts.isdisjoint(
        {"title", "adopted_by", "decided_on", "registry_number", "decision_reference", "owner"}
    )
    other = next(s for s in starter_list() if s.slug == slug).municipality
    stem = other.removesuffix(" kommun").rstrip("s")
    text = json.dumps([p.value for p in proposals], ensure_ascii=False)
    assert stem not in text
    # The substance stays, to review: focus areas, principles with their rules, a cadence.
    elements = [p.element for p in proposals]
    assert elements.count("focus_area") >= 1 and elements.count("cadence") == 1
    assert any(p.value.get("rule") for p in proposals if p.element == "principle")
    assert {p.decision for p in proposals} == {Decision.PENDING}
    # Only the bodies every municipality has are named; the other's committees are not.
    for p in proposals:
        for ref in [p.value.get("body"), *p.value.get("report_to", [])]:
            assert ref is None or ref["kind"] in ("council", "executive_board")


def test_a_template_draft_is_adopted_once_the_facts_are_given_and_adds_the_bodies(
    coordinator: Any, nykoping: Municipality
) -> None:
    access = access_for(coordinator, "nykoping")
    intake = intake_start_from_template(access=access, user=coordinator, template="umea")
    with pytest.raises(IntakeInvalid) as invalid:
        intake_adopt(access=access, intake=intake, expected_version=None, user=coordinator)
    assert any("inte granskade" in p for p in invalid.value.problems)
    intake_accept_pending(access=access, intake=intake, user=coordinator)
    _fill_required(intake, coordinator, focus_area=False)
    policy = intake_adopt(access=access, intake=intake, expected_version=None, user=coordinator)
    assert policy.status == PolicyStatus.IN_FORCE
    assert policy.title == "Internationell policy för Nyköpings kommun"
    assert policy.adopted_by.name == "Kommunfullmäktige"
    assert policy.focus_areas.count() >= 1
    assert not PolicyDocument.objects.filter(policy=policy).exists()
    kinds = set(Unit.objects.filter(municipality=nykoping).values_list("kind", flat=True))
    assert "council" in kinds


# --- the empty draft -------------------------------------------------------------------------


def test_an_empty_draft_says_in_swedish_what_it_lacks_and_adopts_when_it_has_it(
    coordinator: Any, nykoping: Municipality
) -> None:
    access = access_for(coordinator, "nykoping")
    intake = intake_start_blank(access=access, user=coordinator)
    assert intake.origin == DraftOrigin.BLANK and intake.proposals.count() == 0
    with pytest.raises(IntakeInvalid) as invalid:
        intake_adopt(access=access, intake=intake, expected_version=None, user=coordinator)
    assert invalid.value.problems == [
        "Utkastet saknar dokumenttyp, titel, vem som antog dokumentet, beslutsdatum, "
        "minst en inriktning, uppföljningsrytm."
    ]
    assert not Policy.objects.filter(municipality=nykoping).exists()
    assert not Unit.objects.filter(municipality=nykoping).exists()

    _fill_required(intake, coordinator)
    intake.refresh_from_db()
    policy = intake_adopt(
        access=access, intake=intake, expected_version=intake.row_version, user=coordinator
    )
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.ADOPTED and intake.policy == policy
    assert policy.status == PolicyStatus.IN_FORCE and policy.cadence_kind == "yearly"
    # The body named as the one that decided is created: the municipality had no units.
    [unit] = Unit.objects.filter(municipality=nykoping)
    assert (unit.key, unit.name, unit.kind) == ("kf", "Kommunfullmäktige", "council")
    assert policy.adopted_by == unit


def test_a_municipality_without_code_cannot_adopt_and_is_told_why(db: Any) -> None:
    bare = Municipality.objects.create(
        name="Testby kommun", slug="testby", code="", organisation_number=""
    )
    user = make_member(bare, "testby-samordnare", Role.COORDINATOR)
    access = access_for(user, "testby")
    intake = intake_start_blank(access=access, user=user)
    _fill_required(intake, user)
    with pytest.raises(IntakeInvalid) as invalid:
        intake_adopt(access=access, intake=intake, expected_version=None, user=user)
    assert "saknar kommunkod eller organisationsnummer" in invalid.value.problems[0]


def test_what_the_coordinator_added_can_be_removed_a_proposal_only_rejected(
    coordinator: Any, nykoping: Municipality
) -> None:
    access = access_for(coordinator, "nykoping")
    intake = intake_start_blank(access=access, user=coordinator)
    added = proposal_add(
        access=access,
        intake=intake,
        element="goal",
        attribute="",
        value={"text": "Fler utbyten"},
        user=coordinator,
    )
    proposal_remove(access=access, proposal=added, expected_version=None, user=coordinator)
    assert intake.proposals.count() == 0
    template = intake_start_from_template(access=access, user=coordinator, template="umea")
    proposed = template.proposals.first()
    with pytest.raises(ValueError, match="avvisa"):
        proposal_remove(access=access, proposal=proposed, expected_version=None, user=coordinator)


# --- views -----------------------------------------------------------------------------------


def _soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_the_start_page_offers_three_ways_and_says_there_are_no_drafts(coordinator: Any) -> None:
    response = client_for(coordinator).get(reverse("intake:upload", args=["nykoping"]))
    assert response.status_code == 200
    soup = _soup(response)
    assert [h.get("id") for h in soup.select("main h2")][:3] == ["ladda-upp", "mall", "fyll-i"]
    labels = [label.get_text(" ", strip=True) for label in soup.select("#mall ~ form label")]
    assert any("Umeå kommun" in label for label in labels)
    assert not soup.select("table")
    assert "Inga utkast ännu" in soup.get_text()


def test_starting_from_a_template_and_from_nothing(coordinator: Any) -> None:
    client = client_for(coordinator)
    missing = client.post(reverse("intake:start_template", args=["nykoping"]), {})
    assert missing.status_code == 400
    assert "Välj en mall" in _soup(missing).select_one(".error-summary").get_text()
    made = client.post(reverse("intake:start_template", args=["nykoping"]), {"template": "kungalv"})
    assert made.status_code == 302
    blank = client.post(reverse("intake:start_blank", args=["nykoping"]))
    intake = PolicyIntake.objects.get(origin=DraftOrigin.BLANK)
    assert blank["Location"] == intake.get_absolute_url()
    page = _soup(client.get(blank["Location"]))
    assert not page.select(".intake__document")
    assert not page.select(f"a[href='{reverse('intake:document', args=['nykoping', intake.pk])}']")
    required = [li.get_text(" ", strip=True) for li in page.select(".requirements li")]
    assert len(required) == 6 and all("Saknas" in r for r in required)
    assert page.select_one(".requirements a")["href"] == reverse(
        "intake:add", args=["nykoping", intake.pk, "metadata-kind"]
    )
    assert client.get(reverse("intake:document", args=["nykoping", intake.pk])).status_code == 404
    # The adoption page says what is missing, and offers no button.
    adopt = _soup(client.get(reverse("intake:adopt", args=["nykoping", intake.pk])))
    assert "titel" in adopt.select_one(".error-summary").get_text()
    assert not adopt.select("main form button[type=submit]")


def test_adopting_the_decision_body_of_a_new_municipality_offers_the_standard_bodies(
    coordinator: Any,
) -> None:
    client = client_for(coordinator)
    client.post(reverse("intake:start_blank", args=["nykoping"]))
    intake = PolicyIntake.objects.get()
    url = reverse("intake:add", args=["nykoping", intake.pk, "metadata-adopted_by"])
    options = [o["value"] for o in _soup(client.get(url)).select("select option")]
    assert "council|Kommunfullmäktige" in options
    assert client.post(url, {"value": "council|Kommunfullmäktige"}).status_code == 302


def test_the_new_urls_are_for_the_coordinator_and_404_for_another_municipality(
    coordinator: Any, nykoping: Municipality, umea: Municipality
) -> None:
    access = access_for(coordinator, "nykoping")
    intake = intake_start_blank(access=access, user=coordinator)
    added = proposal_add(
        access=access,
        intake=intake,
        element="goal",
        attribute="",
        value={"text": "Fler utbyten"},
        user=coordinator,
    )
    posts = [
        reverse("intake:start_template", args=["nykoping"]),
        reverse("intake:start_blank", args=["nykoping"]),
        reverse("intake:remove", args=["nykoping", intake.pk, added.pk]),
    ]
    gets = [
        reverse("intake:review", args=["nykoping", intake.pk]),
        reverse("intake:add", args=["nykoping", intake.pk, "focus_area"]),
        reverse("intake:adopt", args=["nykoping", intake.pk]),
    ]
    editor = make_member(nykoping, "nykoping-redaktor", Role.EDITOR)
    reader = make_member(nykoping, "nykoping-lasare", Role.READER)
    outsider = make_member(umea, "umea-samordnare", Role.COORDINATOR)
    for user in (editor, reader):
        client = client_for(user)
        assert [client.post(url).status_code for url in posts] == [403] * len(posts)
        assert [client.get(url).status_code for url in gets] == [403] * len(gets)
    client = client_for(outsider)
    assert [client.post(url).status_code for url in posts] == [404] * len(posts)
    assert [client.get(url).status_code for url in gets] == [404] * len(gets)
    # Nor through the outsider's own municipality's address: the draft is not theirs.
    for name, extra in (("intake:review", ()), ("intake:remove", (added.pk,))):
        url = reverse(name, args=["umea", intake.pk, *extra])
        response = client.post(url) if name == "intake:remove" else client.get(url)
        assert response.status_code == 404
    assert PolicyIntake.objects.count() == 1 and intake.proposals.count() == 1


# --- empty states ----------------------------------------------------------------------------


def test_the_pages_of_a_municipality_without_a_policy_say_what_to_do_next(
    coordinator: Any, nykoping: Municipality
) -> None:
    client = client_for(coordinator)
    start = reverse("intake:upload", args=["nykoping"])
    policy = _soup(client.get(reverse("policies:current", args=["nykoping"])))
    links = [a["href"] for a in policy.select("main .start-ways a")]
    assert links == [f"{start}#ladda-upp", f"{start}#mall", f"{start}#fyll-i"]
    assert policy.select_one("main a[href$='/las-in/']")  # the policy file, second
    versions = _soup(client.get(reverse("policies:versions", args=["nykoping"])))
    assert not versions.select("table") and versions.select_one(f"main a[href='{start}']")
    compliance = _soup(client.get(reverse("compliance:page", args=["nykoping"])))
    text = compliance.select_one("main").get_text(" ", strip=True)
    assert "Principerna i  " not in text and "ingen antagen policy" in text
    assert not compliance.select("main table") and not compliance.select("main dl.figures")
    assert compliance.select_one(f"main a[href='{start}']")
    reader = make_member(nykoping, "nykoping-lasare", Role.READER)
    as_reader = _soup(client_for(reader).get(reverse("policies:current", args=["nykoping"])))
    assert "samordnare" in as_reader.select_one("main").get_text()


# --- the principle's rule and its settings ---------------------------------------------------


def test_choosing_a_rule_draws_its_settings_with_defaults_before_saving(coordinator: Any) -> None:
    client = client_for(coordinator)
    client.post(reverse("intake:start_blank", args=["nykoping"]))
    intake = PolicyIntake.objects.get()
    url = reverse("intake:add", args=["nykoping", intake.pk, "principle"])
    first = client.get(url)
    assert not _soup(first).select("[name^='review-interval__']")
    data = {"text": "Avtal omprövas.", "rule": "review-interval", "severity": "warning"}
    drawn = client.post(url, {**data, "params_for": ""})
    soup = _soup(drawn)
    assert "Kontrollera dem" in soup.select_one(".error-summary").get_text()
    assert soup.select_one("#id_review-interval__months")["value"] == "24"
    checked = [i["value"] for i in soup.select("[name='review-interval__kinds'][checked]")]
    assert checked == ["twin_city", "partnership", "network"]
    assert intake.proposals.count() == 0
    wrong = client.post(
        url, {**data, "params_for": "review-interval", "review-interval__months": "500"}
    )
    assert "mindre än eller lika med 120" in _soup(wrong).select_one(".error-summary").get_text()
    saved = client.post(
        url,
        {
            **data,
            "params_for": "review-interval",
            "review-interval__months": "36",
            "review-interval__kinds": ["network"],
        },
    )
    assert saved.status_code == 302
    rule = intake.proposals.get().value["rule"]
    assert rule == {
        "id": "review-interval",
        "severity": "warning",
        "params": {"months": 36, "kinds": ["network"]},
    }
    # Changing it again shows the saved settings, not the defaults.
    edit = reverse("intake:edit", args=["nykoping", intake.pk, intake.proposals.get().pk])
    again = _soup(client.get(edit))
    assert again.select_one("#id_review-interval__months")["value"] == "36"
    assert again.select_one("[name=params_for]")["value"] == "review-interval"
