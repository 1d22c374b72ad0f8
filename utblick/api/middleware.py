"""Errors that never reach the API's own handlers still answer as problem details."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from utblick.api.problems import is_problem, problem

PREFIX = "/api/"


class ProblemMiddleware:
    """An unknown address, a method the address does not take or a CSRF refusal under /api/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not request.path.startswith(PREFIX)
            or response.status_code < 400
            or is_problem(response)
        ):
            return response
        status = response.status_code
        details = {
            404: _("Adressen finns inte i API:et."),
            405: _("Adressen tar inte emot metoden %(method)s.") % {"method": request.method},
        }
        detail = details.get(status, "")
        if status == 400 and response.get("Content-Type", "").startswith("text/plain"):
            detail = response.content.decode()
        replaced = problem(request, status, detail)
        if response.has_header("Allow"):
            replaced["Allow"] = response["Allow"]
        return replaced
