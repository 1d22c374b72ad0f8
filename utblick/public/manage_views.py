"""The coordinator's side of publishing: settings, changes waiting, reported defects."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.core.editing import save_form
from utblick.core.tenancy import Access, scoped_get
from utblick.public import services
from utblick.public.forms import PublicSettingsForm
from utblick.public.models import AccessibilityReport
from utblick.public.selectors import publishing_state, settings_for


@municipality_view()
def overview(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    return render(
        request,
        "public/manage.html",
        {
            "settings": settings_for(access.municipality),
            "state": publishing_state(access.municipality),
        },
    )


@municipality_view(need="coordinate")
def settings_edit(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    current = settings_for(access.municipality)
    form = PublicSettingsForm(request.POST or None, instance=current)
    conflict = None
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.settings_save(
                access=access, user=request.user, settings=obj, expected_version=version
            ),
            _("Inställningarna för publicering är sparade."),
        )
        if saved:
            return redirect("publishing:overview", access.municipality.slug)
    return render(request, "public/settings_form.html", {"form": form, "conflict": conflict})


@municipality_view(need="coordinate")
@require_POST
def report_handled(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    report = scoped_get(AccessibilityReport, access, pk=pk)
    services.report_handle(access=access, user=request.user, report=report)
    messages.success(request, _("Anmälan är markerad som hanterad."))
    return redirect("publishing:overview", access.municipality.slug)
