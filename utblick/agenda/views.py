"""The goal pages: each of the 17 goals with its activities, money, travel and indicators."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from utblick.accounts.access import municipality_view
from utblick.agenda.selectors import goal_exists, goal_overview, goal_page
from utblick.core.tenancy import Access


@municipality_view()
def index(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    return render(request, "agenda/index.html", {"goals": goal_overview(access.municipality)})


@municipality_view()
def goal(request: HttpRequest, goal: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    if not goal_exists(str(goal)):
        raise Http404
    return render(request, "agenda/goal.html", {"page": goal_page(access.municipality, str(goal))})
