"""The product's own "page not found" also in development (DEBUG), where Django shows its own.

A turned-off public site, an archived or foreign record: what a municipal user sees
while trying Utblick out on their machine is the page they will see in production,
not a developer's traceback page. The API answers 404 with its own problem documents.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from utblick.core.views import page_not_found


class OwnNotFoundPage:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Http404) or request.path_info.startswith("/api/"):
            return None
        return page_not_found(request, exception)
