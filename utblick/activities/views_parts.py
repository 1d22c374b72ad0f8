"""The parts of an activity page that change on their own: partners, budget, funding, links, documents.

Each is a plain POST that redirects back to the activity (with an anchor);
invalid input re-renders the activity page with the form's errors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.activities import services
from utblick.activities.forms import (
    BudgetLineForm,
    DocumentForm,
    FundingForm,
    LinkForm,
    NewPartnerLinkForm,
    PartnerLinkForm,
)
from utblick.activities.models import (
    Activity,
    ActivityDocument,
    ActivityLink,
    ActivityPartner,
    BudgetLine,
)
from utblick.activities.views import render_detail
from utblick.core.editing import add_validation_errors, save_form
from utblick.core.services import ARCHIVED, ConflictError
from utblick.core.tenancy import Access, scoped_get
from utblick.funding import services as funding_services
from utblick.funding.models import Funding
from utblick.partners.services import partner_add_to_activity


def _activity(request: HttpRequest, pk: int) -> Activity:
    access: Access = request.access  # type: ignore[attr-defined]
    activity = scoped_get(Activity, access, pk=pk)
    access.require_unit(activity.unit_id)
    return activity


def refuses_archived(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A change to a part of an archived activity is refused with the doors' own words.

    The services refuse it too; this says so on the activity's page, where the
    forms of an archived activity are not shown.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and _activity(request, pk).is_archived:
            messages.error(request, str(ARCHIVED))
            return redirect("activities:detail", request.municipality.slug, pk)
        return view(request, pk, *args, **kwargs)

    return wrapper


def _back(request: HttpRequest, pk: int, anchor: str) -> HttpResponse:
    return redirect(
        reverse("activities:detail", args=[request.municipality.slug, pk]) + f"#{anchor}"
    )


@municipality_view(need="edit")
@require_POST
@refuses_archived
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    access: Access = request.access  # type: ignore[attr-defined]
    try:
        if request.POST.get("ny-name"):
            form = NewPartnerLinkForm(request.POST, prefix="ny")
            if not form.is_valid():
                return render_detail(request, pk, status=400, new_partner_form=form)
            data = form.cleaned_data
            try:
                partner, created = partner_add_to_activity(
                    access=access,
                    user=request.user,
                    activity=activity,
                    name=data["name"],
                    country=data["country"],
                    kind=data["kind"],
                    place=data["place"],
                    role=data["role"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
                return render_detail(request, pk, status=400, new_partner_form=form)
            if not created:
                messages.info(
                    request,
                    _("%(p)s fanns redan i partnerregistret och kopplades till aktiviteten.")
                    % {"p": partner},
                )
        else:
            form = PartnerLinkForm(request.POST, municipality=access.municipality)
            if not form.is_valid():
                return render_detail(request, pk, status=400, partner_form=form)
            services.partner_link(
                access=access,
                user=request.user,
                activity=activity,
                partner=form.cleaned_data["partner"],
                role=form.cleaned_data["role"],
            )
    except (ValidationError, ConflictError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return _back(request, pk, "partner")
    messages.success(request, _("Partnern är kopplad."))
    return _back(request, pk, "partner")


@municipality_view(need="edit")
@require_POST
@refuses_archived
def partner_remove(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    link = scoped_get(
        ActivityPartner.objects.select_related("partner"),
        request.access,
        pk=link_pk,
        activity=activity,
    )
    try:
        services.partner_unlink(
            access=request.access, user=request.user, activity=activity, link=link
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request, pk, "partner")
    messages.success(
        request, _("Partnern är borttagen från aktiviteten (men finns kvar i registret).")
    )
    return _back(request, pk, "partner")


@municipality_view(need="edit")
@require_POST
@refuses_archived
def budget_save(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    form = BudgetLineForm(request.POST)
    if not form.is_valid():
        return render_detail(request, pk, status=400, budget_form=form)
    data = form.cleaned_data
    try:
        services.budget_set(
            access=request.access,
            user=request.user,
            activity=activity,
            year=data["year"],
            budget=data["budget"],
            cost=data["cost"],
        )
    except ValidationError as error:
        add_validation_errors(form, error)
        return render_detail(request, pk, status=400, budget_form=form)
    messages.success(request, _("Budgeten för %(year)s är sparad.") % {"year": data["year"]})
    return _back(request, pk, "budget")


@municipality_view(need="edit")
@require_POST
@refuses_archived
def budget_remove(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    line = scoped_get(
        BudgetLine.objects.select_related("activity"), request.access, pk=line_pk, activity=activity
    )
    try:
        services.budget_remove(access=request.access, user=request.user, line=line)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Budgetåret är borttaget."))
    return _back(request, pk, "budget")


@municipality_view(need="edit")
@refuses_archived
def funding_edit(request: HttpRequest, pk: int, funding_pk: int | None = None) -> HttpResponse:
    activity = _activity(request, pk)
    funding = (
        scoped_get(Funding, request.access, pk=funding_pk, activity=activity)
        if funding_pk
        else Funding(municipality=request.access.municipality, activity=activity)
    )
    form = FundingForm(request.POST or None, instance=funding, prefix="fin")
    conflict = None
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: funding_services.funding_save(
                access=request.access,
                user=request.user,
                activity=activity,
                funding=obj,
                expected_version=version,
            ),
            _("Finansieringen är sparad."),
        )
        if saved:
            return _back(request, pk, "finansiering")
    if not funding_pk and request.method == "POST":
        return render_detail(request, pk, status=400, funding_form=form)
    return render(
        request,
        "activities/funding_form.html",
        {"form": form, "activity": activity, "funding": funding, "conflict": conflict},
    )


@municipality_view(need="edit")
@require_POST
@refuses_archived
def funding_archive(request: HttpRequest, pk: int, funding_pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    funding = scoped_get(
        Funding.objects.select_related("activity"), request.access, pk=funding_pk, activity=activity
    )
    try:
        funding_services.funding_archive(access=request.access, user=request.user, funding=funding)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Finansieringsraden är arkiverad."))
    return _back(request, pk, "finansiering")


@municipality_view(need="edit")
@require_POST
@refuses_archived
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    form = LinkForm(request.POST, prefix="lank")
    if not form.is_valid():
        return render_detail(request, pk, status=400, link_form=form)
    try:
        services.link_add(
            access=request.access, user=request.user, activity=activity, **form.cleaned_data
        )
    except ValidationError as error:
        add_validation_errors(form, error)
        return render_detail(request, pk, status=400, link_form=form)
    messages.success(request, _("Länken är sparad."))
    return _back(request, pk, "dokument")


@municipality_view(need="edit")
@require_POST
@refuses_archived
def link_archive(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    link = scoped_get(ActivityLink, request.access, pk=link_pk, activity=activity)
    services.link_archive(access=request.access, user=request.user, link=link)
    messages.success(request, _("Länken är arkiverad."))
    return _back(request, pk, "dokument")


@municipality_view(need="edit")
@require_POST
@refuses_archived
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    form = DocumentForm(request.POST, request.FILES, prefix="dok")
    if form.is_valid():
        try:
            services.document_add(
                access=request.access,
                user=request.user,
                activity=activity,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Dokumentet är sparat."))
            return _back(request, pk, "dokument")
    return render_detail(request, pk, status=400, document_form=form)


@municipality_view()
def document_download(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    document = scoped_get(ActivityDocument, request.access, pk=document_pk, activity_id=pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )


@municipality_view(need="edit")
@require_POST
@refuses_archived
def document_archive(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    document = scoped_get(ActivityDocument, request.access, pk=document_pk, activity=activity)
    services.document_archive(access=request.access, user=request.user, document=document)
    messages.success(request, _("Dokumentet är arkiverat."))
    return _back(request, pk, "dokument")
