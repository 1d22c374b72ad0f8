"""The review screen beyond the happy path: edits, additions, history, closed drafts, queries."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from utblick.core.tenancy import Role
from utblick.intake.evaluate import seed_text, shipped_policy
from utblick.intake.models import Decision, IntakeProposal, IntakeStatus, PolicyIntake
from utblick.municipalities.models import Municipality
from utblick.policies.models import Policy, PolicyStatus
from utblick.testing.fixtures import client_for, finished_job, make_member

pytestmark = pytest.mark.django_db

#: Queries of the review page, whatever the number of proposals: municipality, session, user,
#: membership, the header's municipalities, intake, proposals; and two for the menu's
#: "Kom igång" (the skipped steps, and every step's facts in one query); and five for the
#: count on the menu's "Att göra" (stored periods, cadences, one count, and the policy's
#: plan duties and the policy in force, as the list reads them); and one for the version in
#: force that the draft can be compared with.
REVIEW_QUERIES = 15


def _soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _upload(user: Any, slug: str, source: str) -> PolicyIntake:
    response = client_for(user).post(
        reverse("intake:upload", args=[slug]),
        {"file": SimpleUploadedFile(f"{source}.txt", seed_text(source).encode())},
    )
    assert response.status_code == 302, response.content
    job = finished_job(client_for(user), response)
    return PolicyIntake.objects.get(pk=job.params["intake"])


@pytest.fixture
def coordinator(umea: Municipality) -> Any:
    return make_member(umea, "umea-granskare", Role.COORDINATOR)


@pytest.fixture
def intake(coordinator: Any) -> PolicyIntake:
    return _upload(coordinator, "umea", "umea")


def _url(name: str, intake: PolicyIntake, *more: Any) -> str:
    return reverse(name, args=[intake.municipality.slug, intake.pk, *more])


def test_the_document_is_beside_the_proposals_and_every_proposal_names_its_passages(
    coordinator: Any, intake: PolicyIntake
) -> None:
    soup = _soup(client_for(coordinator).get(_url("intake:review", intake)))
    document, proposals = soup.select(".intake > section")
    assert document["class"] == ["intake__document"]
    assert proposals["class"] == ["intake__proposals"]
    ids = {span["id"] for span in document.select(".passage[id]")}
    items = proposals.select("li.proposal")
    assert len(items) == intake.proposals.count()
    for item in items:
        assert item["data-passages"].split() and set(item["data-passages"].split()) <= ids
    script = soup.select_one("script[src$='intake/review.js']")
    assert script is not None and "http" not in script["src"]


def test_review_page_queries_are_bounded(
    coordinator: Any, intake: PolicyIntake, django_assert_max_num_queries: Any
) -> None:
    client = client_for(coordinator)
    url = _url("intake:review", intake)
    with django_assert_max_num_queries(REVIEW_QUERIES):
        assert client.get(url).status_code == 200
    for number in range(10):
        client.post(_url("intake:add", intake, "goal"), {"text": f"Mål {number}"})
    client.get(url)  # shows (and so uses up) the "added" messages
    with django_assert_max_num_queries(REVIEW_QUERIES):
        response = client.get(url)
    assert len(_soup(response).select("li.proposal")) == intake.proposals.count()


def test_each_decision_is_in_the_history_with_who_and_why(
    coordinator: Any, intake: PolicyIntake
) -> None:
    proposal = intake.proposals.filter(element="goal").first()
    client_for(coordinator).post(
        _url("intake:decide", intake, proposal.pk),
        {"decision": "rejected", "row_version": proposal.row_version},
    )
    record = proposal.history.latest("history_date")
    assert (record.decision, record.history_user, record.history_action) == (
        Decision.REJECTED,
        coordinator,
        "intakeproposal.decided",
    )
    assert intake.history.filter(history_action="policyintake.created").exists()


def test_edited_rejected_and_added_elements_are_what_is_adopted(
    coordinator: Any, intake: PolicyIntake
) -> None:
    client = client_for(coordinator)
    first_area = intake.proposals.filter(element="focus_area").order_by("position").first()
    client.post(
        _url("intake:decide", intake, first_area.pk),
        {"decision": "rejected", "row_version": first_area.row_version},
    )
    aid = intake.proposals.get(value__rule__id="aid-fully-external")
    response = client.post(
        _url("intake:edit", intake, aid.pk),
        {
            "text": aid.value["text"],
            "rule": "aid-fully-external",
            "severity": "warning",
            "params": "",
            "row_version": aid.row_version,
        },
    )
    assert response.status_code == 302
    response = client.post(
        _url("intake:add", intake, "focus_area"), {"name": "Klimat", "description": "Nytt"}
    )
    assert response.status_code == 302
    added = intake.proposals.get(added=True)
    assert (added.passages, added.decision) == ([], Decision.EDITED)
    review = _soup(client.get(_url("intake:review", intake)))
    assert "tillagd av granskaren" in review.select_one(f"#proposal-{added.pk}").get_text()
    assert not review.select_one(f"#proposal-{added.pk}").has_attr("data-passages")

    client.post(_url("intake:accept_all", intake))
    intake.refresh_from_db()
    response = client.post(_url("intake:adopt", intake), {"row_version": intake.row_version})
    assert response.status_code == 302
    policy = Policy.objects.get(municipality=intake.municipality, status=PolicyStatus.IN_FORCE)
    names = [f.name for f in policy.focus_areas.all()]
    assert first_area.value["name"] not in names
    assert "Klimat" in names
    assert policy.principles.get(rule_id="aid-fully-external").rule_severity == "warning"


def test_an_adopted_draft_is_closed(coordinator: Any, intake: PolicyIntake) -> None:
    client = client_for(coordinator)
    client.post(_url("intake:accept_all", intake))
    intake.refresh_from_db()
    client.post(_url("intake:adopt", intake), {"row_version": intake.row_version})
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.ADOPTED
    versions = Policy.objects.filter(municipality=intake.municipality).count()
    proposal = intake.proposals.first()
    response = client.post(
        _url("intake:decide", intake, proposal.pk),
        {"decision": "rejected", "row_version": proposal.row_version},
        follow=True,
    )
    assert "avslutad" in _soup(response).select_one(".messages").get_text()
    client.post(_url("intake:adopt", intake), {"row_version": intake.row_version})
    assert Policy.objects.filter(municipality=intake.municipality).count() == versions
    review = _soup(client.get(_url("intake:review", intake)))
    assert review.select(".proposal form") == []


def test_two_adoptions_of_one_draft_make_one_version(
    coordinator: Any, intake: PolicyIntake
) -> None:
    client = client_for(coordinator)
    client.post(_url("intake:accept_all", intake))
    intake.refresh_from_db()
    seen = intake.row_version
    versions = Policy.objects.filter(municipality=intake.municipality).count()
    assert client.post(_url("intake:adopt", intake), {"row_version": seen}).status_code == 302
    other = make_member(intake.municipality, "umea-andra", Role.COORDINATOR)
    client_for(other).post(_url("intake:adopt", intake), {"row_version": seen})
    assert Policy.objects.filter(municipality=intake.municipality).count() == versions + 1


def test_a_proposal_of_another_draft_is_not_found(coordinator: Any, intake: PolicyIntake) -> None:
    second = _upload(coordinator, "umea", "umea")
    foreign = second.proposals.first()
    response = client_for(coordinator).get(_url("intake:edit", intake, foreign.pk))
    assert response.status_code == 404


def test_a_municipality_without_a_policy_adopts_its_first_version(db: Any) -> None:
    spec = shipped_policy("upplands-bro").municipality
    municipality = Municipality.objects.create(
        name=spec.name,
        slug=spec.slug,
        code=spec.code,
        organisation_number=spec.organisation_number,
    )
    user = make_member(municipality, "ny-samordnare", Role.COORDINATOR)
    intake = _upload(user, spec.slug, "upplands-bro")
    client = client_for(user)
    client.post(_url("intake:accept_all", intake))
    intake.refresh_from_db()
    response = client.post(_url("intake:adopt", intake), {"row_version": intake.row_version})
    assert response.status_code == 302, _soup(response).select_one(".error-summary")
    policy = Policy.objects.get(municipality=municipality)
    assert (policy.number, policy.status) == (1, PolicyStatus.IN_FORCE)
    shipped = shipped_policy("upplands-bro").policy
    assert [f.name for f in policy.focus_areas.all()] == [f.name for f in shipped.focus_areas]
    assert policy.documents.get().title == "upplands-bro.txt"


def test_discarding_keeps_the_upload_read_only(coordinator: Any, intake: PolicyIntake) -> None:
    client = client_for(coordinator)
    response = client.post(_url("intake:discard", intake), {"row_version": intake.row_version})
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.DISCARDED
    assert IntakeProposal.objects.filter(intake=intake).exists()
    assert client.get(_url("intake:document", intake)).status_code == 200


def test_only_coordinators_are_offered_intake_on_the_policy_page(
    coordinator: Any, umea: Municipality
) -> None:
    link = f"a[href='{reverse('intake:upload', args=['umea'])}']"
    page = client_for(coordinator).get(reverse("policies:current", args=["umea"]))
    assert _soup(page).select_one(link) is not None
    reader = make_member(umea, "umea-lasare", Role.READER)
    page = client_for(reader).get(reverse("policies:current", args=["umea"]))
    assert _soup(page).select_one(link) is None
