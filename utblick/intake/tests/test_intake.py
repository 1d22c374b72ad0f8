"""Policy intake through the web: upload, review each proposal, adopt as a version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utblick.core.tenancy import Role
from utblick.intake.evaluate import seed_text, shipped_policy
from utblick.intake.models import Decision, IntakeProposal, IntakeStatus, PolicyIntake
from utblick.municipalities.models import Municipality
from utblick.policies.models import Policy, PolicyDocument, PolicyStatus
from utblick.testing.fixtures import client_for, finished_job, make_member

pytestmark = pytest.mark.django_db


def _upload(client: Any, slug: str, name: str, data: bytes) -> Any:
    """Upload as the page does; once its job has drafted it, the answer leads to the review."""
    response = client.post(
        reverse("intake:upload", args=[slug]),
        {"file": SimpleUploadedFile(name, data)},
        follow=False,
    )
    if response.status_code == 302:
        job = finished_job(client, response)
        assert job.state == "done", job.error
        response["Location"] = job.result_url
    return response


def _soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def coordinator(umea: Municipality) -> Any:
    return make_member(umea, "umea-ny", Role.COORDINATOR)


@pytest.fixture
def intake(coordinator: Any) -> PolicyIntake:
    response = _upload(client_for(coordinator), "umea", "program.txt", seed_text("umea").encode())
    assert response.status_code == 302
    return PolicyIntake.objects.get()


def test_upload_proposes_a_draft_and_every_proposal_links_to_its_passage(
    coordinator: Any, intake: PolicyIntake
) -> None:
    assert intake.status == IntakeStatus.REVIEWING
    assert intake.proposals.count() > 30
    response = client_for(coordinator).get(reverse("intake:review", args=["umea", intake.pk]))
    assert response.status_code == 200
    soup = _soup(response)
    passages = {el["id"] for el in soup.select(".doc .passage[id]")}
    links = [a["href"].lstrip("#") for a in soup.select(".proposal .source a")]
    assert links and set(links) <= passages
    # The passage is the text the proposal came from.
    principle = intake.proposals.get(value__text__startswith="Umeå kommun kan engagera sig")
    (anchor, _section), *_ = principle.anchors
    assert soup.select_one(f"#{anchor}").get_text().startswith("Umeå kommun kan engagera sig")
    assert principle.value["rule"]["id"] == "aid-fully-external"


def test_accept_reject_and_undo_in_place(coordinator: Any, intake: PolicyIntake) -> None:
    client = client_for(coordinator)
    proposal = intake.proposals.filter(element="goal").first()
    url = reverse("intake:decide", args=["umea", intake.pk, proposal.pk])
    response = client.post(
        url, {"decision": "rejected", "row_version": proposal.row_version}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    soup = _soup(response)
    assert soup.select_one(f"#proposal-{proposal.pk}")["class"] == [
        "proposal",
        "proposal--rejected",
    ]
    assert soup.select_one("#intake-progress[hx-swap-oob]") is not None
    proposal.refresh_from_db()
    assert proposal.decision == Decision.REJECTED
    response = client.post(url, {"decision": "accepted", "row_version": proposal.row_version})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.decision == Decision.ACCEPTED


def test_a_stale_decision_is_a_conflict_not_an_overwrite(
    coordinator: Any, intake: PolicyIntake
) -> None:
    other = make_member(intake.municipality, "umea-annan", Role.COORDINATOR)
    proposal = intake.proposals.filter(element="principle").first()
    seen = proposal.row_version
    url = reverse("intake:decide", args=["umea", intake.pk, proposal.pk])
    assert (
        client_for(other).post(url, {"decision": "rejected", "row_version": seen}).status_code
        == 302
    )
    response = client_for(coordinator).post(
        url, {"decision": "accepted", "row_version": seen}, HTTP_HX_REQUEST="true"
    )
    assert "Någon annan har granskat förslaget" in _soup(response).select_one(".field__error").text
    proposal.refresh_from_db()
    assert proposal.decision == Decision.REJECTED


def test_editing_with_a_stale_version_keeps_the_other_persons_change(
    coordinator: Any, intake: PolicyIntake
) -> None:
    proposal = intake.proposals.filter(element="focus_area").first()
    url = reverse("intake:edit", args=["umea", intake.pk, proposal.pk])
    seen = proposal.row_version
    client = client_for(coordinator)
    first = client.post(url, {"name": "Först", "description": "", "row_version": seen})
    assert first.status_code == 302
    second = client.post(url, {"name": "Sedan", "description": "", "row_version": seen})
    assert second.status_code == 200
    assert _soup(second).select_one(".error-summary") is not None
    proposal.refresh_from_db()
    assert proposal.value["name"] == "Först"
    assert proposal.decision == Decision.EDITED


def test_nothing_is_adopted_before_every_proposal_is_decided(
    coordinator: Any, intake: PolicyIntake
) -> None:
    client = client_for(coordinator)
    before = Policy.objects.count()
    url = reverse("intake:adopt", args=["umea", intake.pk])
    page = client.get(url)
    assert "inte granskade" in _soup(page).select_one(".error-summary").text
    assert _soup(page).select_one("main form.form button[type=submit]") is None
    response = client.post(url, {"row_version": intake.row_version})
    assert response.status_code == 400
    assert Policy.objects.count() == before
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.REVIEWING


def test_done_when_umea_adopts_what_the_shipped_file_says(
    coordinator: Any, intake: PolicyIntake
) -> None:
    """As a new Umeå coordinator: upload the programme, review, adopt — as the shipped file."""
    client = client_for(coordinator)
    previous = Policy.objects.get(municipality=intake.municipality, status=PolicyStatus.IN_FORCE)
    response = client.post(reverse("intake:accept_all", args=["umea", intake.pk]))
    assert response.status_code == 302
    assert not intake.proposals.filter(decision=Decision.PENDING).exists()
    confirm = client.get(reverse("intake:adopt", args=["umea", intake.pk]))
    assert _soup(confirm).select_one(".error-summary") is None
    intake.refresh_from_db()
    response = client.post(
        reverse("intake:adopt", args=["umea", intake.pk]), {"row_version": intake.row_version}
    )
    assert response.status_code == 302
    policy = Policy.objects.get(municipality=intake.municipality, status=PolicyStatus.IN_FORCE)
    assert policy.pk != previous.pk
    assert response["Location"] == reverse("policies:version", args=["umea", policy.number])
    previous.refresh_from_db()
    assert previous.status == PolicyStatus.REPLACED

    shipped = shipped_policy("umea").policy
    assert [f.name for f in policy.focus_areas.all()] == [f.name for f in shipped.focus_areas]
    adopted_principles = sorted(
        (p.text, p.rule_id, p.rule_severity, p.rule_params) for p in policy.principles.all()
    )
    shipped_principles = sorted(
        (
            p.text,
            p.rule.id if p.rule else "",
            p.rule.severity if p.rule else "",
            p.rule.params if p.rule else {},
        )
        for p in shipped.principles
    )
    assert adopted_principles == shipped_principles
    assert policy.cadence_kind == shipped.cadence.kind
    assert [r.unit.key for r in policy.report_to.all()] == shipped.cadence.report_to
    assert (policy.title, policy.registry_number, policy.version_label, policy.revision_rule) == (
        shipped.title,
        shipped.registry_number,
        shipped.version,
        shipped.revision,
    )
    document = PolicyDocument.objects.get(policy=policy)
    assert document.sha256 == intake.sha256
    assert document.file.read() == seed_text("umea").encode()
    intake.refresh_from_db()
    assert (intake.status, intake.policy) == (IntakeStatus.ADOPTED, policy)
    # The policy page offers the attached document.
    page = client.get(reverse("policies:version", args=["umea", policy.number]))
    link = _soup(page).select_one(
        f"a[href='{reverse('policies:document', args=['umea', policy.number, document.pk])}']"
    )
    assert link is not None
    download = client.get(link["href"])
    assert b"".join(download.streaming_content) == seed_text("umea").encode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tom.txt", b"", "tom"),
        ("bild.txt", bytes(range(256)) * 40, "binär"),
        ("gammal.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
        (
            "skyddad.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            "lösenordsskyddat",
        ),
        ("trasig.pdf", b"%PDF-1.7\n1 0 obj <<>> garbage", "PDF"),
        ("trasig.docx", b"PK\x03\x04 not really a zip", "skadad"),
        ("tabell.xlsx", b"PK\x03\x04", "skadad"),
        ("bild.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "Bara Word"),
    ],
)
def test_bad_files_get_a_swedish_error_and_leave_nothing_behind(
    coordinator: Any, name: str, data: bytes, message: str
) -> None:
    response = _upload(client_for(coordinator), "umea", name, data)
    assert response.status_code == 400  # a refused upload is the client's error, shown as such
    errors = _soup(response).select_one(".error-summary").get_text()
    assert message in errors, errors
    assert PolicyIntake.objects.count() == 0
    assert IntakeProposal.objects.count() == 0
    assert _stored_files() == []


def test_a_file_over_20_mb_is_refused(coordinator: Any) -> None:
    response = _upload(client_for(coordinator), "umea", "stor.txt", b"a" * (20 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "större än 20 MB" in _soup(response).select_one(".error-summary").get_text()
    assert PolicyIntake.objects.count() == 0
    assert _stored_files() == []


def test_a_document_that_is_not_a_policy_gives_an_empty_draft_with_an_explanation(
    coordinator: Any,
) -> None:
    response = _upload(
        client_for(coordinator), "umea", "webbsida.txt", seed_text("uppsala-webbsida").encode()
    )
    intake = PolicyIntake.objects.get()
    assert intake.status == IntakeStatus.NOT_POLICY
    assert intake.proposals.count() == 0
    page = client_for(coordinator).get(response["Location"])
    notice = _soup(page).select_one(".notice--warning").get_text()
    assert "inte ut som ett styrdokument" in notice
    assert _soup(page).select_one("a[href$='/anta/']") is None
    assert (
        client_for(coordinator)
        .post(
            reverse("intake:adopt", args=["umea", intake.pk]), {"row_version": intake.row_version}
        )
        .status_code
        == 200
    )
    assert Policy.objects.filter(municipality=intake.municipality).count() == 1


def test_the_list_page_query_count_does_not_grow_with_rows(
    coordinator: Any, umea: Municipality
) -> None:
    client = client_for(coordinator)
    url = reverse("intake:upload", args=["umea"])

    def upload() -> None:
        _upload(client, "umea", "program.txt", seed_text("umea").encode())

    upload()
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(3):
        upload()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(_soup(response).select("tbody tr")) == 4
    assert len(many) == len(few)


def test_the_review_page_query_count_does_not_grow_with_proposals(
    coordinator: Any, intake: PolicyIntake
) -> None:
    client = client_for(coordinator)
    url = reverse("intake:review", args=["umea", intake.pk])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _ in range(5):
        client.post(
            reverse("intake:add", args=["umea", intake.pk, "goal"]), {"text": "Ett mål till"}
        )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_a_thin_policy_is_drafted_and_the_review_names_what_it_lacks(coordinator: Any) -> None:
    text = (
        "Källa: https://example.se/policy\nInternationell policy för Umeå kommun\n\n"
        "Det internationella arbetet ska bidra till att kommunens verksamheter utvecklas.\n"
    )
    response = _upload(client_for(coordinator), "umea", "policy.txt", text.encode())
    intake = PolicyIntake.objects.get()
    assert intake.status == IntakeStatus.REVIEWING
    assert [p.element for p in intake.proposals.exclude(element="metadata")] == ["goal"]
    notice = _soup(client_for(coordinator).get(response["Location"])).select_one("#saknas")
    assert notice is not None
    assert "beslutsdatum" in notice.get_text() and "ansvarsfördelning" in notice.get_text()
