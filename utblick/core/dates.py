"""Calendar arithmetic the domain needs: months ahead, the same day another year."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from typing import Self


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def same_day_in(day: date, year: int) -> date:
    """The same date in another year (28 February for a 29 February)."""
    return day.replace(year=year, day=min(day.day, monthrange(year, day.month)[1]))


#: The years Utblick plans, follows up and reports: a report for year 1 or 99999 is a typo.
FIRST_YEAR = 1990
LAST_YEAR = 2100
#: Dates stored on records may be older (a twin city since 1946), not absurd.
FIRST_DATE_YEAR = 1900


def year_ok(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def asked_year(value: object, default: int) -> int:
    """A year from an address (``?ar=``): a number within reason, else ``default``."""
    try:
        year = int(str(value))
    except (TypeError, ValueError):
        return default
    return year if year_ok(year) else default


#: How much of a date its source knew: "1989" is a year, "1989-05" a month.
YEAR, MONTH = "year", "month"


class PartialDate(date):
    """A date known only to its year or month, stored as the first day, with its precision."""

    precision: str

    def __new__(cls, year: int, month: int = 1, day: int = 1, *, precision: str = YEAR) -> Self:
        made = super().__new__(cls, year, month, day)
        made.precision = precision
        return made


def written(day: date | None, precision: str | None = None) -> str:
    """A date as its source wrote it: "1989", "1989-05" or "1989-05-17" ("" for none)."""
    if day is None:
        return ""
    if precision == YEAR:
        return f"{day.year}"
    if precision == MONTH:
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def precision_of(obj: object, name: str) -> str | None:
    """The precision recorded for ``obj``'s date field ``name`` (``obj.date_precision``)."""
    return (getattr(obj, "date_precision", None) or {}).get(name)
