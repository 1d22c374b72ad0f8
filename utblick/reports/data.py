"""The compiled report's figures (F3), computed once and rendered alike as page, PDF, Word, Excel.

Every number a format shows comes from :class:`ReportData`; the formats only
lay it out. The queries are a fixed set, whatever the number of activities.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.actionplans.models import ActionPlan, Measure
from utblick.activities.models import Activity, ActivityPartner, AgreementState, Kind, Status
from utblick.compliance.engine import evaluate
from utblick.compliance.selectors import justifications_for, summary_rows
from utblick.core.reference import sdg_goal
from utblick.followup.models import FollowUp, Period, TrafficLight
from utblick.followup.selectors import latest_followups, periods_for
from utblick.funding.models import Funding, FundingStatus, SourceKind
from utblick.funding.selectors import financing
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.models import FocusArea, Goal, PolicyStatus, Term
from utblick.reviews.models import Review
from utblick.travel.models import Trip
from utblick.travel.selectors import (
    Footprint,
    factors_for,
    trip_footprint,
    used_factors,
)

#: Statuses that owe follow-ups (as ``followup.selectors.reportable``): ideas, proposals and
#: rejected activities are not "unreported", they are not expected to report.
REPORTING = {Status.ACTIVE, Status.COMPLETED, Status.ENDED}

ZERO = Decimal(0)
FINDINGS_IN_DOCUMENTS = 100
SHEETS = {
    "compliance": gettext_lazy("Efterlevnad"),
    "compliance_findings": gettext_lazy("Avvikelser"),
    "kinds": gettext_lazy("Typ och status"),
    "money": gettext_lazy("Pengar"),
    "units": gettext_lazy("Kostnad per enhet"),
    "areas": gettext_lazy("Per inriktning"),
    "goals": gettext_lazy("Per mål"),
    "unit_counts": gettext_lazy("Per enhet"),
    "sdgs": gettext_lazy("Per Agenda 2030-mål"),
    "traffic": gettext_lazy("Läge"),
    "activities": gettext_lazy("Aktiviteter"),
    "agreements": gettext_lazy("Avtal"),
    "dormant": gettext_lazy("Vilande avtal"),
    "memberships": gettext_lazy("Nätverk"),
    "plans": gettext_lazy("Handlingsplaner"),
    "reviews": gettext_lazy("Omprövningar"),
    "reconsider": gettext_lazy("Att ompröva"),
    "term_areas": gettext_lazy("Per inriktning"),
    "term_goals": gettext_lazy("Per mål"),
    "units_missing": gettext_lazy("Enheter som saknar"),
    "travel": gettext_lazy("Resor"),
    "travel_units": gettext_lazy("Resor per enhet"),
    "travel_goals": gettext_lazy("Resor per mål"),
    "travel_sdgs": gettext_lazy("Resor per Agenda 2030-mål"),
    "travel_factors": gettext_lazy("Utsläppsfaktorer"),
}


@dataclass(frozen=True)
class Scope:
    municipality: Municipality
    year: int
    period: Period | None = None
    unit: Unit | None = None

    @property
    def start(self) -> date:
        return self.period.start if self.period else date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return self.period.end if self.period else date(self.year, 12, 31)

    @property
    def label(self) -> str:
        return self.period.name if self.period else str(self.year)

    @property
    def title(self) -> str:
        who = f"{self.unit.name}, {self.municipality.name}" if self.unit else self.municipality.name
        return _("Internationellt arbete – %(who)s – %(when)s") % {"who": who, "when": self.label}


@dataclass
class Table:
    """A titled table: what the page, the documents and the Excel sheets show."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    money_columns: set[int] = field(default_factory=set)
    #: Columns holding a share in per cent (60 for 60 %): a number in Excel.
    percent_columns: set[int] = field(default_factory=set)
    sheet: str = ""  # the Excel sheet's name (at most 31 characters)
    #: PDF and Word show at most this many rows (the page and Excel show all).
    document_limit: int | None = None

    def __post_init__(self) -> None:
        # Plain values only: lazy translations become text in the active language.
        def plain(value: Any) -> Any:
            return str(value) if isinstance(value, Promise) else value

        self.title = str(self.title)
        self.sheet = str(SHEETS.get(self.key, self.title))[:31]
        self.headers = [str(h) for h in self.headers]
        self.rows = [[plain(v) for v in row] for row in self.rows]


