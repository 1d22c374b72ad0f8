"""Writes for the partner registry: de-duplicated per municipality."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from utblick.activities.models import Activity
from utblick.core import services as core
from utblick.core.countries import country_names
from utblick.core.tenancy import Access
from utblick.partners.models import Partner

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def partner_problems(partner: Partner) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if partner.country not in country_names():
        errors["country"] = [_("Okänt land: %(c)s.") % {"c": partner.country or "–"}]
    duplicate = (
        Partner.objects.filter(municipality=partner.municipality)
        .matching(partner.name, partner.country)
        .exclude(pk=partner.pk)
        .first()
    )
    if (partner.latitude is None) != (partner.longitude is None):
        errors["longitude"] = [_("Ange både latitud och longitud, eller ingen av dem.")]
    if duplicate is not None:
        errors["name"] = [
            _("%(name)s finns redan i registret; använd den posten i stället.")
            % {"name": duplicate}
        ]
    return errors


def partner_save(
    *, access: Access, user: AbstractBaseUser | None, partner: Partner, expected_version: int | None
) -> Partner:
    """Create or update a partner; any member who may edit may add partners."""
    access.require("edit")
    partner.municipality = access.municipality
    errors = partner_problems(partner)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        existing = partner.pk is not None
        core.save_versioned(partner, expected_version=expected_version, user=user)
        if existing:
            _published_copies_lag(partner)
    return partner


def _published_copies_lag(partner: Partner) -> None:
    """Published activities show the partner as it was when they were published."""

    Activity.objects.filter(
        Q(partner_links__partner=partner) | Q(network=partner), published=True
    ).update(has_unpublished_changes=True)


def partner_find_or_create(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    name: str,
    country: str,
    kind: str,
    place: str = "",
    website: str = "",
    example: bool = False,
) -> tuple[Partner, bool]:
    """The registered partner with this name and country, or a new one."""
    existing = (
        Partner.objects.filter(municipality=access.municipality).matching(name, country).first()
    )
    if existing is not None:
        return existing, False
    partner = Partner(
        name=name, country=country, kind=kind, place=place, website=website, example=example
    )
    return partner_save(access=access, user=user, partner=partner, expected_version=None), True


def partner_archive(*, access: Access, user: AbstractBaseUser, partner: Partner) -> None:
    access.require("coordinate")
    core.archive(partner, user=user)


def partner_restore(*, access: Access, user: AbstractBaseUser, partner: Partner) -> None:
    access.require("coordinate")
    core.restore(partner, user=user)
