"""The register's bulk change: choose rows and an action, check, confirm, see what happened.

List → (POST) :func:`activity_bulk`: the "check your answers" page, or the
choice again with its errors → (POST) :func:`activity_bulk_apply` → back to
the register, which shows the summary once.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.activities import bulk
from utblick.activities.bulk_forms import BulkForm
from utblick.activities.models import Activity
from utblick.core.db import Swedish
from utblick.core.tenancy import Access

#: The session key of the summary the register shows after a bulk change.
BULK_SUMMARY = "activities.bulk_summary"


def bulk_context(request: HttpRequest) -> dict[str, Any]:
    """What the list needs for its bulk bar (coordinators only)."""
    return {
        "bulk_form": BulkForm(municipality=request.municipality),  # type: ignore[attr-defined]
        "list_query": request.GET.urlencode(),
    }


def _back(request: HttpRequest) -> str:
    """The register's address with the filters it was left with (only a query, never a host)."""
    query = QueryDict(request.POST.get("tillbaka", "")).urlencode()
    url = reverse("activities:list", args=[request.municipality.slug])  # type: ignore[attr-defined]
    return f"{url}?{query}" if query else url


def _choose(request: HttpRequest, form: BulkForm) -> HttpResponse:
    """The choice again (with its errors, or to change it), the chosen rows ticked."""
    access: Access = request.access  # type: ignore[attr-defined]
    rows = Activity.objects.visible_to(access).filter(pk__in=form.ids).order_by(Swedish("title"))
    return render(
        request,
        "activities/bulk_choose.html",
        {
            "form": form,
            "rows": rows.only("pk", "title"),
            "tillbaka": request.POST.get("tillbaka", ""),
            "back_url": _back(request),
        },
    )


@municipality_view(need="coordinate")
@require_POST
def activity_bulk(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    form = BulkForm(request.POST, municipality=access.municipality)
    if not form.is_valid() or "andra" in request.POST:
        return _choose(request, form)
    choice = form.choice
    lines = bulk.activities_bulk_preview(access=access, ids=form.ids, choice=choice)
    counts = {
        outcome: sum(1 for line in lines if line.outcome == outcome)
        for outcome in (bulk.CHANGE, bulk.UNCHANGED, bulk.REFUSED)
    }
    return render(
        request,
        "activities/bulk_confirm.html",
        {
            "choice": choice,
            "atgard": form.cleaned_data["atgard"],
            "lines": lines,
            "counts": counts,
            "tillbaka": request.POST.get("tillbaka", ""),
            "back_url": _back(request),
            "detail_base": reverse("activities:detail", args=[access.municipality.slug, 0])[:-2],
        },
    )


@municipality_view(need="coordinate")
@require_POST
def activity_bulk_apply(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    form = BulkForm(request.POST, municipality=access.municipality)
    if not form.is_valid():
        return _choose(request, form)
    result = bulk.activities_bulk_apply(
        access=access,
        user=request.user,
        ids=form.ids,
        choice=form.choice,
        versions=form.versions,
    )
    request.session[BULK_SUMMARY] = result.as_summary()
    return redirect(_back(request))
