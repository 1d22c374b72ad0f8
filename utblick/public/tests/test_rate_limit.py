"""Anonymous reports are rate-limited (issue 12, finding 7): five per address in ten minutes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from utblick.core.models import RateLimit
from utblick.public.models import AccessibilityReport
from utblick.public.tests.conftest import publishing
from utblick.testing.clock import STOCKHOLM

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 10, 0, tzinfo=STOCKHOLM)


def report(client: Client, n: int, path: str = "") -> Any:
    url = path or reverse("public:accessibility", args=["uppsala"])
    return client.post(url, {"description": f"Kartan går inte att förstora ({n})."})


def test_the_sixth_report_in_ten_minutes_is_refused(uppsala: Any, clock: Any) -> None:
    publishing(uppsala)
    clock.set(START)
    visitor = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(5):
        assert report(visitor, n).status_code == 302, n
    sixth = report(visitor, 6)
    assert sixth.status_code == 429
    html = BeautifulSoup(sixth.content, "html.parser")
    alert = html.select_one(".error-summary")
    assert "För många anmälningar" in alert.get_text()
    # The form keeps what the visitor wrote, so nothing is lost while waiting.
    assert "(6)" in html.select_one("textarea[name=description]").get_text()
    assert AccessibilityReport.objects.count() == 5  # nothing stored
    # The English page shares the limit (one form, one address).
    assert (
        report(visitor, 7, f"/en{reverse('public:accessibility', args=['uppsala'])}").status_code
        == 429
    )
    # Another visitor is not held up by the first.
    assert report(Client(REMOTE_ADDR="198.51.100.20"), 8).status_code == 302
    # Ten minutes after the first report the window is over.
    clock.set(START + timedelta(minutes=10, seconds=5))
    assert report(visitor, 9).status_code == 302
    assert AccessibilityReport.objects.count() == 7


def test_invalid_reports_do_not_use_up_the_limit(uppsala: Any, clock: Any) -> None:
    publishing(uppsala)
    clock.set(START)
    visitor = Client(REMOTE_ADDR="192.0.2.10")
    url = reverse("public:accessibility", args=["uppsala"])
    for _ in range(6):
        assert visitor.post(url, {"description": ""}).status_code == 200
    assert report(visitor, 1).status_code == 302


def test_the_address_is_not_stored(uppsala: Any, clock: Any) -> None:
    publishing(uppsala)
    clock.set(START)
    report(Client(REMOTE_ADDR="192.0.2.10"), 1)
    keys = list(RateLimit.objects.values_list("key", flat=True))
    assert len(keys) == 1 and "192.0.2.10" not in keys[0]
