"""The public register: open to everyone, reading only public copies of municipalities that publish."""

from __future__ import annotations

import json
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from utblick.activities.models import Kind
from utblick.agenda.selectors import goal_exists, goal_indicators
from utblick.core.clientip import client_ip
from utblick.core.reference import sdg_name
from utblick.core.sdg_targets import targets_of
from utblick.core.services import TOO_MANY_REPORTS, anonymous_form_allowed
from utblick.policies.selectors import policy_in_force, policy_with_elements
from utblick.public.filters import PublicFilter
from utblick.public.forms import DefectReportForm
from utblick.public.map import map_for
from utblick.public.models import AccessibilityReport, PublicActivity
from utblick.public.opendata import csv_rows, json_document, site_base, visible_fields
from utblick.public.selectors import (
    consenting_contacts,
    key_figures,
    overview_charts,
    publishing_municipalities,
    site_for,
)
from utblick.public.services import report_create
from utblick.reports.charts import bar_chart, svg_data_uri

PAGE_SIZE = 25


@login_not_required
def landing(request: HttpRequest) -> HttpResponse:
    return render(
        request, "public/landing.html", {"sites": publishing_municipalities(), "nav": "landing"}
    )


def _all(site: object) -> list[PublicActivity]:
    return list(PublicActivity.objects.filter(municipality=site.municipality).order_by("title"))  # type: ignore[attr-defined]


@login_not_required
def home(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_for(slug)
    activities = _all(site)
    charts = [
        (chart, svg_data_uri(bar_chart(chart.rows, title=chart.title, unit=chart.unit)))
        for chart in overview_charts(activities, site.settings)
    ]
    svg, places = map_for(activities)
    return render(
        request,
        "public/home.html",
        {
            "site": site,
            "nav": "home",
            "figures": key_figures(activities, site.settings),
            "charts": charts,
            "map_svg": svg,
            "places": places,
            "policy": policy_in_force(site.municipality),
            "twins": [
                a for a in activities if a.kind in (Kind.TWIN_CITY, Kind.NETWORK, Kind.PARTNERSHIP)
            ],
        },
    )


@login_not_required
def activities(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_for(slug)
    public_filter = PublicFilter(request.GET, municipality=site.municipality)
    page = Paginator(public_filter.qs, PAGE_SIZE).get_page(request.GET.get("sida"))
    params = request.GET.copy()
    params.pop("sida", None)
    template = "public/_results.html" if request.htmx else "public/activities.html"
    return render(
        request,
        template,
        {
            "site": site,
            "nav": "activities",
            "filter": public_filter,
            "page": page,
            "query": params.urlencode(),
        },
    )


@login_not_required
def activity(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    site = site_for(slug)
    item = get_object_or_404(PublicActivity, municipality=site.municipality, activity_id=pk)
    contacts = consenting_contacts([item], site.settings)
    return render(
        request,
        "public/activity.html",
        {"site": site, "nav": "activities", "a": item, "contact": contacts.get(item.contact_id)},
    )


@login_not_required
def goal(request: HttpRequest, slug: str, goal: int) -> HttpResponse:
    """One of the 17 goals: the published activities tied to it, their money and travel,
    and the municipality's indicators from Kolada."""
    site = site_for(slug)
    code = str(goal)
    if not goal_exists(code):
        raise Http404
    items = list(
        PublicActivity.objects.filter(
            municipality=site.municipality, sdg_codes__contains=f"|{code}|"
        ).order_by("title")
    )
    return render(
        request,
        "public/goal.html",
        {
            "site": site,
            "nav": "activities",
            "goal": code,
            "name": sdg_name(code),
            "items": items,
            "figures": key_figures(items, site.settings),
            "travel_kg": sum((a.travel_kg or Decimal(0) for a in items), Decimal(0)),
            "indicators": goal_indicators(site.municipality, code),
            "targets": [(c, n, 0) for c, n in targets_of(code)],
        },
    )


@login_not_required
def partners(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_for(slug)
    items = [a for a in _all(site) if a.kind in (Kind.TWIN_CITY, Kind.PARTNERSHIP, Kind.NETWORK)]
    groups = [
        (label, [a for a in items if a.kind == kind])
        for kind, label in (
            (Kind.TWIN_CITY, _("Vänorter")),
            (Kind.PARTNERSHIP, _("Partnerskap och samarbetsavtal")),
            (Kind.NETWORK, _("Nätverk")),
        )
    ]
    return render(
        request, "public/partners.html", {"site": site, "nav": "partners", "groups": groups}
    )


@login_not_required
def map_page(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_for(slug)
    svg, places = map_for(_all(site))
    return render(
        request, "public/map.html", {"site": site, "nav": "map", "map_svg": svg, "places": places}
    )


@login_not_required
def policy(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_for(slug)
    current = policy_in_force(site.municipality)
    if current is not None:
        current = policy_with_elements(type(current).objects.filter(pk=current.pk)).get()
    return render(request, "public/policy.html", {"site": site, "nav": "policy", "policy": current})


@login_not_required
def open_data(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_for(slug)
    fields = visible_fields(site.settings)
    return render(
        request, "public/open_data.html", {"site": site, "nav": "open_data", "fields": fields}
    )


def _filtered(request: HttpRequest, site: object) -> list[PublicActivity]:
    return list(PublicFilter(request.GET, municipality=site.municipality).qs)  # type: ignore[attr-defined]


@login_not_required
def open_data_csv(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_for(slug)
    items = _filtered(request, site)
    response = StreamingHttpResponse(
        csv_rows(
            items, site.settings, consenting_contacts(items, site.settings), site_base(request)
        ),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{slug}-aktiviteter.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
def open_data_json(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_for(slug)
    items = _filtered(request, site)
    document = json_document(
        items, site.settings, consenting_contacts(items, site.settings), site_base(request)
    )
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_for(slug)
    form = DefectReportForm(request.POST or None, initial={"page": request.GET.get("sida", "")})
    if request.method == "POST" and form.is_valid():
        if not anonymous_form_allowed(scope="accessibility-report", client=client_ip(request)):
            form.add_error(None, TOO_MANY_REPORTS)
            return render(
                request,
                "public/accessibility.html",
                {"site": site, "nav": "accessibility", "form": form},
                status=429,
            )
        report_create(
            municipality=site.municipality, report=AccessibilityReport(**form.cleaned_data)
        )
        messages.success(request, _("Tack! Din anmälan är mottagen och handläggs av kommunen."))
        return redirect(reverse("public:accessibility", args=[slug]))
    return render(
        request, "public/accessibility.html", {"site": site, "nav": "accessibility", "form": form}
    )


@login_not_required
def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /app/",
        "Disallow: /konto/",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
