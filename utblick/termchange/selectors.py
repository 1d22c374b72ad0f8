"""Reads for a new term of office: what to reconsider, what may be dormant, last term's results.

A term begins on 15 October of an election year (``core.terms``). On its first
day every agreement and membership still in force is to be reconsidered by the
body that decides that kind under the policy in force (continue, change, end);
a review decided within the term settles it. The queries are a fixed set,
whatever the number of agreements.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from utblick.actionplans.models import ActionPlan
from utblick.activities.models import REVIEWABLE, Activity, ActivityPartner, AgreementState, Status
from utblick.compliance.engine import deciding_bodies
from utblick.core.dates import add_months
from utblick.core.terms import term_of_office_start, term_start_date
from utblick.followup.models import FollowUp, FollowUpState, TrafficLight
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Contact, Unit, UnitKind
from utblick.policies.models import (
    DEFAULT_DORMANT_AFTER_MONTHS,
    Duty,
    FocusArea,
    Goal,
    Policy,
    PolicyStatus,
    Responsibility,
    RevisionRule,
)
from utblick.reviews.models import Review

#: Reconsideration is due within this many months of the term's first day.
RECONSIDER_WITHIN_MONTHS = 12
#: Units that take part in the work and so should have a contact person.
WORKING_UNIT_KINDS = (
    UnitKind.COMMITTEE,
    UnitKind.DEPARTMENT,
    UnitKind.COMPANY,
    UnitKind.INTERNATIONAL_UNIT,
)


@dataclass(frozen=True)
class Term:
    """A term of office, named by its election year."""

    year: int

    @property
    def start(self) -> date:
        return term_start_date(self.year)

    @property
    def end(self) -> date:
        return term_start_date(self.year + 4) - timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year}–{self.year + 4}"

    @property
    def previous(self) -> Term:
        return Term(self.year - 4)

    @property
    def reconsider_by(self) -> date:
        return add_months(self.start, RECONSIDER_WITHIN_MONTHS)


def term_of(on: date) -> Term:
    return Term(term_of_office_start(on))


def in_force_agreements(municipality: Municipality) -> QuerySet[Activity]:
    """Twin cities, partnerships and memberships decided and not ended: the term reconsiders them."""
    return (
        Activity.objects.current()
        .filter(municipality=municipality, kind__in=REVIEWABLE, status=Status.ACTIVE)
        .exclude(agreement_state=AgreementState.ENDED)
    )


def reconsider_filter(term: Term) -> Q:
    """Agreements in force not yet reconsidered in ``term`` (a review decided since its start)."""
    reviewed = Review.objects.filter(activity=OuterRef("pk"), decided_on__gte=term.start)
    return (
        Q(kind__in=REVIEWABLE, status=Status.ACTIVE, archived_at__isnull=True)
        & ~Q(agreement_state=AgreementState.ENDED)
        & ~Q(Exists(reviewed))
        # Decided during the term: nothing to reconsider yet.
        & ~Q(agreement_date__gte=term.start)
        & ~Q(member_since__gte=term.start)
    )


def reconsideration_owed(policy: Policy | None, today: date) -> Term | None:
    """The term whose reconsideration is owed today: when the policy revises each term."""
    if policy is None or policy.revision_rule != RevisionRule.EACH_TERM:
        return None
    return term_of(today)


# --- dormancy -------------------------------------------------------------------------------


@dataclass
class Liveliness:
    """An agreement's last signs of life, and whether it may be dormant."""

    activity: Activity
    last_contact: date | None = None
    last_followup: date | None = None
    last_review: date | None = None
    last_related: date | None = None  # another activity with the same partner
    months: int = DEFAULT_DORMANT_AFTER_MONTHS
    dormant: bool = False

    @property
    def last_sign(self) -> date | None:
        signs = [self.last_contact, self.last_followup, self.last_review, self.last_related]
        found = [d for d in signs if d is not None]
        return max(found) if found else None

    @property
    def since(self) -> date | None:
        a = self.activity
        found = [d for d in (self.last_sign, a.agreement_date, a.member_since, a.start_date) if d]
        return max(found) if found else None


