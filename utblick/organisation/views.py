from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from utblick.accounts.access import municipality_view
from utblick.core.editing import save_form
from utblick.core.history import history_entries
from utblick.core.tenancy import Access, scoped_get
from utblick.organisation import services
from utblick.organisation.forms import CompetenceForm, ContactForm, UnitForm
from utblick.organisation.models import CompetenceEntry, Contact, Unit
from utblick.organisation.selectors import contact_list, unit_tree


def _show_archived(request: HttpRequest) -> bool:
    return request.GET.get("arkiverade") == "1"


@municipality_view()
def unit_list(request: HttpRequest) -> HttpResponse:
    archived = _show_archived(request)
    rows = unit_tree(request.municipality, archived=archived)
    return render(request, "organisation/unit_list.html", {"rows": rows, "archived": archived})


@municipality_view()
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = scoped_get(Unit.objects.select_related("parent", "municipality"), request.access, pk=pk)
    context = {
        "unit": unit,
        "children": unit.children.current().order_by("position", "name"),
        "contacts": unit.contacts.current().order_by("name"),
        "editors": unit.editors.filter(archived_at__isnull=True).select_related("user"),
    }
    return render(request, "organisation/unit_detail.html", context)


@municipality_view(need="coordinate")
def unit_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    access = request.access
    unit = scoped_get(Unit, access, pk=pk) if pk else Unit(municipality=access.municipality)
    form = UnitForm(request.POST or None, instance=unit, municipality=access.municipality)
    conflict = None
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.unit_save(
                access=access, user=request.user, unit=obj, expected_version=version
            ),
            _("Enheten är sparad."),
        )
        if saved:
            return redirect("organisation:unit_detail", access.municipality.slug, saved.pk)
    return render(
        request, "organisation/unit_form.html", {"form": form, "unit": unit, "conflict": conflict}
    )


def _archive_action(request: HttpRequest, action: object, obj: object, done: str) -> None:
    try:
        action(access=request.access, user=request.user, **obj)  # type: ignore[operator]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


