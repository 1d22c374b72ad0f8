"""Action plans: measures, evaluation, revision for the next year; reviews of agreements."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.actionplans.models import ActionPlan, Measure, PlanState
from utblick.actionplans.services import plan_evaluate, plan_revise
from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.organisation.models import Unit
from utblick.reviews.models import Review
from utblick.reviews.services import review_record
from utblick.testing.fixtures import client_for, load_shipped, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def ub(db: Any) -> dict[str, Any]:
    m = load_shipped("upplands-bro")
    unit = Unit.objects.get(municipality=m, key="utbildningsnamnden")
    editor = make_member(m, "red", Role.EDITOR, [unit])
    return {"m": m, "unit": unit, "editor": editor, "access": access_for(editor, "upplands-bro")}


def test_create_plan_add_measures_evaluate_and_revise(ub: dict[str, Any]) -> None:
    client = client_for(ub["editor"])
    response = client.post(
        reverse("actionplans:create", args=["upplands-bro"]),
        {
            "unit": ub["unit"].pk,
            "year": 2026,
            "state": "adopted",
            "decision_reference": "UN 2026/12",
        },
    )
    assert response.status_code == 302
    plan = ActionPlan.objects.get(unit=ub["unit"], year=2026)
    assert plan.adopted_on is not None
    for title in ("Erasmus+-ansökan", "Hospitering"):
        client.post(
            reverse("actionplans:measure_create", args=["upplands-bro", plan.pk]),
            {"title": title, "indicator": "Antal", "target_value": "2", "deadline": "2026-12-31"},
        )
    measures = list(plan.measures.all())
    assert [m.title for m in measures] == ["Erasmus+-ansökan", "Hospitering"]
    with pytest.raises(ValidationError, match="Utvärdera först alla åtgärder"):
        plan_evaluate(access=ub["access"], user=ub["editor"], plan=plan, summary="Klart")
    response = client.post(
        reverse("actionplans:measure_evaluate", args=["upplands-bro", plan.pk, measures[0].pk]),
        {
            "outcome": "partly",
            "outcome_value": "1",
            "evaluation_comment": "",
            "row_version": measures[0].row_version,
        },
    )
    assert "Kommentera varför" in response.content.decode()
    client.post(
        reverse("actionplans:measure_evaluate", args=["upplands-bro", plan.pk, measures[0].pk]),
        {
            "outcome": "partly",
            "outcome_value": "1",
            "evaluation_comment": "Bara en ansökan hann skrivas.",
            "row_version": measures[0].row_version,
        },
    )
    client.post(
        reverse("actionplans:measure_evaluate", args=["upplands-bro", plan.pk, measures[1].pk]),
        {
            "outcome": "achieved",
            "outcome_value": "2",
            "evaluation_comment": "",
            "row_version": measures[1].row_version,
        },
    )
    client.post(
        reverse("actionplans:evaluate", args=["upplands-bro", plan.pk]),
        {"summary": "Året gick bra."},
    )
    plan.refresh_from_db()
    assert plan.state == PlanState.EVALUATED
    client.post(reverse("actionplans:revise", args=["upplands-bro", plan.pk]))
    draft = ActionPlan.objects.get(unit=ub["unit"], year=2027)
    assert draft.state == PlanState.DRAFT and draft.revised_from == plan
    copied = list(draft.measures.all())
    assert [(m.title, m.outcome, m.deadline) for m in copied] == [
        ("Erasmus+-ansökan", "", date(2027, 12, 31)),
        ("Hospitering", "", date(2027, 12, 31)),
    ]
    with pytest.raises(ValidationError, match="redan en handlingsplan för 2027"):
        plan_revise(access=ub["access"], user=ub["editor"], plan=plan)
    assert (
        Measure.objects.filter(plan=plan, outcome="partly").count() == 1
    )  # the year's evaluation stays


def test_one_plan_per_unit_and_year(ub: dict[str, Any]) -> None:
    ActionPlan.objects.create(municipality=ub["m"], unit=ub["unit"], year=2026)
    response = client_for(ub["editor"]).post(
        reverse("actionplans:create", args=["upplands-bro"]),
        {"unit": ub["unit"].pk, "year": 2026, "state": "draft"},
    )
    assert "redan en handlingsplan" in response.content.decode()
    assert ActionPlan.objects.count() == 1


def test_editor_cannot_plan_for_other_units(ub: dict[str, Any]) -> None:
    other = Unit.objects.get(municipality=ub["m"], key="socialnamnden")
    response = client_for(ub["editor"]).post(
        reverse("actionplans:create", args=["upplands-bro"]),
        {"unit": other.pk, "year": 2026, "state": "draft"},
    )
    assert response.status_code == 200 and not ActionPlan.objects.exists()


@pytest.fixture
def umea_network(db: Any) -> dict[str, Any]:
    m = load_shipped("umea")
    unit = Unit.objects.get(municipality=m, key="internationella-enheten")
    from utblick.partners.models import Partner

    network = Partner.objects.create(municipality=m, name="UBC", kind="network", country="PL")
    activity = Activity.objects.create(
        municipality=m,
        kind="network",
        title="Medlemskap i UBC",
        unit=unit,
        status="active",
        network=network,
        next_review_on=date(2026, 1, 1),
    )
    twin = Activity.objects.create(
        municipality=m,
        kind="twin_city",
        title="Vänort: Vasa",
        unit=unit,
        status="active",
        place="Vasa",
        country="FI",
        agreement_state="active",
    )
    coordinator = make_member(m, "umea-s", Role.COORDINATOR)
    return {
        "m": m,
        "activity": activity,
        "twin": twin,
        "user": coordinator,
        "access": access_for(coordinator, "umea"),
        "ks": Unit.objects.get(municipality=m, key="ks"),
        "kf": Unit.objects.get(municipality=m, key="kf"),
    }


def test_continue_sets_the_next_review_from_the_policys_interval(
    umea_network: dict[str, Any],
) -> None:
    u = umea_network
    review = review_record(
        access=u["access"],
        user=u["user"],
        activity=u["activity"],
        review=Review(
            assessment="Nätverket ger kontakter för EU-projekt.",
            decision="continue",
            deciding_body=u["ks"],
            decided_on=date(2026, 3, 10),
            decision_reference="KS 2026/44",
        ),
    )
    u["activity"].refresh_from_db()
    # Umeå's policy file: review-interval, months = 24, for networks.
    assert review.next_review_on == date(2028, 3, 10) == u["activity"].next_review_on


def test_end_ends_the_agreement_with_its_decision(umea_network: dict[str, Any]) -> None:
    u = umea_network
    client = client_for(u["user"])
    response = client.post(
        reverse("reviews:create", args=["umea", u["twin"].pk]),
        {
            "assessment": "Inga gemensamma projekt sedan 2015.",
            "decision": "end",
            "deciding_body": u["kf"].pk,
            "decided_on": "2026-06-15",
            "decision_reference": "KF § 88/2026",
        },
    )
    assert response.status_code == 302
    twin = Activity.objects.get(pk=u["twin"].pk)
    assert (twin.status, twin.agreement_state, twin.ended_on, twin.end_decision_reference) == (
        "ended",
        "ended",
        date(2026, 6, 15),
        "KF § 88/2026",
    )
    assert twin.end_reason == "Inga gemensamma projekt sedan 2015."
    last = twin.history.first()
    # The decision is the review's own row; the activity's row says what it changed.
    assert (last.history_action, last.history_change_reason) == ("activity.reviewed", "")
    again = client.post(
        reverse("reviews:create", args=["umea", u["twin"].pk]),
        {
            "assessment": "x",
            "decision": "continue",
            "deciding_body": u["kf"].pk,
            "decided_on": "2026-07-01",
            "decision_reference": "y",
        },
    )
    assert "redan avslutat" in again.content.decode()


def test_review_needs_assessment_and_reference(umea_network: dict[str, Any]) -> None:
    u = umea_network
    with pytest.raises(ValidationError) as raised:
        review_record(
            access=u["access"],
            user=u["user"],
            activity=u["activity"],
            review=Review(
                assessment=" ",
                decision="change",
                deciding_body=u["ks"],
                decided_on=date(2026, 1, 1),
                decision_reference="",
            ),
        )
    assert set(raised.value.message_dict) == {"assessment", "decision_reference", "changes"}
    assert not Review.objects.exists()
