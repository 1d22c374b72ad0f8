"""Writes for travel: the one door for a trip and for a municipality's emission factors."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.activities.models import Activity
from utblick.activities.services import public_copy_lags, require_editable
from utblick.core import services as core
from utblick.core.countries import country_names
from utblick.core.gazetteer import locate
from utblick.core.tenancy import Access
from utblick.travel.models import EmissionFactor, Mode, Trip
from utblick.travel.selectors import great_circle_km


def _place_km(trip: Trip) -> tuple[Decimal | None, list[str]]:
    """The great circle between the trip's two places, and the places the gazetteer lacks."""
    ends = [(trip.origin, trip.origin_country), (trip.destination, trip.destination_country)]
    found, missing = [], []
    for place, country in ends:
        hit = locate(place, country) if place and country else None
        if hit is None:
            if place:
                missing.append(place)
        else:
            found.append(hit.best)
    if len(found) < 2:
        return None, missing
    a, b = found
    return great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude), missing


def trip_problems(trip: Trip, missing: list[str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = core.field_problems(trip, skip={"activity"})
    known = country_names()
    for name in ("origin_country", "destination_country"):
        code = getattr(trip, name)
        if code and code not in known:
            errors[name] = [_("Okänd landskod %(code)s.") % {"code": code}]
    if trip.mode not in Mode.values:
        errors["mode"] = [_("Välj färdsätt: flyg, tåg, buss, bil eller båt.")]
    if trip.distance_km is None and trip.great_circle_km is None and "distance_km" not in errors:
        if missing:
            message = _(
                "Hittar inte %(places)s i ortregistret. Ange sträckan i km, eller ort och land "
                "som ortregistret känner."
            ) % {"places": ", ".join(missing)}
        else:
            message = _("Ange sträckan i km, eller både från- och till-ort med land.")
        errors["distance_km"] = [message]
    return errors


def trip_save(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    activity: Activity,
    trip: Trip,
    expected_version: int | None,
) -> Trip:
    """Create or change a trip; the distance between its places is looked up here."""
    require_editable(access, activity)
    core.refuse_if_archived(activity)
    core.refuse_if_archived(trip)
    trip.municipality = access.municipality
    trip.activity = activity
    trip.origin, trip.destination = trip.origin.strip(), trip.destination.strip()
    trip.origin_country = trip.origin_country.strip().upper()
    trip.destination_country = trip.destination_country.strip().upper()
    trip.great_circle_km, missing = _place_km(trip)
    errors = trip_problems(trip, missing)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        core.save_versioned(trip, expected_version=expected_version, user=user)
        public_copy_lags([activity.pk])
    return trip


def trip_archive(*, access: Access, user: AbstractBaseUser | None, trip: Trip) -> None:
    require_editable(access, trip.activity)
    core.refuse_if_archived(trip.activity)
    with transaction.atomic():
        core.archive(trip, user=user)
        public_copy_lags([trip.activity_id])


def _trips_changed(access: Access) -> None:
    """A factor changes the footprint of every published activity with trips."""
    public_copy_lags(
        Trip.objects.current()
        .filter(municipality=access.municipality)
        .values_list("activity_id", flat=True)
        .distinct()
    )


def factor_save(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    factor: EmissionFactor,
    expected_version: int | None,
) -> EmissionFactor:
    """The municipality's own factor for a mode, with its source, instead of the shipped one."""
    access.require("coordinate")
    core.refuse_if_archived(factor)
    factor.municipality = access.municipality
    factor.source = factor.source.strip()
    errors = core.field_problems(factor)
    if not factor.source and "source" not in errors:
        errors["source"] = [_("Ange varifrån faktorn kommer.")]
    if factor.pk is None and "mode" not in errors:
        taken = EmissionFactor.objects.current().filter(
            municipality=access.municipality, mode=factor.mode
        )
        if taken.exists():
            errors["mode"] = [_("Kommunen har redan en egen faktor för det färdsättet.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        core.save_versioned(factor, expected_version=expected_version, user=user)
        _trips_changed(access)
    return factor


def factor_reset(*, access: Access, user: AbstractBaseUser | None, factor: EmissionFactor) -> None:
    """Back to the shipped factor: the own one is archived (kept, with its history)."""
    access.require("coordinate")
    if factor.municipality_id != access.municipality.pk:
        raise PermissionDenied
    with transaction.atomic():
        core.archive(factor, user=user)
        _trips_changed(access)
