"""A person's own account: the page "Mitt konto", a new e-mail address, a forgotten password."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from utblick.accounts import account_services
from utblick.accounts.forms import EmailChangeForm, ResetPasswordForm, ResetRequestForm
from utblick.accounts.models import AccountEvent
from utblick.accounts.selectors import municipalities_of
from utblick.core.clientip import client_ip
from utblick.core.services import anonymous_form_allowed

TOO_MANY_RESETS = gettext_lazy(
    "För många förfrågningar från din anslutning på kort tid. Vänta en stund och försök igen."
)


@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """Mitt konto: who I am, where I am a member, and a new e-mail address."""
    form = EmailChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_services.email_change_request(
                user=request.user,
                new_email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Vi har skickat en länk till %(email)s. Adressen byts när du har öppnat den.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:account")
    events = AccountEvent.objects.filter(user=request.user).select_related("by")[:20]
    context = {
        "form": form,
        "municipalities": municipalities_of(request.user),
        "events": events,
    }
    return render(request, "accounts/account.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: a button that applies the change (mail scanners only GET)."""
    change = account_services.email_change_read(token)
    error = ""
    if change is None or change.user_id != request.user.pk:
        error = _("Länken är ogiltig eller för gammal. Be om en ny länk från sidan Mitt konto.")
    elif request.method == "POST":
        try:
            email = account_services.email_change_confirm(user=request.user, token=token)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Din e-postadress är nu %(email)s.") % {"email": email})
            return redirect("accounts:account")
    return render(
        request,
        "accounts/email_confirm.html",
        {"change": change, "error": error},
        status=400 if error else 200,
    )


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Glömt lösenord: a link by e-mail; the same answer whether or not the address is known."""

    template_name = "accounts/password_reset.html"
    form_class = ResetRequestForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    token_generator = account_services.password_reset_tokens

    @property
    def extra_email_context(self) -> dict[str, Any]:  # type: ignore[override]
        return {"site_url": settings.SITE_URL}

    def form_valid(self, form: Any) -> HttpResponse:
        if not anonymous_form_allowed(scope="password-reset", client=client_ip(self.request)):
            form.add_error(None, TOO_MANY_RESETS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = ResetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")
    token_generator = account_services.password_reset_tokens

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


password_reset_done = login_not_required(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_complete = login_not_required(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
