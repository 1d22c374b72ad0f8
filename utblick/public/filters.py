"""The public list's filters: one definition for the page, the open data files and the map."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from utblick.activities.models import Kind
from utblick.core.countries import country_choices
from utblick.core.db import Swedish
from utblick.core.forms import Form
from utblick.core.reference import AGENDA_2030, sdg_name
from utblick.core.text import fold
from utblick.municipalities.models import Municipality
from utblick.policies.models import FocusArea, PolicyStatus
from utblick.public.models import PublicActivity
from utblick.public.selectors import occurring_countries_and_years


class PublicFilter(filters.FilterSet):
    id = filters.NumberFilter(field_name="activity_id", label=_("Id"))
    q = filters.CharFilter(method="filter_search", label=_("Sök"))
    typ = filters.ChoiceFilter(field_name="kind", choices=Kind.choices, label=_("Typ"))
    inriktning = filters.ChoiceFilter(method="filter_area", label=_("Inriktning"))
    mal = filters.ChoiceFilter(method="filter_sdg", label=_("Mål i Agenda 2030"))
    land = filters.ChoiceFilter(method="filter_country", label=_("Land"))
    ar = filters.ChoiceFilter(method="filter_year", label=_("År"))

    class Meta:
        model = PublicActivity
        fields: list[str] = []
        form = Form  # fast selects, accessible errors

    def __init__(self, data: Any = None, *, municipality: Municipality, **kwargs: Any):
        published = PublicActivity.objects.filter(municipality=municipality)
        super().__init__(data, queryset=published, **kwargs)
        areas = FocusArea.objects.filter(
            policy__municipality=municipality, policy__status=PolicyStatus.IN_FORCE
        )
        self.filters["inriktning"].extra["choices"] = [(a.key, a.name) for a in areas]
        self.filters["mal"].extra["choices"] = [(c, f"{c} {sdg_name(c)}") for c, _n in AGENDA_2030]
        # Only countries and years that occur, so no choice leads to an empty list.
        countries, years = occurring_countries_and_years(municipality)
        self.filters["land"].extra["choices"] = [
            (c, n) for c, n in country_choices() if c in countries
        ]
        self.filters["ar"].extra["choices"] = [(y, y) for y in sorted(years, reverse=True)]

    @property
    def qs(self) -> QuerySet[PublicActivity]:
        return super().qs.order_by(Swedish("title"), "pk")

    def filter_search(
        self, qs: QuerySet[PublicActivity], name: str, value: str
    ) -> QuerySet[PublicActivity]:
        for word in fold(value).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def filter_area(
        self, qs: QuerySet[PublicActivity], name: str, value: str
    ) -> QuerySet[PublicActivity]:
        return qs.filter(focus_area_keys__contains=f"|{value}|")

    def filter_sdg(
        self, qs: QuerySet[PublicActivity], name: str, value: str
    ) -> QuerySet[PublicActivity]:
        return qs.filter(sdg_codes__contains=f"|{value}|")

    def filter_country(
        self, qs: QuerySet[PublicActivity], name: str, value: str
    ) -> QuerySet[PublicActivity]:
        return qs.filter(countries__contains=f"|{value}|")

    def filter_year(
        self, qs: QuerySet[PublicActivity], name: str, value: Any
    ) -> QuerySet[PublicActivity]:
        return qs.filter(years__contains=f"|{value}|")
