"""The same public page in the other language, for the language link and hreflang."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import translate_url


def languages(request: HttpRequest) -> dict[str, Any]:
    match = getattr(request, "resolver_match", None)
    if match is None or (match.namespace != "public" and match.url_name != "landing"):
        return {}
    url = request.get_full_path()
    return {"sv_url": translate_url(url, "sv"), "en_url": translate_url(url, "en")}
