"""Reads shared across apps: the recent changes to a municipality's records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import CharField, Value

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
