"""Reads for the register: the list page's rows and counts, one activity with everything."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from utblick.activities.models import Activity, ActivityPartner, Kind
from utblick.funding.models import Funding
from utblick.funding.services import Financing, financing


def list_rows(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    """What each row of the list shows, in a fixed number of queries."""
    return queryset.select_related("unit").prefetch_related("focus_areas")


def kind_counts(queryset: QuerySet[Activity]) -> list[tuple[str, str, int]]:
    """(kind, label, count) of the filtered list, in one query."""
    counts = dict(queryset.order_by().values_list("kind").annotate(n=Count("pk")))
    return [(kind.value, kind.label, counts.get(kind.value, 0)) for kind in Kind]


def activity_detail_queryset(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    """Everything the activity page shows, in a fixed number of queries."""
    return queryset.select_related(
        "municipality",
        "unit",
        "contact",
        "deciding_body",
        "network",
        "representative",
        "archived_by",
    ).prefetch_related(
        "focus_areas",
        "goals",
        "terms__taxonomy",
        "budget_lines",
        Prefetch(
            "partner_links",
            queryset=ActivityPartner.objects.select_related("partner").order_by("partner__name"),
        ),
        Prefetch("funding", queryset=Funding.objects.select_related("source")),
        "links",
        "documents",
    )


def activity_financing(activity: Activity) -> Financing:
    return financing(list(activity.budget_lines.all()), list(activity.funding.all()))
