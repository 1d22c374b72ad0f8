from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from utblick.accounts import services
from utblick.accounts.access import municipality_view
from utblick.accounts.forms import InvitationAcceptForm, InvitationForm, MembershipForm, TokenForm
from utblick.accounts.models import Invitation, Membership
from utblick.accounts.selectors import invitation_by_token, invitations_open
from utblick.accounts.tokens import token_create, token_revoke
from utblick.core import clock
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
    return render(
        request,
        "accounts/member_list.html",
        {
            "members": members,
            "archived": archived,
            "invitations": [] if archived else invitations_open(request.municipality),
            "now": clock.now(),
            "sso_url": reverse("sso:settings", args=[request.municipality.slug]),
        },
    )


@municipality_view(need="coordinate")
def member_add(request: HttpRequest) -> HttpResponse:
    """Invite someone by e-mail; the answer is the same whatever accounts exist."""
    access = request.access
    form = InvitationForm(request.POST or None, municipality=access.municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invitation_create(
                access=access,
                user=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                units=data["units"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Inbjudan är skickad till %(email)s.") % {"email": invitation.email},
            )
            return redirect("members:list", access.municipality.slug)
    return render(request, "accounts/member_form.html", {"form": form, "membership": None})


def add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _invitation_change(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    invitation = scoped_get(Invitation, request.access, pk=pk)
    try:
        action(access=request.access, user=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"email": invitation.email})
    return redirect("members:list", request.municipality.slug)


@municipality_view(need="coordinate")
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    return _invitation_change(
        request, pk, services.invitation_resend, _("En ny inbjudan är skickad till %(email)s.")
    )


@municipality_view(need="coordinate")
@require_POST
def invitation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _invitation_change(
        request, pk, services.invitation_withdraw, _("Inbjudan till %(email)s är återkallad.")
    )


GONE = {
    Invitation.State.EXPIRED: gettext_lazy(
        "Inbjudan har gått ut. Be kommunens samordnare att skicka den igen."
    ),
    Invitation.State.ACCEPTED: gettext_lazy(
        "Inbjudan har redan använts. Logga in med användarnamnet du valde."
    ),
    Invitation.State.WITHDRAWN: gettext_lazy(
        "Inbjudan är återkallad. Kontakta kommunens samordnare om du ska ha tillgång."
    ),
}


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee's page: choose a username and password; a new account is made."""
    invitation = invitation_by_token(token[:100])
    if invitation is None:
        raise Http404
    state = invitation.state(clock.now())
    if state != Invitation.State.PENDING:
        return render(
            request, "accounts/invitation_gone.html", {"message": GONE[state]}, status=410
        )
    form = InvitationAcceptForm(invitation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.invitation_accept(
                token=token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["new_password1"],
            )
        except services.InvitationUnusable as gone:
            return render(
                request,
                "accounts/invitation_gone.html",
                {"message": GONE[gone.state]},
                status=410,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            login(request, member, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Välkommen till Utblick! Ditt konto är klart."),
            )
            return redirect("dashboard:home")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: a Swedish page, 429 Too Many Requests."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = max(1, int(cool_off.total_seconds() // 60))
    response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


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
            try:
                _token, new_key = token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                    expires_on=form.cleaned_data["expires_on"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                form = TokenForm()
    tokens = request.user.api_tokens.all()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key, "today": clock.today()},
    )
