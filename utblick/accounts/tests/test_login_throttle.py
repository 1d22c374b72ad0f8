"""Sign-in throttling (issue 12, finding 7): five wrong passwords lock a username from an address.

The lock is django-axes', counted per username and client address; the address
is taken from X-Forwarded-For only when the request comes from a proxy listed
in ``UTBLICK_TRUSTED_PROXIES``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from utblick.core.clientip import client_ip
from utblick.testing.clock import STOCKHOLM
from utblick.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 10, 0, tzinfo=STOCKHOLM)
LOGIN = "/konto/logga-in/"


def attempt(client: Client, username: str, password: str, **headers: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, headers=headers)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_login_url_is_the_one_throttled() -> None:
    assert reverse("accounts:login") == LOGIN


def test_five_wrong_passwords_lock_the_account_from_that_address_for_15_minutes(
    personas: dict[str, Any], clock: Any
) -> None:
    clock.set(START)
    client = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(1, 5):
        response = attempt(client, "uppsala-lasare", f"fel-{n}")
        assert response.status_code == 200, n  # the form again, with its error
        assert "Fel användarnamn eller lösenord" in response.content.decode()
    fifth = attempt(client, "uppsala-lasare", "fel-5")
    assert fifth.status_code == 429
    html = BeautifulSoup(fifth.content, "html.parser")
    assert html.html["lang"] == "sv"
    assert html.select_one("h1").get_text(strip=True) == "För många inloggningsförsök"
    assert "15 minuter" in html.select_one(".lockout").get_text()
    # The right password does not open a locked account.
    right = attempt(client, "uppsala-lasare", PASSWORD)
    assert right.status_code == 429 and not signed_in(client)
    clock.set(START + timedelta(minutes=14, seconds=50))
    assert attempt(client, "uppsala-lasare", PASSWORD).status_code == 429
    assert not signed_in(client)
    # Fifteen minutes after the fifth failure the lock is gone.
    clock.set(START + timedelta(minutes=15, seconds=5))
    response = attempt(client, "uppsala-lasare", PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_the_lock_is_per_username_and_address(personas: dict[str, Any], clock: Any) -> None:
    clock.set(START)
    attacker = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(5):
        attempt(attacker, "uppsala-lasare", f"fel-{n}")
    assert attempt(attacker, "uppsala-lasare", PASSWORD).status_code == 429
    # Another username from the same address is not locked …
    assert attempt(attacker, "uppsala-samordnare", PASSWORD).status_code == 302
    # … nor the same username from another address (the real reader at work).
    colleague = Client(REMOTE_ADDR="198.51.100.20")
    assert attempt(colleague, "uppsala-lasare", PASSWORD).status_code == 302


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(
    personas: dict[str, Any], clock: Any, settings: Any
) -> None:
    clock.set(START)
    settings.UTBLICK_TRUSTED_PROXIES = ["10.0.0.5"]
    proxy = Client(REMOTE_ADDR="10.0.0.5")
    for n in range(5):
        attempt(proxy, "uppsala-lasare", f"fel-{n}", X_Forwarded_For="203.0.113.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    assert (
        attempt(proxy, "uppsala-lasare", PASSWORD, X_Forwarded_For="203.0.113.7").status_code == 429
    )
    # Another client behind the same proxy is another address: not locked.
    other = attempt(proxy, "uppsala-lasare", PASSWORD, X_Forwarded_For="198.51.100.9")
    assert other.status_code == 302

    # From an address that is no trusted proxy the header is ignored: a new
    # made-up address on every try does not escape the lock.
    AccessAttempt.objects.all().delete()
    direct = Client(REMOTE_ADDR="192.0.2.66")
    for n in range(5):
        attempt(direct, "uppsala-lasare", f"fel-{n}", X_Forwarded_For=f"203.0.113.{n}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.66"}
    response = attempt(direct, "uppsala-lasare", PASSWORD, X_Forwarded_For="203.0.113.99")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("192.0.2.1", "", [], "192.0.2.1"),
        ("192.0.2.1", "203.0.113.7", [], "192.0.2.1"),  # nobody trusted: header ignored
        ("10.0.0.5", "203.0.113.7", ["10.0.0.5"], "203.0.113.7"),
        ("10.0.0.5", "203.0.113.7", ["10.0.0.0/24"], "203.0.113.7"),  # a network
        # The client may send its own header first; the proxy appends the real one.
        ("10.0.0.5", "1.2.3.4, 203.0.113.7", ["10.0.0.5"], "203.0.113.7"),
        # Two trusted proxies in a row: the first address that is not one of them.
        ("10.0.0.5", "203.0.113.7, 10.0.0.9", ["10.0.0.5", "10.0.0.9"], "203.0.113.7"),
        ("10.0.0.5", "not-an-address", ["10.0.0.5"], "10.0.0.5"),  # garbage: the proxy
        ("10.0.0.5", "", ["10.0.0.5"], "10.0.0.5"),
        ("2001:db8::1", "2001:db8::7", ["2001:db8::1"], "2001:db8::7"),
    ],
)
def test_client_address(
    remote: str, forwarded: str, trusted: list[str], expected: str, settings: Any
) -> None:
    settings.UTBLICK_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_the_admin_login_is_throttled_too(personas: dict[str, Any], clock: Any) -> None:
    get_user_model().objects.create_superuser("root", "root@example.se", PASSWORD)
    clock.set(START)
    client = Client(REMOTE_ADDR="192.0.2.10")
    url = reverse("admin:login")
    for n in range(5):
        client.post(url, {"username": "root", "password": f"fel-{n}"})
    response = client.post(url, {"username": "root", "password": PASSWORD})
    assert response.status_code == 429 and not signed_in(client)


def test_a_successful_sign_in_clears_the_count(personas: dict[str, Any], clock: Any) -> None:
    clock.set(START)
    client = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(4):
        attempt(client, "uppsala-lasare", f"fel-{n}")
    assert attempt(client, "uppsala-lasare", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for n in range(4):
        assert attempt(client, "uppsala-lasare", f"fel-igen-{n}").status_code == 200
    assert attempt(client, "uppsala-lasare", PASSWORD).status_code == 302
