"""Reads about travel: distances, footprints and their totals, with the factors' sources.

Footprints are computed here from stored trips and the municipality's factors
(its own where it has stated one, else the shipped ones): nothing derived is stored.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from utblick.core.countries import country_name
from utblick.core.gazetteer import locate
from utblick.core.reference import sdg_goal, sdg_name
from utblick.municipalities.models import Municipality
from utblick.travel.models import EmissionFactor, Mode, Trip
from utblick.travel.reference import (
    CAR_SEATS,
    DETOUR,
    RAIL_COUNTRIES,
    RAIL_MAX_KM,
    SHIPPED,
)

ZERO = Decimal(0)
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


@dataclass(frozen=True)
class Factor:
    """The factor a mode's footprint is computed with, and where it comes from."""

    mode: str
    grams: Decimal
    source: str
    year: int
    url: str = ""
    own: EmissionFactor | None = None

    @property
    def label(self) -> str:
        return str(Mode(self.mode).label)

    @property
    def unit(self) -> str:
        return _("g CO₂e/fordonskm") if self.mode == Mode.CAR else _("g CO₂e/personkm")

    @property
    def cited(self) -> str:
        """ "Flyg 133 g CO₂e/personkm (Klimatsmart semester …, 2021)"."""
        grams = format(self.grams.normalize(), "f")
        return f"{self.label} {grams} {self.unit} ({self.source}, {self.year})"


def factors_for(municipality: Municipality) -> dict[str, Factor]:
    own = {f.mode: f for f in EmissionFactor.objects.current().filter(municipality=municipality)}
    factors = {}
    for mode in Mode.values:
        if mode in own:
            f = own[mode]
            factors[mode] = Factor(mode, f.grams, f.source, f.year, own=f)
        else:
            s = SHIPPED[mode]
            factors[mode] = Factor(mode, s.grams, s.source, s.year, s.url)
    return factors


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> Decimal:
    """The distance over the earth's surface (haversine), to a tenth of a kilometre."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
    return Decimal(f"{km:.1f}")


def one_way_km(trip: Trip, mode: str | None = None) -> Decimal | None:
    """The travelled distance one way: as stated, or the great circle with the mode's detour."""
    mode = mode or trip.mode
    if trip.distance_km is not None and mode == trip.mode:
        return trip.distance_km
    base = trip.great_circle_km
    if base is None and trip.distance_km is not None:
        base = trip.distance_km / DETOUR[trip.mode]
    if base is None:
        return None
    return (base * DETOUR[mode]).quantize(Decimal("0.1"))