def _confirm(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(
        request,
        "core/confirm_archive.html",
        context | {"back_label": _("Nej, tillbaka"), "name": context["facts"][0][1]},
    )


@municipality_view(need="coordinate")
@require_http_methods(["GET", "POST"])
def unit_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what archiving means, to check before; POST: archive."""
    unit = scoped_get(Unit, request.access, pk=pk)
    slug = request.municipality.slug
    if request.method == "GET":
        return _confirm(
            request,
            {
                "heading": _("Arkivera enheten?"),
                "list_label": _("Enheter"),
                "list_url": reverse("organisation:unit_list", args=[slug]),
                "back_url": reverse("organisation:unit_detail", args=[slug, pk]),
                "facts": [(_("Enhet"), unit.name), (_("Typ"), unit.get_kind_display())],
                "explanation": _(
                    "En arkiverad enhet kan inte få nya aktiviteter eller kontaktpersoner. En "
                    "enhet med aktiva underenheter eller kontaktpersoner arkiveras inte förrän de "
                    "är flyttade eller arkiverade. Historiken finns kvar och enheten kan återställas."
                ),
                "confirm_label": _("Ja, arkivera enheten"),
            },
        )
    _archive_action(request, services.unit_archive, {"unit": unit}, _("Enheten är arkiverad."))
    return redirect("organisation:unit_detail", request.municipality.slug, pk)


@municipality_view(need="coordinate")
@require_POST
def unit_restore(request: HttpRequest, pk: int) -> HttpResponse:
    unit = scoped_get(Unit, request.access, pk=pk)
    _archive_action(request, services.unit_restore, {"unit": unit}, _("Enheten är återställd."))
    return redirect("organisation:unit_detail", request.municipality.slug, pk)


@municipality_view()
def unit_history(request: HttpRequest, pk: int) -> HttpResponse:
    unit = scoped_get(Unit, request.access, pk=pk)
    return render(
        request,
        "core/history.html",
        {"object": unit, "entries": history_entries(unit), "back_url": unit.get_absolute_url()},
    )


@municipality_view()
def contact_list_view(request: HttpRequest) -> HttpResponse:
    access = request.access
    archived = _show_archived(request)
    unit = None
    if request.GET.get("enhet"):
        try:
            unit = scoped_get(Unit, access, pk=int(request.GET["enhet"]))
        except ValueError:
            unit = None
    contacts = contact_list(access.municipality, unit=unit, archived=archived)
    units = Unit.objects.current().filter(municipality=access.municipality).order_by("name")
    return render(
        request,
        "organisation/contact_list.html",
        {"contacts": contacts, "archived": archived, "unit": unit, "units": units},
    )


@municipality_view()
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = scoped_get(
        Contact.objects.select_related("unit", "appointed_by", "municipality"),
        request.access,
        pk=pk,
    )
    return render(
        request,
        "organisation/contact_detail.html",
        {
            "contact": contact,
            "competence": contact.competence.current(),
            "competence_form": CompetenceForm(),
            "can_edit": request.access.can_edit_unit(contact.unit_id),
        },
    )


def _editable_units(access: object) -> object:

    assert isinstance(access, Access)
    units = Unit.objects.current().filter(municipality=access.municipality)
    if not access.is_coordinator:
        units = units.filter(pk__in=access.unit_ids)
    return units


@municipality_view(need="edit")
def contact_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    access = request.access
    if pk:
        contact = scoped_get(Contact, access, pk=pk)
        access.require_unit(contact.unit_id)
    else:
        contact = Contact(municipality=access.municipality)
    form = ContactForm(
        request.POST or None,
        instance=contact,
        municipality=access.municipality,
        unit_choices=_editable_units(access),
    )
    conflict = None
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.contact_save(
                access=access, user=request.user, contact=obj, expected_version=version
            ),
            _("Kontaktpersonen är sparad."),
        )
        if saved:
            return redirect("organisation:contact_detail", access.municipality.slug, saved.pk)
    return render(
        request,
        "organisation/contact_form.html",
        {"form": form, "contact": contact, "conflict": conflict},
    )


@municipality_view(need="edit")
@require_http_methods(["GET", "POST"])
def contact_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what archiving means, to check before; POST: archive."""
    contact = scoped_get(Contact, request.access, pk=pk)
    slug = request.municipality.slug
    if request.method == "GET":
        request.access.require_unit(contact.unit_id)  # as the service will
        return _confirm(
            request,
            {
                "heading": _("Arkivera kontaktpersonen?"),
                "list_label": _("Kontaktpersoner"),
                "list_url": reverse("organisation:contact_list", args=[slug]),
                "back_url": reverse("organisation:contact_detail", args=[slug, pk]),
                "facts": [(_("Kontaktperson"), contact.name), (_("Enhet"), contact.unit)],
                "explanation": _(
                    "En arkiverad kontaktperson visas inte i listorna och kan inte väljas för "
                    "nya aktiviteter. Historiken finns kvar och kontaktpersonen kan återställas."
                ),
                "confirm_label": _("Ja, arkivera kontaktpersonen"),
            },
        )
    _archive_action(
        request, services.contact_archive, {"contact": contact}, _("Kontaktpersonen är arkiverad.")
    )
    return redirect("organisation:contact_detail", request.municipality.slug, pk)


@municipality_view(need="edit")
@require_POST
def contact_restore(request: HttpRequest, pk: int) -> HttpResponse:
    contact = scoped_get(Contact.objects.select_related("unit"), request.access, pk=pk)
    _archive_action(
        request, services.contact_restore, {"contact": contact}, _("Kontaktpersonen är återställd.")
    )
    return redirect("organisation:contact_detail", request.municipality.slug, pk)


@municipality_view()
def contact_history(request: HttpRequest, pk: int) -> HttpResponse:
    contact = scoped_get(Contact, request.access, pk=pk)
    return render(
        request,
        "core/history.html",
        {
            "object": contact,
            "entries": history_entries(contact),
            "back_url": contact.get_absolute_url(),
        },
    )


@municipality_view(need="edit")
@require_POST
def competence_add(request: HttpRequest, pk: int) -> HttpResponse:
    access = request.access
    contact = scoped_get(Contact, access, pk=pk)
    access.require_unit(contact.unit_id)
    form = CompetenceForm(request.POST)
    if form.is_valid():
        services.competence_add(
            access=access, user=request.user, contact=contact, entry=form.save(commit=False)
        )
        form = CompetenceForm()
        saved = True
    else:
        saved = False
    context = {
        "contact": contact,
        "competence": contact.competence.current(),
        "competence_form": form,
        "can_edit": True,
        "saved": saved,
    }
    if request.htmx:
        return render(request, "organisation/_competence.html", context)
    if saved:
        messages.success(request, _("Kompetensutvecklingen är registrerad."))
        return redirect("organisation:contact_detail", access.municipality.slug, pk)
    return render(request, "organisation/contact_detail.html", context, status=400)


@municipality_view(need="edit")
@require_POST
def competence_archive(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    access = request.access
    entry = scoped_get(
        CompetenceEntry.objects.select_related("contact"), access, pk=entry_pk, contact_id=pk
    )
    services.competence_archive(access=access, user=request.user, entry=entry)
    messages.success(request, _("Posten är arkiverad."))
    return redirect("organisation:contact_detail", access.municipality.slug, pk)
