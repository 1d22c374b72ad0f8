"""The register's pages: list with filters, detail, create, edit, archive, history."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from utblick.accounts.access import municipality_view
from utblick.activities import services
from utblick.activities.exporting import XLSX, write_csv, write_xlsx
from utblick.activities.filters import SORTABLE_COLUMNS, ActivityFilter
from utblick.activities.forms import (
    ActivityForm,
    BudgetLineForm,
    DocumentForm,
    FundingForm,
    KindChoiceForm,
    LinkForm,
    NewPartnerLinkForm,
    PartnerLinkForm,
)
from utblick.activities.models import Activity, Kind, Status
from utblick.activities.selectors import (
    activity_detail_queryset,
    activity_financing,
    kind_counts,
    label_rows,
    list_rows,
    place_candidates,
)
from utblick.activities.views_bulk import BULK_SUMMARY, bulk_context
from utblick.agenda.suggestions import activity_suggestions
from utblick.compliance.engine import (
    activity_findings,
    findings_by_activity,
    page_findings,
    warnings_for_new,
)
from utblick.compliance.selectors import worst
from utblick.core.editing import save_form
from utblick.core.history import merged_history
from utblick.core.services import ARCHIVED
from utblick.core.tenancy import Access, scoped_get
from utblick.funding.models import Funding, FundingStatus
from utblick.funding.services import funding_save
from utblick.organisation.models import Unit
from utblick.policies.selectors import policy_in_force
from utblick.public.selectors import settings_for
from utblick.travel.forms import TripForm
from utblick.travel.selectors import activity_footprint, trip_defaults

PAGE_SIZE = 50
PAGE_SIZES = (25, 50, 100, 200)

#: Statuses before a decision: publishing one of them is confirmed first.
UNDECIDED = (Status.IDEA, Status.PROPOSED)


def filtered(request: HttpRequest) -> ActivityFilter:
    """The one filter path the page, the export and the API share."""
    access: Access = request.access  # type: ignore[attr-defined]
    return ActivityFilter(
        request.GET,
        queryset=Activity.objects.visible_to(access),
        municipality=access.municipality,
    )


def page_size(request: HttpRequest) -> int:
    """The page size asked for in the address (``per_sida``), if it is one of those offered."""
    asked = request.GET.get("per_sida", "")
    return int(asked) if asked.isdigit() and int(asked) in PAGE_SIZES else PAGE_SIZE


@dataclass
class SortHeader:
    """A sortable column's heading: its link and, when the list is sorted by it, which way."""

    key: str
    label: str
    url: str
    aria_sort: str  # "ascending", "descending" or "" when the list is not sorted by it
    next_label: str


def sort_headers(params: QueryDict, current: str) -> dict[str, SortHeader]:
    """The column headings' links: the same filters, this column's sort, back to page 1.

    A click on the column the list is sorted by turns the direction around.
    """
    labels = {
        "titel": _("Aktivitet"),
        "typ": _("Typ"),
        "enhet": _("Enhet"),
        "status": _("Status"),
    }
    headers = {}
    for key in SORTABLE_COLUMNS:
        ascending, descending = current == key, current == f"-{key}"
        wanted = f"-{key}" if ascending else key
        query = params.copy()
        query.pop("sida", None)
        query["sortera"] = wanted
        headers[key] = SortHeader(
            key=key,
            label=labels[key],
            url="?" + query.urlencode(),
            aria_sort="ascending" if ascending else "descending" if descending else "",
            next_label=_("sortera fallande") if ascending else _("sortera stigande"),
        )
    return headers


