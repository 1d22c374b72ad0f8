"""Which language a page is shown in.

Public pages carry their language in the address (``/kungalv/`` Swedish,
``/en/kungalv/`` English) so both versions can be linked, shared and
indexed. Internal pages are Swedish unless the user has chosen English
(a cookie): Django's LocaleMiddleware would follow the browser's
Accept-Language, but a Swedish public-sector service shows Swedish to
everyone and English only on request.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import translation

from utblick.core.text import text_problem

#: Addresses of the logged-in application, where the cookie decides.
INTERNAL_PREFIXES = ("/app/", "/konto/", "/admin/", "/api/", "/i18n/")


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def language_for(self, request: HttpRequest) -> str:
        path = request.path_info
        if path.startswith(INTERNAL_PREFIXES):
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            return chosen if chosen in self.available else settings.LANGUAGE_CODE
        prefix = path.strip("/").split("/", 1)[0]
        if prefix != settings.LANGUAGE_CODE and prefix in self.available:
            return prefix
        return settings.LANGUAGE_CODE

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.language_for(request)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        # Only for this request: the thread goes back to what it had, so code
        # that runs after (a test, a management command) is not left in English.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RefuseControlCharacters:
    """An address or query with a control character (``%00``) is a 400, not a lookup.

    PostgreSQL refuses NUL in any text it is asked to compare, so ``?q=%00``
    would reach the database as a 500; no page or API call takes them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        texts = [request.path, *request.GET.keys()]
        texts += [value for values in request.GET.lists() for value in values[1]]
        for text in texts:
            problem = text_problem(text)
            if problem:
                return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