def liveliness(
    municipality: Municipality, today: date, activities: list[Activity] | None = None
) -> list[Liveliness]:
    """Each agreement in force with its last sign of life; five queries.

    A sign of life is a recorded contact, a submitted follow-up, a review, or
    another activity (an event, a visit, a project) with the same partner that
    has begun. None for longer than the policy's months for the kind (24 unless
    it says otherwise) flags the agreement "kan vara vilande".
    """
    if activities is None:
        activities = list(in_force_agreements(municipality).select_related("unit"))
    ids = [a.pk for a in activities]
    policy = Policy.objects.filter(municipality=municipality, status=PolicyStatus.IN_FORCE).first()
    followups = dict(
        FollowUp.objects.filter(activity_id__in=ids, is_latest=True, state=FollowUpState.SUBMITTED)
        .values("activity_id")
        .annotate(last=Max("period__end"))
        .values_list("activity_id", "last")
    )
    reviews = dict(
        Review.objects.filter(activity_id__in=ids)
        .values("activity_id")
        .annotate(last=Max("decided_on"))
        .values_list("activity_id", "last")
    )
    partners: dict[int, set[int]] = defaultdict(set)
    for activity_id, partner_id in ActivityPartner.objects.filter(activity_id__in=ids).values_list(
        "activity_id", "partner_id"
    ):
        partners[activity_id].add(partner_id)
    latest_by_partner: dict[int, date] = {}
    for partner_id, started in (
        ActivityPartner.objects.filter(
            partner_id__in={p for ps in partners.values() for p in ps},
            activity__archived_at__isnull=True,
            activity__start_date__lte=today,
            activity__status__in=[Status.ACTIVE, Status.COMPLETED, Status.ENDED],
        )
        .exclude(activity__kind__in=REVIEWABLE)
        .values("partner_id")
        .annotate(last=Max("activity__start_date"))
        .values_list("partner_id", "last")
    ):
        latest_by_partner[partner_id] = started
    found = []
    for a in activities:
        related = [latest_by_partner[p] for p in partners[a.pk] if p in latest_by_partner]
        row = Liveliness(
            activity=a,
            last_contact=a.last_contact_on,
            last_followup=followups.get(a.pk),
            last_review=reviews.get(a.pk),
            last_related=max(related) if related else None,
            months=policy.dormant_after(a.kind) if policy else DEFAULT_DORMANT_AFTER_MONTHS,
        )
        since = row.since
        row.dormant = since is None or add_months(since, row.months) < today
        found.append(row)
    return found


def dormant_agreements(municipality: Municipality, today: date) -> list[Liveliness]:
    return [row for row in liveliness(municipality, today) if row.dormant]


# --- the term-change pack -------------------------------------------------------------------


@dataclass
class BodyGroup:
    body: str
    rows: list[Liveliness] = field(default_factory=list)


@dataclass
class ElementResult:
    label: str
    activities: int = 0
    spent: Decimal = Decimal(0)
    lights: Counter[str] = field(default_factory=Counter)


