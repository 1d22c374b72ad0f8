"""Reads for the register: the list page's rows and counts, one activity with everything."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from utblick.activities.models import Activity, ActivityPartner, AgreementState, Kind, Status
from utblick.compliance.rules import FACT_FIELDS
from utblick.core.gazetteer import Candidate, locate
from utblick.core.text import fold
from utblick.funding.models import Funding
from utblick.funding.selectors import Financing, financing


def list_rows(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    """What each row of the list shows, in a fixed number of queries (and no more columns)."""
    return (
        queryset.select_related("unit", "deciding_body", "end_deciding_body").only(
            "example",
            "agreement_state",
            "unit__name",
            "deciding_body__name",
            "end_deciding_body__name",
            *FACT_FIELDS,
        )  # the rules' too
    )


def label_rows(rows: list[Activity]) -> None:
    """Labels each row shows, computed once in Python rather than per row in the template."""
    kinds, statuses = dict(Kind.choices), dict(Status.choices)
    states = dict(AgreementState.choices)
    areas: dict[int, list[str]] = {}
    through = Activity.focus_areas.through.objects.filter(activity_id__in=[r.pk for r in rows])
    for activity_id, name in through.order_by("focusarea__position").values_list(
        "activity_id", "focusarea__name"
    ):
        areas.setdefault(activity_id, []).append(name)
    for row in rows:
        row.kind_label = kinds.get(row.kind, row.kind)
        row.status_label = (
            _("Beslutad – slutdatum passerat")
            if row.past_end_date
            else statuses.get(row.status, row.status)
        )
        row.area_names = ", ".join(areas.get(row.pk, [])) or "–"
        row.agreement_label = states.get(row.agreement_state, "")


def place_candidates(activity: Activity) -> list[Candidate]:
    """Other places of the same name when the gazetteer's choice may be the wrong one."""
    if activity.coordinates_source != "geonames" or not activity.place:
        return []
    found = locate(activity.place, activity.country)
    return [found.best, *found.others] if found is not None and found.ambiguous else []


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
        "end_deciding_body",
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


def same_words(title: str | None) -> str:
    """A title as the duplicate check compares it: case and spacing aside (not diacritics)."""
    return " ".join((title or "").split()).casefold()


def activity_with_title(
    municipality: Any, title: str, *, other_than: int | None
) -> Activity | None:
    """Another current activity of the municipality with the same title (case and spaces aside).

    ``title__iexact`` would not do: SQLite's LIKE folds only ASCII, so "VÄNORT" would
    miss "Vänort". The folded ``search_text`` begins with the title, so it narrows the
    rows on either database; the words are then compared here.
    """
    wanted = same_words(title)
    if not wanted:
        return None
    candidates = Activity.objects.current().filter(
        municipality=municipality, search_text__startswith=fold(" ".join(title.split()))
    )
    if other_than is not None:
        candidates = candidates.exclude(pk=other_than)
    for activity in candidates.order_by("pk").only("pk", "title", "kind", "status", "end_date"):
        if same_words(activity.title) == wanted:
            return activity
    return None
