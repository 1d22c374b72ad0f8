"""Writes for funding rows: the one door for an activity's funding (A1, A8)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.activities.models import Activity
from utblick.activities.services import public_copy_lags, require_editable
from utblick.compliance.engine import guard
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.funding.models import Currency, Funding, FundingSource, FundingStatus
from utblick.funding.reference import ensure_funding_sources


def funding_problems(funding: Funding) -> dict[str, list[str]]:
    # The model's own limits first (digits, choices), with Django's words.
    errors: dict[str, list[str]] = core.field_problems(funding)
    for name in ("applied_amount", "granted_amount"):
        value = getattr(funding, name)
        if value is not None and value < 0:
            errors[name] = [_("Beloppet kan inte vara negativt.")]
    if funding.currency == Currency.SEK and funding.rate_to_sek != Decimal(1):
        errors["rate_to_sek"] = [_("Kursen för kronor är 1.")]
    if funding.rate_to_sek is not None and funding.rate_to_sek <= 0:
        errors["rate_to_sek"] = [_("Kursen måste vara större än noll.")]
    if funding.status == FundingStatus.GRANTED and funding.granted_amount is None:
        errors["granted_amount"] = [_("Ange det beviljade beloppet.")]
    if (
        funding.status in (FundingStatus.GRANTED, FundingStatus.REJECTED)
        and funding.decided_on is None
    ):
        errors["decided_on"] = [_("Ange beslutsdatum för ett beviljat eller avslaget belopp.")]
    return errors


def funding_save(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    activity: Activity,
    funding: Funding,
    expected_version: int | None,
) -> Funding:
    require_editable(access, activity)
    core.refuse_if_archived(activity)
    core.refuse_if_archived(funding)
    funding.municipality = access.municipality
    funding.activity = activity
    errors = funding_problems(funding)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), guard(activity):
        core.save_versioned(funding, expected_version=expected_version, user=user)
        public_copy_lags([activity.pk])
    return funding


def funding_archive(*, access: Access, user: AbstractBaseUser, funding: Funding) -> None:
    require_editable(access, funding.activity)
    core.refuse_if_archived(funding.activity)
    with transaction.atomic(), guard(funding.activity):
        core.archive(funding, user=user)
        public_copy_lags([funding.activity_id])


def funding_sources_ensure() -> None:
    """The shipped list of funders is in the database (the migrations put it there too)."""
    ensure_funding_sources(FundingSource)
