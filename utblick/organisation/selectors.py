"""Reads for the organisation pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from utblick.municipalities.models import Municipality
from utblick.organisation.models import Contact, Unit


@dataclass
class TreeRow:
    unit: Unit
    depth: int


def unit_tree(municipality: Municipality, *, archived: bool = False) -> list[TreeRow]:
    """Units in tree order (parents before children), in one query."""
    units = list(
        Unit.objects.filter(municipality=municipality, archived_at__isnull=not archived)
        .annotate(contact_count=Count("contacts", filter=Q(contacts__archived_at__isnull=True)))
        .order_by("position", "name")
    )
    if archived:
        return [TreeRow(u, 0) for u in units]
    children: dict[int | None, list[Unit]] = {}
    ids = {u.pk for u in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    rows: list[TreeRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in children.get(parent, []):
            rows.append(TreeRow(unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return rows


def contact_list(
    municipality: Municipality, *, unit: Unit | None = None, archived: bool = False
) -> QuerySet[Contact]:
    qs = Contact.objects.filter(municipality=municipality, archived_at__isnull=not archived)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.select_related("unit", "appointed_by").order_by("name")
