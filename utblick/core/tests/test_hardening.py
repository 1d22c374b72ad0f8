"""Issue 12, findings 3 (the rest): parallel creates of one partner, a report made from the CLI."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection

from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.funding.models import Funding, FundingSource
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.testing.api import Api
from utblick.testing.fixtures import client_for, load_shipped, make_member


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_creates_of_one_partner_give_one_partner_and_no_500() -> None:
    uppsala = load_shipped("uppsala")
    user = make_member(uppsala, "samordnare", Role.COORDINATOR)
    api = Api(user)
    statuses: list[int] = []
    start = threading.Barrier(10)

    def create() -> None:
        try:
            start.wait()
            response = api.send(
                "post",
                "uppsala/partners",
                {"name": "Tartu linn", "kind": "municipality", "country": "EE"},
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(statuses) == 10
    assert statuses.count(201) == 1, statuses
    assert set(statuses) <= {201, 400}, statuses
    assert Partner.objects.filter(municipality=uppsala, name="Tartu linn").count() == 1


@pytest.mark.django_db
def test_the_report_archive_lists_a_report_made_from_the_cli(
    personas: dict[str, Any], tmp_path: Path
) -> None:
    call_command(
        "report",
        "--municipality",
        "uppsala",
        "--year",
        "2026",
        "--format",
        "xlsx",
        "-o",
        str(tmp_path / "r.xlsx"),
    )
    page = client_for(personas["coordinator"]).get("/app/uppsala/rapporter/arkiv/")
    assert page.status_code == 200
    assert "Systemet" in page.content.decode()


@pytest.mark.django_db
def test_an_exchange_rate_typed_with_a_comma_is_read_as_a_decimal(
    personas: dict[str, Any],
) -> None:
    """Finding 10: "11,2" in the rate became 112 (the browser's number box dropped the comma)."""
    uppsala = personas["coordinator"].memberships.get().municipality
    unit = Unit.objects.get(municipality=uppsala, key="utbildningsforvaltningen")
    activity = Activity.objects.create(
        municipality=uppsala, kind="project", title="Valutaprojekt", unit=unit
    )
    client = client_for(personas["coordinator"])
    url = f"/app/uppsala/register/{activity.pk}/finansiering/ny/"
    page = client.get(url).content.decode()
    rate = BeautifulSoup(page, "html.parser").select_one("#id_fin-rate_to_sek")
    assert rate["type"] == "text" and rate["inputmode"] == "decimal"
    response = client.post(
        url,
        {
            "fin-source": FundingSource.objects.get(key="erasmus-plus").pk,
            "fin-status": "applied",
            "fin-currency": "EUR",
            "fin-applied_amount": "1 000,50",
            "fin-rate_to_sek": "11,2",
        },
    )
    assert response.status_code == 302, [
        e.get_text(" ", strip=True)
        for e in BeautifulSoup(response.content, "html.parser").select(
            ".field__error, .error-summary li"
        )
    ]
    funding = Funding.objects.get(activity=activity)
    assert funding.rate_to_sek == Decimal("11.2")
    assert funding.applied_amount == Decimal("1000.50")
