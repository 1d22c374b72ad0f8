from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.countries import country_choices
from utblick.core.forms import VersionedModelForm
from utblick.partners.models import Partner, PartnerKind


class PartnerForm(VersionedModelForm):
    website = forms.URLField(label=_("Webbplats"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = [
            "name",
            "kind",
            "country",
            "place",
            "latitude",
            "longitude",
            "website",
            "description",
            "pic",
            "vat_number",
            "organisation_number",
            "national_id",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "latitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error(
                "longitude" if data.get("longitude") is None else "latitude",
                _("Ange både latitud och longitud, eller ingen av dem."),
            )
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(
            label=_("Land"), choices=[("", _("Välj land")), *country_choices()]
        )
        self.fields["kind"].choices = [("", _("Välj typ")), *PartnerKind.choices]