@dataclass
class ReportData:
    scope: Scope
    figures: list[tuple[str, str, Any]]  # (key, label, value)
    tables: list[Table]
    charts: dict[str, list[tuple[str, int | Decimal]]]
    traffic: list[tuple[str, str, int]]  # (status, label, count)
    #: Each activity's own place and its partners' (the map's input): see ``map_entries``.
    places: list[dict[str, Any]] = field(default_factory=list)
    #: The drawn charts and map as (key, alt text, data URI), once drawn: see
    #: ``render.report_visuals``. Not part of the data version.
    visuals: list[tuple[str, str, str]] | None = None

    def figure(self, key: str) -> Any:
        return next(value for k, _label, value in self.figures if k == key)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def as_json(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            return str(value) if isinstance(value, (Decimal, date, Promise)) else value

        return {
            "scope": {
                "municipality": self.scope.municipality.slug,
                "year": self.scope.year,
                "period": self.scope.period.key if self.scope.period else None,
                "unit": self.scope.unit.key if self.scope.unit else None,
            },
            "figures": {k: plain(v) for k, _l, v in self.figures},
            "tables": {t.key: [[plain(c) for c in row] for row in t.rows] for t in self.tables},
            "traffic": {status: count for status, _l, count in self.traffic},
        }

    @property
    def data_version(self) -> str:
        canonical = json.dumps(self.as_json(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _followup_period(scope: Scope) -> Period | None:
    if scope.period is not None:
        return scope.period
    periods = sorted(
        periods_for(scope.municipality, scope.year), key=lambda p: (p.end, p.pk or 0, p.key)
    )
    year_end = [p for p in periods if p.is_year_end]
    return (year_end or periods or [None])[-1]


def map_entries(activities: list[Activity]) -> list[dict[str, Any]]:
    """Where the activities are: their own place and their partners', with coordinates."""

    def number(value: Decimal | None) -> float | None:
        return float(value) if value is not None else None

    return [
        {
            "activity_id": a.pk,
            "title": a.title,
            "kind": a.kind,
            "place": a.place,
            "country": a.country,
            "latitude": number(a.latitude),
            "longitude": number(a.longitude),
            "partners": [
                {
                    "name": link.partner.name,
                    "country": link.partner.country,
                    "place": link.partner.place,
                    "lat": number(link.partner.latitude),
                    "lon": number(link.partner.longitude),
                }
                for link in a.link_list
            ],
        }
        for a in activities
        if a.place or a.link_list
    ]


def build_report(scope: Scope) -> ReportData:
    m = scope.municipality
    units_in_scope = Unit.objects.descendant_ids([scope.unit.pk]) if scope.unit else None
    period = _followup_period(scope)
    activities_qs = Activity.objects.filter(municipality=m, archived_at__isnull=True).filter(
        Q(start_date__lte=scope.end) | Q(start_date__isnull=True),
        Q(end_date__gte=scope.start) | Q(end_date__isnull=True),
    )
    if units_in_scope is not None:
        activities_qs = activities_qs.filter(unit_id__in=units_in_scope)
    activities = list(
        activities_qs.select_related("unit", "network", "deciding_body")
        # Into plain lists (to_attr): a related manager's queryset for each of thousands of
        # activities and relations cost seconds (issue 16: the page at 6 000 activities).
        .prefetch_related(
            Prefetch("focus_areas", to_attr="area_list"),
            Prefetch("goals", to_attr="goal_list"),
            Prefetch(
                "terms", queryset=Term.objects.select_related("taxonomy"), to_attr="term_list"
            ),
            Prefetch("budget_lines", to_attr="line_list"),
            Prefetch(
                "partner_links",
                queryset=ActivityPartner.objects.select_related("partner").order_by("pk"),
                to_attr="link_list",
            ),
            Prefetch(
                "funding",
                queryset=Funding.objects.filter(archived_at__isnull=True).select_related("source"),
                to_attr="funding_list",
            ),
            Prefetch(
                "followups",
                queryset=latest_followups(period) if period else FollowUp.objects.none(),
                to_attr="period_followups",
            ),
            Prefetch("trips", queryset=Trip.objects.current().order_by("pk"), to_attr="trip_list"),
        )
        .order_by("unit__name", "title")
    )
    in_force = {"policy__municipality": m, "policy__status": PolicyStatus.IN_FORCE}
    areas = list(FocusArea.objects.filter(**in_force))
    goals = list(Goal.objects.filter(**in_force))
    sdgs = list(
        Term.objects.filter(
            taxonomy__policy__municipality=m,
            taxonomy__policy__status=PolicyStatus.IN_FORCE,
            taxonomy__builtin="agenda2030",
        ).order_by("position")
    )
    plans = list(
        ActionPlan.objects.filter(municipality=m, year=scope.year)
        .filter(Q(unit_id__in=units_in_scope) if units_in_scope is not None else Q())
        .select_related("unit")
        .prefetch_related(
            Prefetch("measures", queryset=Measure.objects.filter(archived_at__isnull=True))
        )
        .order_by("unit__name")
    )
    reviews = list(
        Review.objects.filter(
            municipality=m, decided_on__gte=scope.start, decided_on__lte=scope.end
        )
        .filter(Q(activity__unit_id__in=units_in_scope) if units_in_scope is not None else Q())
        .select_related("activity", "deciding_body")
        .order_by("decided_on")
    )

    # Activities by kind and status.
    statuses = list(Status)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for a in activities:
        counts[a.kind][a.status] += 1
    kind_rows = [
        [
            kind.label,
            *[counts[kind.value][s.value] for s in statuses],
            sum(counts[kind.value].values()),
        ]
        for kind in Kind
    ]
    kind_rows.append(
        [
            _("Totalt"),
            *[sum(counts[k.value][s.value] for k in Kind) for s in statuses],
            len(activities),
        ]
    )

    # Agreements and memberships.
    agreements = [a for a in activities if a.kind in (Kind.TWIN_CITY, Kind.PARTNERSHIP)]
    new_agreements = [
        a for a in agreements if a.agreement_date and scope.start <= a.agreement_date <= scope.end
    ]
    ended_agreements = [
        a for a in agreements if a.ended_on and scope.start <= a.ended_on <= scope.end
    ]
    memberships = [a for a in activities if a.kind == Kind.NETWORK and a.status == Status.ACTIVE]
    dormant = [
        a
        for a in agreements
        if a.status == Status.ACTIVE and a.agreement_state == AgreementState.DORMANT
    ]
    fees = sum((a.annual_fee or ZERO for a in memberships), ZERO)

    # Money: the scope year's budget and cost; funding over each project's whole period.
    eu_applied = eu_granted = other_applied = other_granted = own = ZERO
    budget_year = cost_year = ZERO
    per_unit: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for a in activities:
        lines, rows = a.line_list, a.funding_list
        for line in lines:
            if line.year == scope.year:
                budget_year += line.budget
                cost_year += line.cost
                per_unit[a.unit.name]["budget"] += line.budget
                per_unit[a.unit.name]["cost"] += line.cost
        if a.kind == Kind.EVENT and a.cost:
            per_unit[a.unit.name]["cost"] += a.cost
            cost_year += a.cost
        if a.kind == Kind.NETWORK and a.status == Status.ACTIVE and a.annual_fee:
            per_unit[a.unit.name]["fees"] += a.annual_fee
        for f in rows:
            if not f.source.external:
                continue
            applied = (
                f.applied_sek
                if f.status != FundingStatus.PLANNED and f.status != FundingStatus.WITHDRAWN
                else ZERO
            )
            if f.source.kind == SourceKind.EU:
                eu_applied += applied
                eu_granted += f.granted_sek
            else:
                other_applied += applied
                other_granted += f.granted_sek
        if a.kind == Kind.PROJECT and lines:
            own += financing(lines, rows).own_contribution

    figures: list[tuple[str, str, Any]] = [
        ("activities", _("Aktiviteter"), len(activities)),
        ("active", _("Pågående"), sum(1 for a in activities if a.status == Status.ACTIVE)),
        ("projects", _("Projekt"), sum(1 for a in activities if a.kind == Kind.PROJECT)),
        ("new_agreements", _("Nya avtal"), len(new_agreements)),
        ("ended_agreements", _("Avslutade avtal"), len(ended_agreements)),
        ("dormant_agreements", _("Vilande avtal"), len(dormant)),
        ("memberships", _("Nätverksmedlemskap"), len(memberships)),
        ("fees", _("Medlemsavgifter per år"), fees),
        ("eu_applied", _("EU-medel sökta"), eu_applied),
        ("eu_granted", _("EU-medel beviljade"), eu_granted),
        ("other_applied", _("Annan extern finansiering sökt"), other_applied),
        ("other_granted", _("Annan extern finansiering beviljad"), other_granted),
        ("own_contribution", _("Egen insats i projekten (hela projektperioden)"), own),
        ("budget_year", _("Budget %(y)s") % {"y": scope.year}, budget_year),
        ("cost_year", _("Kostnad %(y)s") % {"y": scope.year}, cost_year),
        (
            "spent_year",
            _("Använt enligt uppföljningarna %(y)s") % {"y": scope.year},
            sum(
                (a.period_followups[0].spent or ZERO for a in activities if a.period_followups),
                ZERO,
            ),
        ),
    ]

    def tally(pick: Any, names: list[tuple[str, str]]) -> list[tuple[str, int]]:
        counter: Counter[str] = Counter()
        for a in activities:
            for key in pick(a):
                counter[key] += 1
        return [(label, counter[key]) for key, label in names]

    by_area = tally(lambda a: {f.key for f in a.area_list}, [(f.key, f.name) for f in areas])
    by_goal = tally(lambda a: {g.key for g in a.goal_list}, [(g.key, g.text) for g in goals])
    by_sdg = tally(
        lambda a: {f"mal-{g}" for t in a.term_list if (g := sdg_goal(t.taxonomy.builtin, t.code))},
        [(t.key, f"{t.code} {t.name}") for t in sdgs],
    )
    unit_counter = Counter(a.unit.name for a in activities)
    by_unit = sorted(unit_counter.items(), key=lambda item: (-item[1], item[0]))

    traffic_counter: Counter[str] = Counter()
    activity_rows = []
    # The choices' labels translated once, not once per row (thousands of rows).
    kind_label = {k.value: str(k.label) for k in Kind}
    status_label = {st.value: str(st.label) for st in Status}
    light_label = {t.value: str(t.label) for t in TrafficLight}
    not_reported, not_due = _("Ej rapporterad"), _("Rapporteras inte (%(s)s)")
    for a in activities:
        latest = a.period_followups[0] if a.period_followups else None
        reports = a.status in REPORTING
        traffic_counter[latest.status if latest else ("missing" if reports else "not_due")] += 1
        status = status_label.get(a.status, a.status)
        activity_rows.append(
            [
                a.title,
                kind_label.get(a.kind, a.kind),
                a.unit.name,
                status,
                light_label.get(latest.status, latest.status)
                if latest
                else (not_reported if reports else not_due % {"s": status}),
                latest.progress if latest else None,
                (latest.comment or latest.results) if latest else "",
            ]
        )
    traffic = [(s.value, str(s.label), traffic_counter[s.value]) for s in TrafficLight]
    traffic.append(("missing", _("Ej rapporterad"), traffic_counter["missing"]))
    if traffic_counter["not_due"]:
        traffic.append(
            ("not_due", _("Rapporteras inte (idé, förslag, avslag)"), traffic_counter["not_due"])
        )

    tables = [
        Table(
            "kinds",
            _("Aktiviteter efter typ och status"),
            [_("Typ"), *[str(s.label) for s in statuses], _("Totalt")],
            kind_rows,
        ),
        Table(
            "money",
            _("Finansiering och kostnader"),
            [_("Post"), _("Kronor")],
            [[label, value] for key, label, value in figures if isinstance(value, Decimal)],
            {1},
        ),
        Table(
            "units",
            _("Kostnad per enhet %(y)s") % {"y": scope.year},
            [_("Enhet"), _("Budget"), _("Kostnad"), _("Medlemsavgifter"), _("Totalt")],
            [
                [name, v["budget"], v["cost"], v["fees"], v["cost"] + v["fees"]]
                for name, v in sorted(per_unit.items())
            ],
            {1, 2, 3, 4},
        ),
        Table(
            "areas",
            _("Aktiviteter per inriktning"),
            [_("Inriktning"), _("Antal")],
            [list(r) for r in by_area],
        ),
        Table(
            "goals", _("Aktiviteter per mål"), [_("Mål"), _("Antal")], [list(r) for r in by_goal]
        ),
        Table(
            "unit_counts",
            _("Aktiviteter per enhet"),
            [_("Enhet"), _("Antal")],
            [list(r) for r in by_unit],
        ),
        Table(
            "sdgs",
            _("Aktiviteter per mål i Agenda 2030"),
            [_("Mål"), _("Antal")],
            [list(r) for r in by_sdg],
        ),
        Table(
            "traffic",
            _("Läge vid uppföljningen (%(p)s)") % {"p": period.name if period else "–"},
            [_("Läge"), _("Antal")],
            [[label, count] for _s, label, count in traffic],
        ),
        Table(
            "activities",
            _("Aktiviteterna och senaste uppföljning"),
            [
                _("Aktivitet"),
                _("Typ"),
                _("Enhet"),
                _("Status"),
                _("Läge"),
                _("Genomfört"),
                _("Kommentar"),
            ],
            activity_rows,
            percent_columns={5},
        ),
        Table(
            "agreements",
            _("Nya och avslutade avtal"),
            [_("Avtal"), _("Händelse"), _("Datum"), _("Beslut")],
            [[a.title, _("Nytt"), a.agreement_date, a.decision_reference] for a in new_agreements]
            + [
                [a.title, _("Avslutat"), a.ended_on, a.end_decision_reference]
                for a in ended_agreements
            ],
        ),
        Table(
            "dormant",
            _("Vilande avtal"),
            [_("Avtal"), _("Ort"), _("Avtalsdatum"), _("Senaste kontakt"), _("Nästa omprövning")],
            [
                [
                    a.title,
                    ", ".join(x for x in (a.place, a.country_name) if x),
                    a.agreement_date,
                    a.last_contact_on,
                    a.next_review_on,
                ]
                for a in dormant
            ],
        ),
        Table(
            "memberships",
            _("Nätverksmedlemskap"),
            [_("Medlemskap"), _("Organisation"), _("Medlem sedan"), _("Årsavgift")],
            [
                [a.title, a.network.name if a.network else "", a.member_since, a.annual_fee or ZERO]
                for a in memberships
            ],
            {3},
        ),
        Table(
            "plans",
            _("Handlingsplaner %(y)s och utvärdering") % {"y": scope.year},
            [
                _("Enhet"),
                _("Åtgärd"),
                _("Indikator"),
                _("Målvärde"),
                _("Utfall"),
                _("Uppnått värde"),
            ],
            [
                [
                    p.unit.name,
                    m.title,
                    m.indicator,
                    m.target_value,
                    m.get_outcome_display() or _("Ej utvärderad"),
                    m.outcome_value,
                ]
                for p in plans
                for m in p.measures.all()
            ],
        ),
        Table(
            "reviews",
            _("Beslutade omprövningar"),
            [_("Avtal/medlemskap"), _("Beslut"), _("Organ"), _("Datum"), _("Diarienummer")],
            [
                [
                    r.activity.title,
                    r.get_decision_display(),
                    r.deciding_body.name,
                    r.decided_on,
                    r.decision_reference,
                ]
                for r in reviews
            ],
        ),
    ]

    unit_names = {a.unit.name for a in activities} | (
        {u.name for u in Unit.objects.filter(pk__in=units_in_scope)}
        if units_in_scope is not None
        else set()
    )
    findings = [f for f in evaluate(m) if units_in_scope is None or f.unit in unit_names]
    errors = sum(f.severity == "error" for f in findings)
    justified = len(justifications_for(m, findings))
    figures += [
        ("compliance_errors", _("Avvikelser från styrdokumentet: fel"), errors),
        (
            "compliance_warnings",
            _("Avvikelser från styrdokumentet: varningar"),
            len(findings) - errors - justified,
        ),
        ("compliance_justified", _("Motiverade eller avfärdade varningar"), justified),
    ]
    tables += [
        Table(
            "compliance",
            _("Efterlevnad av styrdokumentets principer"),
            [_("Regel"), _("Allvar"), _("Antal"), _("Källa")],
            summary_rows(findings),
        ),
        Table(
            "compliance_findings",
            _("Avvikelserna"),
            [_("Post"), _("Enhet"), _("Avvikelse"), _("Princip (källa)")],
            [
                [f.subject_label, f.unit, f.message, f.principle_source]
                for f in sorted(findings, key=lambda f: f.severity != "error")
            ],
            # A board reads the summary above; hundreds of rows belong in Excel and Utblick.
            document_limit=FINDINGS_IN_DOCUMENTS,
        ),
    ]
    travel_figures, travel_tables = _travel(scope, activities, goals, sdgs)
    figures += travel_figures
    tables += travel_tables
    charts: dict[str, list[tuple[str, int | Decimal]]] = {
        "areas": [(label, n) for label, n in by_area],
        "sdgs": [(label, n) for label, n in by_sdg if n],
        "funding": [
            (_("EU sökt"), eu_applied),
            (_("EU beviljat"), eu_granted),
            (_("Annan extern sökt"), other_applied),
            (_("Annan extern beviljad"), other_granted),
        ],
        "traffic": [(label, count) for _s, label, count in traffic],
    }
    return ReportData(scope, figures, tables, charts, traffic, map_entries(activities))


def _kg(value: Decimal) -> int:
    return int(value.quantize(Decimal(1)))


def _travel(
    scope: Scope, activities: list[Activity], goals: list[Goal], sdgs: list[Term]
) -> tuple[list[tuple[str, str, Any]], list[Table]]:
    """The travel of the period and its climate cost: per activity, unit and goal, with the
    factors' sources. A trip counts when its day is in the period; one without a day
    counts with its activity."""
    factors = factors_for(scope.municipality)
    per_activity: list[tuple[Activity, Footprint]] = []
    for a in activities:
        trips = [
            t
            for t in a.trip_list
            if t.travelled_on is None or scope.start <= t.travelled_on <= scope.end
        ]
        if trips:
            per_activity.append((a, Footprint([trip_footprint(t, factors) for t in trips])))
    units: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_goal: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_sdg: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for a, fp in per_activity:
        units[a.unit.name] += fp.kg
        for g in a.goal_list:
            by_goal[g.key] += fp.kg
        for g in {sdg_goal(t.taxonomy.builtin, t.code) for t in a.term_list} - {None}:
            by_sdg[g] += fp.kg  # a target ("13.1") counts under its goal
    total = sum((fp.kg for _a, fp in per_activity), ZERO)
    if_train = sum((fp.if_train_kg for _a, fp in per_activity), ZERO)
    figures: list[tuple[str, str, Any]] = [
        ("travel_kg", _("Resornas klimatpåverkan, kg CO₂e"), _kg(total)),
        ("travel_if_train_kg", _("Med tåg i stället för flyg där det går, kg CO₂e"), _kg(if_train)),
    ]
    kg, by_train = _("kg CO₂e"), _("Om tåg, kg CO₂e")
    tables = [
        Table(
            "travel",
            _("Resor och klimatpåverkan"),
            [_("Aktivitet"), _("Enhet"), _("Resor"), _("Resenärer"), kg, by_train],
            [
                [
                    a.title,
                    a.unit.name,
                    len(fp.rows),
                    fp.travellers,
                    _kg(fp.kg),
                    _kg(fp.if_train_kg) if fp.has_train_option else None,
                ]
                for a, fp in per_activity
            ],
        ),
        Table(
            "travel_units",
            _("Resornas klimatpåverkan per enhet"),
            [_("Enhet"), kg],
            [[name, _kg(v)] for name, v in sorted(units.items())],
        ),
        Table(
            "travel_goals",
            _("Resornas klimatpåverkan per mål"),
            [_("Mål"), kg],
            [[g.text, _kg(by_goal[g.key])] for g in goals if g.key in by_goal],
        ),
        Table(
            "travel_sdgs",
            _("Resornas klimatpåverkan per mål i Agenda 2030"),
            [_("Mål"), kg],
            [[f"{t.code} {t.name}", _kg(by_sdg[t.code])] for t in sdgs if t.code in by_sdg],
        ),
        Table(
            "travel_factors",
            _("Utsläppsfaktorer som resorna räknats med"),
            [_("Färdsätt"), _("Gram CO₂e per km"), _("Källa"), _("År")],
            [
                [f.label, f"{f.grams.normalize():f} {f.unit}", f.source, f.year]
                for f in used_factors([fp for _a, fp in per_activity], factors)
            ],
        ),
    ]
    return figures, tables
