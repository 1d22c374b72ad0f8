"""Decision drafts (tjänsteskrivelser): addressed, quoted, rendered and archived with the decision.

The done-when case: ending a twin city under Umeå's policy is put to Kommunfullmäktige,
quotes principle 4 with its source, and the Word and PDF/A files pass the report's checks.
"""

from __future__ import annotations

import hashlib
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from utblick.accounts.access import access_for
from utblick.activities.models import Activity, AgreementState, BudgetLine, Status
from utblick.compliance.engine import RuleViolation
from utblick.core.tenancy import Role
from utblick.followup.models import FollowUp
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.models import Policy, PolicyStatus
from utblick.reports.tests.test_documents import checker, to_pdf
from utblick.reports.tests.test_reports import embedded_fonts, pdf_text, pdfa_identification
from utblick.reviews.models import DecisionDraft, Review
from utblick.reviews.services import decision_draft_create, decision_record_entry
from utblick.testing.fixtures import client_for, load_shipped, make_member, year_period
from utblick.testing.helpers import posted_back

pytestmark = pytest.mark.django_db

PRINCIPLE_4 = (
    "Samarbeten ska kunna avslutas vid behov, varför traditionella vänortsavtal inte är att "
    "rekommendera för framtiden."
)
PROPOSAL = "Kommunfullmäktige beslutar att avsluta vänortsavtalet med Vasa, Finland."


@pytest.fixture
def world(umea: Municipality, clock: Any) -> dict[str, Any]:
    clock.set(date(2026, 5, 4))
    units = {u.key: u for u in Unit.objects.filter(municipality=umea)}
    twin = Activity.objects.create(
        municipality=umea,
        kind="twin_city",
        title="Vänort: Vasa",
        unit=units["internationella-enheten"],
        status=Status.ACTIVE,
        place="Vasa",
        country="FI",
        deciding_body=units["kf"],
        decision_reference="KF § 112/1998",
        agreement_date=date(1998, 5, 1),
        agreement_state=AgreementState.ACTIVE,
        purpose="Skolutbyten och kulturutbyte",
        child_impact="positive",
    )
    BudgetLine.objects.create(
        municipality=umea, activity=twin, year=2025, budget=Decimal(40000), cost=Decimal(35500)
    )
    period = year_period(umea, 2025)
    FollowUp.objects.create(
        municipality=umea,
        activity=twin,
        period=period,
        status="off_track",
        comment="Inga utbyten sedan 2023.",
        results="Ett skolbesök ställdes in.",
        spent=Decimal(12500),
        state="submitted",
    )
    uppsala = load_shipped("uppsala")
    return {
        "umea": umea,
        "units": units,
        "twin": twin,
        "coordinator": make_member(umea, "umea-samordnare", Role.COORDINATOR),
        "reader": make_member(umea, "umea-lasare", Role.READER),
        "outsider": make_member(uppsala, "uppsala-samordnare", Role.COORDINATOR),
    }


def draft_end(world: dict[str, Any]) -> DecisionDraft:
    """The coordinator presses "Skriv beslutsunderlag: avsluta" on the twin city's page."""
    client = client_for(world["coordinator"])
    page = client.get(reverse("activities:detail", args=["umea", world["twin"].pk]))
    form = BeautifulSoup(page.content, "html.parser").select_one("#omprovning form.draft-create")
    button = form.select_one("button[name=action][value=end]")
    assert button is not None
    response = client.post(form["action"], {"action": button["value"]})
    assert response.status_code == 302
    return DecisionDraft.objects.get(activity=world["twin"])


