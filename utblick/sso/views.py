"""Sign-in through the organisation's provider, and the coordinator's settings page."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django.conf import settings as django_settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from utblick.accounts.access import municipality_view
from utblick.accounts.models import Invitation
from utblick.accounts.selectors import invitation_by_token
from utblick.core import clock
from utblick.core.editing import save_form
from utblick.core.tenancy import Access
from utblick.sso import oidc, services
from utblick.sso.forms import SsoSettingsForm, SsoStartForm
from utblick.sso.models import SsoSettings
from utblick.sso.selectors import (
    client_secret,
    enabled_settings,
    enabled_settings_for,
    settings_for,
    settings_for_email,
)

log = logging.getLogger(__name__)
SESSION_KEY = "utblick_sso"
FLOW_SECONDS = 15 * 60  # how long a started sign-in may take at the provider


def redirect_uri() -> str:
    """The one address every provider sends its answer to (register it there)."""
    return django_settings.SITE_URL + reverse("sso:callback")


def _failed(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "sso/error.html", {"message": message}, status=status)


def _begin(
    request: HttpRequest, settings: SsoSettings, *, login_hint: str = "", invitation: str = ""
) -> HttpResponse:
    """Send the browser to the provider, keeping state, nonce and PKCE verifier in the session."""
    if client_secret(settings) is None:
        log.warning("sso: no client secret for %s", settings.municipality.slug)
        return _failed(
            request,
            _(
                "Inloggningen för %(municipality)s är inte färdigställd. Kontakta kommunens samordnare."
            )
            % {"municipality": settings.municipality.name},
            503,
        )
    try:
        metadata = oidc.discover(settings.issuer)
    except oidc.OidcError as error:
        log.warning("sso: discovery failed for %s: %s", settings.municipality.slug, error)
        return _failed(
            request,
            _("Organisationens inloggning svarar inte just nu. Försök igen om en stund."),
            502,
        )
    url, flow = oidc.authorization_url(
        metadata,
        client_id=settings.client_id,
        redirect_uri=redirect_uri(),
        scope=settings.scope,
        login_hint=login_hint,
    )
    request.session[SESSION_KEY] = {
        "state": flow.state,
        "nonce": flow.nonce,
        "code_verifier": flow.code_verifier,
        "municipality": settings.municipality_id,
        "invitation": invitation,
        "started": int(clock.now().timestamp()),
    }
    return redirect(url)


@login_not_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Find the organisation from the address (or the choice), then go to its provider."""
    available = enabled_settings()
    choices = [(s.municipality_id, s.municipality.name) for s in available]
    form = SsoStartForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"] or ""
        chosen = form.cleaned_data["municipality"]
        if chosen:
            matches = [s for s in available if s.municipality_id == chosen]
        else:
            matches = settings_for_email(email)
            if len(matches) > 1:
                form.add_error(
                    "municipality",
                    _("Flera kommuner använder domänen. Välj din kommun."),
                )
        if not matches and not form.errors:
            form.add_error(
                "email",
                _(
                    "Ingen kommun i Utblick loggar in med konton i den domänen. Välj kommun, "
                    "eller logga in med användarnamn och lösenord."
                ),
            )
        if not form.errors:
            return _begin(request, matches[0], login_hint=email)
    return render(request, "sso/start.html", {"form": form, "available": available})


@login_not_required
@require_POST
def invitation_start(request: HttpRequest, token: str) -> HttpResponse:
    """Take up an invitation by signing in with the organisation's account."""
    invitation = invitation_by_token(token[:100])
    if invitation is None:
        raise Http404
    settings = enabled_settings_for(invitation.municipality_id)
    if settings is None:
        raise Http404
    if invitation.state(clock.now()) != Invitation.State.PENDING:
        return redirect("accounts:invitation_accept", token)
    return _begin(request, settings, login_hint=invitation.email, invitation=token)


@login_not_required
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """The provider's answer: check state, trade the code, verify the ID token, sign in."""
    flow: dict[str, Any] | None = request.session.pop(SESSION_KEY, None)
    state = request.GET.get("state", "")
    if (
        not isinstance(flow, dict)
        or not state
        or not secrets.compare_digest(state.encode(), str(flow.get("state", "")).encode())
    ):
        return _failed(
            request,
            _(
                "Svaret från organisationens inloggning hör inte till någon inloggning som "
                "påbörjats här. Börja om från inloggningssidan."
            ),
            400,
        )
    if int(clock.now().timestamp()) - int(flow.get("started", 0)) > FLOW_SECONDS:
        return _failed(request, _("Inloggningen tog för lång tid. Börja om."), 400)
    if request.GET.get("error"):
        log.info("sso: provider answered %s", request.GET.get("error"))
        return _failed(
            request,
            _("Organisationens inloggning avbröts eller nekades. Du är inte inloggad."),
            403,
        )
    settings = enabled_settings_for(int(flow["municipality"]))
    code = request.GET.get("code", "")
    if settings is None or not code:
        return _failed(request, _("Inloggningen kunde inte slutföras. Börja om."), 400)
    try:
        metadata = oidc.discover(settings.issuer)
        claims = oidc.exchange_code(
            metadata,
            issuer=settings.issuer,
            client_id=settings.client_id,
            client_secret=client_secret(settings),
            redirect_uri=redirect_uri(),
            code=code,
            flow=oidc.Flow(
                state=flow["state"], nonce=flow["nonce"], code_verifier=flow["code_verifier"]
            ),
        )
    except oidc.OidcError as error:
        log.warning("sso: %s for %s: %r", error, settings.municipality.slug, error.__cause__)
        return _failed(request, str(error), 400)
    try:
        user = services.sso_sign_in(
            settings=settings, claims=claims, invitation_token=flow.get("invitation") or ""
        )
    except services.SsoRefused as refused:
        return _failed(request, str(refused), 403)
    if not user.is_active:
        return _failed(request, _("Kontot är inaktiverat."), 403)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("dashboard:start", settings.municipality.slug)


@municipality_view(need="coordinate")
def settings_edit(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    current = settings_for(access.municipality)
    form = SsoSettingsForm(request.POST or None, instance=current, municipality=access.municipality)
    conflict = None
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.sso_settings_save(
                access=access,
                user=request.user,
                settings=obj,
                expected_version=version,
                new_secret=form.cleaned_data.get("new_secret") or "",
                editor_units=form.cleaned_data.get("editor_units") or [],
            ),
            _("Inställningarna för inloggning är sparade."),
        )
        if saved:
            return redirect("sso:settings", access.municipality.slug)
    return render(
        request,
        "sso/settings_form.html",
        {"form": form, "conflict": conflict, "redirect_uri": redirect_uri()},
    )
