"""Recording a review; "end" ends the agreement or membership with the same decision.

Decision drafts (tjänsteskrivelser) are written here too, and the decision taken on
one is recorded through the same doors: :func:`review_record` for continuing or
ending, :func:`decision_record_entry` for entering; both go through ``activity_save``.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from utblick.activities.models import (
    REVIEWABLE,
    Activity,
    AgreementState,
    Kind,
    Status,
)
from utblick.activities.services import activity_save, activity_tags, require_editable
from utblick.core import services as core
from utblick.core.dates import add_months
from utblick.core.history import user_display
from utblick.core.tenancy import Access
from utblick.organisation.models import Unit
from utblick.policies.rule_catalogue import VALUE_LABELS
from utblick.reviews.documents import render_draft_docx, render_draft_pdf
from utblick.reviews.models import Decision, DecisionDraft, DraftAction, Review
from utblick.reviews.selectors import (
    decision_draft_content,
    draft_addressee,
    policy_for_draft,
    review_interval_months,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def review_record(
    *,
    access: Access,
    user: AbstractBaseUser,
    activity: Activity,
    review: Review,
    draft: DecisionDraft | None = None,
) -> Review:
    """Record a review's decision and what it does to the agreement.

    With ``draft``, the decision draft it was taken on is kept with it (the draft
    names the review, and the body, date and reference of the decision).
    """
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
    if draft is not None:
        _check_draft(access, draft, activity)
        if draft.action == DraftAction.ENTER:
            raise ValidationError(
                _(
                    "Ett underlag för att ingå registreras med beslutet att ingå, inte som omprövning."
                )
            )
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
        if draft is not None:
            draft.review = review
            _decide(draft, user, review.deciding_body, review.decided_on, review.decision_reference)
    return review


# --- decision drafts ----------------------------------------------------------------------------


def _check_draft(access: Access, draft: DecisionDraft, activity: Activity) -> None:
    if draft.municipality_id != access.municipality.pk:
        raise PermissionDenied
    if draft.activity_id != activity.pk:
        raise ValidationError(_("Beslutsunderlaget gäller ett annat avtal eller medlemskap."))
    if draft.is_decided:
        raise ValidationError(_("Beslutet om det här underlaget är redan registrerat."))


def _decide(
    draft: DecisionDraft, user: AbstractBaseUser, body: Unit, decided_on: date, reference: str
) -> None:
    draft.decided_by = body
    draft.decided_on = decided_on
    draft.decision_reference = reference
    core.save_versioned(draft, expected_version=None, user=user, verb="decided")


def _refusal(activity: Activity, action: str) -> str | None:
    """Why a draft for ``action`` cannot be written for the activity as it stands, if so."""
    if activity.kind not in REVIEWABLE:
        return _("Beslutsunderlag skrivs bara för vänorter, partnerskap och nätverksmedlemskap.")
    if action not in DraftAction.values:
        return _("Välj om underlaget gäller att ingå, fortsätta eller avsluta.")
    if activity.status in (Status.ENDED, Status.REJECTED, Status.COMPLETED):
        return _("Avtalet eller medlemskapet är redan avslutat.")
    undecided = activity.status in (Status.IDEA, Status.PROPOSED)
    if action == DraftAction.ENTER and not undecided:
        return _(
            "Avtalet eller medlemskapet är redan beslutat: skriv underlag för att fortsätta "
            "eller avsluta det."
        )
    if action != DraftAction.ENTER and undecided:
        return _(
            "Avtalet eller medlemskapet är inte beslutat ännu: skriv underlag för att ingå det."
        )
    return None


def decision_draft_create(
    *, access: Access, user: AbstractBaseUser, activity: Activity, action: str
) -> DecisionDraft:
    """Write, render and archive a decision draft for the body that decides under the policy.

    Addressed to the first body the policy in force names for the kind, else to the
    body that decided the agreement; refused when neither is known.
    """
    require_editable(access, activity)
    core.refuse_if_archived(activity)
    refusal = _refusal(activity, action)
    if refusal:
        raise ValidationError(refusal)
    policy = policy_for_draft(activity)
    body = draft_addressee(activity, policy)
    if body is None:
        raise ValidationError(
            _(
                "Varken styrdokumentet i kraft eller aktiviteten anger vilket organ som beslutar "
                "om %(kind)s. Ange beslutande organ på aktiviteten först."
            )
            % {"kind": VALUE_LABELS[activity.kind]}
        )
    content = decision_draft_content(
        activity, action, addressed_to=body, policy=policy, written_by=user_display(user)
    )
    files = {"docx": render_draft_docx(content), "pdf": render_draft_pdf(content)}
    digests = {fmt: hashlib.sha256(data).hexdigest() for fmt, data in files.items()}
    name = slugify(f"{access.municipality.slug}-tjansteskrivelse-{activity.pk}-{action}")
    draft = DecisionDraft(
        municipality=access.municipality,
        activity=activity,
        action=action,
        addressed_to=body,
        policy=policy,
        subject=content.subject[:300],
        docx_sha256=digests["docx"],
        pdf_sha256=digests["pdf"],
        created_by=user,
    )
    with transaction.atomic():
        for fmt, data in files.items():
            getattr(draft, fmt).save(
                f"{name}-{digests[fmt][:10]}.{fmt}", ContentFile(data), save=False
            )
        try:
            core.save_versioned(draft, expected_version=None, user=user)
        except BaseException:
            for fmt in files:  # no file without its archive row
                getattr(draft, fmt).storage.delete(getattr(draft, fmt).name)
            raise
    return draft


def decision_record_entry(
    *,
    access: Access,
    user: AbstractBaseUser,
    draft: DecisionDraft,
    deciding_body: Unit,
    decided_on: date,
    decision_reference: str,
) -> Activity:
    """Record the decision to enter the agreement or membership a draft proposed.

    The activity becomes decided (active) with its deciding body, reference and date
    (agreement date or member since, unless already known), through ``activity_save``;
    the draft keeps the decision.
    """
    activity = draft.activity
    require_editable(access, activity)
    if deciding_body.municipality_id != access.municipality.pk:
        raise PermissionDenied
    _check_draft(access, draft, activity)
    if draft.action != DraftAction.ENTER:
        raise ValidationError(
            _("Ett underlag för att fortsätta eller avsluta registreras som omprövning.")
        )
    if activity.status not in (Status.IDEA, Status.PROPOSED):
        raise ValidationError(_("Avtalet eller medlemskapet är redan beslutat."))
    if not decision_reference.strip():
        raise ValidationError(
            {"decision_reference": [_("Ange beslutets diarienummer eller paragraf.")]}
        )
    with transaction.atomic():
        activity.status = Status.ACTIVE
        activity.deciding_body = deciding_body
        activity.decision_reference = decision_reference.strip()
        activity.start_date = activity.start_date or decided_on
        if activity.kind == Kind.NETWORK:
            activity.member_since = activity.member_since or decided_on
        else:
            activity.agreement_date = activity.agreement_date or decided_on
            activity.agreement_state = AgreementState.ACTIVE
        activity.next_review_on = activity.next_review_on or add_months(
            decided_on, review_interval_months(activity)
        )
        activity_save(
            access=access,
            user=user,
            activity=activity,
            tags=activity_tags(activity),
            expected_version=None,
            verb="decided",
        )
        _decide(draft, user, deciding_body, decided_on, activity.decision_reference)
    return activity
