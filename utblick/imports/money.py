"""The money sheets of the import file: budget per year, and funding applied for and granted.

An export carries them, so an export is an import file and money round-trips.
A row names its activity by id, or by title (an activity of the same file, or
a single one in the register). Rows are planned like the other sheets (new,
changed, unchanged, or what is wrong) and written after the activities,
through the register's doors (``budget_set``, ``funding_save``), in the same
all-or-nothing transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from utblick.activities import columns as cols
from utblick.activities.models import Activity
from utblick.activities.money_columns import (
    BUDGET_SHEET,
)
from utblick.core.dates import year_ok
from utblick.core.text import fold
from utblick.funding.models import Currency, Funding, FundingSource, FundingStatus


@dataclass
class MoneyRow:
    """A money row worked out: its activity (stored, or a row of the file) and its values."""

    sheet: str
    activity: Activity | None  # a stored activity
    file_row: Any = None  # or the activity sheet's RowPlan, written first
    values: dict[str, Any] = field(default_factory=dict)
    funding: Funding | None = None  # the stored funding row it updates

    def target(self) -> Activity:
        return self.activity if self.activity is not None else self.file_row.obj


def _sources() -> dict[str, FundingSource]:
    found: dict[str, FundingSource] = {}
    for source in FundingSource.objects.all():
        found[fold(source.key)] = source
        found[fold(source.name)] = source
        short = source.name.split(" (")[0].split(" – ")[0]
        found.setdefault(fold(short), source)
    return found


class MoneyPlanner:
    """Plans the money sheets' rows against the register and the file's activity rows."""

    def __init__(self, activities: dict[int, Activity], by_title: dict[str, list[Activity]]):
        self.activities = activities
        self.by_title = by_title
        self.sources = _sources()
        self.read_status = cols.read_choice(FundingStatus)
        self.read_currency = cols.read_choice(Currency)

    def _activity(
        self, values: dict[str, Any], file_rows: dict[str, Any], problem: Callable[..., None]
    ) -> tuple[Activity | None, Any]:
        raw_id, title = cols.text(values.get("activity_id")), cols.text(values.get("title"))
        if raw_id:
            found = self.activities.get(int(raw_id)) if raw_id.isdigit() else None
            if found is None:
                problem(
                    "activity_id",
                    _("Det finns ingen aktivitet med id %(id)s i kommunens register.")
                    % {"id": raw_id},
                )
            return found, None
        if not title:
            problem("title", _("Ange aktivitetens id eller titel."))
            return None, None
        in_file = file_rows.get(fold(title))
        if in_file is not None:
            return None, in_file
        stored = self.by_title.get(fold(title), [])
        if len(stored) != 1:
            message = (
                _("Ingen aktivitet heter %(t)r.")
                if not stored
                else _("Flera aktiviteter heter %(t)r; ange id.")
            )
            problem("title", message % {"t": title})
            return None, None
        return stored[0], None

    def plan(
        self, sheet: str, values: dict[str, Any], file_rows: dict[str, Any], problem: Any
    ) -> tuple[MoneyRow | None, str, list[tuple[str, str, str]]]:
        """(the row, its action, its changes); problems go to ``problem(field, message)``."""
        activity, file_row = self._activity(values, file_rows, problem)
        parsed: dict[str, Any] = {}
        if sheet == BUDGET_SHEET:
            readers: dict[str, Callable[[Any], Any]] = {
                "year": cols.read_count,
                "budget": cols.read_amount,
                "cost": cols.read_amount,
            }
        else:
            readers = {
                "call_identifier": cols.text,
                "status": self.read_status,
                "external_id": cols.read_code,
                "currency": self.read_currency,
                "applied_amount": cols.read_amount,
                "granted_amount": cols.read_amount,
                "rate_to_sek": cols.read_amount,
                "decided_on": cols.read_date,
            }
        for name, reader in readers.items():
            if name in values:
                try:
                    parsed[name] = reader(values[name])
                except cols.CellError as error:
                    problem(name, str(error))
        if sheet == BUDGET_SHEET:
            if parsed.get("year") is None or not year_ok(parsed["year"]):
                problem("year", _("Ange budgetåret, t.ex. 2026."))
            parsed["budget"] = parsed.get("budget") or Decimal(0)
            parsed["cost"] = parsed.get("cost") or Decimal(0)
        else:
            source = self.sources.get(fold(cols.text(values.get("source"))))
            if source is None:
                problem(
                    "source",
                    _("Finansiären %(v)r finns inte; använd ett namn ur Utblicks lista.")
                    % {"v": cols.text(values.get("source"))},
                )
            parsed["source"] = source
            parsed["status"] = parsed.get("status") or FundingStatus.PLANNED
            parsed["currency"] = parsed.get("currency") or Currency.SEK
            if parsed.get("rate_to_sek") is None:
                parsed["rate_to_sek"] = Decimal(1)
        row = MoneyRow(sheet, activity, file_row, parsed)
        if activity is None and file_row is None:
            return None, "error", []
        return row, *self._compare(row)

    def _compare(self, row: MoneyRow) -> tuple[str, list[tuple[str, str, str]]]:
        # A row of this file's activity sheet may be a stored activity the file changes (found
        # by its id, title or EU id): its money is compared with what that one has stored.
        target = row.activity or (row.file_row.obj if row.file_row is not None else None)
        stored = self.activities.get(target.pk) if target is not None and target.pk else None
        if stored is None:
            return "create", []
        v = row.values
        if row.sheet == BUDGET_SHEET:
            line = next((b for b in stored.budget_lines.all() if b.year == v.get("year")), None)
            if line is None:
                return "create", []
            changes = [
                (name, str(getattr(line, name)), str(v[name]))
                for name in ("budget", "cost")
                if getattr(line, name) != v[name]
            ]
            return ("update" if changes else "unchanged"), changes
        same = next(
            (
                f
                for f in stored.funding.all()
                if f.archived_at is None
                and f.source_id == getattr(v.get("source"), "pk", None)
                and f.call_identifier == v.get("call_identifier", "")
            ),
            None,
        )
        if same is None:
            return "create", []
        row.funding = same
        changes = [
            (name, str(getattr(same, name)), str(value))
            for name, value in v.items()
            if name != "source" and getattr(same, name) != value
        ]
        return ("update" if changes else "unchanged"), changes
