"""Writes for action plans: measures, adoption, evaluation, revision for next year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.actionplans.models import ActionPlan, Measure, Outcome, PlanFollowUp, PlanState
from utblick.core import clock
from utblick.core import services as core
from utblick.core.dates import same_day_in
from utblick.core.tenancy import Access
from utblick.followup.services import period_ensure

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def _require(access: Access, plan: ActionPlan) -> None:
    if plan.municipality_id != access.municipality.pk:
        raise PermissionDenied
    access.require_unit(plan.unit_id)


def plan_save(
    *, access: Access, user: AbstractBaseUser, plan: ActionPlan, expected_version: int | None
) -> ActionPlan:
    plan.municipality = access.municipality
    _require(access, plan)
    if plan.unit.municipality_id != access.municipality.pk:
        raise PermissionDenied
    clash = ActionPlan.objects.filter(unit=plan.unit, year=plan.year).exclude(pk=plan.pk).exists()
    if clash:
        raise ValidationError(
            {"year": [_("Enheten har redan en handlingsplan för %(y)s.") % {"y": plan.year}]}
        )
    if plan.state == PlanState.ADOPTED and plan.adopted_on is None:
        plan.adopted_on = clock.today()
    errors = core.field_problems(plan)
    if errors:
        raise ValidationError(errors)
    core.save_versioned(plan, expected_version=expected_version, user=user)
    return plan


def measure_save(
    *,
    access: Access,
    user: AbstractBaseUser,
    plan: ActionPlan,
    measure: Measure,
    activities: Any,
    goals: Any,
    expected_version: int | None,
) -> Measure:
    _require(access, plan)
    if measure.pk is not None:
        core.refuse_if_archived(Measure.objects.get(pk=measure.pk, plan=plan))
    measure.plan = plan
    measure.municipality = access.municipality
    for item in [*activities, *goals, measure.responsible]:
        if item is not None and item.municipality_id != access.municipality.pk:
            raise PermissionDenied(_("Kopplingen hör till en annan kommun."))
    errors = core.field_problems(measure)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        core.save_versioned(measure, expected_version=expected_version, user=user)
        measure.activities.set(activities)
        measure.goals.set(goals)
    return measure


def measure_evaluate(
    *,
    access: Access,
    user: AbstractBaseUser,
    measure: Measure,
    outcome: str,
    outcome_value: str,
    comment: str,
    expected_version: int | None,
) -> Measure:
    _require(access, measure.plan)
    if outcome not in Outcome.values:
        raise ValidationError(
            {"outcome": [_("Välj utfall: uppnått, delvis uppnått eller inte uppnått.")]}
        )
    if outcome != Outcome.ACHIEVED and not comment.strip():
        raise ValidationError(
            {"evaluation_comment": [_("Kommentera varför åtgärden inte uppnåddes helt.")]}
        )
    measure.outcome, measure.outcome_value, measure.evaluation_comment = (
        outcome,
        outcome_value,
        comment,
    )
    core.save_versioned(measure, expected_version=expected_version, user=user, verb="evaluated")
    return measure


def plan_evaluate(
    *, access: Access, user: AbstractBaseUser, plan: ActionPlan, summary: str
) -> ActionPlan:
    """Close the year's evaluation: every measure must have its outcome."""
    _require(access, plan)
    missing = [m.title for m in plan.measures.current() if not m.outcome]
    if missing:
        raise ValidationError(
            _("Utvärdera först alla åtgärder: %(list)s.") % {"list": ", ".join(missing)}
        )
    plan.state = PlanState.EVALUATED
    plan.evaluation_summary = summary
    plan.evaluated_on = clock.today()
    core.save_versioned(plan, expected_version=None, user=user, verb="evaluated")
    return plan


def plan_revise(*, access: Access, user: AbstractBaseUser, plan: ActionPlan) -> ActionPlan:
    """A draft for the next year with the same measures, without this year's evaluation."""
    _require(access, plan)
    year = plan.year + 1
    if ActionPlan.objects.filter(unit=plan.unit, year=year).exists():
        raise ValidationError(_("Det finns redan en handlingsplan för %(y)s.") % {"y": year})
    with transaction.atomic():
        draft = ActionPlan(
            municipality=access.municipality,
            unit=plan.unit,
            year=year,
            state=PlanState.DRAFT,
            summary=plan.summary,
            revised_from=plan,
        )
        core.save_versioned(
            draft,
            expected_version=None,
            user=user,
            verb="revised",
            reason=str(plan.year),
        )
        for old in plan.measures.current().prefetch_related("activities", "goals"):
            copy = Measure(
                municipality=access.municipality,
                plan=draft,
                title=old.title,
                indicator=old.indicator,
                target_value=old.target_value,
                responsible=old.responsible,
                deadline=same_day_in(old.deadline, year) if old.deadline else None,
                position=old.position,
            )
            core.save_versioned(
                copy, expected_version=None, user=user, verb="revised", reason=str(plan.year)
            )
            copy.activities.set(old.activities.filter(archived_at__isnull=True))
            copy.goals.set(old.goals.all())
    return draft


def plan_followup_save(
    *,
    access: Access,
    user: AbstractBaseUser,
    plan: ActionPlan,
    period: Any,
    status: str,
    comment: str,
) -> PlanFollowUp:
    _require(access, plan)
    if status != "on_track" and not comment.strip():
        raise ValidationError({"comment": [_("Förklara avvikelsen i en kommentar.")]})
    with transaction.atomic():
        period = period_ensure(period, user)
        entry = PlanFollowUp.objects.filter(plan=plan, period=period).first() or PlanFollowUp(
            municipality=access.municipality, plan=plan, period=period
        )
        entry.status, entry.comment = status, comment
        core.save_versioned(entry, expected_version=None, user=user)
    return entry


def measure_archive(*, access: Access, user: AbstractBaseUser, measure: Measure) -> None:
    _require(access, measure.plan)
    core.archive(measure, user=user)
