"""Writes for follow-up: periods stored when first written for, follow-ups, returns, corrections, reminders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from utblick.accounts.access import access_for
from utblick.accounts.models import Membership
from utblick.activities.models import Activity
from utblick.core import clock
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.followup.due import due_items
from utblick.followup.models import FollowUp, FollowUpState, Period, ReminderLog, TrafficLight
from utblick.followup.selectors import period_of


def period_ensure(period: Period, user: AbstractBaseUser | None = None) -> Period:
    """The period as a stored row: a period from the cadence is stored when first written for.

    ``user`` is whoever's write needed it stored (the history says who).
    """
    if period.pk is not None:
        return period
    stored = Period.objects.filter(
        municipality=period.municipality, year=period.year, key=period.key
    ).first()
    if stored is not None:
        return stored
    try:
        with transaction.atomic():
            core.save_versioned(period, expected_version=None, user=user)
    except IntegrityError:  # stored by someone else a moment ago
        period.pk = None
        return Period.objects.get(
            municipality=period.municipality, year=period.year, key=period.key
        )
    return period


def period_problems(period: Period) -> dict[str, list[str]]:
    """The dates of a period of one's own must follow each other (the form asks this too)."""
    errors: dict[str, list[str]] = {}
    start, end, due, closes = period.start, period.end, period.due_on, period.closes_on
    if start and end and end < start:
        errors["end"] = [_("Perioden kan inte sluta före den börjar.")]
    if due and closes and closes < due:
        errors["closes_on"] = [_("Perioden kan inte stängas före sista inlämningsdag.")]
    if end and due and due < end - timedelta(days=60):
        errors["due_on"] = [_("Sista inlämningsdag ligger orimligt långt före periodens slut.")]
    return errors


def period_create(*, access: Access, user: AbstractBaseUser, period: Period) -> Period:
    """A period of the coordinator's own, beside the cadence's (e.g. a mid-year check)."""
    access.require("coordinate")
    period.municipality = access.municipality
    errors = core.field_problems(period, skip={"year"})
    for name, messages in period_problems(period).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    period.year = period.start.year
    if period_of(access.municipality, period.year, period.key) is not None:
        raise ValidationError({"key": [_("Det finns redan en period med den nyckeln det året.")]})
    core.save_versioned(period, expected_version=None, user=user)
    return period


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
    if period.pk is None:
        return None
    return FollowUp.objects.filter(activity=activity, period=period, is_latest=True).first()


def followup_save(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    activity: Activity,
    period: Period,
    data: FollowUpData,
    submit: bool,
    expected_version: int | None,
) -> FollowUp:
    """Write (and optionally submit) the follow-up of an open period."""
    access.require_unit(activity.unit_id)
    if (
        activity.municipality_id != access.municipality.pk
        or period.municipality_id != access.municipality.pk
    ):
        raise PermissionDenied
    core.refuse_if_archived(activity)
    if period.is_locked(clock.today()):
        raise ValidationError(
            _("Perioden stängdes %(day)s och är låst. Gör en rättelse med skäl i stället.")
            % {"day": period.closes_on.isoformat()}
        )
    errors = followup_problems(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        period = period_ensure(period, user)
        followup = _latest(activity, period) or FollowUp(
            municipality=access.municipality, activity=activity, period=period
        )
        for name, value in vars(data).items():
            setattr(followup, name, value)
        field_errors = core.field_problems(followup)
        if field_errors:
            raise ValidationError(field_errors)
        if submit:
            followup.state = FollowUpState.SUBMITTED
            followup.submitted_at = clock.now()
            followup.submitted_by = user  # type: ignore[assignment]
            followup.returned_reason = ""
        elif followup.state != FollowUpState.RETURNED:
            followup.state = FollowUpState.DRAFT
        core.save_versioned(
            followup,
            expected_version=expected_version,
            user=user,
            verb="submitted" if submit else "drafted",
        )
    return followup


def followup_return(
    *, access: Access, user: AbstractBaseUser, followup: FollowUp, reason: str
) -> FollowUp:
    """A coordinator sends a submitted follow-up back for completion."""
    access.require("coordinate")
    if followup.period.is_locked(clock.today()):
        raise ValidationError(_("Perioden är låst; den kan inte återsändas."))
    if not reason.strip():
        raise ValidationError({"returned_reason": [_("Skriv vad som behöver kompletteras.")]})
    followup.state = FollowUpState.RETURNED
    followup.returned_reason = reason
    core.save_versioned(followup, expected_version=None, user=user, verb="returned")
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
        core.save_versioned(current, expected_version=None, user=user, verb="superseded")
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
            corrected, expected_version=None, user=user, verb="corrected", reason=reason[:100]
        )
    return corrected


def reminder_send(*, user: AbstractBaseUser, sections: list[tuple[object, list[object]]]) -> bool:
    """E-mail one member what is due: at most once a day; the mail leaves after the commit.

    Returns False when the member was already reminded today.
    """
    today = clock.today()
    count = sum(len(items) for _m, items in sections)
    context = {"user": user, "sections": sections, "today": today, "site_url": settings.SITE_URL}
    body = render_to_string("followup/reminder.txt", context)
    address = user.email  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            ReminderLog.objects.create(user=user, sent_on=today, items=count)
            transaction.on_commit(
                lambda: send_mail(f"Utblick: {count} saker att göra", body, None, [address])
            )
    except IntegrityError:
        return False  # already reminded today
    return True


@dataclass
class ReminderRound:
    """What one round of reminders did: the members e-mailed, and those who would be."""

    sent: int = 0
    due: list[tuple[str, int]] = field(default_factory=list)


def reminders_send_all(
    *, today: date, dry_run: bool = False, progress: Any = None
) -> ReminderRound:
    """E-mail every member with something due (once a day each); run daily by the queue."""
    memberships = (
        Membership.objects.filter(archived_at__isnull=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "municipality")
        .order_by("user__username", "municipality__name")
    )
    by_user: dict[Any, list[Any]] = {}
    for membership in memberships:
        by_user.setdefault(membership.user, []).append(membership.municipality)
    result = ReminderRound()
    if progress is not None:
        progress.stage(_("Går igenom vad varje medlem har att göra"), total=len(by_user))
    for user, municipalities in by_user.items():
        sections = []
        for municipality in municipalities:
            items = due_items(access_for(user, municipality.slug), today)
            if items:
                sections.append((municipality, items))
        count = sum(len(items) for _m, items in sections)
        if count:
            result.due.append((user.email, count))
            if not dry_run and reminder_send(user=user, sections=sections):
                result.sent += 1
        if progress is not None:
            progress.advance()
    return result
