"""What the policy in force says about reviewing an agreement: who decides, how often."""

from __future__ import annotations

from typing import Any

from utblick.activities.models import DECIDING_DUTY, REVIEWABLE, Activity
from utblick.policies.models import PolicyStatus, Principle, Responsibility

DEFAULT_INTERVAL_MONTHS = 24


def deciding_body_for(activity: Activity) -> Any:
    """The body the policy in force says decides on this kind of agreement, if it says so."""
    duty = DECIDING_DUTY.get(activity.kind)
    if duty is None:
        return None
    responsibility = (
        Responsibility.objects.filter(
            policy__municipality_id=activity.municipality_id,
            policy__status=PolicyStatus.IN_FORCE,
            duty=duty,
            unit__isnull=False,
        )
        .select_related("unit")
        .first()
    )
    return responsibility.unit if responsibility else None


def review_interval_months(activity: Activity) -> int:
    """The interval the policy in force sets for this kind (review-interval rule), else 24."""
    for principle in Principle.objects.filter(
        policy__municipality_id=activity.municipality_id,
        policy__status=PolicyStatus.IN_FORCE,
        rule_id="review-interval",
    ):
        kinds = principle.rule_params.get("kinds", list(REVIEWABLE))
        if activity.kind in kinds:
            return int(principle.rule_params.get("months", DEFAULT_INTERVAL_MONTHS))
    return DEFAULT_INTERVAL_MONTHS
