"""Interactive API documentation: django-ninja's bundled Swagger UI, served from our own static files.

Ninja falls back to a CDN template unless ``ninja`` is an installed app; we render our
own page instead (Swedish ``lang``, a heading, no third-party address) that loads only
``ninja/swagger-ui-*`` from STATIC_URL, which the CSP (``'self'``) allows.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase


class LocalSwagger(DocsBase):
    settings: dict[str, Any] = {
        "layout": "BaseLayout",
        # Deep links put a link inside each operation's toggle button (nested controls).
        "deepLinking": False,
        "validatorUrl": None,  # never ask validator.swagger.io about our schema
        "persistAuthorization": False,
    }

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        settings = self.settings | {"url": self.get_openapi_url(api, kwargs)}
        return render(
            request, "api/docs.html", {"api": api, "swagger_settings": json.dumps(settings)}
        )
