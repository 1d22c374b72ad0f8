"""A real OpenID provider on loopback (oidc-provider-mock: Authlib's server in a thread)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse

from utblick.core.tenancy import system_access
from utblick.municipalities.models import Municipality
from utblick.sso.models import SsoSettings
from utblick.sso.services import sso_settings_save


class Provider:
    """The running provider: its issuer address, and the accounts it knows."""

    def __init__(self, issuer: str) -> None:
        self.issuer = issuer

    def add_user(self, sub: str, **claims: Any) -> None:
        response = requests.put(f"{self.issuer}/users/{sub}", json=claims, timeout=5)
        response.raise_for_status()

    def authorize(self, url: str, sub: str) -> str:
        """Sign ``sub`` in at the provider's page; the address it sends the browser back to."""
        response = requests.post(url, data={"sub": sub}, allow_redirects=False, timeout=5)
        assert response.status_code == 302, response.text[:500]
        return response.headers["Location"]


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    with warnings.catch_warnings():  # its own imports of Authlib APIs Authlib deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        from oidc_provider_mock import run_server_in_thread

    # The provider (Authlib's server) refuses plain http unless told; only for loopback here.
    before = os.environ.get("AUTHLIB_INSECURE_TRANSPORT")
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    try:
        with run_server_in_thread(port=0, require_nonce=True) as server:
            yield Provider(f"http://localhost:{server.server_port}")
    finally:
        if before is None:
            os.environ.pop("AUTHLIB_INSECURE_TRANSPORT", None)
        else:
            os.environ["AUTHLIB_INSECURE_TRANSPORT"] = before


def configure_sso(municipality: Municipality, provider: Provider, **values: Any) -> SsoSettings:
    """Turn on the municipality's sign-in through ``provider``, as its coordinator would."""
    editor_units = values.pop("editor_units", [])
    secret = values.pop("new_secret", "klient-hemlighet")
    settings = SsoSettings.objects.filter(municipality=municipality).first() or SsoSettings()
    defaults = {
        "enabled": True,
        "issuer": provider.issuer,
        "client_id": f"utblick-{municipality.slug}",
        "allowed_domains": f"{municipality.slug}.se",
        "group_claim": "groups",
        "coordinator_groups": "utblick-samordnare",
        "editor_groups": "utblick-redaktorer",
    }
    for name, value in (defaults | values).items():
        setattr(settings, name, value)
    return sso_settings_save(
        access=system_access(municipality),
        user=None,  # type: ignore[arg-type]
        settings=settings,
        expected_version=None,
        new_secret=secret,
        editor_units=editor_units,
    )


def start_and_authorize(
    client: Client, provider: Provider, sub: str, *, email: str = "", municipality: int = 0
) -> tuple[str, str]:
    """Start at Utblick, sign in at the provider; (callback path with query, provider URL)."""
    data: dict[str, Any] = {"email": email}
    if municipality:
        data["municipality"] = municipality
    response = client.post(reverse("sso:start"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    authorize_url = response["Location"]
    back = urlsplit(provider.authorize(authorize_url, sub))
    return f"{back.path}?{back.query}", authorize_url


def sign_in_via_provider(client: Client, provider: Provider, sub: str, **kwargs: Any) -> Any:
    callback, _url = start_and_authorize(client, provider, sub, **kwargs)
    return client.get(callback)
