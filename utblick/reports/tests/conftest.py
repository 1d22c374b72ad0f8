"""Kungälv with its demo register and plans, in the demo's world (November 2026)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from utblick.demo.planning import load_planning
from utblick.demo.register import load_register
from utblick.followup.models import Period
from utblick.followup.selectors import period_of
from utblick.funding.services import funding_sources_ensure
from utblick.testing.fixtures import load_shipped


@pytest.fixture
def kungalv(db: Any, clock: Any) -> Any:
    clock.set(date(2026, 11, 23))  # the demo's world (its data is anchored in 2025–2027)
    funding_sources_ensure()
    m = load_shipped("kungalv")
    load_register(m)
    load_planning(m)
    return m


def t2(m: Any) -> Period:
    period = period_of(m, 2026, "t2")
    assert period is not None
    return period
