from __future__ import annotations

import contextlib
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core import clock
from utblick.core.forms import Form
from utblick.followup.models import Period
from utblick.organisation.models import Unit


class ScopeForm(Form):
    ar = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    period = forms.ModelChoiceField(
        queryset=Period.objects.none(),
        required=False,
        label=_("Period"),
        empty_label=_("Hela året"),
    )
    enhet = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("Enhet"),
        empty_label=_("Hela kommunen"),
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = clock.today().year
        with contextlib.suppress(TypeError, ValueError):
            year = int(self.data.get("ar") or year)
        self.fields["ar"].initial = year
        self.fields["period"].queryset = Period.objects.filter(municipality=municipality, year=year)
        self.fields["enhet"].queryset = Unit.objects.current().filter(municipality=municipality)