@dataclass
class TermPack:
    term: Term
    policy: Policy | None
    revision_due: bool
    groups: list[BodyGroup]
    reviewed: set[int]
    areas: list[ElementResult]
    goals: list[ElementResult]
    without_contact: list[Unit]
    without_plan: list[Unit]

    @property
    def agreements(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    @property
    def dormant(self) -> int:
        return sum(1 for g in self.groups for r in g.rows if r.dormant)

    @property
    def open(self) -> int:
        return sum(1 for g in self.groups for r in g.rows if r.activity.pk not in self.reviewed)


def _bodies(bodies: dict[str, list[tuple[int, str]]], activity: Activity) -> str:
    named = bodies.get(activity.kind, [])
    if named:
        return _(" eller ").join(name for _pk, name in named)
    if activity.deciding_body_id:
        return activity.deciding_body.name
    return _("Inget beslutande organ angivet")


def _results(municipality: Municipality, policy: Policy | None, term: Term) -> tuple[list, list]:
    """Per focus area and goal of the policy in force: last term's activities, money, lights."""
    if policy is None:
        return [], []
    worked = (
        Activity.objects.current()
        .filter(
            municipality=municipality, status__in=[Status.ACTIVE, Status.COMPLETED, Status.ENDED]
        )
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=term.end))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=term.start))
    )
    followups = FollowUp.objects.filter(
        activity__in=worked,
        is_latest=True,
        state=FollowUpState.SUBMITTED,
        period__end__gte=term.start,
        period__end__lte=term.end,
    )
    spent = dict(
        followups.values("activity_id").annotate(s=Sum("spent")).values_list("activity_id", "s")
    )
    light: dict[int, str] = {}
    for activity_id, status in followups.order_by("activity_id", "period__end").values_list(
        "activity_id", "status"
    ):
        light[activity_id] = status  # the last period's light wins
    groups = []
    for model, label_of, through_field in (
        (FocusArea, lambda f: f.name, "focus_areas"),
        (Goal, lambda g: g.text, "goals"),
    ):
        elements = list(model.objects.filter(policy=policy).order_by("position", "pk"))
        results = {e.pk: ElementResult(label_of(e)) for e in elements}
        for activity_id, element_id in worked.filter(
            **{f"{through_field}__policy": policy}
        ).values_list("pk", through_field):
            r = results.get(element_id)
            if r is None:
                continue
            r.activities += 1
            r.spent += spent.get(activity_id) or Decimal(0)
            if activity_id in light:
                r.lights[light[activity_id]] += 1
        groups.append([results[e.pk] for e in elements])
    return groups[0], groups[1]


def _units_missing(municipality: Municipality, today: date) -> tuple[list[Unit], list[Unit]]:
    units = list(
        Unit.objects.current().filter(municipality=municipality).order_by("position", "name")
    )
    with_contact = set(
        Contact.objects.current()
        .filter(municipality=municipality)
        .values_list("unit_id", flat=True)
    )
    plan_kinds: set[str] = set()
    plan_units: set[int] = set()
    for r in Responsibility.objects.filter(
        policy__municipality=municipality, policy__status=PolicyStatus.IN_FORCE, duty=Duty.PLANS
    ):
        plan_kinds.update(r.unit_kinds)
        if r.unit_id:
            plan_units.add(r.unit_id)
    with_plan = set(
        ActionPlan.objects.filter(municipality=municipality, year=today.year).values_list(
            "unit_id", flat=True
        )
    )
    without_contact = [
        u for u in units if u.kind in WORKING_UNIT_KINDS and u.pk not in with_contact
    ]
    without_plan = [
        u for u in units if (u.kind in plan_kinds or u.pk in plan_units) and u.pk not in with_plan
    ]
    return without_contact, without_plan


def term_pack(municipality: Municipality, today: date) -> TermPack:
    """What the term of ``today`` must reconsider, and what the term before it achieved."""
    term = term_of(today)
    policy = Policy.objects.filter(municipality=municipality, status=PolicyStatus.IN_FORCE).first()
    agreements = list(
        in_force_agreements(municipality)
        .select_related("unit", "deciding_body")
        .order_by("kind", "title")
    )
    groups: dict[str, BodyGroup] = {}
    bodies = deciding_bodies(policy) if policy else {}
    for row in liveliness(municipality, today, agreements):
        body = _bodies(bodies, row.activity)
        groups.setdefault(body, BodyGroup(body)).rows.append(row)
    reviewed = set(
        Review.objects.filter(
            activity__in=[a.pk for a in agreements], decided_on__gte=term.start
        ).values_list("activity_id", flat=True)
    ) | {  # decided during this term: nothing to reconsider yet
        a.pk for a in agreements if (a.agreement_date or a.member_since or date.min) >= term.start
    }
    areas, goals = _results(municipality, policy, term.previous)
    without_contact, without_plan = _units_missing(municipality, today)
    return TermPack(
        term=term,
        policy=policy,
        revision_due=bool(policy and policy.term_of_office < term.year),
        groups=sorted(groups.values(), key=lambda g: g.body),
        reviewed=reviewed,
        areas=areas,
        goals=goals,
        without_contact=without_contact,
        without_plan=without_plan,
    )


def light_counts(result: ElementResult) -> tuple[int, int, int]:
    return (
        result.lights[TrafficLight.ON_TRACK],
        result.lights[TrafficLight.AT_RISK],
        result.lights[TrafficLight.OFF_TRACK],
    )
