from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from utblick.accounts.models import Membership
from utblick.core.forms import AccessibleErrorsMixin, VersionedModelForm
from utblick.core.tenancy import Role
from utblick.organisation.models import Unit


class LoginForm(AccessibleErrorsMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Observera att lösenordet skiljer på stora och små bokstäver."
        ),
        "inactive": _("Kontot är inaktiverat."),
    }


class PasswordForm(AccessibleErrorsMixin, PasswordChangeForm):
    pass


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


class NewMemberForm(MembershipForm):
    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        help_text=_(
            "Finns användaren redan i Utblick läggs hen till i kommunen; annars skapas ett konto."
        ),
    )
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)

    field_order = ["username", "first_name", "last_name", "email", "role", "units"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = kwargs["municipality"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username).first()
        if user and Membership.objects.filter(user=user, municipality=self.municipality).exists():
            raise forms.ValidationError(
                _("%(u)s är redan medlem i kommunen."), params={"u": username}
            )
        return username


class TokenForm(AccessibleErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Vad ska nyckeln användas till?"),
        max_length=100,
        help_text=_("T.ex. ”Ekonomisystemets synk”. Syns bara för dig."),
    )
