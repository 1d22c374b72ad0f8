from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from utblick.core.forms import Form, VersionedModelForm
from utblick.organisation.models import Unit
from utblick.sso.models import SsoSettings


class SsoSettingsForm(VersionedModelForm):
    """The coordinator's form; the secret is write-only (never sent back to the browser)."""

    issuer = forms.URLField(
        label=capfirst(SsoSettings._meta.get_field("issuer").verbose_name),
        help_text=SsoSettings._meta.get_field("issuer").help_text,
        max_length=300,
        required=False,
        assume_scheme="https",
    )
    new_secret = forms.CharField(
        label=_("Klienthemlighet"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = SsoSettings
        fields = [
            "enabled",
            "issuer",
            "client_id",
            "client_secret_env",
            "new_secret",
            "extra_scopes",
            "allowed_domains",
            "group_claim",
            "coordinator_groups",
            "editor_groups",
            "editor_units",
            "require_sso",
        ]
        widgets = {
            "allowed_domains": forms.Textarea(attrs={"rows": 2}),
            "coordinator_groups": forms.Textarea(attrs={"rows": 2}),
            "editor_groups": forms.Textarea(attrs={"rows": 2}),
            "editor_units": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["editor_units"].queryset = Unit.objects.current().filter(
            municipality=municipality
        )
        self.fields["editor_units"].required = False
        if self.instance.client_secret_encrypted:
            self.fields["new_secret"].help_text = _(
                "En hemlighet är sparad (krypterad). Den visas aldrig igen; lämna fältet tomt "
                "för att behålla den, eller skriv en ny för att byta."
            )
        else:
            self.fields["new_secret"].help_text = _(
                "Entra ID: Certificates & secrets → Client secrets (värdet, inte dess id). "
                "ADFS: den delade hemligheten. Sparas krypterad och visas aldrig igen. Lämna "
                "tomt om hemligheten ligger i en miljövariabel."
            )


class SsoStartForm(Form):
    """Which organisation's sign-in to use: found from the address, or chosen."""

    email = forms.EmailField(
        label=_("Din e-postadress i organisationen"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Skriv e-postadressen i rätt format, till exempel namn@kommun.se.")
        },
    )
    municipality = forms.TypedChoiceField(
        label=_("Eller välj kommun"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", "—"), *choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("email") and not data.get("municipality") and not self.errors:
            self.add_error("email", _("Skriv din e-postadress eller välj kommun."))
        return data
