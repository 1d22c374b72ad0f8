"""Each rule type on its own: a passing and a failing case, with parameters varied. No database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from utblick.compliance import rules
from utblick.compliance.rules import ActivityFacts, Facts
from utblick.policies.rule_catalogue import RULE_TYPES

TODAY = date(2026, 11, 23)


def activity(**fields: Any) -> SimpleNamespace:
    base = {
        "pk": 1,
        "title": "A",
        "kind": "project",
        "status": "active",
        "is_development_aid": False,
        "agreement_date": None,
        "member_since": None,
        "start_date": None,
        "end_date": None,
        "next_review_on": None,
        "deciding_body_id": None,
        "deciding_body": None,
        "end_deciding_body_id": None,
        "end_deciding_body": None,
        "last_contact_on": None,
        "development_area": "",
        "child_impact": "",
    }
    return SimpleNamespace(**(base | fields))


def facts(
    *items: ActivityFacts,
    policy: Any = None,
    units: list[Any] | None = None,
    plans: dict | None = None,
    closed: list[Any] | None = None,
    bodies: dict | None = None,
) -> Facts:
    policy = policy or SimpleNamespace(decided_on=date(2018, 3, 26), term_of_office=2014)
    return Facts(
        TODAY, policy, list(items), bodies or {}, units or [], plans or {}, closed or [], "x"
    )


def af(
    a: SimpleNamespace,
    *,
    budget: str = "0",
    external: str = "0",
    goals: int = 0,
    submitted: set[tuple[int, str]] | None = None,
    last_review: date | None = None,
    last_followup: date | None = None,
) -> ActivityFacts:
    return ActivityFacts(
        a,
        "Enheten",
        "/a/",
        goals,
        Decimal(budget),
        Decimal(external),
        submitted or set(),
        last_review,
        last_followup,
    )


def run(rule_id: str, f: Facts, **params: Any) -> list[tuple[Any, str]]:
    found: list[tuple[Any, str]] = []
    rules.RULES[rule_id](
        f, RULE_TYPES[rule_id].params.model_validate(params), lambda s, m, r: found.append((s, m))
    )
    return found


def test_aid_fully_external() -> None:
    aid = activity(is_development_aid=True)
    assert run("aid-fully-external", facts(af(aid, budget="1000", external="1000"))) == []
    [(_s, message)] = run("aid-fully-external", facts(af(aid, budget="1000", external="500")))
    assert "bara 500 kr är beviljat" in message
    assert (
        run(
            "aid-fully-external",
            facts(af(aid, budget="1000", external="500")),
            min_external_share_percent=50,
        )
        == []
    )
    assert (
        run(
            "aid-fully-external",
            facts(af(activity(is_development_aid=True, status="idea"), budget="1000")),
        )
        == []
    )
    assert run("aid-fully-external", facts(af(activity(), budget="1000"))) == []  # not aid


def test_aid_rule_checks_a_partnership_marked_as_aid() -> None:
    sida = activity(kind="partnership", is_development_aid=True)
    [(_s, message)] = run("aid-fully-external", facts(af(sida, budget="300000", external="0")))
    assert "300 000 kr" in message
    assert run("aid-fully-external", facts(af(sida, budget="300000", external="300000"))) == []
    assert run("aid-fully-external", facts(af(sida, budget="1")), kinds=["project"]) == []


def test_twinning_discouraged() -> None:
    old = activity(kind="twin_city", agreement_date=date(1947, 1, 1))
    new = activity(kind="twin_city", agreement_date=date(2024, 5, 1))
    assert run("twinning-discouraged", facts(af(old))) == []
    assert len(run("twinning-discouraged", facts(af(new)))) == 1
    assert (
        run(
            "twinning-discouraged",
            facts(af(activity(kind="twin_city", status="ended", agreement_date=date(2024, 5, 1)))),
        )
        == []
    )


def test_a_twin_city_without_agreement_date_is_unknown_not_new() -> None:
    undated = activity(kind="twin_city", status="active", agreement_date=None)
    assert run("twinning-discouraged", facts(af(undated))) == []
    proposal = activity(kind="twin_city", status="proposed", agreement_date=None)
    assert len(run("twinning-discouraged", facts(af(proposal)))) == 1
    assert run("twinning-discouraged", facts(af(proposal)), statuses=["active"]) == []


def test_review_interval() -> None:
    recent = activity(kind="network", member_since=date(2025, 1, 1))
    stale = activity(kind="network", member_since=date(2020, 1, 1))
    assert run("review-interval", facts(af(recent))) == []
    [(_s, message)] = run("review-interval", facts(af(stale)))
    assert "2022-01-01" in message
    assert run("review-interval", facts(af(stale, last_review=date(2025, 6, 1)))) == []
    assert len(run("review-interval", facts(af(recent)), months=6)) == 1
    assert run("review-interval", facts(af(stale)), kinds=["twin_city"]) == []


def test_deciding_body() -> None:
    kf = SimpleNamespace(name="Kommunfullmäktige")
    right = activity(kind="twin_city", deciding_body_id=7, deciding_body=kf)
    wrong = activity(
        kind="twin_city", deciding_body_id=8, deciding_body=SimpleNamespace(name="Kommunstyrelsen")
    )
    bodies = {"twin_city": [(7, "Kommunfullmäktige")]}
    assert run("deciding-body", facts(af(right), bodies=bodies)) == []
    [(_s, message)] = run("deciding-body", facts(af(wrong), bodies=bodies))
    assert "Kommunstyrelsen" in message and "Kommunfullmäktige" in message
    assert run("deciding-body", facts(af(wrong), bodies=bodies), kinds=["network"]) == []
    assert run("deciding-body", facts(af(wrong))) == []  # the policy names no body


def test_deciding_body_accepts_any_of_several_bodies_and_waits_for_the_decision() -> None:
    ks = activity(kind="network", deciding_body_id=8, deciding_body=SimpleNamespace(name="KS"))
    either = {"network": [(7, "Kommunfullmäktige"), (8, "Kommunstyrelsen")]}
    assert run("deciding-body", facts(af(ks), bodies=either)) == []
    nobody = activity(kind="network", status="proposed")
    assert run("deciding-body", facts(af(nobody), bodies=either)) == []  # a proposal
    [(_s, message)] = run("deciding-body", facts(af(activity(kind="network")), bodies=either))
    assert "Kommunfullmäktige eller Kommunstyrelsen" in message
    assert len(run("deciding-body", facts(af(nobody), bodies=either), statuses=["proposed"])) == 1


def test_end_decision() -> None:
    kf, ks = SimpleNamespace(name="Kommunfullmäktige"), SimpleNamespace(name="Kommunstyrelsen")
    bodies = {"twin_city": [(7, "Kommunfullmäktige")]}
    by_kf = activity(kind="twin_city", status="ended", end_deciding_body_id=7, end_deciding_body=kf)
    by_ks = activity(kind="twin_city", status="ended", end_deciding_body_id=8, end_deciding_body=ks)
    assert run("end-decision", facts(af(by_kf), bodies=bodies)) == []
    [(_s, message)] = run("end-decision", facts(af(by_ks), bodies=bodies))
    assert message == (
        "Avslutet beslutades av Kommunstyrelsen, men Kommunfullmäktige beslutar om vänorter."
    )
    [(_s, message)] = run(
        "end-decision", facts(af(activity(kind="twin_city", status="ended")), bodies=bodies)
    )
    assert "(inget organ angivet)" in message
    assert (
        run(
            "end-decision",
            facts(af(by_ks.__class__(**{**vars(by_ks), "status": "active"})), bodies=bodies),
        )
        == []
    )
    # Without responsibilities, the body that decided to enter decides the end.
    entered = activity(
        kind="twin_city",
        status="ended",
        deciding_body_id=8,
        deciding_body=ks,
        end_deciding_body_id=7,
        end_deciding_body=kf,
    )
    [(_s, message)] = run("end-decision", facts(af(entered)))
    assert "men Kommunstyrelsen beslutar" in message


def test_contact_interval() -> None:
    met = activity(
        kind="twin_city", last_contact_on=date(2025, 5, 1), agreement_date=date(1970, 1, 1)
    )
    assert run("contact-interval", facts(af(met))) == []
    [(_s, message)] = run("contact-interval", facts(af(met)), months=12)
    assert message.startswith("Senaste kontakt 2025-05-01;")
    silent = activity(kind="twin_city", agreement_date=date(1970, 1, 1))
    [(_s, message)] = run("contact-interval", facts(af(silent)))
    assert "är okänd" in message
    # A submitted follow-up counts as a contact.
    assert run("contact-interval", facts(af(silent, last_followup=date(2026, 2, 1)))) == []
    fresh = activity(kind="partnership", agreement_date=date(2026, 1, 15))
    assert run("contact-interval", facts(af(fresh))) == []  # agreed this year
    assert run("contact-interval", facts(af(silent)), kinds=["network"]) == []


def test_contact_per_office() -> None:
    staffed = SimpleNamespace(pk=1, name="Kontor A", kind="department", contact_count=1)
    empty = SimpleNamespace(pk=2, name="Kontor B", kind="department", contact_count=0)
    board = SimpleNamespace(pk=3, name="Nämnd", kind="committee", contact_count=0)
    found = run("contact-per-office", facts(units=[staffed, empty, board]))
    assert [s.name for s, _m in found] == ["Kontor B"]
    assert [
        s.name
        for s, _m in run(
            "contact-per-office", facts(units=[staffed, empty, board]), office_kinds=["committee"]
        )
    ] == ["Nämnd"]


def test_yearly_action_plan() -> None:
    committee = SimpleNamespace(pk=1, name="Nämnd", kind="committee")
    evaluated = {
        (1, 2026): SimpleNamespace(state="adopted"),
        (1, 2025): SimpleNamespace(state="evaluated"),
    }
    assert run("yearly-action-plan", facts(units=[committee], plans=evaluated)) == []
    missing = run(
        "yearly-action-plan",
        facts(units=[committee], plans={(1, 2025): SimpleNamespace(state="adopted")}),
    )
    assert [m for _s, m in missing] == [
        "Handlingsplan för 2026 saknas.",
        "Handlingsplanen för 2025 är inte utvärderad.",
    ]
    assert run("yearly-action-plan", facts(units=[committee]), unit_kinds=["company"]) == []


def test_followup_per_period() -> None:
    t1 = SimpleNamespace(
        year=2026,
        key="t1",
        name="Tertial 1 2026",
        start=date(2026, 1, 1),
        end=date(2026, 4, 30),
        closes_on=date(2026, 7, 29),
    )
    running = activity(start_date=date(2025, 1, 1))
    assert (
        run("followup-per-period", facts(af(running, submitted={(2026, "t1")}), closed=[t1])) == []
    )
    [(_s, message)] = run("followup-per-period", facts(af(running), closed=[t1]))
    assert message == "Uppföljning saknas för Tertial 1 2026."
    assert (
        run("followup-per-period", facts(af(activity(start_date=date(2026, 6, 1))), closed=[t1]))
        == []
    )
    assert run("followup-per-period", facts(af(running), closed=[t1]), grace_days=200) == []


def test_project_goal_link() -> None:
    assert run("project-goal-link", facts(af(activity(), goals=1))) == []
    assert run("project-goal-link", facts(af(activity(development_area="Skola")))) == []
    assert len(run("project-goal-link", facts(af(activity())))) == 1
    assert run("project-goal-link", facts(af(activity(kind="event")))) == []
    assert run("project-goal-link", facts(af(activity(status="idea")))) == []
    assert len(run("project-goal-link", facts(af(activity(status="idea"))), statuses=["idea"])) == 1


def test_child_perspective() -> None:
    assert run("child-perspective", facts(af(activity(child_impact="positive")))) == []
    assert len(run("child-perspective", facts(af(activity())))) == 1
    assert run("child-perspective", facts(af(activity())), kinds=["event"]) == []
    assert run("child-perspective", facts(af(activity(status="idea")))) == []


@pytest.mark.parametrize(("term", "due"), [(2014, True), (2022, True), (2026, False)])
def test_policy_revision_term(term: int, due: bool) -> None:
    policy = SimpleNamespace(decided_on=date(term, 12, 1), term_of_office=term)
    assert bool(run("policy-revision-term", facts(policy=policy))) is due


def test_every_catalogued_rule_has_an_evaluator() -> None:
    assert set(rules.RULES) == set(RULE_TYPES)
