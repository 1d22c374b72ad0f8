"""Periods from the cadence; writing, submitting, returning and correcting follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from utblick.activities.models import Activity, Status
from utblick.core import clock
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.followup.models import FollowUp, FollowUpState, Period, TrafficLight
from utblick.municipalities.models import Municipality
from utblick.policies.models import CadencePeriod, PolicyStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


#: Days after the due date that a period stays open for late submissions and
#: the coordinator's returns; then it is locked and changes become corrections.
CLOSE_AFTER_DUE_DAYS = 60


def _day(year: int, month_day: str) -> date:
    month, day = (int(x) for x in month_day.split("-"))
    if (month, day) == (2, 29) and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 28
    return date(year, month, day)


def periods_ensure(municipality: Municipality, year: int) -> list[Period]:
    """The year's periods from the cadence of the policy in force (created once, then kept)."""
    existing = {p.key: p for p in Period.objects.filter(municipality=municipality, year=year)}
    cadence = CadencePeriod.objects.filter(
        policy__municipality=municipality, policy__status=PolicyStatus.IN_FORCE
    ).select_related("policy")
    created = False
    for spec in cadence:
        if spec.key in existing:
            continue
        start, end = _day(year, spec.start), _day(year, spec.end)
        due = end + timedelta(days=spec.due_days)
        period = Period(
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
        core.save_versioned(
            period,
            expected_version=None,
            user=None,
            reason=_("Ur styrdokumentets uppföljningsrytm"),
        )
        created = True
    if not created:
        return sorted(existing.values(), key=lambda p: (p.start, p.pk))
    return list(Period.objects.filter(municipality=municipality, year=year).order_by("start", "pk"))


def reportable(queryset: QuerySet[Activity], start: date, end: date) -> QuerySet[Activity]:
    """Activities that should be followed up for a stretch of time.

    Running ones that overlap it, and ones completed or ended during or after it
    (their last report is due too); never archived ones, ideas or rejected ones.
    """
    overlaps = (Q(start_date__lte=end) | Q(start_date__isnull=True)) & (
        Q(end_date__gte=start) | Q(end_date__isnull=True)
    )
    finished = (
        Q(status__in=[Status.COMPLETED, Status.ENDED])
        & Q(end_date__gte=start)
        & (Q(start_date__lte=end) | Q(start_date__isnull=True))
    )
    return queryset.filter(archived_at__isnull=True).filter(
        (Q(status=Status.ACTIVE) & overlaps) | finished
    )


def scoped_activities(access: Access) -> QuerySet[Activity]:
    """What a member reports on: all for coordinators, their units' for editors."""
    qs = Activity.objects.filter(municipality=access.municipality)
    if access.is_coordinator:
        return qs
    return qs.filter(unit_id__in=access.unit_ids)


@dataclass
class FollowUpData:
    status: str
    comment: str = ""
    progress: int = 0
    results: str = ""
    spent: Decimal = Decimal(0)
    next_steps: str = ""


def followup_problems(data: FollowUpData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.status not in TrafficLight.values:
        errors["status"] = [_("Välj läge: enligt plan, risk för avvikelse eller avviker.")]
    elif data.status != TrafficLight.ON_TRACK and not data.comment.strip():
        errors["comment"] = [
            _("Förklara avvikelsen i en kommentar när läget inte är ”enligt plan”.")
        ]
    if not 0 <= data.progress <= 100:
        errors["progress"] = [_("Ange hur stor del som är genomförd, 0–100 procent.")]
    if data.spent < 0:
        errors["spent"] = [_("Beloppet kan inte vara negativt.")]
    return errors


def _latest(activity: Activity, period: Period) -> FollowUp | None:
    return FollowUp.objects.filter(activity=activity, period=period, is_latest=True).first()


def followup_save(
    *,
    access: Access,
    user: AbstractBaseUser,
    activity: Activity,
    period: Period,
    data: FollowUpData,
    submit: bool,
    expected_version: int | None,
    today: date | None = None,
) -> FollowUp:
    """Write (and optionally submit) the follow-up of an open period."""
    access.require_unit(activity.unit_id)
    if (
        activity.municipality_id != access.municipality.pk
        or period.municipality_id != access.municipality.pk
    ):
        raise PermissionDenied
    today = today or clock.today()
    if period.is_locked(today):
        raise ValidationError(
            _("Perioden stängdes %(day)s och är låst. Gör en rättelse med skäl i stället.")
            % {"day": period.closes_on.isoformat()}
        )
    errors = followup_problems(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        followup = _latest(activity, period) or FollowUp(
            municipality=access.municipality, activity=activity, period=period
        )
        for name, value in vars(data).items():
            setattr(followup, name, value)
        if submit:
            followup.state = FollowUpState.SUBMITTED
            followup.submitted_at = clock.now()
            followup.submitted_by = user  # type: ignore[assignment]
            followup.returned_reason = ""
        elif followup.state != FollowUpState.RETURNED:
            followup.state = FollowUpState.DRAFT
        reason = _("Inlämnad") if submit else _("Sparad som utkast")
        core.save_versioned(followup, expected_version=expected_version, user=user, reason=reason)
    return followup


def followup_return(
    *,
    access: Access,
    user: AbstractBaseUser,
    followup: FollowUp,
    reason: str,
    today: date | None = None,
) -> FollowUp:
    """A coordinator sends a submitted follow-up back for completion."""
    access.require("coordinate")
    if followup.period.is_locked(today or clock.today()):
        raise ValidationError(_("Perioden är låst; den kan inte återsändas."))
    if not reason.strip():
        raise ValidationError({"returned_reason": [_("Skriv vad som behöver kompletteras.")]})
    followup.state = FollowUpState.RETURNED
    followup.returned_reason = reason
    core.save_versioned(
        followup, expected_version=None, user=user, reason=_("Återsänd för komplettering")
    )
    return followup


def followup_correct(
    *,
    access: Access,
    user: AbstractBaseUser,
    followup: FollowUp,
    data: FollowUpData,
    reason: str,
) -> FollowUp:
    """After the period is locked: a new version with a reason; the earlier one stays."""
    access.require_unit(followup.activity.unit_id)
    errors = followup_problems(data)
    if not reason.strip():
        errors["correction_reason"] = [_("Ange varför uppföljningen rättas.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = FollowUp.objects.select_for_update().get(pk=followup.pk)
        if not current.is_latest:
            raise ValidationError(_("Det finns redan en nyare version; rätta den i stället."))
        current.is_latest = False
        core.save_versioned(
            current, expected_version=None, user=user, reason=_("Ersatt av rättelse")
        )
        corrected = FollowUp(
            municipality=access.municipality,
            activity=current.activity,
            period=current.period,
            version=current.version + 1,
            is_latest=True,
            correction_reason=reason,
            state=FollowUpState.SUBMITTED,
            submitted_at=clock.now(),
            submitted_by=user,
            **vars(data),
        )
        core.save_versioned(
            corrected, expected_version=None, user=user, reason=_("Rättelse: %(r)s") % {"r": reason}
        )
    return corrected


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
    latest = {
        f.activity_id: f
        for f in FollowUp.objects.filter(
            period=period, is_latest=True, municipality=access.municipality
        )
    }
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
