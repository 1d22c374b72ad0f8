from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from utblick.accounts.access import municipality_view
from utblick.core.countries import country_choices
from utblick.core.db import Swedish
from utblick.core.editing import save_form
from utblick.core.history import history_entries
from utblick.core.tenancy import scoped_get
from utblick.core.text import fold
from utblick.partners import services
from utblick.partners.forms import PartnerForm
from utblick.partners.models import Partner, PartnerKind


@municipality_view()
def partner_list(request: HttpRequest) -> HttpResponse:
    partners = Partner.objects.filter(municipality=request.municipality)
    archived = request.GET.get("arkiverade") == "ja"
    partners = partners.filter(archived_at__isnull=not archived)
    q = request.GET.get("q", "").strip()
    if q:
        partners = partners.filter(name_key__contains=fold(q))
    kind = request.GET.get("typ", "")
    if kind in PartnerKind.values:
        partners = partners.filter(kind=kind)
    country = request.GET.get("land", "")
    if country:
        partners = partners.filter(country=country)
    partners = partners.annotate(
        activity_count=Count(
            "activity_links",
            filter=Q(activity_links__activity__archived_at__isnull=True),
            distinct=True,
        )
    ).order_by(Swedish("name"), "pk")
    page = Paginator(partners, 50).get_page(request.GET.get("sida"))
    params = request.GET.copy()
    params.pop("sida", None)
    return render(
        request,
        "partners/list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "country": country,
            "archived": archived,
            "kinds": PartnerKind.choices,
            "countries": country_choices(),
            "query": params.urlencode(),
        },
    )


@municipality_view()
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = scoped_get(Partner.objects.select_related("municipality"), request.access, pk=pk)
    links = partner.activity_links.select_related("activity", "activity__unit").order_by(
        "activity__title"
    )
    memberships = partner.memberships.select_related("unit")
    return render(
        request,
        "partners/detail.html",
        {"partner": partner, "links": links, "memberships": memberships},
    )


@municipality_view(need="edit")
def partner_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    access = request.access
    partner = (
        scoped_get(Partner, access, pk=pk) if pk else Partner(municipality=access.municipality)
    )
    form = PartnerForm(request.POST or None, instance=partner)
    conflict = None
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.partner_save(
                access=access, user=request.user, partner=obj, expected_version=version
            ),
            _("Partnern är sparad."),
        )
        if saved:
            return redirect("partners:detail", access.municipality.slug, saved.pk)
    return render(
        request, "partners/form.html", {"form": form, "partner": partner, "conflict": conflict}
    )


@municipality_view(need="coordinate")
@require_http_methods(["GET", "POST"])
def partner_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what archiving means, to check before; POST: archive."""
    partner = scoped_get(Partner, request.access, pk=pk)
    slug = request.municipality.slug
    if request.method == "GET":
        return render(
            request,
            "core/confirm_archive.html",
            {
                "heading": _("Arkivera partnern?"),
                "name": partner.name,
                "list_label": _("Partner"),
                "list_url": reverse("partners:list", args=[slug]),
                "back_url": reverse("partners:detail", args=[slug, pk]),
                "facts": [
                    (_("Partner"), partner.name),
                    (_("Typ"), partner.get_kind_display()),
                    (_("Land"), partner.country_name),
                    (_("Aktiviteter"), partner.activity_links.count()),
                ],
                "explanation": _(
                    "En arkiverad partner visas inte i partnerlistan och föreslås inte när "
                    "en aktivitet får en ny partner. Aktiviteter som redan har den behåller "
                    "den, historiken finns kvar och partnern kan återställas."
                ),
                "confirm_label": _("Ja, arkivera partnern"),
                "back_label": _("Nej, tillbaka till partnern"),
            },
        )
    services.partner_archive(access=request.access, user=request.user, partner=partner)
    messages.success(request, _("Partnern är arkiverad."))
    return redirect("partners:detail", request.municipality.slug, pk)


@municipality_view(need="coordinate")
@require_POST
def partner_restore(request: HttpRequest, pk: int) -> HttpResponse:
    partner = scoped_get(Partner, request.access, pk=pk)
    services.partner_restore(access=request.access, user=request.user, partner=partner)
    messages.success(request, _("Partnern är återställd."))
    return redirect("partners:detail", request.municipality.slug, pk)


@municipality_view()
def partner_history(request: HttpRequest, pk: int) -> HttpResponse:
    partner = scoped_get(Partner, request.access, pk=pk)
    return render(
        request,
        "core/history.html",
        {
            "object": partner,
            "entries": history_entries(partner),
            "back_url": partner.get_absolute_url(),
        },
    )
