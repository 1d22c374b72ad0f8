"""Trips on an activity's page, and the municipality's travel: totals and emission factors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.activities.models import Activity
from utblick.activities.views import render_detail
from utblick.core.editing import save_form
from utblick.core.services import ARCHIVED
from utblick.core.tenancy import Access, scoped_get
from utblick.travel import services
from utblick.travel.forms import FactorForm, TripForm
from utblick.travel.models import EmissionFactor, Mode, Trip
from utblick.travel.reference import CAR_SEATS, DETOUR_SOURCE, SHIPPED
from utblick.travel.selectors import factors_for, travel_totals


def _back(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect(reverse("activities:detail", args=[request.municipality.slug, pk]) + "#resor")


def _activity(request: HttpRequest, pk: int) -> Activity:
    access: Access = request.access  # type: ignore[attr-defined]
    activity = scoped_get(Activity, access, pk=pk)
    access.require_unit(activity.unit_id)
    return activity


@municipality_view(need="edit")
def trip_edit(request: HttpRequest, pk: int, trip_pk: int | None = None) -> HttpResponse:
    activity = _activity(request, pk)
    if request.method == "POST" and activity.is_archived:
        messages.error(request, str(ARCHIVED))
        return _back(request, pk)
    trip = (
        scoped_get(Trip, request.access, pk=trip_pk, activity=activity)
        if trip_pk
        else Trip(municipality=request.access.municipality, activity=activity)
    )
    form = TripForm(request.POST or None, instance=trip, prefix="resa")
    conflict = None
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.trip_save(
                access=request.access,
                user=request.user,
                activity=activity,
                trip=obj,
                expected_version=version,
            ),
            _("Resan är sparad."),
        )
        if saved:
            return _back(request, pk)
        if not trip_pk:
            return render_detail(request, pk, status=400, trip_form=form)
    return render(
        request,
        "travel/trip_form.html",
        {"form": form, "activity": activity, "trip": trip, "conflict": conflict},
    )


@municipality_view(need="edit")
@require_POST
def trip_archive(request: HttpRequest, pk: int, trip_pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    trip = scoped_get(
        Trip.objects.select_related("activity"), request.access, pk=trip_pk, activity=activity
    )
    try:
        services.trip_archive(access=request.access, user=request.user, trip=trip)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Resan är arkiverad."))
    return _back(request, pk)


@municipality_view()
def overview(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    return render(
        request,
        "travel/overview.html",
        {
            "totals": travel_totals(access.municipality),
            "factors": factors_for(access.municipality).values(),
            "detour_source": DETOUR_SOURCE,
            "car_seats": CAR_SEATS,
            "can_coordinate": access.is_coordinator,
        },
    )


def _mode(mode: str) -> str:
    if mode not in Mode.values:
        raise Http404
    return mode


@municipality_view(need="coordinate")
def factor_edit(request: HttpRequest, mode: str) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    mode = _mode(mode)
    own = (
        EmissionFactor.objects.current().filter(municipality=access.municipality, mode=mode).first()
    )
    shipped = SHIPPED[mode]
    factor = own or EmissionFactor(municipality=access.municipality, mode=mode)
    initial = {} if own else {"grams": shipped.grams, "year": shipped.year}
    form = FactorForm(request.POST or None, instance=factor, initial=initial)
    conflict = None
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.factor_save(
                access=access, user=request.user, factor=obj, expected_version=version
            ),
            _("Utsläppsfaktorn är sparad."),
        )
        if saved:
            return redirect("travel:overview", access.municipality.slug)
    return render(
        request,
        "travel/factor_form.html",
        {
            "form": form,
            "mode_label": Mode(mode).label,
            "mode": mode,
            "shipped": shipped,
            "own": own,
            "conflict": conflict,
        },
    )


@municipality_view(need="coordinate")
@require_POST
def factor_reset(request: HttpRequest, mode: str) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    own = scoped_get(
        EmissionFactor.objects.current(), access, mode=_mode(mode), archived_at__isnull=True
    )
    services.factor_reset(access=access, user=request.user, factor=own)
    messages.success(request, _("Den levererade faktorn gäller igen."))
    return redirect("travel:overview", access.municipality.slug)