@municipality_view()
def activity_list(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    activity_filter = filtered(request)
    queryset = activity_filter.qs
    size = page_size(request)
    paginator = Paginator(list_rows(queryset), size)
    page = paginator.get_page(request.GET.get("sida"))
    params = request.GET.copy()
    params.pop("sida", None)
    valid = activity_filter.form.is_valid()
    current_sort = (activity_filter.form.cleaned_data.get("sortera") if valid else "") or "titel"
    rows = list(page.object_list)
    badges = {
        pk: worst(found)
        for pk, found in findings_by_activity(page_findings(request.municipality, rows)).items()
    }
    label_rows(rows)
    for row in rows:
        row.compliance = badges.get(row.pk, "")
    context = {
        "detail_base": reverse("activities:detail", args=[request.municipality.slug, 0])[:-2],
        "filter": activity_filter,
        "page": page,
        "rows": rows,
        "counts": kind_counts(queryset),
        "query": params.urlencode(),
        "sort_headers": sort_headers(params, current_sort),
        "page_sizes": PAGE_SIZES,
        "page_size": size,
        "active_filters": [
            (activity_filter.form[name].label, value)
            for name, value in activity_filter.form.cleaned_data.items()
            if value not in (None, "", []) and name != "sortera"
        ]
        if valid
        else [],
    }
    if access.is_coordinator:
        context |= bulk_context(request)
    partial = request.htmx and not request.htmx.boosted
    if partial:
        # A heading or a page link changed the sort or the page: the panel's
        # choices follow (out of band). Not when the panel itself asked, which
        # would take the focus from the control being used.
        context["view_options_oob"] = request.htmx.trigger != "filters"
    else:
        context["bulk_summary"] = request.session.pop(BULK_SUMMARY, None)
    template = "activities/_results.html" if partial else "activities/list.html"
    return render(request, template, context)


@municipality_view()
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_detail(request, pk)


def render_detail(
    request: HttpRequest, pk: int, status: int = 200, **bound_forms: Any
) -> HttpResponse:
    """The activity page; ``bound_forms`` replace the empty forms to show their errors."""
    access: Access = request.access  # type: ignore[attr-defined]
    activity = scoped_get(activity_detail_queryset(Activity.objects.all()), access, pk=pk)
    can_manage = access.can_edit_unit(activity.unit_id)
    can_edit = can_manage and not activity.is_archived
    context: dict[str, Any] = {
        "activity": activity,
        "findings": activity_findings(activity),
        "place_candidates": place_candidates(activity),
        "financing": activity_financing(activity),
        "can_edit": can_edit,
        "can_manage": can_manage,
        "public_site": settings_for(access.municipality).enabled,
        "footprint": activity_footprint(activity),
        "sdg": activity_suggestions(activity),
    }
    if can_edit:
        context |= {
            "partner_form": PartnerLinkForm(municipality=access.municipality),
            "new_partner_form": NewPartnerLinkForm(prefix="ny"),
            "budget_form": BudgetLineForm(),
            "funding_form": FundingForm(prefix="fin"),
            "link_form": LinkForm(prefix="lank"),
            "document_form": DocumentForm(prefix="dok"),
            "trip_form": TripForm(prefix="resa", initial=trip_defaults(activity)),
        } | bound_forms
    return render(request, "activities/detail.html", context, status=status)


def _units_for(access: Access) -> Any:
    units = Unit.objects.current().filter(municipality=access.municipality)
    return units if access.is_coordinator else units.filter(pk__in=access.unit_ids)


@municipality_view(need="edit")
def activity_create(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("typ") or request.POST.get("typ")
    if kind not in Kind.values:
        form = KindChoiceForm()
        return render(request, "activities/choose_kind.html", {"form": form})
    return _edit(request, Activity(municipality=request.access.municipality, kind=kind))


@municipality_view(need="edit")
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    activity = scoped_get(Activity, access, pk=pk)
    access.require_unit(activity.unit_id)
    if activity.is_archived:
        messages.error(request, str(ARCHIVED))
        return redirect("activities:detail", access.municipality.slug, pk)
    return _edit(request, activity)


def _edit(request: HttpRequest, activity: Activity) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    # Known before saving: a refused save may leave a primary key on the unsaved object.
    is_new = activity.pk is None
    policy = policy_in_force(access.municipality)
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        kind=activity.kind,
        municipality=access.municipality,
        policy=policy,
        units=_units_for(access),
    )
    if is_new and activity.kind == Kind.PROJECT:
        form.add_first_money_fields()
    conflict = None
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.activity_save(
                access=access,
                user=request.user,
                activity=obj,
                tags=form.tags(),
                publish_now="publicera" in request.POST,
                expected_version=version,
                then=lambda new: _first_money(access, request.user, new, form.cleaned_data),
            ),
            _("Aktiviteten är publicerad.")
            if "publicera" in request.POST
            else _("Aktiviteten är sparad."),
        )
        if saved:
            for finding in warnings_for_new(saved):
                messages.warning(
                    request,
                    f"{finding.message} ”{finding.principle_text}” ({finding.principle_source}).",
                )
            return redirect("activities:detail", access.municipality.slug, saved.pk)
    return render(
        request,
        "activities/form.html",
        {
            "form": form,
            "activity": activity,
            "is_new": is_new,
            "conflict": conflict,
            "policy": policy,
        },
    )


