"""The goal pages: each of the 17 goals with its activities, money, travel and indicators."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.activities.models import Activity
from utblick.agenda.selectors import goal_exists, goal_overview, goal_page
from utblick.agenda.services import sdg_decide
from utblick.agenda.suggestions import activity_suggestions, queue_rows, review_queryset
from utblick.core.services import ConflictError
from utblick.core.tenancy import Access, scoped_get


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


def _panel(request: HttpRequest, activity: Activity, status: int = 200) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    return render(
        request,
        "agenda/_suggestions.html",
        {
            "activity": activity,
            "s": activity_suggestions(activity),
            "can_edit": access.can_edit_unit(activity.unit_id) and not activity.is_archived,
        },
        status=status,
    )


@municipality_view()
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """The activity's suggested goals, loaded into its page (htmx) or on their own."""
    activity = scoped_get(
        Activity.objects.prefetch_related("terms__taxonomy"), request.access, pk=pk
    )
    return _panel(request, activity)


@municipality_view(need="edit")
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    activity = scoped_get(Activity.objects.prefetch_related("terms__taxonomy"), access, pk=pk)
    code, choice = request.POST.get("kod", ""), request.POST.get("beslut", "")
    back = request.POST.get("tillbaka", "")
    partial = bool(request.htmx) and not back  # the panel is swapped in place
    status = 200
    try:
        if choice not in ("godta", "avvisa"):
            raise ValidationError(_("Välj att godta eller avvisa förslaget."))
        sdg_decide(
            access=access, user=request.user, activity=activity, code=code, accept=choice == "godta"
        )
    except (ValidationError, ConflictError) as error:
        status = 400
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if not partial:
            messages.success(
                request,
                _("%(code)s är tillagt.") % {"code": code}
                if choice == "godta"
                else _("Förslaget %(code)s är avvisat.") % {"code": code},
            )
    if partial:
        activity = scoped_get(Activity.objects.prefetch_related("terms__taxonomy"), access, pk=pk)
        return _panel(request, activity, status)
    if back == "granska":
        return redirect("agenda:review", access.municipality.slug)
    return redirect(
        reverse("activities:detail", args=[access.municipality.slug, pk]) + "#agenda2030"
    )


@municipality_view()
def review(request: HttpRequest) -> HttpResponse:
    """The coordinator's queue: activities in work without a goal, with what their text suggests."""
    access: Access = request.access  # type: ignore[attr-defined]
    page = Paginator(review_queryset(access.municipality), 25).get_page(request.GET.get("sida"))
    return render(
        request,
        "agenda/review.html",
        {"page": page, "rows": queue_rows(list(page.object_list))},
    )
