from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from utblick.accounts.access import municipality_view
from utblick.search.selectors import search


@municipality_view()
def results(request: HttpRequest) -> HttpResponse:
    found = search(access=request.access, query=request.GET.get("q", ""))  # type: ignore[attr-defined]
    return render(request, "search/results.html", {"results": found, "search_query": found.query})
