from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.countries import country_choices
from utblick.core.forms import VersionedModelForm, decimal_comma
from utblick.travel.models import EmissionFactor, Trip

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TripForm(VersionedModelForm):
    class Meta:
        model = Trip
        fields = [
            "travellers",
            "mode",
            "origin",
            "origin_country",
            "destination",
            "destination_country",
            "distance_km",
            "round_trip",
            "travelled_on",
        ]
        widgets = {"travelled_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", _("Välj land")), *country_choices()]
        for name, label in (
            ("origin_country", _("Från land")),
            ("destination_country", _("Till land")),
        ):
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)
        self.fields["mode"].choices = [("", _("Välj färdsätt")), *self.fields["mode"].choices[1:]]
        decimal_comma(self.fields)


class FactorForm(VersionedModelForm):
    class Meta:
        model = EmissionFactor
        fields = ["grams", "source", "year"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        decimal_comma(self.fields)
