"""Deploy check: the public address must be the real one, since open data and DCAT carry it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    url = urlsplit(settings.SITE_URL)
    if url.scheme == "https" and url.hostname not in (None, "localhost", "127.0.0.1", "::1"):
        return []
    return [
        Warning(
            "SITE_URL is not the public https address of this installation.",
            hint="Set SITE_URL, e.g. https://utblick.example.se: open data and the DCAT catalogue use it.",
            id="utblick.W001",
        )
    ]
