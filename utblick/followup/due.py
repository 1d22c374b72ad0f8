"""What is due for a member: the page and the reminder e-mail show the same list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from utblick.actionplans.models import ActionPlan, PlanState
from utblick.activities.models import REVIEWABLE, Activity, Status
from utblick.core.tenancy import Access
from utblick.followup.models import FollowUp, FollowUpState
from utblick.followup.selectors import (
    latest_followups,
    open_periods,
    reportable,
    reportable_filter,
    scoped_activities,
)
from utblick.organisation.models import Unit
from utblick.policies.models import Duty, Policy, PolicyStatus, Responsibility, TagTransfer
from utblick.termchange.selectors import Term, reconsider_filter, reconsideration_owed

REVIEW_NOTICE_DAYS = 30


@dataclass(frozen=True)
class DueItem:
    kind: str  # followup | returned | review | plan | evaluation | policy | ended | reconsider
    title: str
    detail: str
    url: str
    due_on: date | None
    unit: str = ""

    def overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today

    @property
    def kind_label(self) -> str:
        return {
            "followup": _("Uppföljning"),
            "returned": _("Komplettering"),
            "review": _("Omprövning"),
            "plan": _("Handlingsplan"),
            "evaluation": _("Utvärdering"),
            "policy": _("Styrdokument"),
            "ended": _("Slutdatum passerat"),
            "reconsider": _("Ny mandatperiod"),
        }[self.kind]


def _units_with_plan_duty(access: Access) -> list[Unit]:
    """Units the policy in force says shall have a yearly action plan."""
    kinds: set[str] = set()
    named: set[int] = set()
    for resp in Responsibility.objects.filter(
        policy__municipality=access.municipality, policy__status="in_force", duty=Duty.PLANS
    ):
        kinds.update(resp.unit_kinds)
        if resp.unit_id:
            named.add(resp.unit_id)
    units = (
        Unit.objects.current()
        .filter(municipality=access.municipality)
        .filter(Q(kind__in=kinds) | Q(pk__in=named))
    )
    if not access.is_coordinator:
        units = units.filter(pk__in=access.unit_ids)
    return list(units.order_by("name"))


def due_items(access: Access, today: date) -> list[DueItem]:
    """Everything the member should do now, oldest deadline first."""
    if not access.can_edit:
        return []
    slug = access.municipality.slug
    items: list[DueItem] = []
    periods = open_periods(access.municipality, today)
    for period in periods:
        activities = reportable(scoped_activities(access), period.start, period.end).select_related(
            "unit"
        )
        done = {f.activity_id: f for f in latest_followups(period)}
        for activity in activities:
            followup = done.get(activity.pk)
            url = reverse("followup:edit", args=[slug, period.year, period.key, activity.pk])
            if followup is None or followup.state == FollowUpState.DRAFT:
                items.append(
                    DueItem(
                        "followup",
                        activity.title,
                        period.name,
                        url,
                        period.due_on,
                        activity.unit.name,
                    )
                )
            elif followup.state == FollowUpState.RETURNED:
                items.append(
                    DueItem(
                        "returned",
                        activity.title,
                        followup.returned_reason,
                        url,
                        period.due_on,
                        activity.unit.name,
                    )
                )
    reviews = (
        scoped_activities(access)
        .filter(
            kind__in=REVIEWABLE,
            archived_at__isnull=True,
            next_review_on__lte=today + timedelta(days=REVIEW_NOTICE_DAYS),
        )
        .exclude(status__in=[Status.ENDED, Status.REJECTED])
        .select_related("unit")
    )
    for activity in reviews:
        items.append(
            DueItem(
                "review",
                activity.title,
                _("Ska omprövas"),
                reverse("activities:detail", args=[slug, activity.pk]) + "#omprovning",
                activity.next_review_on,
                activity.unit.name,
            )
        )
    for activity in _past_end(access, today).select_related("unit"):
        items.append(
            DueItem(
                "ended",
                activity.title,
                _("Avsluta aktiviteten eller förläng slutdatumet"),
                reverse("activities:edit", args=[slug, activity.pk]),
                activity.end_date,
                activity.unit.name,
            )
        )
    policy = _policy(access)
    term = reconsideration_owed(policy, today)
    if term is not None:
        owed = scoped_activities(access).filter(_reconsider_filter(term, today))
        for activity in owed.select_related("unit"):
            items.append(
                DueItem(
                    "reconsider",
                    activity.title,
                    _("Ompröva inför mandatperioden %(t)s: fortsätta, ändra eller avsluta")
                    % {"t": term.label},
                    reverse("termchange:pack", args=[slug]) + "#ompröva",
                    term.reconsider_by,
                    activity.unit.name,
                )
            )
    items += _office_items(access, today, policy)
    items.sort(key=lambda i: (i.due_on or date.max, i.kind, i.title))
    return items


def _policy(access: Access) -> Policy | None:
    """The policy in force, and whether its transfer of tags awaits confirmation: one query."""
    unconfirmed = TagTransfer.objects.filter(policy=OuterRef("pk"), confirmed=False)
    return (
        Policy.objects.filter(municipality=access.municipality, status=PolicyStatus.IN_FORCE)
        .annotate(transfer_unconfirmed=Exists(unconfirmed))
        .first()
    )


def _reconsider_filter(term: Term, today: date) -> Q:
    """Not yet reconsidered this term, and not already listed as due for its review."""
    return reconsider_filter(term) & ~Q(
        next_review_on__lte=today + timedelta(days=REVIEW_NOTICE_DAYS)
    )


def _past_end_filter(today: date) -> Q:
    return Q(status=Status.ACTIVE, end_date__lt=today, archived_at__isnull=True)


def _past_end(access: Access, today: date) -> QuerySet[Activity]:
    """Activities still under way by their status whose end date has passed."""
    return scoped_activities(access).filter(_past_end_filter(today))


def _office_items(access: Access, today: date, policy: Policy | None) -> list[DueItem]:
    """Missing action plans, plans to evaluate and the policy's revision: four queries at most."""
    slug = access.municipality.slug
    items: list[DueItem] = []
    plan_units = _units_with_plan_duty(access)
    plans = {
        (p.unit_id, p.year): p
        for p in ActionPlan.objects.filter(
            municipality=access.municipality, year__in=[today.year, today.year - 1]
        )
    }
    for unit in plan_units:
        if (unit.pk, today.year) not in plans:
            items.append(
                DueItem(
                    "plan",
                    _("Handlingsplan %(y)s saknas") % {"y": today.year},
                    unit.name,
                    reverse("actionplans:create", args=[slug])
                    + f"?enhet={unit.pk}&ar={today.year}",
                    date(today.year, 1, 31),
                    unit.name,
                )
            )
    for (unit_id, year), plan in plans.items():
        if (
            year < today.year
            and plan.state != PlanState.EVALUATED
            and (access.is_coordinator or unit_id in access.unit_ids)
        ):
            items.append(
                DueItem(
                    "evaluation",
                    _("Utvärdera handlingsplanen %(y)s") % {"y": year},
                    str(plan.unit),
                    reverse("actionplans:detail", args=[slug, plan.pk]),
                    date(year + 1, 2, 28),
                    str(plan.unit),
                )
            )
    if access.is_coordinator:
        since = policy.revision_due_since(today) if policy else None
        if since:
            items.append(
                DueItem(
                    "policy",
                    _("Revidera styrdokumentet"),
                    _("En ny mandatperiod började %(d)s") % {"d": since.isoformat()},
                    reverse("policies:current", args=[slug]),
                    since,
                )
            )
        if policy and policy.transfer_unconfirmed:
            items.append(
                DueItem(
                    "policy",
                    _("Bekräfta överföringen av taggar"),
                    _("Version %(n)s antogs med föreslagna efterföljare till de gamla taggarna")
                    % {"n": policy.number},
                    reverse("policies:transfer", args=[slug, policy.number]),
                    policy.adopted_at.date() if policy.adopted_at else None,
                )
            )
    return items


