"""Errors as RFC 9457 problem details: ``application/problem+json`` with Swedish words.

Every error the API gives has the same shape — ``type``, ``title``,
``status``, ``detail``, ``instance`` and, for bad input, ``errors`` (one entry
per field: ``{"field": "end_date", "message": "…"}``) — whether it comes from
a service, from parsing the request, from the token check or from Django (an
unknown address, a method the address does not take).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

MEDIA_TYPE = "application/problem+json"

#: Problem types beyond the status code's own meaning (RFC 9457 §3.1.1).
INVALID = "urn:utblick:problem:ogiltiga-uppgifter"
CONFLICT = "urn:utblick:problem:konflikt"


def title_for(status: int) -> str:
    titles = {
        400: _("Ogiltig begäran"),
        401: _("Inloggning krävs"),
        403: _("Ingen behörighet"),
        404: _("Finns inte"),
        405: _("Metoden stöds inte"),
        409: _("Konflikt"),
        413: _("Begäran är för stor"),
        415: _("Formatet stöds inte"),
        422: _("Uppgifterna kunde inte tolkas"),
        429: _("För många förfrågningar"),
    }
    return titles.get(status, _("Serverfel") if status >= 500 else _("Fel"))


def problem(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    errors: Iterable[tuple[str, str]] = (),
    type_: str = "about:blank",
    **extensions: Any,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": type_,
        "title": title_for(status),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    listed = [{"field": field, "message": message} for field, message in errors]
    if listed or type_ == INVALID:
        body["errors"] = listed
    body.update(extensions)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, default=str), status=status, content_type=MEDIA_TYPE
    )


def is_problem(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith(MEDIA_TYPE)
