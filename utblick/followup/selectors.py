"""Reads for follow-up: the periods a year has, who reports on what, and how far they have come.

A year's periods come from the cadence of the policy in force. They are
shown, checked and reported on without being stored: a period becomes a row
only when something is written for it (a follow-up, a report, a plan's
follow-up), so that reading a page never writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from utblick.activities.models import Activity, Status
from utblick.core.dates import year_ok
from utblick.core.tenancy import Access
from utblick.followup.models import FollowUp, FollowUpState, Period
from utblick.municipalities.models import Municipality
from utblick.policies.models import CadencePeriod, PolicyStatus

#: Days after the due date that a period stays open for late submissions and
#: the coordinator's returns; then it is locked and changes become corrections.
CLOSE_AFTER_DUE_DAYS = 60


def _day(year: int, month_day: str) -> date:
    month, day = (int(x) for x in month_day.split("-"))
    if (month, day) == (2, 29) and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 28
    return date(year, month, day)


def _from_cadence(municipality: Municipality, spec: CadencePeriod, year: int) -> Period:
    start, end = _day(year, spec.start), _day(year, spec.end)
    due = end + timedelta(days=spec.due_days)
    return Period(
        municipality=municipality,
        key=spec.key,
        name=f"{spec.name} {year}",
        year=year,
        start=start,
        end=end,
        opens_on=start,
        due_on=due,
        closes_on=due + timedelta(days=CLOSE_AFTER_DUE_DAYS),
        is_year_end=spec.end == "12-31",
        policy=spec.policy,
    )


def _cadences(municipality: Municipality) -> dict[int | None, list[CadencePeriod]]:
    """Each adopted version's periods by the year it was put in force; None holds the one in force."""
    found: dict[int | None, list[CadencePeriod]] = {}
    owner: dict[int, int] = {}  # year -> the version whose periods it holds (the last adopted)
    for spec in (
        CadencePeriod.objects.filter(
            policy__municipality=municipality,
            policy__status__in=[PolicyStatus.IN_FORCE, PolicyStatus.REPLACED],
        )
        .select_related("policy")
        .order_by("policy__adopted_at", "pk")
    ):
        if spec.policy.status == PolicyStatus.IN_FORCE:
            found.setdefault(None, []).append(spec)
        if spec.policy.adopted_at is not None:
            year = timezone.localdate(spec.policy.adopted_at).year
            if owner.setdefault(year, spec.policy_id) != spec.policy_id:
                owner[year], found[year] = spec.policy_id, []  # a later version that same year
            found.setdefault(year, []).append(spec)
    return found


def _cadence_of(cadences: dict[int | None, list[CadencePeriod]], year: int) -> list[CadencePeriod]:
    """The periods of the version last put in force in or before ``year``.

    A year before every adoption uses the version in force, so that older
    activities can still be followed up under today's rules.
    """
    adopted = sorted(y for y in cadences if y is not None and y <= year)
    if adopted:
        return cadences[adopted[-1]]
    return cadences.get(None, [])


def periods_for(municipality: Municipality, year: int) -> list[Period]:
    """The year's periods: those stored, and the cadence's others as unsaved rows (no writes)."""
    stored = {p.key: p for p in Period.objects.filter(municipality=municipality, year=year)}
    found = list(stored.values())
    for spec in _cadence_of(_cadences(municipality), year):
        if spec.key not in stored:
            found.append(_from_cadence(municipality, spec, year))
    return sorted(found, key=lambda p: (p.start, p.pk or 0, p.key))


def period_of(municipality: Municipality, year: int, key: str) -> Period | None:
    """One period by year and key, stored or from the cadence; None when neither has it."""
    return next((p for p in periods_for(municipality, year) if p.key == key), None)


def period_get(access: Access, year: int, key: str) -> Period:
    """As :func:`period_of` for the member's municipality, or 404."""
    if not year_ok(year):
        raise Http404
    period = period_of(access.municipality, year, key)
    if period is None:
        raise Http404
    return period


def closed_periods(municipality: Municipality, today: date) -> list[Period]:
    """Periods closed by ``today`` that follow-ups are owed for.

    The stored ones, and from the year the municipality began to use Utblick
    (its first version put in force) to this year the periods of the version
    that was in force each year.
    """
    stored = list(Period.objects.filter(municipality=municipality, closes_on__lt=today))
    cadences = _cadences(municipality)
    adopted = [y for y in cadences if y is not None]
    seen = {(p.year, p.key) for p in stored}
    virtual = []
    for year in range(min(adopted, default=today.year + 1), today.year + 1):
        for spec in _cadence_of(cadences, year):
            period = _from_cadence(municipality, spec, year)
            if (year, spec.key) not in seen and period.closes_on < today:
                virtual.append(period)
    return sorted(stored + virtual, key=lambda p: (p.start, p.key))


