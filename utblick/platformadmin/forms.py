"""The "Ny kommun" form: a municipality from the official list and its first coordinator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from utblick.demo.national import PRESETS
from utblick.municipalities.selectors import reference_municipalities_not_created


def _municipality_choices() -> list[Any]:
    """The municipalities not yet created, grouped by county (an <optgroup> each)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for m in reference_municipalities_not_created():
        groups.setdefault(m.county.name, []).append((m.code, m.name))
    return [("", _("Välj kommun")), *groups.items()]


class MunicipalityCreateForm(forms.Form):
    code = forms.ChoiceField(
        label=_("Kommun"),
        error_messages={
            "required": _("Välj en kommun ur listan."),
            "invalid_choice": _(
                "Välj en kommun ur listan. Den valda finns inte där eller är redan tillagd."
            ),
        },
    )
    slug = forms.CharField(
        label=_("Adress"),
        required=False,
        max_length=60,
        help_text=_(
            "Kommunens del av adressen, t.ex. upplands-vasby i /app/upplands-vasby/. "
            "Lämnas fältet tomt används kommunens namn med a för å och ä och o för ö."
        ),
    )
    website = forms.URLField(label=_("Webbplats"), required=False, assume_scheme="https")
    first_name = forms.CharField(label=_("Samordnarens förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Samordnarens efternamn"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Samordnarens e-post"),
        help_text=_("Samordnaren får en inbjudan med en länk som gäller i sju dagar."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = _municipality_choices()
        self.fields["slug"].widget.attrs["placeholder"] = "upplands-vasby"

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's refusal beside the field it names, or at the top."""
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                self.add_error(field if field in self.fields else None, problems)
        else:
            self.add_error(None, error.messages)


class DemoScaleForm(forms.Form):
    """Benchmark data at a preset size, made in the background (not in production)."""

    preset = forms.ChoiceField(
        label=_("Storlek"),
        choices=lambda: [(key, label) for key, (label, _scale) in PRESETS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj en storlek."), "invalid_choice": _("Välj en storlek.")},
    )
