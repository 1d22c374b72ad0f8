"""Follow-up pages: periods, the per-activity form, returns, corrections; and what is due."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.activities.models import Activity
from utblick.core import clock
from utblick.core.dates import asked_year
from utblick.core.editing import add_validation_errors, save_form
from utblick.core.services import ConflictError
from utblick.core.tenancy import Access, scoped_get
from utblick.followup import services
from utblick.followup.due import due_items
from utblick.followup.forms import CorrectionForm, FollowUpForm, PeriodForm, ReturnForm
from utblick.followup.models import FollowUp, Period
from utblick.followup.selectors import (
    followup_versions,
    next_unreported,
    period_get,
    period_rows,
    periods_for,
    submission_progress,
)


def _year(request: HttpRequest) -> int:
    """The year asked for in the address (``?ar=``), within reason; else this year."""
    return asked_year(request.GET.get("ar"), clock.today().year)


@municipality_view()
def periods(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    year = _year(request)
    today = clock.today()
    items = [(p, p.state(today)) for p in periods_for(access.municipality, year)]
    return render(
        request,
        "followup/periods.html",
        {"items": items, "year": year, "years": range(year - 2, year + 2)},
    )


@municipality_view()
def period_detail(request: HttpRequest, year: int, key: str) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    period = period_get(access, year, key)
    rows = period_rows(access, period)
    today = clock.today()
    return render(
        request,
        "followup/period.html",
        {
            "period": period,
            "rows": rows,
            "progress": submission_progress(rows),
            "state": period.state(today),
            "locked": period.is_locked(today),
        },
    )


def _data(form: FollowUpForm) -> services.FollowUpData:
    d = form.cleaned_data
    return services.FollowUpData(
        status=d["status"],
        comment=d.get("comment") or "",
        progress=d["progress"],
        results=d.get("results") or "",
        spent=d.get("spent") or Decimal(0),
        next_steps=d.get("next_steps") or "",
    )


@municipality_view()
def followup_edit(request: HttpRequest, year: int, key: str, activity_pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    period = period_get(access, year, key)
    activity = scoped_get(Activity.objects.select_related("unit"), access, pk=activity_pk)
    versions = followup_versions(period, activity)
    latest = versions[0] if versions else None
    today = clock.today()
    locked = period.is_locked(today)
    can_write = access.can_edit_unit(activity.unit_id) and not locked
    form = FollowUpForm.for_followup(latest, request.POST if request.method == "POST" else None)
    conflict = None
    if request.method == "POST":
        access.require_unit(activity.unit_id)
        if locked:
            messages.error(request, _("Perioden är låst. Gör en rättelse med skäl i stället."))
            return redirect("followup:correct", access.municipality.slug, year, key, activity.pk)
        if form.is_valid():
            go_on = "submit_next" in request.POST
            submit = "submit" in request.POST or go_on
            try:
                services.followup_save(
                    access=access,
                    user=request.user,
                    activity=activity,
                    period=period,
                    data=_data(form),
                    submit=submit,
                    expected_version=form.cleaned_data.get("row_version") if latest else None,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except ConflictError as error:
                form.data = form.data.copy()
                form.data["row_version"] = str(error.current.row_version)
                form.add_error(
                    None,
                    _(
                        "Någon annan har sparat uppföljningen medan du skrev. Inget av det du skrev är sparat."
                    ),
                )
                conflict = {"by": error.by, "at": error.at, "changes": error.changes}
            else:
                messages.success(
                    request, _("Uppföljningen är inlämnad.") if submit else _("Utkastet är sparat.")
                )
                if go_on:
                    # The period is stored by the first save: read it again for its follow-ups.
                    after = next_unreported(access, period_get(access, year, key), activity)
                    if after is not None:
                        return redirect(
                            "followup:edit", access.municipality.slug, year, key, after.pk
                        )
                    messages.info(request, _("Alla uppföljningar i perioden är inlämnade."))
                return redirect("followup:period", access.municipality.slug, year, key)
    return render(
        request,
        "followup/edit.html",
        {
            "period": period,
            "activity": activity,
            "latest": latest,
            "versions": versions,
            "form": form,
            "conflict": conflict,
            "locked": locked,
            "can_write": can_write,
            "return_form": ReturnForm()
            if access.is_coordinator and latest and not locked
            else None,
        },
    )


@municipality_view(need="coordinate")
@require_POST
def followup_return(request: HttpRequest, year: int, key: str, activity_pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    followup = scoped_get(
        FollowUp.objects.select_related("period"),
        access,
        period__year=year,
        period__key=key,
        activity_id=activity_pk,
        is_latest=True,
    )
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.followup_return(
                access=access,
                user=request.user,
                followup=followup,
                reason=form.cleaned_data["returned_reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Uppföljningen är återsänd för komplettering."))
    else:
        messages.error(request, _("Skriv vad som behöver kompletteras."))
    return redirect("followup:edit", access.municipality.slug, year, key, activity_pk)


@municipality_view(need="edit")
def followup_correct(request: HttpRequest, year: int, key: str, activity_pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    followup = scoped_get(
        FollowUp.objects.select_related("period", "activity"),
        access,
        period__year=year,
        period__key=key,
        activity_id=activity_pk,
        is_latest=True,
    )
    access.require_unit(followup.activity.unit_id)
    form = CorrectionForm(request.POST or None, initial=FollowUpForm.for_followup(followup).initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_correct(
                access=access,
                user=request.user,
                followup=followup,
                data=_data(form),
                reason=form.cleaned_data["correction_reason"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Rättelsen är sparad som en ny version."))
            return redirect("followup:edit", access.municipality.slug, year, key, activity_pk)
    return render(request, "followup/correct.html", {"form": form, "followup": followup})


@municipality_view(need="coordinate")
def period_create(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    period = Period(municipality=access.municipality)
    form = PeriodForm(request.POST or None, instance=period)

    def save(obj: Period, version: int | None) -> Period:
        return services.period_create(access=access, user=request.user, period=obj)

    saved, conflict = (
        save_form(request, form, save, _("Perioden är skapad."))
        if request.method == "POST"
        else (None, None)
    )
    if saved:
        return redirect("followup:period", access.municipality.slug, saved.year, saved.key)
    return render(request, "followup/period_form.html", {"form": form, "conflict": conflict})


@municipality_view()
def due(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    today = clock.today()
    return render(request, "followup/due.html", {"items": due_items(access, today), "today": today})
