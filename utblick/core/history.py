"""Reading the change history that django-simple-history keeps for every tenant row.

Turns historical rows into what a person can read: who, when, what, and each
changed field before and after, with choices, booleans and foreign keys shown
as words.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.core.terms import term_label

#: Fields that change on every save and say nothing to a reader.
HIDDEN_FIELDS = {
    "row_version",
    "updated_at",
    "created_at",
    "municipality",
    "archived_by",
    "id",
    "search_text",
    "name_key",
    "token_hash",
    "sha256",
}

#: Amounts of money: shown as "800 000 kr" (or with the row's currency), never "800000.00".
MONEY_FIELDS = {"annual_fee", "cost", "budget", "spent", "applied_amount", "granted_amount"}

#: A term of office is stored as its election year and read as its span: "2014–2018".
TERM_FIELDS = {"term_of_office"}


def money_display(value: Decimal, currency: str = "SEK") -> str:
    """``Decimal("800000.00")`` as "800 000 kr"; öre only when there are any."""
    whole = value == value.to_integral_value()
    text = f"{value:,.0f}" if whole else f"{value:,.2f}"
    text = text.replace(",", "\u00a0").replace(".", ",")
    return f"{text} kr" if currency in ("", "SEK") else f"{text} {currency}"


#: The verbs of the stored action keys (``<model>.<verb>``), and how a page says them.
VERBS: dict[str, Any] = {
    "created": gettext_lazy("Skapad"),
    "changed": gettext_lazy("Ändrad"),
    "deleted": gettext_lazy("Borttagen"),
    "archived": gettext_lazy("Arkiverad"),
    "restored": gettext_lazy("Återställd"),
    "published": gettext_lazy("Publicerad"),
    "unpublished": gettext_lazy("Avpublicerad"),
    "retagged": gettext_lazy("Kopplad till ny version av styrdokumentet"),
    "adopted": gettext_lazy("Antagen"),
    "replaced": gettext_lazy("Ersatt av en ny version"),
    "drafted": gettext_lazy("Sparad som utkast"),
    "submitted": gettext_lazy("Inlämnad"),
    "returned": gettext_lazy("Återsänd för komplettering"),
    "corrected": gettext_lazy("Rättad"),
    "superseded": gettext_lazy("Ersatt av rättelse"),
    "evaluated": gettext_lazy("Utvärderad"),
    "revised": gettext_lazy("Reviderad till nästa år"),
    "decided": gettext_lazy("Beslutad"),
    "reviewed": gettext_lazy("Omprövad"),
    "discarded": gettext_lazy("Avbruten"),
    "applied": gettext_lazy("Inläst"),
    "reported": gettext_lazy("Anmäld"),
    "handled": gettext_lazy("Hanterad"),
    "resent": gettext_lazy("Skickad igen"),
    "withdrawn": gettext_lazy("Återkallad"),
    "accepted": gettext_lazy("Antagen"),
}


def action_of(record: Any) -> str:
    """A history row's action key; rows from before keys were stored get the plain verb."""
    stored = getattr(record, "history_action", "")
    if stored:
        return stored
    verb = {"+": "created", "~": "changed", "-": "deleted"}.get(record.history_type, "changed")
    return f"{record.instance_type._meta.model_name}.{verb}"


def action_label(key: str) -> str:
    """The Swedish (or English) words for an action key such as ``activity.published``."""
    verb = key.rsplit(".", 1)[-1]
    return str(VERBS.get(verb, verb))


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime
    user: str
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    title: str = ""
    url: str = ""
    model_label: str = ""

    @property
    def action_label(self) -> str:
        label = action_label(self.action)
        return f"{label} – {self.reason}" if self.reason else label


def user_display(user: Any) -> str:
    if user is None:
        return _("Systemet")
    return user.get_full_name() or user.get_username()


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _tracked_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and not f.name.startswith("history_")
    ]


def _raw(record: Any, f: models.Field) -> Any:
    return getattr(record, f.attname, None)


