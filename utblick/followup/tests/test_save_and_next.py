"""'Lämna in och gå till nästa': through a period's follow-ups without going back to the list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.followup.models import FollowUp, FollowUpState
from utblick.followup.selectors import periods_for
from utblick.followup.services import FollowUpData, followup_save
from utblick.organisation.models import Unit
from utblick.testing.fixtures import client_for, load_shipped, make_member

pytestmark = pytest.mark.django_db

ANSWER = {"status": "on_track", "progress": 50, "spent": "100", "submit_next": "1"}


@pytest.fixture
def world(db: Any, clock: Any) -> dict[str, Any]:
    clock.set(date(2026, 9, 15))  # Kungälv's tertial 2 of 2026 is open
    kungalv = load_shipped("kungalv")
    unit = Unit.objects.get(municipality=kungalv, key="sektor-utbildning-kultur-fritid")
    other = Unit.objects.get(municipality=kungalv, key="sektor-omsorg")
    made = {
        title: Activity.objects.create(
            municipality=kungalv,
            kind="project",
            title=title,
            unit=on,
            status="active",
            start_date=date(2026, 1, 1),
            development_area="Skola",
        )
        for title, on in (("Alfa", unit), ("Beta", unit), ("Gamma", unit), ("Omsorg", other))
    }
    _t1, t2, _year_end = periods_for(kungalv, 2026)
    coordinator = make_member(kungalv, "samordnare", Role.COORDINATOR)
    editor = make_member(kungalv, "redaktor", Role.EDITOR, [unit])
    return {"m": kungalv, "t2": t2, "coordinator": coordinator, "editor": editor, **made}


def _edit(period: Any, activity: Activity) -> str:
    return reverse("followup:edit", args=["kungalv", period.year, period.key, activity.pk])


def test_the_button_submits_and_opens_the_next_one_not_yet_submitted(
    world: dict[str, Any],
) -> None:
    t2 = world["t2"]
    followup_save(
        access=access_for(world["editor"], "kungalv"),
        user=world["editor"],
        activity=world["Beta"],
        period=t2,
        data=FollowUpData(status="on_track", progress=10, spent=Decimal(0)),
        submit=True,
        expected_version=None,
    )
    client = client_for(world["editor"])
    html = BeautifulSoup(client.get(_edit(t2, world["Alfa"])).content, "html.parser")
    assert html.select_one("button[name=submit_next]").get_text() == "Lämna in och gå till nästa"

    response = client.post(_edit(t2, world["Alfa"]), ANSWER)
    # Beta is already submitted; the editor does not report on Omsorg's activity.
    assert response.status_code == 302 and response["Location"] == _edit(t2, world["Gamma"])
    alfa = FollowUp.objects.get(activity=world["Alfa"], is_latest=True)
    assert alfa.state == FollowUpState.SUBMITTED

    response = client.post(_edit(t2, world["Gamma"]), ANSWER)
    period = reverse("followup:period", args=["kungalv", t2.year, t2.key])
    assert response.status_code == 302 and response["Location"] == period
    page = client.get(period)
    assert "Alla uppföljningar i perioden är inlämnade." in page.content.decode()


def test_the_next_one_wraps_to_the_top_and_covers_every_unit_for_a_coordinator(
    world: dict[str, Any],
) -> None:
    t2 = world["t2"]
    client = client_for(world["coordinator"])
    # The period page's order: by unit, then title; "Omsorg" is in the unit that sorts after.
    response = client.post(_edit(t2, world["Gamma"]), ANSWER)
    assert response["Location"] == _edit(t2, world["Omsorg"])
    response = client.post(_edit(t2, world["Omsorg"]), ANSWER)
    assert response["Location"] == _edit(t2, world["Alfa"])


def test_a_form_with_errors_stays_on_the_page(world: dict[str, Any]) -> None:
    client = client_for(world["editor"])
    response = client.post(_edit(world["t2"], world["Alfa"]), {**ANSWER, "progress": "abc"})
    assert response.status_code == 200
    assert not FollowUp.objects.filter(activity=world["Alfa"]).exists()
