"""The product's one clock: every "today" and "now" in Utblick comes from here.

Code never calls ``date.today()``, ``timezone.now()`` or ``timezone.localdate()``
itself. Tests move this clock (and everything else that reads the time) with
time-machine; the commands ``check``, ``remind``, ``report`` and ``demo`` take
``--today`` for reproducible runs, which fixes the day with :func:`fixed_day`.
"""

from __future__ import annotations

from argparse import ArgumentParser, ArgumentTypeError
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

_fixed_day: ContextVar[date | None] = ContextVar("utblick_fixed_day", default=None)


def now() -> datetime:
    """The current moment (aware); on a fixed day, that day at the current time of day."""
    moment = timezone.now()
    day = _fixed_day.get()
    if day is None:
        return moment
    local = timezone.localtime(moment)
    return local.replace(year=day.year, month=day.month, day=day.day)


def today() -> date:
    """Today in the product's time zone (Europe/Stockholm)."""
    day = _fixed_day.get()
    return day if day is not None else timezone.localdate(timezone.now())


@contextmanager
def fixed_day(day: date | None) -> Iterator[None]:
    """Within the block, "today" is ``day`` (``None`` leaves the clock as it is)."""
    token = _fixed_day.set(day)
    try:
        yield
    finally:
        _fixed_day.reset(token)


def parse_day(value: str) -> date:
    """A ``--today`` argument: an ISO date such as 2026-06-15, or a Swedish error."""
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(
            _("Ogiltigt datum %(value)r; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2026-06-15.")
            % {"value": value}
        ) from error


def add_today_argument(parser: ArgumentParser) -> None:
    """``--today ÅÅÅÅ-MM-DD`` for a command: the run sees that day as today."""

    def day(value: str) -> date:
        try:
            return parse_day(value)
        except ValueError as error:
            raise ArgumentTypeError(str(error)) from error

    parser.add_argument(
        "--today",
        type=day,
        default=None,
        help=_("Kör som om det vore detta datum (ÅÅÅÅ-MM-DD), för reproducerbara körningar."),
    )