def due_count(access: Access, today: date) -> int:
    """How many items :func:`due_items` lists, counted in the database: eight queries at most.

    For the menu's badge on every page, so that it never disagrees with the
    "Att göra" list: the same periods, the same reportable activities and the
    same reviews, counted in one aggregate instead of read row by row.
    """
    if not access.can_edit:
        return 0
    municipality = access.municipality
    activities = scoped_activities(access)
    aggregates: dict[str, Any] = {
        "reviews": Count(
            "pk",
            filter=Q(
                kind__in=REVIEWABLE,
                archived_at__isnull=True,
                next_review_on__lte=today + timedelta(days=REVIEW_NOTICE_DAYS),
            )
            & ~Q(status__in=[Status.ENDED, Status.REJECTED]),
        ),
        "ended": Count("pk", filter=_past_end_filter(today)),
    }
    policy = _policy(access)
    term = reconsideration_owed(policy, today)
    if term is not None:
        aggregates["reconsider"] = Count("pk", filter=_reconsider_filter(term, today))
    for i, period in enumerate(open_periods(municipality, today)):
        # The condition itself, not "pk IN (…)": that subquery read every municipality's rows.
        owed = reportable_filter(period.start, period.end)
        if period.pk is not None:  # a period not yet stored has no follow-ups
            reported = FollowUp.objects.filter(
                activity=OuterRef("pk"),
                period_id=period.pk,
                is_latest=True,
                state=FollowUpState.SUBMITTED,
            )
            owed &= ~Q(Exists(reported))
        aggregates[f"period_{i}"] = Count("pk", filter=owed)
    result = activities.aggregate(**aggregates)
    return sum(v or 0 for v in result.values()) + len(_office_items(access, today, policy))
