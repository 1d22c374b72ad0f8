"""Calendar arithmetic the domain needs: months ahead, the same day another year."""

from __future__ import annotations

from calendar import monthrange
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def same_day_in(day: date, year: int) -> date:
    """The same date in another year (28 February for a 29 February)."""
    return day.replace(year=year, day=min(day.day, monthrange(year, day.month)[1]))
