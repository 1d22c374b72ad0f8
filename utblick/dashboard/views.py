"""After login: the user's municipality, and its start page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from utblick.accounts.access import municipality_view
from utblick.accounts.selectors import municipalities_of
from utblick.dashboard.selectors import start_page


def home(request: HttpRequest) -> HttpResponse:
    """Straight to the user's municipality, or a choice among several (always for the platform)."""
    municipalities = municipalities_of(request.user)
    if len(municipalities) == 1 and not request.user.is_superuser:
        return redirect("dashboard:start", municipalities[0].slug)
    return render(request, "dashboard/home.html", {"municipalities": municipalities})


@municipality_view()
def start(request: HttpRequest) -> HttpResponse:
    context = start_page(request.access)  # type: ignore[attr-defined]
    return render(request, "dashboard/start.html", context)