def reportable_filter(start: date, end: date) -> Q:
    """The condition of :func:`reportable` as a ``Q``, for counting inside an aggregate."""
    overlaps = (Q(start_date__lte=end) | Q(start_date__isnull=True)) & (
        Q(end_date__gte=start) | Q(end_date__isnull=True)
    )
    finished = (
        Q(status__in=[Status.COMPLETED, Status.ENDED])
        & Q(end_date__gte=start)
        & (Q(start_date__lte=end) | Q(start_date__isnull=True))
    )
    return Q(archived_at__isnull=True) & ((Q(status=Status.ACTIVE) & overlaps) | finished)


def reportable(queryset: QuerySet[Activity], start: date, end: date) -> QuerySet[Activity]:
    """Activities that should be followed up for a stretch of time.

    Running ones that overlap it, and ones completed or ended during or after it
    (their last report is due too); never archived ones, ideas or rejected ones.
    """
    return queryset.filter(reportable_filter(start, end))


def scoped_activities(access: Access) -> QuerySet[Activity]:
    """What a member reports on: all for coordinators, their units' for editors."""
    qs = Activity.objects.filter(municipality=access.municipality)
    if access.is_coordinator:
        return qs
    return qs.filter(unit_id__in=access.unit_ids)


def latest_followups(period: Period) -> QuerySet[FollowUp]:
    """The newest version of each follow-up of the period (none for a period not stored)."""
    if period.pk is None:
        return FollowUp.objects.none()
    return FollowUp.objects.filter(period=period, is_latest=True)


def followup_versions(period: Period, activity: Activity) -> list[FollowUp]:
    if period.pk is None:
        return []
    return list(
        FollowUp.objects.filter(activity=activity, period=period)
        .select_related("submitted_by")
        .order_by("-version")
    )


@dataclass
class PeriodRow:
    activity: Activity
    followup: FollowUp | None

    @property
    def state(self) -> str:
        return self.followup.state if self.followup else "missing"


def period_rows(access: Access, period: Period) -> list[PeriodRow]:
    """Every activity to follow up in the period, with its latest follow-up (two queries)."""
    activities = (
        reportable(scoped_activities(access), period.start, period.end)
        .select_related("unit")
        .order_by("unit__name", "title")
    )
    latest = {f.activity_id: f for f in latest_followups(period)}
    return [PeriodRow(a, latest.get(a.pk)) for a in activities]


def submission_progress(rows: list[PeriodRow]) -> list[dict[str, Any]]:
    """Per unit: how many of its follow-ups are submitted."""
    by_unit: dict[int, dict[str, Any]] = {}
    for row in rows:
        unit = row.activity.unit
        entry = by_unit.setdefault(unit.pk, {"unit": unit, "total": 0, "submitted": 0})
        entry["total"] += 1
        entry["submitted"] += row.state == FollowUpState.SUBMITTED
    return sorted(by_unit.values(), key=lambda e: e["unit"].name)


def next_unreported(access: Access, period: Period, after: Activity) -> Activity | None:
    """The next activity of the period, in the period page's order, that is not yet submitted.

    The one after ``after`` first, then from the top; never ``after`` itself.
    """
    rows = period_rows(access, period)
    position = next((i for i, row in enumerate(rows) if row.activity.pk == after.pk), -1)
    ordered = rows[position + 1 :] + rows[: max(position, 0)]
    return next(
        (
            row.activity
            for row in ordered
            if row.activity.pk != after.pk and row.state != FollowUpState.SUBMITTED
        ),
        None,
    )


def open_periods(municipality: Municipality, today: date) -> list[Period]:
    """The periods of last year and this one that are open ``today``: two queries.

    The same rows as :func:`periods_for` gives for the two years (stored ones,
    also those a coordinator added by hand, and the cadence's others unsaved).
    """
    years = (today.year - 1, today.year)
    stored: dict[tuple[int, str], Period] = {
        (p.year, p.key): p for p in Period.objects.filter(municipality=municipality, year__in=years)
    }
    cadences = _cadences(municipality)
    found = list(stored.values()) + [
        _from_cadence(municipality, spec, year)
        for year in years
        for spec in _cadence_of(cadences, year)
        if (year, spec.key) not in stored
    ]
    return sorted(
        (p for p in found if p.opens_on <= today <= p.closes_on),
        key=lambda p: (p.year, p.start, p.pk or 0, p.key),
    )
