from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts import services
from utblick.accounts.access import municipality_view
from utblick.accounts.forms import MembershipForm, NewMemberForm, TokenForm
from utblick.accounts.models import Membership
from utblick.accounts.tokens import token_create, token_revoke
from utblick.core.editing import save_form
from utblick.core.history import history_entries
from utblick.core.tenancy import scoped_get


@municipality_view(need="coordinate")
def member_list(request: HttpRequest) -> HttpResponse:
    archived = request.GET.get("arkiverade") == "1"
    members = (
        Membership.objects.filter(
            municipality=request.municipality, archived_at__isnull=not archived
        )
        .select_related("user")
        .prefetch_related("units")
        .order_by("user__username")
    )
    return render(request, "accounts/member_list.html", {"members": members, "archived": archived})


@municipality_view(need="coordinate")
def member_add(request: HttpRequest) -> HttpResponse:
    access = request.access
    form = NewMemberForm(request.POST or None, municipality=access.municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership, password = services.member_add(
            access=access,
            user=request.user,
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            role=data["role"],
            units=data["units"],
        )
        return render(
            request,
            "accounts/member_added.html",
            {"membership": membership, "password": password},
        )
    return render(request, "accounts/member_form.html", {"form": form, "membership": None})


@municipality_view(need="coordinate")
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = request.access
    membership = scoped_get(Membership.objects.select_related("user"), access, pk=pk)
    form = MembershipForm(
        request.POST or None, instance=membership, municipality=access.municipality
    )
    conflict = None
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.member_update(
                access=access,
                user=request.user,
                membership=obj,
                expected_version=version,
                units=form.cleaned_data["units"],
            ),
            _("Behörigheten är sparad."),
        )
        if saved:
            return redirect("members:list", access.municipality.slug)
    return render(
        request,
        "accounts/member_form.html",
        {"form": form, "membership": membership, "conflict": conflict},
    )


def _change(request: HttpRequest, pk: int, action: object, done: str) -> HttpResponse:
    membership = scoped_get(Membership, request.access, pk=pk)
    try:
        action(access=request.access, user=request.user, membership=membership)  # type: ignore[operator]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("members:list", request.municipality.slug)


@municipality_view(need="coordinate")
@require_POST
def member_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, services.member_archive, _("Behörigheten är borttagen."))


@municipality_view(need="coordinate")
@require_POST
def member_restore(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, services.member_restore, _("Behörigheten är återställd."))


@municipality_view(need="coordinate")
def member_history(request: HttpRequest, pk: int) -> HttpResponse:
    membership = scoped_get(Membership.objects.select_related("user"), request.access, pk=pk)
    from django.urls import reverse

    return render(
        request,
        "core/history.html",
        {
            "object": membership,
            "entries": history_entries(membership),
            "back_url": reverse("members:list", args=[request.municipality.slug]),
        },
    )


def api_tokens(request: HttpRequest) -> HttpResponse:
    """The user's own API keys: create (shown once) and revoke."""

    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            raw = request.POST["revoke"]
            if not raw.isdigit():  # not one of the page's buttons: nothing to revoke
                messages.error(request, _("Ingen sådan nyckel."))
            elif token_revoke(user=request.user, token_id=int(raw[:18])):
                messages.success(request, _("Nyckeln är återkallad."))
            return redirect("accounts:tokens")
        if form.is_valid():
            _token, new_key = token_create(user=request.user, name=form.cleaned_data["name"])
            form = TokenForm()
    tokens = request.user.api_tokens.all()
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": tokens, "new_key": new_key}
    )
