from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.forms import Form, VersionedModelForm
from utblick.followup.models import FollowUp, Period, TrafficLight
from utblick.followup.services import period_problems

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FollowUpForm(Form):
    status = forms.ChoiceField(
        label=_("Läge"), choices=TrafficLight.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när läget inte är ”enligt plan”: vad avviker, och vad görs åt det?"),
    )
    comment.required_when = _("krävs när läget inte är enligt plan")  # type: ignore[attr-defined]
    progress = forms.IntegerField(
        label=_("Genomfört (procent)"), min_value=0, max_value=100, initial=0
    )
    results = forms.CharField(
        label=_("Uppnådda resultat"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    spent = forms.DecimalField(
        label=_("Använt hittills (kr)"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        initial=0,
    )
    next_steps = forms.CharField(
        label=_("Nästa steg"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("status")
            and data["status"] != TrafficLight.ON_TRACK
            and not (data.get("comment") or "").strip()
        ):
            self.add_error(
                "comment", _("Förklara avvikelsen i en kommentar när läget inte är ”enligt plan”.")
            )
        return data

    @classmethod
    def for_followup(cls, followup: FollowUp | None, data: Any = None) -> FollowUpForm:
        initial = {}
        if followup is not None:
            initial = {
                n: getattr(followup, n)
                for n in ("status", "comment", "progress", "results", "spent", "next_steps")
            }
            initial["row_version"] = followup.row_version
        return cls(data, initial=initial)


class CorrectionForm(FollowUpForm):
    correction_reason = forms.CharField(
        label=_("Skäl till rättelsen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Perioden är låst. Rättelsen blir en ny version; den tidigare finns kvar att läsa."
        ),
    )
    field_order = ["correction_reason"]


class ReturnForm(Form):
    returned_reason = forms.CharField(
        label=_("Vad behöver kompletteras?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodForm(VersionedModelForm):
    class Meta:
        model = Period
        fields = ["name", "key", "start", "end", "opens_on", "due_on", "closes_on"]
        widgets = dict.fromkeys(("start", "end", "opens_on", "due_on", "closes_on"), DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        candidate = Period(**{k: data.get(k) for k in ("start", "end", "due_on", "closes_on")})
        for name, messages in period_problems(candidate).items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        return data
