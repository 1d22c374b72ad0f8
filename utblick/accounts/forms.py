from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from utblick.accounts.account_services import password_set
from utblick.accounts.models import AccountEvent, Invitation, Membership, TokenScope
from utblick.core import clock
from utblick.core.forms import AccessibleErrorsMixin, VersionedModelForm
from utblick.core.tenancy import Role
from utblick.organisation.models import Unit
from utblick.sso.selectors import sso_required_for


class LoginForm(AccessibleErrorsMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Observera att lösenordet skiljer på stora och små bokstäver."
        ),
        "inactive": _("Kontot är inaktiverat."),
        "sso_required": _(
            "%(municipality)s kräver inloggning via organisationens konto. "
            "Välj ”Logga in med organisationens konto” nedan."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        """A member of a municipality that requires its own sign-in has no password here."""
        super().confirm_login_allowed(user)
        requiring = sso_required_for(user)
        if requiring:
            raise forms.ValidationError(
                self.error_messages["sso_required"],
                code="sso_required",
                params={"municipality": ", ".join(m.name for m in requiring)},
            )


class PasswordForm(AccessibleErrorsMixin, PasswordChangeForm):
    def save(self, commit: bool = True) -> Any:
        password_set(
            user=self.user,
            password=self.cleaned_data["new_password1"],
            by=self.user,
            kind=AccountEvent.Kind.PASSWORD_CHANGED,
        )
        return self.user


class ResetRequestForm(AccessibleErrorsMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("E-post"),
        max_length=254,
        help_text=_("Adressen som ditt konto i Utblick har."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email: str) -> Any:
        """Not members of a municipality that requires its own sign-in: no password works there."""
        return (user for user in super().get_users(email) if not sso_required_for(user))


class ResetPasswordForm(AccessibleErrorsMixin, SetPasswordForm):
    def save(self, commit: bool = True) -> Any:
        password_set(
            user=self.user,
            password=self.cleaned_data["new_password1"],
            by=self.user,
            kind=AccountEvent.Kind.PASSWORD_RESET,
        )
        return self.user


class EmailChangeForm(AccessibleErrorsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Ny e-postadress"),
        max_length=254,
        help_text=_("Vi skickar en länk dit. Adressen byts när du har öppnat länken."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Ditt nuvarande lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class MembershipForm(VersionedModelForm):
    class Meta:
        model = Membership
        fields = ["role", "units"]
        widgets = {"role": forms.RadioSelect, "units": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Role.choices
        self.fields["units"].queryset = Unit.objects.current().filter(municipality=municipality)
        self.fields["units"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("role") == Role.EDITOR and not data.get("units"):
            self.add_error("units", _("En redaktör behöver minst en enhet att redigera."))
        if data.get("role") != Role.EDITOR:
            data["units"] = Unit.objects.none()
        return data


class InvitationForm(AccessibleErrorsMixin, forms.Form):
    """Whom to invite, and as what. The address gets a link; no account is looked up."""

    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-post"),
        help_text=_(
            "Inbjudan skickas hit. Personen väljer själv användarnamn och lösenord via länken."
        ),
        error_messages={
            "invalid": _("Skriv e-postadressen i rätt format, till exempel namn@exempel.se.")
        },
    )
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices, widget=forms.RadioSelect)
    units = forms.ModelMultipleChoiceField(
        label=_("Enheter"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Redaktörer ändrar bara uppgifter för dessa enheter och enheterna under dem."),
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.current().filter(municipality=municipality)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("role") == Role.EDITOR and not data.get("units"):
            self.add_error("units", _("En redaktör behöver minst en enhet att redigera."))
        return data


class InvitationAcceptForm(AccessibleErrorsMixin, SetPasswordForm):
    """The invitee's own username and password, checked by Django's password rules."""

    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Bokstäver, siffror och @ . + - _ går bra."),
    )
    field_order = ["username", "new_password1", "new_password2"]

    def __init__(self, invitation: Invitation, *args: Any, **kwargs: Any) -> None:
        user = get_user_model()(
            email=invitation.email,
            first_name=invitation.first_name,
            last_name=invitation.last_name,
        )
        kwargs.setdefault("initial", {"username": proposed_username(invitation.email)})
        super().__init__(user, *args, **kwargs)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        self.user.username = username  # the password may not resemble it
        return username


def proposed_username(email: str) -> str:
    """What the form suggests: the part of the address before the @."""
    local = email.split("@", 1)[0].lower()
    return "".join(c for c in local if c.isalnum() or c in "@.+-_")[:150]


class TokenForm(AccessibleErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Vad ska nyckeln användas till?"),
        max_length=100,
        help_text=_("T.ex. ”Ekonomisystemets synk”. Syns bara för dig."),
    )
    scope = forms.ChoiceField(
        label=_("Vad får nyckeln göra?"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("Aldrig mer än din egen roll tillåter."),
    )
    validity = forms.ChoiceField(
        label=_("Hur länge ska nyckeln gälla?"),
        choices=[
            ("30", _("30 dagar")),
            ("90", _("90 dagar")),
            ("365", _("365 dagar")),
            ("date", _("Till ett datum som jag väljer")),
        ],
        initial="90",
        widget=forms.RadioSelect,
    )
    expires_on = forms.DateField(
        label=_("Sista giltiga dag"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Bara om du valde ett eget datum. Till exempel 2027-06-30."),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2027-06-30.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        validity = data.get("validity")
        if validity == "date":
            if not data.get("expires_on") and "expires_on" not in self.errors:
                self.add_error("expires_on", _("Ange sista giltiga dag."))
        elif validity:
            data["expires_on"] = clock.today() + timedelta(days=int(validity))
        return data
