"""Writes for the partner registry: de-duplicated per municipality."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from utblick.activities.models import Activity
from utblick.activities.services import partner_changed, partner_link
from utblick.core import services as core
from utblick.core.countries import country_names
from utblick.core.gazetteer import place_coordinates
from utblick.core.tenancy import Access
from utblick.partners.models import Partner

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def partner_problems(partner: Partner) -> dict[str, list[str]]:
    """What is wrong with the partner as it would be saved; the import's preview asks too."""
    errors: dict[str, list[str]] = core.field_problems(partner, skip={"name_key"})
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
    if partner.pic:
        holder = (
            Partner.objects.filter(municipality=partner.municipality, pic=partner.pic)
            .exclude(pk=partner.pk)
            .first()
        )
        if holder is not None:
            errors.setdefault("pic", []).append(
                _("PIC-numret %(pic)s hör redan till %(name)s.")
                % {"pic": partner.pic, "name": holder}
            )
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
    before = None
    if partner.pk is not None:
        before = Partner.objects.filter(pk=partner.pk, municipality=access.municipality).first()
        if before is None:
            raise PermissionDenied
        core.refuse_if_archived(before)
    partner.municipality = access.municipality
    errors = partner_problems(partner)
    if errors:
        raise ValidationError(errors)
    place_coordinates(partner, before)
    existing = partner.pk is not None
    try:
        with transaction.atomic():
            core.save_versioned(partner, expected_version=expected_version, user=user)
            if existing:
                partner_changed(partner)
    except IntegrityError as error:  # someone saved the same name and country a moment before
        if not existing:
            partner.pk = None
        raise ValidationError(
            {
                "name": [
                    _("%(name)s finns redan i registret; använd den posten i stället.")
                    % {"name": partner.name}
                ]
            }
        ) from error
    return partner


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
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
) -> tuple[Partner, bool]:
    """The registered partner with this name and country, or a new one."""
    existing = (
        Partner.objects.filter(municipality=access.municipality).matching(name, country).first()
    )
    if existing is not None:
        return existing, False
    partner = Partner(
        name=name,
        country=country,
        kind=kind,
        place=place,
        website=website,
        example=example,
        latitude=latitude,
        longitude=longitude,
    )
    return partner_save(access=access, user=user, partner=partner, expected_version=None), True


def partner_add_to_activity(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    activity: Activity,
    name: str,
    country: str,
    kind: str,
    place: str,
    role: str,
) -> tuple[Partner, bool]:
    """A partner named on an activity's page: found or registered, and linked, all or nothing."""
    with transaction.atomic():
        partner, created = partner_find_or_create(
            access=access, user=user, name=name, country=country, kind=kind, place=place
        )
        partner_link(access=access, user=user, activity=activity, partner=partner, role=role)
    return partner, created


def partner_archive(*, access: Access, user: AbstractBaseUser, partner: Partner) -> None:
    access.require("coordinate")
    core.archive(partner, user=user)


def partner_restore(*, access: Access, user: AbstractBaseUser, partner: Partner) -> None:
    access.require("coordinate")
    core.restore(partner, user=user)