def _describe(
    pairs: Iterable[tuple[Any, Any]], model: type[models.Model]
) -> list[list[FieldChange]]:
    """Field changes for each (old, new) pair, resolving foreign keys in one query each."""
    pairs = list(pairs)
    fields = _tracked_fields(model)
    raw_changes: list[list[tuple[models.Field, Any, Any]]] = []
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for old, new in pairs:
        row = []
        for f in fields:
            before = _raw(old, f) if old is not None else None
            after = _raw(new, f)
            if before == after or (old is None and after in (None, "", False, [], {})):
                continue
            row.append((f, before, after))
            if f.is_relation and f.related_model is not None:
                wanted[f.related_model].update(v for v in (before, after) if v is not None)
        raw_changes.append(row)

    names: dict[type[models.Model], dict[Any, str]] = {}
    for related, ids in wanted.items():
        names[related] = {
            obj.pk: _name_of(obj) for obj in related._default_manager.filter(pk__in=ids)
        }

    def show(f: models.Field, value: Any, record: Any) -> str:
        if value is None or value == "":
            return "–"
        if f.is_relation and f.related_model is not None:
            return names.get(f.related_model, {}).get(value, f"#{value}")
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if f.name in TERM_FIELDS and isinstance(value, int):
            return term_label(value)
        if f.name in MONEY_FIELDS and isinstance(value, Decimal):
            return money_display(value, getattr(record, "currency", "SEK") or "SEK")
        if isinstance(f, models.FileField):
            return PurePosixPath(str(value)).name
        return _plain(value)

    return [
        [
            FieldChange(f.name, str(f.verbose_name).capitalize(), show(f, b, old), show(f, a, new))
            for f, b, a in row
        ]
        for (old, new), row in zip(pairs, raw_changes, strict=True)
    ]


def _name_of(obj: models.Model) -> str:
    """A related row as a reader knows it: a person by their name, not their login."""
    full_name = getattr(obj, "get_full_name", None)
    if callable(full_name):
        return full_name() or str(obj)
    return str(obj)


def changes_between(model: type[models.Model], old: Any, new: Any) -> list[FieldChange]:
    """What differs between two historical rows of one record."""
    return _describe([(old, new)], model)[0]


def history_entries(obj: models.Model) -> list[HistoryEntry]:
    """The record's whole history, newest first."""
    records = list(
        obj.history.all().select_related("history_user").order_by("history_date", "history_id")
    )
    pairs = list(zip([None, *records[:-1]], records, strict=True))
    described = _describe(pairs, type(obj))
    entries = [
        HistoryEntry(
            at=record.history_date,
            user=user_display(record.history_user),
            action=action_of(record),
            reason=record.history_change_reason or "",
            changes=changes,
        )
        for record, changes in zip(records, described, strict=True)
    ]
    entries.reverse()
    return entries


def merged_history(obj: models.Model, related: list[Any]) -> list[HistoryEntry]:
    """The record's history and that of the rows that belong to it, newest first.

    ``related`` holds history querysets (e.g. the funding rows of an activity);
    each of their entries is titled with its kind and the row it concerns.
    """
    entries = history_entries(obj)
    for queryset in related:
        model = queryset.model.instance_type
        records = list(
            queryset.select_related("history_user").order_by("id", "history_date", "history_id")
        )
        previous: dict[Any, Any] = {}
        pairs = []
        for record in records:
            pairs.append((previous.get(record.id), record))
            previous[record.id] = record
        described = _describe(pairs, model)
        label = str(model._meta.verbose_name).capitalize()
        for (_old, record), changes in zip(pairs, described, strict=True):
            entries.append(
                HistoryEntry(
                    at=record.history_date,
                    user=user_display(record.history_user),
                    action=action_of(record),
                    reason=record.history_change_reason or "",
                    changes=changes,
                    title=f"{label}: {record.instance}",
                )
            )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def version_record(current: models.Model, version: int) -> Any | None:
    """The historical row of ``current`` as it was saved at ``version`` (None if not kept)."""
    return (
        current.history.filter(row_version=version)  # type: ignore[attr-defined]
        .order_by("-history_date", "-history_id")
        .first()
    )


def fields_changed_since(current: models.Model, version: int) -> tuple[Any, set[str]] | None:
    """The row at ``version`` and the names of the fields saved differently since.

    None when that version is not in the history: then nothing can be merged.
    """
    base = version_record(current, version)
    if base is None:
        return None
    changed = {
        f.name
        for f in _tracked_fields(type(current))
        if getattr(base, f.attname, None) != getattr(current, f.attname, None)
    }
    return base, changed
