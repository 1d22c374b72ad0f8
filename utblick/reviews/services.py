"""Recording a review; "end" ends the agreement or membership with the same decision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.activities.models import REVIEWABLE, Activity, AgreementState, Status
from utblick.activities.services import activity_save, activity_tags
from utblick.core import services as core
from utblick.core.dates import add_months
from utblick.core.tenancy import Access
from utblick.reviews.models import Decision, Review
from utblick.reviews.selectors import review_interval_months

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def review_record(
    *, access: Access, user: AbstractBaseUser, activity: Activity, review: Review
) -> Review:
    access.require_unit(activity.unit_id)
    if (
        activity.municipality_id != access.municipality.pk
        or review.deciding_body.municipality_id != access.municipality.pk
    ):
        raise PermissionDenied
    if activity.kind not in REVIEWABLE:
        raise ValidationError(_("Bara vänorter, partnerskap och nätverksmedlemskap omprövas."))
    if activity.status == Status.ENDED:
        raise ValidationError(_("Avtalet eller medlemskapet är redan avslutat."))
    errors: dict[str, list[str]] = {}
    if not review.assessment.strip():
        errors["assessment"] = [_("Beskriv bedömningen av syfte och nytta.")]
    if not review.decision_reference.strip():
        errors["decision_reference"] = [_("Ange beslutets diarienummer eller paragraf.")]
    if review.decision == Decision.CHANGE and not review.changes.strip():
        errors["changes"] = [_("Beskriv vilka ändringar som beslutades.")]
    for name, messages in core.field_problems(review).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review.municipality = access.municipality
        review.activity = activity
        if review.decision == Decision.END:
            review.next_review_on = None
            activity.status = Status.ENDED
            activity.end_date = activity.end_date or review.decided_on
            if activity.is_agreement:
                activity.agreement_state = AgreementState.ENDED
                activity.ended_on = review.decided_on
                activity.end_reason = review.assessment
                activity.end_decision_reference = review.decision_reference
        else:
            review.next_review_on = review.next_review_on or add_months(
                review.decided_on, review_interval_months(activity)
            )
        activity.next_review_on = review.next_review_on
        core.save_versioned(review, expected_version=None, user=user)
        activity_save(
            access=access,
            user=user,
            activity=activity,
            tags=activity_tags(activity),
            expected_version=None,
            verb="reviewed",  # the decision itself is the review's own row
        )
    return review
