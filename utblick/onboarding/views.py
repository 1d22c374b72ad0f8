"""The coordinator's first-run path: the steps, skipping them, and the standard units."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.onboarding.forms import StandardUnitsForm, StepSkipForm
from utblick.onboarding.selectors import onboarding_progress, standard_units_offered
from utblick.onboarding.services import onboarding_step_skip, standard_units_add


@municipality_view(need="coordinate")
def start(request: HttpRequest) -> HttpResponse:
    progress = onboarding_progress(request.municipality)  # type: ignore[attr-defined]
    return render(request, "onboarding/start.html", {"progress": progress})


@municipality_view(need="coordinate")
@require_POST
def skip(request: HttpRequest) -> HttpResponse:
    form = StepSkipForm(request.POST)
    if form.is_valid():
        onboarding_step_skip(
            access=request.access,  # type: ignore[attr-defined]
            user=request.user,
            step=form.cleaned_data["step"],
            skip=form.cleaned_data["action"] == "skip",
        )
    return redirect("onboarding:start", request.municipality.slug)  # type: ignore[attr-defined]


@municipality_view(need="coordinate")
def units(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    offered, present = standard_units_offered(municipality)
    form = StandardUnitsForm(request.POST or None, offered=offered)
    if request.method == "POST" and form.is_valid():
        try:
            created = standard_units_add(
                access=request.access,  # type: ignore[attr-defined]
                user=request.user,
                choices=form.choices(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d enhet lades till.", "%(count)d enheter lades till.", len(created)
                )
                % {"count": len(created)},
            )
            return redirect("onboarding:units", municipality.slug)
    return render(
        request, "onboarding/units.html", {"form": form, "present": present, "offered": offered}
    )