def _kg(trip: Trip, mode: str, km: Decimal, factors: dict[str, Factor]) -> Decimal:
    legs = 2 if trip.round_trip else 1
    units = -(-trip.travellers // CAR_SEATS) if mode == Mode.CAR else trip.travellers
    return (km * legs * units * factors[mode].grams / 1000).quantize(Decimal("0.1"))


def rail_realistic(trip: Trip) -> bool:
    """A flight between two places reached by rail from Sweden, not too far apart."""
    if trip.mode != Mode.FLIGHT:
        return False
    countries = {trip.origin_country or "SE", trip.destination_country}
    km = trip.great_circle_km or trip.distance_km
    return countries <= RAIL_COUNTRIES and km is not None and km <= RAIL_MAX_KM


@dataclass(frozen=True)
class TripFootprint:
    trip: Trip
    km: Decimal | None  # one way
    kg: Decimal | None  # None: the distance is not known
    train_kg: Decimal | None = None  # the same trip by train, where rail is realistic

    @property
    def route(self) -> str:
        def end(place: str, country: str) -> str:
            return f"{place} ({country_name(country)})" if place and country else place

        return " – ".join(
            x
            for x in (
                end(self.trip.origin, self.trip.origin_country),
                end(self.trip.destination, self.trip.destination_country),
            )
            if x
        )


def trip_footprint(trip: Trip, factors: dict[str, Factor]) -> TripFootprint:
    km = one_way_km(trip)
    kg = _kg(trip, trip.mode, km, factors) if km is not None else None
    train = None
    if rail_realistic(trip):
        train_km = one_way_km(trip, Mode.TRAIN)
        if train_km is not None:
            train = _kg(trip, Mode.TRAIN, train_km, factors)
    return TripFootprint(trip, km, kg, train)


@dataclass
class Footprint:
    """An activity's (or any set of) trips and their sum."""

    rows: list[TripFootprint] = field(default_factory=list)
    #: The factors used, with their sources (set where the footprint is shown on its own).
    factors: list[Factor] = field(default_factory=list)

    @property
    def kg(self) -> Decimal:
        return sum((r.kg or ZERO for r in self.rows), ZERO)

    @property
    def travellers(self) -> int:
        return sum(r.trip.travellers for r in self.rows)

    @property
    def unknown(self) -> int:
        return sum(1 for r in self.rows if r.kg is None)

    @property
    def has_train_option(self) -> bool:
        return any(r.train_kg is not None for r in self.rows)

    @property
    def if_train_kg(self) -> Decimal:
        """The same travel with every realistic flight taken by train instead."""
        return sum(
            (r.train_kg if r.train_kg is not None else (r.kg or ZERO) for r in self.rows), ZERO
        )

    @property
    def modes(self) -> list[str]:
        return sorted({r.trip.mode for r in self.rows})


def current_trips(activity_ids: Iterable[int]) -> list[Trip]:
    return list(Trip.objects.current().filter(activity_id__in=list(activity_ids)).order_by("pk"))


def activity_footprint(activity: Any) -> Footprint:
    factors = factors_for(activity.municipality)
    footprint = Footprint([trip_footprint(t, factors) for t in current_trips([activity.pk])])
    footprint.factors = used_factors([footprint], factors)
    return footprint


def footprints_by_activity(trips: list[Trip], factors: dict[str, Factor]) -> dict[int, Footprint]:
    result: dict[int, Footprint] = defaultdict(Footprint)
    for t in trips:
        result[t.activity_id].rows.append(trip_footprint(t, factors))
    return dict(result)


def trip_year(trip: Trip, activity: Any) -> int | None:
    if trip.travelled_on:
        return trip.travelled_on.year
    return activity.start_date.year if activity.start_date else None


def used_factors(footprints: Iterable[Footprint], factors: dict[str, Factor]) -> list[Factor]:
    """The factors the figures were computed with (and the train's, for the comparison)."""
    modes: set[str] = set()
    for fp in footprints:
        modes |= set(fp.modes)
        if fp.has_train_option:
            modes.add(Mode.TRAIN)
    return [factors[m] for m in Mode.values if m in modes]


@dataclass
class Totals:
    """The municipality's travel: per activity, unit, year, policy goal and Agenda 2030 goal."""

    by_activity: list[tuple[Any, Footprint]]
    by_unit: list[tuple[str, Decimal]]
    by_year: list[tuple[str, Decimal]]
    by_goal: list[tuple[str, Decimal]]
    by_sdg: list[tuple[str, Decimal]]
    factors: list[Factor]

    @property
    def kg(self) -> Decimal:
        return sum((fp.kg for _a, fp in self.by_activity), ZERO)

    @property
    def if_train_kg(self) -> Decimal:
        return sum((fp.if_train_kg for _a, fp in self.by_activity), ZERO)


def travel_totals(municipality: Municipality) -> Totals:
    """A fixed number of queries, whatever the number of trips and activities."""
    trips = list(
        Trip.objects.current()
        .filter(municipality=municipality, activity__archived_at__isnull=True)
        .select_related("activity__unit")
        .prefetch_related("activity__goals", "activity__terms__taxonomy")
        .order_by("activity__title", "pk")
    )
    factors = factors_for(municipality)
    per_activity = footprints_by_activity(trips, factors)
    activities = {t.activity_id: t.activity for t in trips}
    units: dict[str, Decimal] = defaultdict(lambda: ZERO)
    years: dict[str, Decimal] = defaultdict(lambda: ZERO)
    goals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    sdgs: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    for activity_id, fp in per_activity.items():
        a = activities[activity_id]
        units[a.unit.name] += fp.kg
        for r in fp.rows:
            year = trip_year(r.trip, a)
            years[str(year) if year else _("Utan år")] += r.kg or ZERO
        for g in a.goals.all():
            goals[g.text] += fp.kg
        # A target ("13.1") counts under its goal.
        for g in {sdg_goal(t.taxonomy.builtin, t.code) for t in a.terms.all()} - {None}:
            sdgs[(int(g), f"{g} {sdg_name(g)}")] += fp.kg
    return Totals(
        by_activity=[(activities[i], fp) for i, fp in per_activity.items()],
        by_unit=sorted(units.items(), key=lambda item: (-item[1], item[0])),
        by_year=sorted(years.items()),
        by_goal=sorted(goals.items(), key=lambda item: (-item[1], item[0])),
        by_sdg=[(label, kg) for (_n, label), kg in sorted(sdgs.items())],
        factors=used_factors(per_activity.values(), factors),
    )


def home_place(municipality: Municipality) -> str:
    """The municipality's own town, as the gazetteer knows it: "Kungälvs kommun" → "Kungälv"."""
    stem = re.sub(r"\s+(kommun|stad)$", "", municipality.name.strip(), flags=re.IGNORECASE)
    for name in (stem, stem[:-1] if stem.endswith("s") else ""):
        if name and locate(name, "SE") is not None:
            return name
    return stem


def trip_defaults(activity: Any) -> dict[str, Any]:
    """A new trip's form starts from home to the activity's place, on its first day."""
    return {
        "travellers": 1,
        "origin": home_place(activity.municipality),
        "origin_country": "SE",
        "destination": activity.place,
        "destination_country": activity.country,
        "travelled_on": activity.start_date,
        "round_trip": True,
    }
