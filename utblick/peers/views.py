"""Other municipalities' published work: who to ask before starting something new."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from utblick.accounts.access import municipality_view
from utblick.core.tenancy import Access
from utblick.peers.forms import PeerForm
from utblick.peers.selectors import LIMIT, peers


@municipality_view()
def index(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    form = PeerForm(request.GET or None)
    answer = None
    if form.is_valid():
        query = form.query()
        if not query.empty:
            answer = peers(query, leave_out=access.municipality)
    return render(
        request,
        "peers/index.html",
        {"form": form, "answer": answer, "limit": LIMIT},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
