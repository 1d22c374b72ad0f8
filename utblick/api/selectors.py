"""The API's reads: the rows an activity list needs, and their relations in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from utblick.activities.models import Activity, ActivityPartner
from utblick.api.schemas import SIMPLE


def list_queryset(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    """Every column ActivityOut reads from the row; ``relations_for`` adds the rest."""

    return queryset.select_related(
        "municipality", "unit", "contact", "deciding_body", "end_deciding_body", "representative"
    ).only(
        *SIMPLE,
        "network_id",
        "coordinates_source",
        "archived_at",
        "row_version",
        "updated_at",
        "municipality__slug",
        "unit__key",
        "contact__key",
        "deciding_body__key",
        "end_deciding_body__key",
        "representative__key",
    )


def relations_for(rows: list[Activity]) -> dict[int, dict[str, list[Any]]]:
    """Keys of focus areas, goals and terms and the partner links of each row: four queries.

    Grouped value queries instead of prefetches, which would build a manager
    and a queryset per row and relation.
    """
    ids = [a.pk for a in rows]
    out: dict[int, dict[str, list[Any]]] = {
        pk: {"focus_areas": [], "goals": [], "terms": [], "partners": []} for pk in ids
    }
    for activity_id, key in Activity.focus_areas.through.objects.filter(
        activity_id__in=ids
    ).values_list("activity_id", "focusarea__key"):
        out[activity_id]["focus_areas"].append(key)
    for activity_id, key in Activity.goals.through.objects.filter(activity_id__in=ids).values_list(
        "activity_id", "goal__key"
    ):
        out[activity_id]["goals"].append(key)
    for activity_id, taxonomy, key in Activity.terms.through.objects.filter(
        activity_id__in=ids
    ).values_list("activity_id", "term__taxonomy__key", "term__key"):
        out[activity_id]["terms"].append(f"{taxonomy}:{key}")
    for activity_id, partner, role in ActivityPartner.objects.filter(
        activity_id__in=ids
    ).values_list("activity_id", "partner_id", "role"):
        out[activity_id]["partners"].append({"partner": partner, "role": role})
    return out