def _first_money(access: Access, user: Any, activity: Activity, data: dict[str, Any]) -> None:
    """The first budget and external grant stated on the project form."""
    if data.get("first_budget"):
        services.budget_set(
            access=access,
            user=user,
            activity=activity,
            year=data["first_year"],
            budget=data["first_budget"],
            cost=Decimal(0),
        )
    if data.get("first_granted") and data.get("first_source"):
        funding_save(
            access=access,
            user=user,
            activity=activity,
            expected_version=None,
            funding=Funding(
                source=data["first_source"],
                status=FundingStatus.GRANTED,
                granted_amount=data["first_granted"],
                decided_on=data["first_decided_on"],
            ),
        )


@municipality_view(need="edit")
@require_http_methods(["GET", "POST"])
def activity_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what archiving means, to check before; POST: archive."""
    activity = scoped_get(Activity, request.access, pk=pk)
    if request.method == "GET":
        services.require_editable(request.access, activity)
        return render(request, "activities/confirm.html", {"activity": activity, "step": "archive"})
    services.activity_archive(access=request.access, user=request.user, activity=activity)
    messages.success(request, _("Aktiviteten är arkiverad. Den finns kvar och kan återställas."))
    return redirect("activities:detail", request.municipality.slug, pk)


@municipality_view(need="edit")
@require_POST
def activity_publish(request: HttpRequest, pk: int) -> HttpResponse:
    activity = scoped_get(Activity, request.access, pk=pk)
    if activity.status in UNDECIDED and request.POST.get("bekrafta") != "1":
        # An idea or a proposal is not decided: publishing it needs a second, informed yes.
        services.require_editable(request.access, activity)
        return render(request, "activities/confirm.html", {"activity": activity, "step": "publish"})
    try:
        services.activity_publish(access=request.access, user=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Aktiviteten är publicerad som den ser ut nu."))
    return redirect("activities:detail", request.municipality.slug, pk)


@municipality_view(need="edit")
@require_POST
def activity_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    activity = scoped_get(Activity, request.access, pk=pk)
    services.activity_unpublish(access=request.access, user=request.user, activity=activity)
    messages.success(
        request, _("Aktiviteten visas inte längre publikt. Den finns kvar i registret.")
    )
    return redirect("activities:detail", request.municipality.slug, pk)


@municipality_view(need="edit")
@require_POST
def activity_restore(request: HttpRequest, pk: int) -> HttpResponse:
    activity = scoped_get(Activity, request.access, pk=pk)
    services.activity_restore(access=request.access, user=request.user, activity=activity)
    messages.success(request, _("Aktiviteten är återställd."))
    return redirect("activities:detail", request.municipality.slug, pk)


@municipality_view()
def activity_history(request: HttpRequest, pk: int) -> HttpResponse:
    activity = scoped_get(Activity, request.access, pk=pk)
    entries = merged_history(
        activity,
        [
            activity.funding.model.history.filter(activity_id=activity.pk),
            activity.budget_lines.model.history.filter(activity_id=activity.pk),
            activity.links.model.history.filter(activity_id=activity.pk),
            activity.documents.model.history.filter(activity_id=activity.pk),
        ],
    )
    return render(
        request,
        "core/history.html",
        {"object": activity, "entries": entries, "back_url": activity.get_absolute_url()},
    )


@municipality_view()
def export_csv(request: HttpRequest) -> HttpResponse:
    response = StreamingHttpResponse(
        write_csv(filtered(request).qs), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{request.municipality.slug}-register.csv"'
    )
    return response


@municipality_view()
def export_xlsx(request: HttpRequest) -> HttpResponse:

    response = HttpResponse(
        write_xlsx(filtered(request).qs, request.access.municipality), content_type=XLSX
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{request.municipality.slug}-register.xlsx"'
    )
    return response
