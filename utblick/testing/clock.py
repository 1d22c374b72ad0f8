"""The suite's hold on the product's clock.

Tests never depend on the date the suite runs: a test that needs a particular
day moves the clock there with the ``clock`` fixture (time-machine, so that
``auto_now`` fields and history dates move too), and every other test reads
whatever the machine says. CI runs the whole suite again with the machine's
date moved (libfaketime) to prove it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class Clock:
    """Moves the product's clock: ``clock.set(date(2026, 11, 23))``."""

    def __init__(self, machine: Any):
        self._machine = machine

    def set(self, moment: date | datetime, *, tick: bool = True) -> None:
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment, time(10, 0))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=STOCKHOLM)
        self._machine.move_to(moment, tick=tick)


@pytest.fixture
def clock(time_machine: Any) -> Clock:
    return Clock(time_machine)
