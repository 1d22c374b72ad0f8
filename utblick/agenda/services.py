"""Writes for Agenda 2030 indicators: the one door for a Kolada load, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.agenda.models import COUNTRY, Indicator, IndicatorValue
from utblick.agenda.reading import KoladaError, read_documents
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.municipalities.selectors import reference_municipality


@dataclass
class LoadResult:
    indicators_new: int = 0
    indicators_changed: int = 0
    values_new: int = 0
    values_changed: int = 0
    values_unchanged: int = 0
    notes: list[str] = field(default_factory=list)


def _area_name(code: str) -> str:
    found = reference_municipality(code)
    return f"{found.name} ({code})" if found else code


def kolada_load(
    *, access: Access, user: AbstractBaseUser | None, documents: list[tuple[str, bytes]]
) -> LoadResult:
    """Read Kolada API v3 responses into the municipality's indicators.

    Refused whole (KoladaError, nothing stored) when a file is malformed, holds another
    municipality's figures, or a key figure's goal is unknown.
    """
    access.require("coordinate")
    municipality = access.municipality
    content = read_documents(documents)
    problems = []
    foreign = sorted(content.areas - {municipality.code, COUNTRY})
    if foreign:
        problems.append(
            _(
                "Filerna har nyckeltal för %(areas)s, inte för %(m)s (%(code)s). Hämta "
                "kommunens egna värden ur Kolada."
            )
            % {
                "areas": ", ".join(_area_name(c) for c in foreign),
                "m": municipality.name,
                "code": municipality.code or "–",
            }
        )
    known: dict[str, dict[str, Indicator]] = {}
    for indicator in Indicator.objects.filter(municipality=municipality):
        known.setdefault(indicator.kpi, {})[indicator.goal] = indicator
    orphans = sorted({f.kpi for f in content.figures} - set(content.kpis) - set(known))
    if orphans:
        problems.append(
            _(
                "Nyckeltalen %(kpis)s hör inte till något av de 17 målen. Läs in svaret från "
                "/v3/kpi_groups tillsammans med data."
            )
            % {"kpis": ", ".join(orphans)}
        )
    if problems:
        raise KoladaError(problems)

    result = LoadResult(notes=list(content.notes))
    with transaction.atomic():
        for kpi, goals in sorted(content.kpis.items()):
            for goal, (title, group) in sorted(goals.items()):
                indicator = known.get(kpi, {}).get(goal)
                if indicator is None:
                    indicator = Indicator(
                        municipality=municipality, kpi=kpi, goal=goal, title=title, group=group
                    )
                    core.save_versioned(indicator, expected_version=None, user=user)
                    known.setdefault(kpi, {})[goal] = indicator
                    result.indicators_new += 1
                elif (indicator.title, indicator.group) != (title, group):
                    indicator.title, indicator.group = title, group
                    core.save_versioned(indicator, expected_version=None, user=user)
                    result.indicators_changed += 1
        stored = {
            (v.indicator_id, v.area, v.year, v.gender): v
            for v in IndicatorValue.objects.filter(municipality=municipality)
        }
        for figure in content.figures:
            for indicator in known[figure.kpi].values():
                key = (indicator.pk, figure.area, figure.year, figure.gender)
                row = stored.get(key)
                if row is None:
                    row = IndicatorValue(
                        municipality=municipality,
                        indicator=indicator,
                        kpi=figure.kpi,
                        area=figure.area,
                        year=figure.year,
                        gender=figure.gender,
                        value=figure.value,
                        status=figure.status,
                    )
                    core.save_versioned(row, expected_version=None, user=user)
                    stored[key] = row
                    result.values_new += 1
                elif (row.value, row.status) != (figure.value, figure.status):
                    row.value, row.status = figure.value, figure.status
                    core.save_versioned(row, expected_version=None, user=user)
                    result.values_changed += 1
                else:
                    result.values_unchanged += 1
    return result
