"""Reads for the public pages: only the public copies, only of municipalities that publish."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Max, Min
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from utblick.activities.models import Activity, Kind
from utblick.core.db import Swedish
from utblick.core.reference import sdg_name
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Contact
from utblick.public.dcat import CatalogDates
from utblick.public.models import AccessibilityReport, PublicActivity, PublicSettings


@dataclass
class Site:
    municipality: Municipality
    settings: PublicSettings


def settings_for(municipality: Municipality) -> PublicSettings:
    """The municipality's settings, or the defaults (not publishing) when none are saved."""
    found = PublicSettings.objects.filter(municipality=municipality).first()
    return found or PublicSettings(municipality=municipality, enabled=False)


def site_for(slug: str) -> Site:
    """A municipality that publishes, or 404 for any other slug."""
    settings = (
        PublicSettings.objects.select_related("municipality")
        .filter(municipality__slug=slug, enabled=True)
        .first()
    )
    if settings is None:
        raise Http404
    return Site(settings.municipality, settings)


def publishing_settings() -> list[PublicSettings]:
    """The settings of every municipality that publishes, by name."""
    return list(
        PublicSettings.objects.filter(enabled=True)
        .select_related("municipality")
        .order_by("municipality__name")
    )


def publishing_municipalities() -> list[tuple[Municipality, int]]:
    settings = list(
        PublicSettings.objects.filter(enabled=True)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    counts = Counter(
        PublicActivity.objects.filter(
            municipality__in=[s.municipality_id for s in settings]
        ).values_list("municipality_id", flat=True)
    )
    return [(s.municipality, counts[s.municipality_id]) for s in settings]


def occurring_countries_and_years(municipality: Municipality) -> tuple[set[str], set[str]]:
    """The countries and years of the published activities, cached until the next publication.

    Reading them means every published row; the cache key — the number of copies and
    the newest publication, each read from an index — changes whenever a copy is
    added, replaced or removed.
    """
    published = PublicActivity.objects.filter(municipality=municipality)
    # Two queries, because each is answered from its own index alone; together they are not.
    count = published.count()
    newest = published.aggregate(latest=Max("last_published_at"))["latest"]
    key = f"public-facets:{municipality.pk}:{count}:{newest.timestamp() if newest else 0}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    countries: set[str] = set()
    years: set[str] = set()
    for country_codes, year_codes in published.order_by().values_list("countries", "years"):
        countries.update(c for c in country_codes.split("|") if c)
        years.update(y for y in year_codes.split("|") if y)
    cache.set(key, (countries, years), timeout=24 * 3600)
    return countries, years


def consenting_contacts(
    activities: list[PublicActivity], settings: PublicSettings
) -> dict[int, Contact]:
    """Contact persons who may be shown: the setting allows it and they have consented (O4)."""
    return consenting_contacts_of(activities, [settings])


def consenting_contacts_of(
    activities: list[PublicActivity], settings: list[PublicSettings]
) -> dict[int, Contact]:
    """:func:`consenting_contacts` of activities of several municipalities, in one query."""
    showing = {s.municipality_id for s in settings if s.show_contacts}
    ids = {a.contact_id for a in activities if a.contact_id and a.municipality_id in showing}
    if not ids:
        return {}
    return {
        c.pk: c
        for c in Contact.objects.publishable().filter(pk__in=ids, municipality_id__in=showing)
    }


@dataclass
class KeyFigures:
    activities: int
    by_kind: list[tuple[str, str, int]]
    countries: int
    partners: int
    external_funding: Decimal | None


def key_figures(activities: list[PublicActivity], settings: PublicSettings) -> KeyFigures:
    kinds = Counter(a.kind for a in activities)
    countries = {c for a in activities for c in a.countries.strip("|").split("|") if c}
    partners = {(p["name"], p["country"]) for a in activities for p in a.partners}
    external = (
        sum((a.external_funding or Decimal(0) for a in activities), Decimal(0))
        if settings.show_funding
        else None
    )
    return KeyFigures(
        len(activities),
        [(k.value, str(k.label), kinds[k.value]) for k in Kind if kinds[k.value]],
        len(countries),
        len(partners),
        external,
    )


@dataclass
class Chart:
    title: str
    label: str  # heading of the table's first column
    unit: str
    rows: list[tuple[str, int | Decimal]]
    money: bool = False


def overview_charts(activities: list[PublicActivity], settings: PublicSettings) -> list[Chart]:
    """The public overview's charts: by focus area, by Agenda 2030 goal and external funding."""
    areas: Counter[str] = Counter()
    sdgs: Counter[str] = Counter()
    granted: dict[str, Decimal] = {}
    for a in activities:
        areas.update(name for _key, name in a.focus_areas)
        sdgs.update(a.sdgs)
        for name, amount in a.funders:
            granted[name] = granted.get(name, Decimal(0)) + Decimal(amount)
    charts = []
    if areas:
        charts.append(
            Chart(
                gettext("Aktiviteter per inriktning"),
                gettext("Inriktning"),
                gettext("Antal"),
                sorted(areas.items(), key=lambda r: -r[1]),
            )
        )
    if sdgs:
        rows = [(f"{code} {sdg_name(code)}", sdgs[code]) for code in sorted(sdgs, key=int)]
        charts.append(
            Chart(
                gettext("Aktiviteter per mål i Agenda 2030"), gettext("Mål"), gettext("Antal"), rows
            )
        )
    if granted and settings.show_funding:
        rows = sorted(granted.items(), key=lambda r: -r[1])
        charts.append(
            Chart(
                gettext("Beviljad extern finansiering per finansiär"),
                gettext("Finansiär"),
                gettext("Kronor"),
                rows,
                money=True,
            )
        )
    return charts


@dataclass
class PublishingState:
    published: int
    drafts: int
    waiting: list[Any]  # published activities with unpublished changes
    reports: list[AccessibilityReport]


def publishing_state(municipality: Municipality) -> PublishingState:
    """What the publishing page shows: counts, changes waiting, reported defects."""

    current = Activity.objects.current().filter(municipality=municipality)
    counts = Counter(current.values_list("published", flat=True))
    waiting = list(
        current.filter(published=True, has_unpublished_changes=True)
        .select_related("unit")
        .order_by(Swedish("title"))
    )
    reports = list(
        AccessibilityReport.objects.filter(municipality=municipality).select_related("handled_by")[
            :100
        ]
    )
    return PublishingState(counts[True], counts[False], waiting, reports)


def catalog_dates(settings: PublicSettings) -> CatalogDates:
    """Issued when publishing was switched on; modified at the latest publication or setting."""
    return catalogs_dates([settings])[settings.municipality_id]


def catalogs_dates(rows: list[PublicSettings]) -> dict[int, CatalogDates]:
    """:func:`catalog_dates` of many municipalities in one query (the site-wide catalogue)."""
    found = {
        r["municipality_id"]: r
        for r in PublicActivity.objects.filter(
            municipality_id__in=[s.municipality_id for s in rows]
        )
        .order_by()
        .values("municipality_id")
        .annotate(
            modified=Max("last_published_at"), earliest=Min("start_date"), latest=Max("end_date")
        )
    }
    result = {}
    for settings in rows:
        dates = found.get(settings.municipality_id, {})
        issued = timezone.localdate(settings.created_at)
        modified = max(d for d in (dates.get("modified"), settings.updated_at) if d is not None)
        result[settings.municipality_id] = CatalogDates(
            issued,
            timezone.localdate(modified),
            dates.get("earliest"),
            dates.get("latest"),
            modified,
        )
    return result
