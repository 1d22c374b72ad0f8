"""The client's address, for sign-in throttling and rate limits.

``X-Forwarded-For`` can be written by anyone, so it is read only when the
request comes from a proxy listed in ``UTBLICK_TRUSTED_PROXIES``; then the
address is the right-most one in the header that is not itself a trusted proxy
(a client may put anything it likes in front, but the proxy appends the address
it saw). Without trusted proxies the address is always ``REMOTE_ADDR``.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(e, strict=False) for e in entries)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    if address is None:
        return False
    networks = _networks(tuple(getattr(settings, "UTBLICK_TRUSTED_PROXIES", ())))
    return any(address.version == n.version and address in n for n in networks)


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent ``request`` (see the module's docstring)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not _trusted(_address(remote)):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([e for e in forwarded.split(",") if e.strip()]):
        address = _address(entry)
        if address is None:  # a header the proxy did not write sensibly: trust no further
            return remote
        if not _trusted(address):
            return str(address)
    return remote
