"""Reads shared across apps: the recent changes to a municipality's records, and their stamp."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import CharField, Count, IntegerField, Max, Sum, Value

from utblick.core.history import action_label, user_display
from utblick.core.models import DEFAULT_VERBS, TenantModel


@dataclass
class RecentChange:
    at: datetime
    user: str
    action: str
    reason: str
    model_label: str
    title: str
    url: str

    @property
    def action_label(self) -> str:
        label = action_label(self.action)
        return f"{label} – {self.reason}" if self.reason else label


def _recent_models() -> list[type[TenantModel]]:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, TenantModel) and getattr(m, "SHOW_IN_RECENT_CHANGES", True)
    ]


def _stamped_models() -> list[type[TenantModel]]:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, TenantModel) and getattr(m, "IN_DATA_STAMP", True)
    ]


def data_stamp(municipality: models.Model) -> str:
    """A fingerprint of the municipality's records that changes with every saved change.

    Every tenant-owned row has ``updated_at`` (set on each save) and a
    ``row_version`` that each versioned save raises, and rows are archived rather
    than deleted. So each table's number of rows, sum of versions (which no
    machine's clock can hold back) and latest change, with the municipality's
    own row, tell whether anything derived from them (a stored report,
    ``reports.snapshots``) is out of date. Models
    that only record what was derived or asked (``IN_DATA_STAMP = False``: a
    generated report, an import's preview) are left out. One UNION query.
    """
    own = (
        type(municipality)
        ._default_manager.filter(pk=municipality.pk)
        .annotate(i=Value(-1, output_field=IntegerField()), n=Value(1, output_field=IntegerField()))
        .values_list("i", "n", "n", "updated_at")
        .order_by()
    )
    parts = [
        m._default_manager.filter(municipality_id=municipality.pk)
        .order_by()
        .values("municipality_id")
        .annotate(
            i=Value(index, output_field=IntegerField()),
            n=Count("pk"),
            versions=Sum("row_version"),
            last=Max("updated_at"),
        )
        .values_list("i", "n", "versions", "last")
        for index, m in enumerate(_stamped_models())
    ]
    rows = sorted(own.union(*parts, all=True))
    canonical = repr([(i, n, v, str(last)) for i, n, v, last in rows])
    return hashlib.sha256(canonical.encode()).hexdigest()


def recent_changes(municipality: models.Model, *, limit: int = 10) -> list[RecentChange]:
    """The latest changes to the municipality's records, newest first.

    One UNION query over the history tables, then one query per model that
    appears among the results, and one for the users.
    """
    models = _recent_models()
    parts = [
        m.history.filter(municipality_id=municipality.pk)
        .annotate(model=Value(m._meta.label, output_field=CharField()))
        .values_list(
            "history_date",
            "history_user_id",
            "history_type",
            "history_action",
            "history_change_reason",
            "id",
            "model",
        )
        .order_by()
        for m in models
    ]
    if not parts:
        return []
    union = parts[0].union(*parts[1:], all=True).order_by("-history_date")[:limit]
    rows = list(union)
    by_model: dict[str, set[int]] = {}
    for row in rows:
        by_model.setdefault(row[6], set()).add(row[5])
    objects: dict[tuple[str, int], Any] = {}
    for label, ids in by_model.items():
        model = apps.get_model(label)
        # A model whose name or address reads related rows says which (``list_related``).
        related = ("municipality", *getattr(model, "list_related", ()))
        for obj in model._default_manager.filter(pk__in=ids).select_related(*related):
            objects[(label, obj.pk)] = obj
    users = get_user_model().objects.in_bulk({r[1] for r in rows if r[1]})
    result = []
    for at, user_id, kind, action, reason, pk, label in rows:
        obj = objects.get((label, pk))
        model = apps.get_model(label)
        url = obj.get_absolute_url() if obj is not None and hasattr(obj, "get_absolute_url") else ""
        result.append(
            RecentChange(
                at=at,
                user=user_display(users.get(user_id)),
                action=action or f"{model._meta.model_name}.{DEFAULT_VERBS[kind]}",
                reason=reason or "",
                model_label=str(model._meta.verbose_name).capitalize(),
                title=str(obj) if obj is not None else f"#{pk}",
                url=url,
            )
        )
    return result
