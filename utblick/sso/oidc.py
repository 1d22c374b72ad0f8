"""The OpenID Connect protocol, with Authlib (authorisation code flow with PKCE) and joserfc.

Nothing here knows about accounts: it turns a municipality's settings into a
redirect to its provider, and the provider's answer into verified ID-token
claims. Every failure is a :class:`OidcError` with a Swedish message.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from django.conf import settings as django_settings
from django.utils.translation import gettext as _
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from utblick.core import clock

TIMEOUT = 10  # seconds for each call to the provider
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256"]


class OidcError(Exception):
    """The provider could not be reached or its answer cannot be trusted."""


@dataclass(frozen=True)
class Flow:
    """What the session keeps between the redirect and the provider's answer."""

    state: str
    nonce: str
    code_verifier: str


def insecure_allowed(url: str) -> bool:
    """Plain http only to this machine, and never in production."""
    host = urlsplit(url).hostname or ""
    return not django_settings.PRODUCTION and host in {"localhost", "127.0.0.1", "::1"}


def check_url(url: str) -> None:
    if urlsplit(url).scheme != "https" and not insecure_allowed(url):
        raise OidcError(_("Adressen måste börja med https://."))


def discover(issuer: str) -> dict[str, Any]:
    """The provider's metadata from <issuer>/.well-known/openid-configuration."""
    check_url(issuer)
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as error:
        raise OidcError(
            _("Det gick inte att hämta inställningarna från %(url)s.") % {"url": url}
        ) from error
    for key in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(metadata.get(key), str):
            raise OidcError(_("Leverantörens inställningar saknar %(key)s.") % {"key": key})
        check_url(metadata[key])
    if metadata["issuer"].rstrip("/") != issuer.rstrip("/"):
        raise OidcError(
            _("Leverantören uppger utfärdaren %(found)s, inte %(issuer)s.")
            % {"found": metadata["issuer"], "issuer": issuer}
        )
    return metadata


def _session(
    client_id: str, client_secret: str | None, redirect_uri: str, scope: str = "openid"
) -> OAuth2Session:
    return OAuth2Session(
        client_id,
        client_secret,
        scope=scope,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_post" if client_secret else "none",
    )


def authorization_url(
    metadata: dict[str, Any],
    *,
    client_id: str,
    redirect_uri: str,
    scope: str,
    login_hint: str = "",
) -> tuple[str, Flow]:
    """Where to send the browser, and the state, nonce and PKCE verifier to keep."""
    flow = Flow(
        state=secrets.token_urlsafe(32),
        nonce=secrets.token_urlsafe(32),
        code_verifier=generate_token(64),
    )
    extra = {"nonce": flow.nonce}
    if login_hint:
        extra["login_hint"] = login_hint
    with _session(client_id, None, redirect_uri, scope) as session:
        url, _state = session.create_authorization_url(
            metadata["authorization_endpoint"],
            state=flow.state,
            code_verifier=flow.code_verifier,
            **extra,
        )
    return url, flow


def exchange_code(
    metadata: dict[str, Any],
    *,
    issuer: str,
    client_id: str,
    client_secret: str | None,
    redirect_uri: str,
    code: str,
    flow: Flow,
) -> dict[str, Any]:
    """Trade the code for tokens and return the ID token's verified claims."""
    try:
        with _session(client_id, client_secret, redirect_uri) as session:
            token = session.fetch_token(
                metadata["token_endpoint"],
                code=code,
                code_verifier=flow.code_verifier,
                timeout=TIMEOUT,
            )
    except Exception as error:  # Authlib raises its own and requests' errors alike
        raise OidcError(_("Leverantören godtog inte inloggningen.")) from error
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise OidcError(_("Leverantören skickade ingen ID-token."))
    return verify_id_token(
        id_token, metadata=metadata, issuer=issuer, client_id=client_id, nonce=flow.nonce
    )


def _keys(metadata: dict[str, Any]) -> KeySet:
    try:
        response = requests.get(metadata["jwks_uri"], timeout=TIMEOUT)
        response.raise_for_status()
        return KeySet.import_key_set(response.json())
    except (requests.RequestException, ValueError, JoseError) as error:
        raise OidcError(_("Det gick inte att hämta leverantörens nycklar.")) from error


def verify_id_token(
    id_token: str, *, metadata: dict[str, Any], issuer: str, client_id: str, nonce: str
) -> dict[str, Any]:
    """The claims, once the signature (JWKS), issuer, audience, nonce and times hold."""
    try:
        token = jwt.decode(id_token, _keys(metadata), algorithms=ALGORITHMS)
        registry = jwt.JWTClaimsRegistry(
            now=lambda: int(clock.now().timestamp()),
            leeway=120,
            iss={"essential": True, "values": [metadata["issuer"], issuer]},
            aud={"essential": True, "value": client_id},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        registry.validate(token.claims)
    except (JoseError, ValueError) as error:
        raise OidcError(_("Leverantörens ID-token kunde inte verifieras.")) from error
    claims = dict(token.claims)
    azp = claims.get("azp")
    if isinstance(claims.get("aud"), list) and len(claims["aud"]) > 1 and azp != client_id:
        raise OidcError(_("Leverantörens ID-token kunde inte verifieras."))
    return claims
