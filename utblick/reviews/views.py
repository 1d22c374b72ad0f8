from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from utblick.accounts.access import municipality_view
from utblick.activities.models import REVIEWABLE, Activity, Status
from utblick.core import clock
from utblick.core.editing import add_validation_errors
from utblick.core.tenancy import Access, scoped_get
from utblick.reviews.forms import ReviewForm
from utblick.reviews.models import Review
from utblick.reviews.selectors import deciding_body_for
from utblick.reviews.services import review_record


@municipality_view(need="edit")
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    activity = scoped_get(Activity.objects.select_related("unit", "deciding_body"), access, pk=pk)
    access.require_unit(activity.unit_id)
    body = activity.deciding_body or deciding_body_for(activity)
    initial = {"deciding_body": body.pk if body else None, "decided_on": clock.today()}
    form = ReviewForm(request.POST or None, municipality=access.municipality, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            review_record(
                access=access, user=request.user, activity=activity, review=form.save(commit=False)
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Omprövningen är registrerad."))
            return redirect(
                reverse("activities:detail", args=[access.municipality.slug, pk]) + "#omprovning"
            )
    return render(request, "reviews/form.html", {"form": form, "activity": activity})


@municipality_view()
def review_list(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    today = clock.today()
    due = (
        Activity.objects.filter(
            municipality=access.municipality, kind__in=REVIEWABLE, archived_at__isnull=True
        )
        .exclude(status__in=[Status.ENDED, Status.REJECTED])
        .filter(next_review_on__lte=today + timedelta(days=90))
        .select_related("unit")
        .order_by("next_review_on")
    )
    decided = Review.objects.filter(municipality=access.municipality).select_related(
        "activity", "deciding_body"
    )[:50]
    return render(request, "reviews/list.html", {"due": due, "decided": decided, "today": today})
