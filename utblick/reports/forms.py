from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core import clock
from utblick.core.dates import FIRST_YEAR, LAST_YEAR, asked_year
from utblick.core.forms import Form
from utblick.followup.models import Period
from utblick.followup.selectors import periods_for
from utblick.organisation.models import Unit


class ScopeForm(Form):
    ar = forms.IntegerField(label=_("År"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    period = forms.ChoiceField(required=False, label=_("Period"))
    enhet = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("Enhet"),
        empty_label=_("Hela kommunen"),
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = asked_year(self.data.get("ar"), clock.today().year)
        self.fields["ar"].initial = year
        self.periods = {p.key: p for p in periods_for(municipality, year)}
        self.fields["period"].choices = [("", _("Hela året"))] + [
            (key, p.name) for key, p in self.periods.items()
        ]
        self.fields["enhet"].queryset = Unit.objects.current().filter(municipality=municipality)

    def clean_period(self) -> Period | None:
        """The chosen period (stored or from the cadence), or None for the whole year."""
        key = self.cleaned_data.get("period") or ""
        return self.periods.get(key)
