"""What a municipality's start page shows, and the count on the menu's "Att göra"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext as _

from utblick.activities.models import Activity, BudgetLine, Kind, Status
from utblick.compliance.engine import evaluate
from utblick.core import clock
from utblick.core.selectors import recent_changes
from utblick.core.tenancy import Access
from utblick.followup.due import DueItem, due_items
from utblick.followup.models import FollowUp, FollowUpState
from utblick.funding.models import Funding, FundingStatus
from utblick.municipalities.models import Municipality
from utblick.onboarding.selectors import onboarding_progress
from utblick.organisation.models import Contact, Unit
from utblick.policies.selectors import policy_current
from utblick.reports.charts import bar_chart, svg_data_uri

#: How many due items the start page lists before it links to the whole list.
DUE_SHOWN = 8

#: The status chart's key for a decided activity whose end date has passed.
PAST_END = "past_end"


@dataclass
class Chart:
    """A chart drawn on the server, with the same numbers as a table beside it."""

    key: str
    title: str
    alt: str
    src: str
    rows: list[tuple[str, int]]


@dataclass
class Money:
    year: int
    budget: Decimal
    cost: Decimal
    granted: Decimal
    spent: Decimal

    @property
    def empty(self) -> bool:
        return not any((self.budget, self.cost, self.granted, self.spent))


@dataclass
class DueSummary:
    items: list[DueItem]
    overdue: int
    total: int
    shown: list[DueItem] = field(default_factory=list)


def _due(access: Access, today: date) -> DueSummary:
    items = due_items(access, today)
    return DueSummary(
        items=items,
        overdue=sum(1 for i in items if i.overdue(today)),
        total=len(items),
        shown=items[:DUE_SHOWN],
    )


def _counts(municipality: Municipality) -> dict[str, list[tuple[str, str, int]]]:
    """(key, label, count) by kind and by status of the register's current activities; one query."""
    rows = (
        Activity.objects.current()
        .filter(municipality=municipality)
        .annotate(
            past_end=ExpressionWrapper(
                Q(status=Status.ACTIVE, end_date__lt=clock.today()), output_field=BooleanField()
            )
        )
        .values_list("kind", "status", "past_end")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_kind: dict[str, int] = {}
    by_status: dict[str, int] = {}
    for kind, status, past_end, n in rows:
        by_kind[kind] = by_kind.get(kind, 0) + n
        # Decided but past its end date (see Activity.past_end_date): a row of its own.
        key = PAST_END if past_end else status
        by_status[key] = by_status.get(key, 0) + n
    statuses = []
    for s, label in Status.choices:
        statuses.append((s, str(label), by_status.get(s, 0)))
        if s == Status.ACTIVE and by_status.get(PAST_END):
            statuses.append((PAST_END, _("Beslutad – slutdatum passerat"), by_status[PAST_END]))
    return {
        "kinds": [(k, str(label), by_kind.get(k, 0)) for k, label in Kind.choices],
        "statuses": statuses,
    }


def _money(municipality: Municipality, year: int) -> Money:
    """The year's budget and cost (budget lines), external money granted that year, spent so far.

    Spent is what the follow-ups of the year report (each activity's highest
    "used so far" among the year's latest follow-ups, since the figure accumulates).
    """
    lines = BudgetLine.objects.filter(
        municipality=municipality, year=year, activity__archived_at__isnull=True
    ).aggregate(budget=Sum("budget"), cost=Sum("cost"))
    granted = Funding.objects.filter(
        municipality=municipality,
        archived_at__isnull=True,
        status=FundingStatus.GRANTED,
        source__external=True,
        decided_on__year=year,
    ).aggregate(total=Sum(F("granted_amount") * F("rate_to_sek")))["total"]
    # Each activity's highest "used so far" of the year (the figure accumulates).
    spent_by_activity: dict[int, Decimal] = {}
    for activity_id, spent in (
        FollowUp.objects.filter(
            municipality=municipality,
            period__year=year,
            is_latest=True,
            activity__archived_at__isnull=True,
        )
        .exclude(state=FollowUpState.DRAFT)
        .values_list("activity_id", "spent")
    ):
        spent_by_activity[activity_id] = max(spent_by_activity.get(activity_id, Decimal(0)), spent)
    zero = Decimal(0)
    return Money(
        year=year,
        budget=lines["budget"] or zero,
        cost=lines["cost"] or zero,
        granted=(granted or zero).quantize(Decimal("0.01")),
        spent=sum(spent_by_activity.values(), zero),
    )


def _compliance(municipality: Municipality) -> dict[str, int]:
    findings = evaluate(municipality)
    return {
        "errors": sum(1 for f in findings if f.severity == "error"),
        "warnings": sum(1 for f in findings if f.severity == "warning"),
    }


def _charts(counts: dict[str, list[tuple[str, str, int]]]) -> list[Chart]:
    charts = []
    kinds = [(label, n) for _k, label, n in counts["kinds"]]
    statuses = [(label, n) for _k, label, n in counts["statuses"]]
    if any(n for _l, n in kinds):
        title = _("Aktiviteter per typ")
        charts.append(
            Chart(
                "kinds",
                title,
                _("Diagram: antal aktiviteter per typ; samma siffror finns i tabellen."),
                svg_data_uri(bar_chart(kinds, title=title, unit=_("Antal"))),
                kinds,
            )
        )
    if any(n for _l, n in statuses):
        title = _("Aktiviteter per status")
        charts.append(
            Chart(
                "statuses",
                title,
                _("Diagram: antal aktiviteter per status; samma siffror finns i tabellen."),
                svg_data_uri(bar_chart(statuses, title=title, unit=_("Antal"))),
                statuses,
            )
        )
    return charts


def start_page(access: Access) -> dict[str, Any]:
    """The start page's figures: what is due, compliance, the register, money, recent changes.

    The number of queries does not grow with the number of activities.
    """
    municipality = access.municipality
    today = clock.today()
    policy = policy_current(municipality)
    contacts = Contact.objects.current().filter(municipality=municipality)
    counts = _counts(municipality)
    total = sum(n for _k, _l, n in counts["kinds"])
    return {
        "today": today,
        "policy": policy,
        "revision_due_since": policy.revision_due_since(today) if policy else None,
        "due": _due(access, today),
        "compliance": _compliance(municipality) if policy else None,
        "counts": counts,
        "activity_total": total,
        "charts": _charts(counts),
        "money": _money(municipality, today.year),
        "unit_count": Unit.objects.current().filter(municipality=municipality).count(),
        "contact_count": contacts.count(),
        "consent_count": contacts.filter(consent_to_publish=True).count(),
        "changes": recent_changes(municipality, limit=10),
        "onboarding": onboarding_progress(municipality) if access.is_coordinator else None,
    }
