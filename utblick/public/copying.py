"""The public copy of an activity: what the public may see of it, taken as it is now."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import translation

from utblick.activities.models import EU_FIELDS, Activity, ActivityPartner
from utblick.core import clock
from utblick.core.reference import sdg_goal
from utblick.core.text import fold
from utblick.funding.models import Funding
from utblick.funding.selectors import financing
from utblick.travel.models import Trip
from utblick.travel.selectors import (
    Factor,
    Footprint,
    current_trips,
    factors_for,
    trip_footprint,
    used_factors,
)


def _fetch(ids: list[int]) -> list[Activity]:
    return list(
        Activity.objects.filter(pk__in=ids)
        .select_related("unit", "network", "municipality")
        .prefetch_related(
            "focus_areas",
            "goals",
            "terms__taxonomy",
            "budget_lines",
            Prefetch(
                "funding",
                queryset=Funding.objects.filter(archived_at__isnull=True).select_related("source"),
            ),
            Prefetch(
                "partner_links",
                queryset=ActivityPartner.objects.select_related("partner").order_by(
                    "partner__name"
                ),
            ),
        )
    )


def _years(a: Activity) -> str:
    start = a.start_date.year if a.start_date else None
    end = a.end_date.year if a.end_date else clock.today().year
    if start is None:
        return ""
    return "|" + "|".join(str(y) for y in range(start, max(start, end) + 1)) + "|"


def public_copies(ids: list[int]) -> dict[int, dict[str, Any]]:
    """Every field the public may see of each activity as it is now, in a fixed number of queries.

    The municipality's settings apply when the copy is read, not here.
    """
    activities = _fetch(ids)
    trips: dict[int, list[Trip]] = {}
    for trip in current_trips(ids):
        trips.setdefault(trip.activity_id, []).append(trip)
    factors = {m.pk: factors_for(m) for m in {a.municipality for a in activities if a.pk in trips}}
    return {
        a.pk: _copy(a) | {"travel": _travel(trips.get(a.pk, []), factors.get(a.municipality_id))}
        for a in activities
    }


def _cited(factors: list[Factor]) -> list[str]:
    with translation.override("sv"):
        return [f.cited for f in factors]


def _travel(trips: list[Trip], factors: dict[str, Factor] | None) -> dict[str, Any]:
    if not trips or factors is None:
        return {}
    fp = Footprint([trip_footprint(t, factors) for t in trips])

    def number(value: Decimal | None) -> str | None:
        return str(value) if value is not None else None

    return {
        "kg": str(fp.kg),
        "if_train_kg": str(fp.if_train_kg) if fp.has_train_option else None,
        "trips": [
            {
                "mode": r.trip.mode,
                "travellers": r.trip.travellers,
                "route": r.route,
                "round_trip": r.trip.round_trip,
                "km": number(r.km),
                "kg": number(r.kg),
                "train_kg": number(r.train_kg),
            }
            for r in fp.rows
        ],
        # Stored in Swedish whatever the publisher's language, as the open data is.
        "factors": _cited(used_factors([fp], factors)),
    }


def public_copy(activity: Activity) -> dict[str, Any]:
    return public_copies([activity.pk])[activity.pk]


def _copy(a: Activity) -> dict[str, Any]:
    partners = [
        {
            "name": link.partner.name,
            "kind": link.partner.kind,
            "country": link.partner.country,
            "place": link.partner.place,
            "role": link.role,
            "pic": link.partner.pic,
            "lat": float(link.partner.latitude) if link.partner.latitude is not None else None,
            "lon": float(link.partner.longitude) if link.partner.longitude is not None else None,
        }
        for link in a.partner_links.all()
        if link.partner.archived_at is None
    ]
    if a.network is not None:
        n = a.network
        partners.append(
            {
                "name": n.name,
                "kind": n.kind,
                "country": n.country,
                "place": n.place,
                "role": "network",
                "lat": float(n.latitude) if n.latitude is not None else None,
                "lon": float(n.longitude) if n.longitude is not None else None,
            }
        )
    money = financing(list(a.budget_lines.all()), list(a.funding.all()))
    areas = [[f.key, f.name] for f in a.focus_areas.all()]
    # A target ("13.1") ties the activity to its goal too.
    sdgs = sorted(
        {g for t in a.terms.all() if (g := sdg_goal(t.taxonomy.builtin, t.code))}, key=int
    )
    countries = sorted({c for c in [a.country, *(p["country"] for p in partners)] if c})
    granted: dict[str, Decimal] = {}
    for f in a.funding.all():
        if f.source.external and f.granted_sek:
            granted[f.source.name] = granted.get(f.source.name, Decimal(0)) + f.granted_sek
    funders = [[name, str(amount)] for name, amount in sorted(granted.items())]
    return {
        "municipality": a.municipality,
        "kind": a.kind,
        "title": a.title,
        "summary": a.summary,
        "description": a.description,
        "status": a.status,
        "unit_name": a.unit.name,
        "contact_id": a.contact_id,
        "start_date": a.start_date,
        "end_date": a.end_date,
        "place": a.place,
        "country": a.country,
        "countries": "|" + "|".join(countries) + "|" if countries else "",
        "focus_areas": areas,
        "focus_area_keys": "|" + "|".join(k for k, _n in areas) + "|" if areas else "",
        "goals": [[g.key, g.text] for g in a.goals.all()],
        "sdgs": sdgs,
        "sdg_codes": "|" + "|".join(sdgs) + "|" if sdgs else "",
        "terms": [[t.taxonomy.name, str(t)] for t in a.terms.all()],
        "partners": partners,
        "network": a.network.name if a.network else "",
        "member_since": a.member_since,
        "agreement_date": a.agreement_date,
        "agreement_state": a.agreement_state,
        "date_precision": a.date_precision,
        "latitude": a.latitude,
        "longitude": a.longitude,
        "purpose": a.purpose,
        "benefit": a.benefit,
        "report": a.report,
        "reference": a.reference,
        "stance": a.stance,
        "child_impact": a.child_impact,
        "identifiers": {
            name: str(value) if name == "cofinancing_rate" else value
            for name in EU_FIELDS
            if (value := getattr(a, name)) not in ("", None)
        },
        "annual_fee": a.annual_fee,
        "cost": a.cost,
        "budget": money.budget if money.budget else None,
        "external_funding": money.external_granted if money.external_granted else None,
        "funders": funders,
        "years": _years(a),
        "first_published_at": a.first_published_at,
        "last_published_at": a.last_published_at,
        "search_text": fold(
            " ".join([a.title, a.summary, a.description, a.place, *(p["name"] for p in partners)])
        ),
    }
