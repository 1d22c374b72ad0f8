from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.forms import Form, VersionedModelForm
from utblick.public.models import PublicSettings


class DefectReportForm(Form):
    page = forms.CharField(label=_("Vilken sida gäller det?"), max_length=500, required=False)
    description = forms.CharField(
        label=_("Vad fungerar inte?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Beskriv vad du försökte göra och vad som hindrade dig."),
        error_messages={"required": _("Beskriv vad som inte fungerar.")},
    )
    email = forms.EmailField(
        label=_("Din e-post, om du vill ha svar"),
        required=False,
        error_messages={
            "invalid": _("Skriv e-postadressen i rätt format, till exempel namn@exempel.se.")
        },
    )


class PublicSettingsForm(VersionedModelForm):
    licence = forms.URLField(
        label=_("Licens för öppna data"),
        assume_scheme="https",
        help_text=_("Adressen till licensen; CC0 om inget annat beslutats."),
    )

    class Meta:
        model = PublicSettings
        fields = [
            "enabled",
            "show_costs",
            "show_funding",
            "show_contacts",
            "show_units",
            "intro",
            "intro_en",
            "contact_email",
            "licence",
            "accessibility_email",
            "accessibility_reviewed_on",
            "accessibility_known_issues",
        ]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "intro_en": forms.Textarea(attrs={"rows": 3}),
            "accessibility_known_issues": forms.Textarea(attrs={"rows": 3}),
            "accessibility_reviewed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