def one_line(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_ending_a_twin_city_is_put_to_kommunfullmaktige_quoting_principle_4(
    world: dict[str, Any], tmp_path: Path
) -> None:
    draft = draft_end(world)
    assert draft.addressed_to == world["units"]["kf"]
    assert draft.addressed_to.name == "Kommunfullmäktige"
    assert draft.policy == Policy.objects.get(
        municipality=world["umea"], status=PolicyStatus.IN_FORCE
    )
    assert draft.subject == "Avslut av vänortsavtalet med Vasa, Finland"
    assert draft.review is None and not draft.is_decided
    assert draft.history.count() == 1

    pdf = draft.pdf.read()
    docx = draft.docx.read()
    assert hashlib.sha256(pdf).hexdigest() == draft.pdf_sha256
    assert hashlib.sha256(docx).hexdigest() == draft.docx_sha256

    text = pdf_text(pdf, tmp_path)
    assert "Tjänsteskrivelse" in text and "Till: Kommunfullmäktige" in text
    assert f"”{PRINCIPLE_4}”" in text and "Princip, 4. Principer" in text
    assert PROPOSAL in text
    assert "Kommunfullmäktige […] fattar beslut om vänorter." in text  # who decides, quoted
    assert "biståndskaraktär" not in text  # the aid principle: this twin city is not aid
    assert "Diarienummer: ____" in text and "Datum: ____" in text
    # The case, its history and results, and money, from the register.
    assert "KF § 112/1998" in text and "1998-05-01" in text
    assert "Helår 2025" in text and "Ett skolbesök ställdes in." in text
    assert "35 500 kr" in text and "12 500 kr" in text
    # The compliance finding about this twin city (principle 4's own rule warns on it).
    assert "Avvikelser från styrdokumentet" in text

    word = Document(io.BytesIO(docx))
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    assert f"”{PRINCIPLE_4}”" in paragraphs and "Princip, 4. Principer" in paragraphs
    assert PROPOSAL in paragraphs and "Till: Kommunfullmäktige" in paragraphs
    cells = one_line(" ".join(c.text for t in word.tables for row in t.rows for c in row.cells))
    assert "35 500 kr" in cells and "Ett skolbesök ställdes in." in cells


def test_the_draft_pdf_passes_the_reports_pdf_a_and_pdf_ua_checks(
    world: dict[str, Any], tmp_path: Path
) -> None:
    draft = draft_end(world)
    path = tmp_path / "underlag.pdf"
    path.write_bytes(draft.pdf.read())
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert pdfa_identification(reader) == {"part": "2", "conformance": "B"}
    assert embedded_fonts(reader) and all(embedded_fonts(reader).values())
    pdf = pikepdf.open(path)
    xmp = pdf.Root.Metadata.read_bytes().decode()
    assert 'pdfuaid:part="1"' in xmp and 'pdfaid:part="2"' in xmp
    assert str(pdf.Root.Lang) == "sv" and pdf.Root.MarkInfo.Marked

    outloud = checker(["outloud", "--no-info", "--json", "-", str(path)])["results"][0]
    errors = [
        f"{f['rule']} p.{f.get('page')}: {f['message']}"
        for f in outloud["findings"]
        if f["severity"] == "error"
    ]
    assert outloud["counts"]["error"] == 0, errors
    pdfua = checker(["pdfua", "check", "-f", "json", str(path)])
    assert pdfua["summary"]["errors"] == 0, pdfua["findings"]
    assert pdfua["summary"]["rules_run"] >= 10


def test_the_draft_docx_passes_the_reports_word_checks(
    world: dict[str, Any], tmp_path: Path
) -> None:
    draft = draft_end(world)
    path = tmp_path / "underlag.docx"
    path.write_bytes(draft.docx.read())
    doc = Document(str(path))
    props = doc.core_properties
    assert props.author == "Umeå kommun" and props.title == draft.subject
    assert props.language == "sv-SE" and props.created.year == 2026
    assert props.last_modified_by == "umea-samordnare"
    assert "python-docx" not in f"{props.author} {props.comments} {props.last_modified_by}"
    styles = doc.styles.element.xml
    assert 'w:val="sv-SE"' in styles and 'w:val="en-US"' not in styles
    assert doc.tables
    for table in doc.tables:  # the header row repeats on every page
        assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1

    text, info = to_pdf(path, tmp_path)
    assert "(A4)" in info, info
    assert PRINCIPLE_4 in one_line(text) and PROPOSAL in one_line(text)


def test_recording_the_review_on_the_draft_keeps_it_and_ends_the_agreement(
    world: dict[str, Any],
) -> None:
    draft = draft_end(world)
    client = client_for(world["coordinator"])
    page = client.get(reverse("reviews:drafts", args=["umea", world["twin"].pk]))
    row = BeautifulSoup(page.content, "html.parser").select_one(f"#underlag-{draft.pk}")
    assert row.select_one("a.draft__pdf")["href"].endswith("/pdf/")
    link = row.select_one("a.draft__record")
    assert link.get_text(strip=True) == "Registrera beslutet"

    form_page = client.get(link["href"])
    soup = BeautifulSoup(form_page.content, "html.parser")
    assert soup.select_one("input[name=decision][value=end]").has_attr("checked")
    kf = world["units"]["kf"]
    assert soup.select_one(f"select[name=deciding_body] option[value='{kf.pk}']").has_attr(
        "selected"
    )
    data = posted_back(form_page) | {
        "assessment": ["Inga utbyten på tre år; programmet rekommenderar inte vänortsavtal."],
        "decided_on": ["2026-06-15"],
        "decision_reference": ["KF § 88/2026"],
    }
    assert client.post(link["href"], data).status_code == 302

    draft.refresh_from_db()
    review = Review.objects.get(activity=world["twin"])
    assert draft.review == review and review.draft == draft
    assert (draft.decided_by, draft.decided_on, draft.decision_reference) == (
        kf,
        date(2026, 6, 15),
        "KF § 88/2026",
    )
    assert draft.history.latest().history_action == "decisiondraft.decided"
    twin = Activity.objects.get(pk=world["twin"].pk)
    assert twin.status == Status.ENDED and twin.agreement_state == AgreementState.ENDED
    assert twin.end_decision_reference == "KF § 88/2026"
    # The same draft cannot be decided twice.
    assert client.get(link["href"]).status_code == 404
    after = BeautifulSoup(
        client.get(reverse("reviews:drafts", args=["umea", twin.pk])).content, "html.parser"
    )
    decision = after.select_one(f"#underlag-{draft.pk} .draft__decision").get_text(" ", strip=True)
    assert "Kommunfullmäktige 2026-06-15 (KF § 88/2026)" in decision


def test_recording_an_entry_decides_the_agreement_through_its_one_door(
    world: dict[str, Any],
) -> None:
    units = world["units"]
    proposed = Activity.objects.create(
        municipality=world["umea"],
        kind="twin_city",
        title="Vänort: Tartu",
        unit=units["internationella-enheten"],
        status=Status.PROPOSED,
        place="Tartu",
        country="EE",
    )
    access = access_for(world["coordinator"], "umea")
    user = world["coordinator"]
    with pytest.raises(ValidationError) as refused:
        decision_draft_create(access=access, user=user, activity=proposed, action="end")
    assert "inte beslutat ännu" in refused.value.messages[0]
    draft = decision_draft_create(access=access, user=user, activity=proposed, action="enter")
    assert draft.addressed_to == units["kf"]
    assert draft.subject == "Ingående av vänortsavtal med Tartu, Estland"

    # Umeå's policy lets only KF decide on twin cities (an error-level rule): refused.
    with pytest.raises(RuleViolation):
        decision_record_entry(
            access=access,
            user=user,
            draft=draft,
            deciding_body=units["ks"],
            decided_on=date(2026, 6, 15),
            decision_reference="KS § 1/2026",
        )
    proposed.refresh_from_db()
    draft.refresh_from_db()
    assert proposed.status == Status.PROPOSED and not draft.is_decided

    client = client_for(user)
    url = reverse("reviews:draft_entry", args=["umea", draft.pk])
    page = client.get(url)
    data = posted_back(page) | {"decided_on": ["2026-06-15"], "decision_reference": ["KF § 90"]}
    assert client.post(url, data).status_code == 302
    proposed.refresh_from_db()
    draft.refresh_from_db()
    assert proposed.status == Status.ACTIVE and proposed.deciding_body == units["kf"]
    assert proposed.agreement_date == date(2026, 6, 15)
    assert proposed.decision_reference == "KF § 90"
    assert proposed.history.latest().history_action == "activity.decided"
    assert draft.decided_on == date(2026, 6, 15) and draft.review is None


def test_another_municipality_gets_404_for_the_draft_and_its_files(world: dict[str, Any]) -> None:
    draft = draft_end(world)
    outsider = client_for(world["outsider"])
    twin = world["twin"]
    for slug in ("umea", "uppsala"):
        for url in (
            reverse("reviews:drafts", args=[slug, twin.pk]),
            reverse("reviews:draft_download", args=[slug, draft.pk, "docx"]),
            reverse("reviews:draft_download", args=[slug, draft.pk, "pdf"]),
            reverse("reviews:draft_entry", args=[slug, draft.pk]),
        ):
            assert outsider.get(url).status_code == 404, url
    own = client_for(world["coordinator"])
    response = own.get(reverse("reviews:draft_download", args=["umea", draft.pk, "docx"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    # Nor can a draft be smuggled into a review of another activity of one's own.
    uppsala_twin = Activity.objects.create(
        municipality=Municipality.objects.get(slug="uppsala"),
        kind="twin_city",
        title="Vänort: Tartu",
        unit=Unit.objects.filter(municipality__slug="uppsala").first(),
        status=Status.ACTIVE,
    )
    url = reverse("reviews:create", args=["uppsala", uppsala_twin.pk])
    assert outsider.get(f"{url}?underlag={draft.pk}").status_code == 404


def test_a_reader_cannot_write_drafts(world: dict[str, Any]) -> None:
    url = reverse("reviews:draft_create", args=["umea", world["twin"].pk])
    assert client_for(world["reader"]).post(url, {"action": "end"}).status_code == 403
    with pytest.raises(PermissionDenied):
        decision_draft_create(
            access=access_for(world["reader"], "umea"),
            user=world["reader"],
            activity=world["twin"],
            action="end",
        )
    assert not DecisionDraft.objects.exists()
    page = client_for(world["reader"]).get(
        reverse("reviews:drafts", args=["umea", world["twin"].pk])
    )
    assert page.status_code == 200
    assert BeautifulSoup(page.content, "html.parser").select_one("form.draft-create") is None


def test_a_kind_that_is_not_reviewed_is_refused_in_swedish(world: dict[str, Any]) -> None:
    project = Activity.objects.create(
        municipality=world["umea"],
        kind="project",
        title="Skolprojekt",
        unit=world["units"]["internationella-enheten"],
        status=Status.ACTIVE,
    )
    message = "Beslutsunderlag skrivs bara för vänorter, partnerskap och nätverksmedlemskap."
    with pytest.raises(ValidationError) as refused:
        decision_draft_create(
            access=access_for(world["coordinator"], "umea"),
            user=world["coordinator"],
            activity=project,
            action="end",
        )
    assert refused.value.messages == [message]
    response = client_for(world["coordinator"]).post(
        reverse("reviews:draft_create", args=["umea", project.pk]), {"action": "end"}
    )
    assert response.status_code == 400
    errors = BeautifulSoup(response.content, "html.parser").select(".error-summary li")
    assert [e.get_text(strip=True) for e in errors] == [message]
    assert not DecisionDraft.objects.exists()


def test_without_a_deciding_body_the_draft_is_refused(world: dict[str, Any]) -> None:
    # Umeå's policy names no body for partnerships, and this one records none.
    partnership = Activity.objects.create(
        municipality=world["umea"],
        kind="partnership",
        title="Partnerskap: Tromsø",
        unit=world["units"]["internationella-enheten"],
        status=Status.ACTIVE,
        place="Tromsø",
        country="NO",
    )
    access = access_for(world["coordinator"], "umea")
    with pytest.raises(ValidationError) as refused:
        decision_draft_create(
            access=access, user=world["coordinator"], activity=partnership, action="continue"
        )
    assert refused.value.messages == [
        "Varken styrdokumentet i kraft eller aktiviteten anger vilket organ som beslutar om "
        "partnerskap. Ange beslutande organ på aktiviteten först."
    ]
    partnership.deciding_body = world["units"]["ks"]
    partnership.save()
    draft = decision_draft_create(
        access=access, user=world["coordinator"], activity=partnership, action="continue"
    )
    assert draft.addressed_to == world["units"]["ks"]
