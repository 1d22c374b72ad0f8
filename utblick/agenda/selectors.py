"""Reads for the goal pages: each goal's activities, money, travel and Kolada indicators.

A fixed number of queries per page, whatever the number of activities or figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from utblick.activities.models import Activity
from utblick.agenda.models import COUNTRY, Indicator, IndicatorValue
from utblick.core.reference import AGENDA_2030, sdg_goal, sdg_name
from utblick.core.sdg_targets import targets_of
from utblick.funding.models import Funding
from utblick.funding.selectors import financing
from utblick.municipalities.models import Municipality
from utblick.policies.models import Builtin, Term
from utblick.travel.models import Trip
from utblick.travel.selectors import Footprint, factors_for, trip_footprint

ZERO = Decimal(0)
GOALS = [code for code, _name in AGENDA_2030]
GOALS_BUILTIN, TARGETS_BUILTIN = Builtin.AGENDA2030.value, Builtin.AGENDA2030_TARGETS.value


def goal_exists(goal: str) -> bool:
    return goal in GOALS


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal | None
    status: str = ""


@dataclass
class IndicatorFigures:
    """A key figure's own values over the years and the country's, as Kolada gives them."""

    indicator: Indicator
    own: list[Point] = field(default_factory=list)
    country: dict[int, Decimal | None] = field(default_factory=dict)

    @property
    def latest(self) -> Point | None:
        known = [p for p in self.own if p.value is not None]
        return known[-1] if known else None

    @property
    def country_latest(self) -> Decimal | None:
        latest = self.latest
        return self.country.get(latest.year) if latest else None

    @property
    def trend(self) -> str:
        """ "up", "down" or "flat" from the first known year to the latest; "" with one year."""
        known = [p for p in self.own if p.value is not None]
        if len(known) < 2:
            return ""
        first, last = known[0].value, known[-1].value
        return "up" if last > first else "down" if last < first else "flat"  # type: ignore[operator]

    @property
    def years(self) -> str:
        known = [p.year for p in self.own if p.value is not None]
        return f"{known[0]}–{known[-1]}" if len(known) > 1 else (str(known[0]) if known else "")


def goal_indicators(municipality: Municipality, goal: str) -> list[IndicatorFigures]:
    """The goal's key figures (totals, not per gender), oldest year first."""
    indicators = list(
        Indicator.objects.filter(municipality=municipality, goal=goal)
        .prefetch_related(
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.filter(gender="T").order_by("year"),
                to_attr="total_values",
            )
        )
        .order_by("kpi")
    )
    result = []
    for indicator in indicators:
        figures = IndicatorFigures(indicator)
        for v in indicator.total_values:
            if v.area == COUNTRY:
                figures.country[v.year] = v.value
            else:
                figures.own.append(Point(v.year, v.value, v.status))
        result.append(figures)
    return result


@dataclass
class GoalActivity:
    activity: Activity
    budget: Decimal
    external: Decimal
    travel: Footprint


@dataclass
class GoalPage:
    goal: str
    name: str
    activities: list[GoalActivity]
    indicators: list[IndicatorFigures]
    #: (code, short name, activities tagged with it) of each of the goal's targets.
    targets: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def budget(self) -> Decimal:
        return sum((a.budget for a in self.activities), ZERO)

    @property
    def external(self) -> Decimal:
        return sum((a.external for a in self.activities), ZERO)

    @property
    def travel_kg(self) -> Decimal:
        return sum((a.travel.kg for a in self.activities), ZERO)


def _tagged_with(goal: str) -> Q:
    """Tagged with the goal, or with one of its targets ("13.1" is under 13)."""
    return Q(terms__taxonomy__builtin=GOALS_BUILTIN, terms__code=goal) | Q(
        terms__taxonomy__builtin=TARGETS_BUILTIN, terms__code__startswith=f"{goal}."
    )


def goal_page(municipality: Municipality, goal: str) -> GoalPage:
    activities = list(
        Activity.objects.current()
        .filter(_tagged_with(goal), municipality=municipality)
        .distinct()
        .select_related("unit")
        .prefetch_related(
            Prefetch("budget_lines", to_attr="line_list"),
            Prefetch(
                "funding",
                queryset=Funding.objects.filter(archived_at__isnull=True).select_related("source"),
                to_attr="funding_list",
            ),
            Prefetch("trips", queryset=Trip.objects.current().order_by("pk"), to_attr="trip_list"),
            Prefetch(
                "terms",
                queryset=Term.objects.filter(taxonomy__builtin=TARGETS_BUILTIN),
                to_attr="target_list",
            ),
        )
        .order_by("title", "pk")
    )
    factors = factors_for(municipality)
    rows = []
    for a in activities:
        money = financing(a.line_list, a.funding_list)
        rows.append(
            GoalActivity(
                a,
                money.budget,
                money.external_granted,
                Footprint([trip_footprint(t, factors) for t in a.trip_list]),
            )
        )
    per_target: dict[str, int] = defaultdict(int)
    for a in activities:
        for code in {t.code for t in a.target_list}:
            per_target[code] += 1
    targets = [(code, name, per_target[code]) for code, name in targets_of(goal)]
    return GoalPage(goal, sdg_name(goal), rows, goal_indicators(municipality, goal), targets)


def goal_overview(municipality: Municipality) -> list[tuple[str, str, int, int]]:
    """(goal, name, activities tagged, indicators) for each of the 17 goals."""
    tagged: dict[str, set[int]] = defaultdict(set)
    for pk, builtin, code in (
        Activity.objects.current()
        .filter(
            municipality=municipality,
            terms__taxonomy__builtin__in=[GOALS_BUILTIN, TARGETS_BUILTIN],
        )
        .values_list("pk", "terms__taxonomy__builtin", "terms__code")
    ):
        tagged[sdg_goal(builtin, code) or ""].add(pk)  # a target ("13.1") counts under its goal
    indicators: dict[str, int] = defaultdict(int)
    for goal in Indicator.objects.filter(municipality=municipality).values_list("goal", flat=True):
        indicators[goal] += 1
    return [(g, sdg_name(g), len(tagged[g]), indicators[g]) for g in GOALS]
